package org.spinj.graph.message;

import ai.djl.ndarray.NDArray;

/**
 * Segment sum by a cumulative sum over target-sorted edges: with {@code S} the running sum along
 * the edge axis (a leading zero prepended), node {@code i}'s sum is {@code S[high_i] -
 * S[low_i]}. Cost {@code O(E · L · C)} with no layout change; messages are permuted first only
 * when the graph is not sorted by target.
 *
 * <p>Float rounding: the difference of two running sums carries an absolute error of about
 * {@code eps · |S|}, which grows with the edge count when messages share a sign. The per-channel
 * mean over edges is therefore subtracted before the sum and added back times the in-degree,
 * which keeps {@code |S|} near {@code sqrt(E)} times the messages' spread instead of {@code E}
 * times their mean.
 */
public final class CumsumSegmentBackend implements AggregationBackend {

    @Override
    public NDArray sum(NDArray messages, GraphTensors graph) {
        graph.checkEdges(messages);
        NDArray[] layout = graph.cumsumLayout();
        int axis = messages.getShape().dimension() - 2;
        NDArray sorted = layout[0] == null ? messages : GraphTensors.gather(messages, layout[0]);
        NDArray mean = sorted.mean(new int[] {axis}, true); // [..., 1, C]
        NDArray running = graph.withZeroEdgeFirst(sorted.sub(mean).cumSum(axis));
        NDArray high = GraphTensors.gather(running, layout[2]);
        NDArray low = GraphTensors.gather(running, layout[1]);
        return high.sub(low).add(mean.mul(graph.inDegree()));
    }

    @Override
    public Backend kind() {
        return Backend.SEGMENT_CUMSUM;
    }
}
