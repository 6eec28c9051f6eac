package org.spinj.graph.message;

import ai.djl.ndarray.NDArray;

/**
 * Reduces edge values into their targets, the scatter operations that DJL lacks: a sum
 * ({@code out[..., i, :] = sum over edges e -> i of messages[..., e, :]}), a channel-wise maximum
 * and a softmax over each target's incoming edges. Implementations differ only in speed and
 * memory; all are exact up to float rounding and differentiable with respect to the values.
 * Nodes without incoming edges receive exactly 0.
 *
 * <p>Implementations: {@link DenseMaskedBackend}, {@link DenseIncidenceBackend}, {@link
 * SparseIncidenceBackend}, {@link CumsumSegmentBackend}, {@link PaddedNeighbourBackend}; {@link
 * Backend#AUTO} picks one by size.
 */
public interface AggregationBackend {

    /**
     * Sums messages into targets.
     *
     * @param messages {@code [..., E, C]} one message per edge, in the column order of the graph
     * @param graph the graph's cached tensors, on the messages' device and type
     * @return {@code [..., N, C]}, owned by the messages' manager
     */
    NDArray sum(NDArray messages, GraphTensors graph);

    /**
     * Channel-wise maximum over each target's incoming edges; 0 for a node without any. The
     * gradient flows to the edge that attains the maximum.
     *
     * @param messages {@code [..., E, C]} one message per edge, in the column order of the graph
     * @param graph the graph's cached tensors, on the messages' device and type
     * @return {@code [..., N, C]}, owned by the messages' manager
     */
    NDArray max(NDArray messages, GraphTensors graph);

    /**
     * Softmax over each target's incoming edges, as specified by {@link EdgeSoftmax#softmax(
     * NDArray, GraphTensors, AggregationBackend, NDArray)} (call that, not this). The default
     * computes it from segments: this backend's {@link #max} for the shift and {@link #sum} for
     * the denominators ({@link EdgeSoftmax#bySegments}).
     *
     * @param scores {@code [..., E, H]} one score per edge and head
     * @param graph the graph's cached tensors
     * @param mask {@code [..., E, 1]} or {@code [..., E, H]} boolean, {@code true} = edge takes
     *     part; or {@code null} for all edges
     * @return {@code [..., E, H]} weights summing to 1 over each target's valid edges, 0 where
     *     none is valid
     */
    default NDArray softmax(NDArray scores, GraphTensors graph, NDArray mask) {
        return EdgeSoftmax.bySegments(scores, graph, this, mask);
    }

    /** @return which backend this is */
    Backend kind();
}
