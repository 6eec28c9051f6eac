package org.spinj.graph.message;

import ai.djl.ndarray.NDArray;

/**
 * Segment sum as a sparse COO {@code [N, E]} incidence matrix times the messages laid out as
 * {@code [E, L·C]}. Cost {@code O(E · L · C)}, plus two layout transposes; the gradient flows to
 * the dense messages (the incidence is a constant).
 */
public final class SparseIncidenceBackend implements AggregationBackend {

    @Override
    public NDArray sum(NDArray messages, GraphTensors graph) {
        return DenseIncidenceBackend.incidenceProduct(graph.sparseIncidence(), messages, graph);
    }

    /**
     * {@inheritDoc} A sparse matrix product can only sum, so this delegates to the
     * padded-neighbour gather ({@link PaddedNeighbourBackend#max}), exact and {@code O(N · D · L
     * · C)}.
     */
    @Override
    public NDArray max(NDArray messages, GraphTensors graph) {
        return graph.paddedMax(messages);
    }

    @Override
    public Backend kind() {
        return Backend.SPARSE_INCIDENCE;
    }
}
