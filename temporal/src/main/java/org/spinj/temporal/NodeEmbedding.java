package org.spinj.temporal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.UniformInitializer;
import ai.djl.util.PairList;

/**
 * A learnable table of node embeddings {@code [N, d]}, tsl's {@code StaticGraphEmbedding}
 * (spin.md §1.2), initialised {@code U(-1/sqrt(d), 1/sqrt(d))} (re-applied in {@link #prepare},
 * so a trainer's default initializer does not replace it). Forward with an empty input list
 * returns the whole table; with a {@code [K]} int64 node index it returns those rows.
 */
public final class NodeEmbedding extends AbstractBlock {

    private final int numNodes;
    private final int channels;
    private final Parameter table;

    /**
     * Creates the table.
     *
     * @param numNodes {@code N >= 1}
     * @param channels {@code d >= 1}
     */
    public NodeEmbedding(int numNodes, int channels) {
        if (numNodes < 1 || channels < 1) {
            throw new IllegalArgumentException(
                    "numNodes and channels must be >= 1, got numNodes=" + numNodes
                            + ", channels=" + channels);
        }
        this.numNodes = numNodes;
        this.channels = channels;
        table = addParameter(Parameter.builder().setName("embedding")
                .setType(Parameter.Type.WEIGHT).optShape(new Shape(numNodes, channels)).build());
    }

    /** {@inheritDoc} */
    @Override
    protected void prepare(Shape[] inputShapes) {
        table.setInitializer(new UniformInitializer((float) (1 / Math.sqrt(channels))));
    }

    /** {@inheritDoc} Output {@code [N, d]}, or {@code [K, d]} for a {@code [K]} index. */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long rows = inputShapes.length == 0 ? numNodes : inputShapes[0].get(0);
        return new Shape[] {new Shape(rows, channels)};
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException(
                    "expected a [K] node index; use table(ps, device) for the whole table");
        }
        NDArray index = inputs.get(0); // [K] -> [K, d]
        NDArray w = ps.getValue(table, index.getDevice(), training);
        NDArray rows = w.get(new NDIndex("{}", index));
        rows.attach(index.getManager()); // a parameter-receiver op must not stay on its manager
        return new NDList(rows);
    }

    /**
     * Returns the whole table.
     *
     * @param ps the parameter store
     * @param device the device
     * @param training whether gradients are recorded
     * @return {@code [N, d]} (the parameter value itself: do not close it)
     */
    public NDArray table(ParameterStore ps, ai.djl.Device device, boolean training) {
        return ps.getValue(table, device, training);
    }
}
