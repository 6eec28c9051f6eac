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

    @Override
    public Backend kind() {
        return Backend.PADDED_NEIGHBOURS;
    }
}
