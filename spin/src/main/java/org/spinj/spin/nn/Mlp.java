package org.spinj.spin.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * tsl's {@code MLP}: {@code layers} × (Linear → ReLU), then, only if an output size is given, a
 * plain Linear readout. Without a readout the MLP ends with an activation, as in tsl.
 *
 * <pre>
 *   x [..., Cin] -> relu(lin0) -> ... -> relu(lin{k-1}) [-> readout] -> [..., Cout]
 * </pre>
 *
 * <p>Weights start as {@code torch.nn.Linear}'s: {@code U(±1/sqrt(fan_in))} (Xavier, uniform,
 * fan-in, magnitude 1); biases at zero. Children are named {@code lin0, lin1, ..., readout}.
 */
public final class Mlp extends AbstractBlock {

    private static final byte VERSION = 1;

    private final List<Linear> hidden = new ArrayList<>();
    private final Linear readout;
    private final int outputSize;

    /**
     * @param hiddenSize units of every hidden layer
     * @param layers number of Linear → ReLU layers ({@code >= 1})
     * @param outputSize units of the readout, or 0 for none
     */
    public Mlp(int hiddenSize, int layers, int outputSize) {
        super(VERSION);
        if (hiddenSize < 1 || layers < 1 || outputSize < 0) {
            throw new IllegalArgumentException(
                    "expected hiddenSize >= 1, layers >= 1, outputSize >= 0, got " + hiddenSize
                            + ", " + layers + ", " + outputSize);
        }
        for (int k = 0; k < layers; k++) {
            hidden.add(addChildBlock("lin" + k, torchLinear(hiddenSize)));
        }
        this.outputSize = outputSize > 0 ? outputSize : hiddenSize;
        this.readout = outputSize > 0 ? addChildBlock("readout", torchLinear(outputSize)) : null;
    }

    /**
     * A Linear layer initialised like {@code torch.nn.Linear} (weights {@code U(±1/sqrt(fan_in))},
     * zero bias).
     *
     * @param units output units
     * @return the layer
     */
    public static Linear torchLinear(int units) {
        Linear lin = Linear.builder().setUnits(units).build();
        lin.setInitializer(
                new XavierInitializer(
                        XavierInitializer.RandomType.UNIFORM, XavierInitializer.FactorType.IN, 1f),
                Parameter.Type.WEIGHT);
        return lin;
    }

    /**
     * Applies the MLP.
     *
     * @param ps the parameter store
     * @param x {@code [..., Cin]}
     * @param training whether gradients are recorded
     * @return {@code [..., Cout]}
     */
    public NDArray forward(ParameterStore ps, NDArray x, boolean training) {
        NDArray h = x;
        for (Linear lin : hidden) {
            h = Activation.relu(lin.forward(ps, new NDList(h), training).singletonOrThrow());
        }
        if (readout != null) {
            h = readout.forward(ps, new NDList(h), training).singletonOrThrow();
        }
        return h;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(forward(ps, inputs.singletonOrThrow(), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {s.slice(0, s.dimension() - 1).add(outputSize)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... shapes) {
        Shape s = shapes[0];
        for (Linear lin : hidden) {
            lin.initialize(manager, dataType, s);
            s = lin.getOutputShapes(new Shape[] {s})[0];
        }
        if (readout != null) {
            readout.initialize(manager, dataType, s);
        }
    }
}
