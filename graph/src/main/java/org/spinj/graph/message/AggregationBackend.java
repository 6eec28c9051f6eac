package org.spinj.graph.message;

import ai.djl.ndarray.NDArray;

/**
 * Sums edge messages into their targets, {@code out[..., i, :] = sum over edges e -> i of
 * messages[..., e, :]}: the scatter-add that DJL lacks. Implementations differ only in speed
 * and memory; all are exact up to float rounding and differentiable with respect to the
 * messages. Nodes without incoming edges receive exactly 0.
 *
 * <p>Implementations: {@link DenseIncidenceBackend}, {@link SparseIncidenceBackend}, {@link
 * CumsumSegmentBackend}, {@link PaddedNeighbourBackend}; {@link Backend#AUTO} picks one by size.
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

    /** @return which backend this is */
    Backend kind();
}
