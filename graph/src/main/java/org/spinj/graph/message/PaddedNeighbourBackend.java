package org.spinj.graph.message;

import ai.djl.ndarray.NDArray;

/**
 * Segment sum by a padded-neighbour (ELL) gather: the messages, with one zero edge appended, are
 * gathered into {@code [..., N, D, C]} ({@code D} = largest in-degree, padding points at the zero
 * edge) and summed over {@code D}. Cost and memory {@code O(N · D · L · C)}: fast when degrees
 * are even, wasteful when one node has many more neighbours than the rest.
 */
public final class PaddedNeighbourBackend implements AggregationBackend {

    @Override
    public NDArray sum(NDArray messages, GraphTensors graph) {
        NDArray padded = graph.withZeroEdge(messages);
        int axis = messages.getShape().dimension() - 2;
        return GraphTensors.gather(padded, graph.sumNeighbours())
                .reshape(graph.neighbourShape(messages.getShape()))
                .sum(new int[] {axis + 1});
    }

    /**
     * {@inheritDoc} The same gather into {@code [..., N, D, C]}, with padding that repeats one
     * of the node's own edges instead of pointing at the zero edge, then a maximum over {@code
     * D}.
     */
    @Override
    public NDArray max(NDArray messages, GraphTensors graph) {
        return graph.paddedMax(messages);
    }

    @Override
    public Backend kind() {
        return Backend.PADDED_NEIGHBOURS;
    }
}
