package org.spinj.visualize.explain;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.Objects;
import java.util.function.Function;

/**
 * A DJL block seen as a {@link DifferentiableModel}: rows are reshaped to {@code [N,
 * sampleShape...]}, the block runs in inference mode, and {@code output} picks one scalar per
 * row from its outputs (a class probability, a logit). Every call works in a sub-manager that it
 * closes. Gradients also accumulate on the block's parameters (DJL has no input-only backward);
 * a later training step must not start from them without zeroing.
 */
public final class BlockModel implements DifferentiableModel, Function<float[][], double[]> {

    private final Block block;
    private final NDManager manager;
    private final Shape sampleShape;
    private final Function<NDList, NDArray> output;

    /**
     * @param block an initialised block
     * @param manager the manager owning its parameters
     * @param sampleShape the shape of one sample, e.g. {@code (T, 1)} or {@code (F)}
     * @param output picks the explained {@code [N]} output from the block's outputs
     */
    public BlockModel(Block block, NDManager manager, Shape sampleShape, Function<NDList, NDArray> output) {
        this.block = Objects.requireNonNull(block, "block");
        this.manager = Objects.requireNonNull(manager, "manager");
        this.sampleShape = Objects.requireNonNull(sampleShape, "sampleShape");
        this.output = Objects.requireNonNull(output, "output");
    }

    @Override
    public double[] apply(float[][] rows) {
        return outputs(rows);
    }

    @Override
    public double[] outputs(float[][] rows) {
        try (NDManager m = manager.newSubManager()) {
            NDList out = block.forward(new ParameterStore(m, false), new NDList(stack(m, rows)), false);
            return toDouble(output.apply(out).toFloatArray());
        }
    }

    /**
     * The picked output with its trailing axes kept, one row per input row: with an output
     * function that keeps the class axis ({@code y -> y.get(0).softmax(1)}), every class
     * probability at once, for {@link KernelShap#multiOutput}.
     *
     * @param rows {@code [N][F]} inputs
     * @return {@code [N][K]}, {@code K} = the output's size / {@code N}
     */
    public double[][] outputRows(float[][] rows) {
        try (NDManager m = manager.newSubManager()) {
            NDList out = block.forward(new ParameterStore(m, false), new NDList(stack(m, rows)), false);
            float[] v = output.apply(out).toFloatArray();
            int k = v.length / rows.length;
            double[][] r = new double[rows.length][k];
            for (int i = 0; i < rows.length; i++) {
                for (int j = 0; j < k; j++) {
                    r[i][j] = v[i * k + j];
                }
            }
            return r;
        }
    }

    @Override
    public double[][] gradients(float[][] rows) {
        try (NDManager m = manager.newSubManager()) {
            NDArray x = stack(m, rows);
            x.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDList out = block.forward(new ParameterStore(m, false), new NDList(x), false);
                gc.backward(output.apply(out).sum());
            }
            float[] g = x.getGradient().toFloatArray();
            int f = rows[0].length;
            double[][] grads = new double[rows.length][f];
            for (int i = 0; i < rows.length; i++) {
                for (int j = 0; j < f; j++) {
                    grads[i][j] = g[i * f + j];
                }
            }
            return grads;
        }
    }

    private NDArray stack(NDManager m, float[][] rows) {
        int f = (int) sampleShape.size();
        float[] flat = new float[rows.length * f];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != f) {
                throw new IllegalArgumentException("row " + i + " has " + rows[i].length
                        + " values, expected " + f + " for sample shape " + sampleShape);
            }
            System.arraycopy(rows[i], 0, flat, i * f, f);
        }
        return m.create(flat, new Shape(rows.length).addAll(sampleShape));
    }

    private static double[] toDouble(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }
}
