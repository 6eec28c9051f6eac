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

    @Override
    public Backend kind() {
        return Backend.SPARSE_INCIDENCE;
    }
}
