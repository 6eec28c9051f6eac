package org.spinj.graph.message;

import ai.djl.ndarray.NDArray;

/**
 * Segment sum by a cumulative sum over target-sorted edges: with {@code S} the running sum along
 * the edge axis (a leading zero prepended), node {@code i}'s sum is {@code S[high_i] -
 * S[low_i]}. Cost {@code O(E · L · C)} with no layout change; messages are permuted first only
 * when the graph is not sorted by target.
 *
 * <p>Float rounding: the difference of two running sums carries an absolute error of about
 * {@code eps · |S|}, and {@code |S|} grows with the edge count, in the forward pass and in the
 * backward pass (a reversed running sum). DJL's {@code toType} does not propagate gradients, so
 * the sum cannot be widened to float64 for float32 messages; prefer another backend when
 * messages share a sign over thousands of edges.
 */
public final class CumsumSegmentBackend implements AggregationBackend {

    @Override
    public NDArray sum(NDArray messages, GraphTensors graph) {
        graph.checkEdges(messages);
        NDArray[] layout = graph.cumsumLayout();
        int axis = messages.getShape().dimension() - 2;
        NDArray sorted = layout[0] == null ? messages : GraphTensors.gather(messages, layout[0]);
        NDArray running = graph.withZeroEdgeFirst(sorted.cumSum(axis));
        NDArray high = GraphTensors.gather(running, layout[2]);
        NDArray low = GraphTensors.gather(running, layout[1]);
        return high.sub(low);
    }

    /**
     * {@inheritDoc} A maximum has no inverse, so it cannot be read off a running reduction as a
     * difference, and DJL has no running maximum ({@code cummax}); this delegates to the
     * padded-neighbour gather ({@link PaddedNeighbourBackend#max}), exact and {@code O(N · D · L
     * · C)}.
     */
    @Override
    public NDArray max(NDArray messages, GraphTensors graph) {
        return graph.paddedMax(messages);
    }

    @Override
    public Backend kind() {
        return Backend.SEGMENT_CUMSUM;
    }
}
