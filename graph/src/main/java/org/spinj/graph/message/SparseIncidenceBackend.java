package org.spinj.graph.message;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Segment sum as a sparse COO {@code [N, E]} incidence matrix times the messages laid out as
 * {@code [E, L·C]}. Cost {@code O(E · L · C)}, plus two layout transposes; the gradient flows to
 * the dense messages (the incidence is a constant).
 */
public final class SparseIncidenceBackend implements AggregationBackend {

    @Override
    public NDArray sum(NDArray messages, GraphTensors graph) {
        graph.checkEdges(messages);
        Shape s = messages.getShape();
        int r = s.dimension();
        long e = s.get(r - 2);
        long c = s.get(r - 1);
        long lead = s.size() / (e * c);
        NDArray flat = messages.reshape(lead, e, c).transpose(1, 0, 2).reshape(e, lead * c);
        NDArray summed = GraphTensors.adopt(graph.sparseIncidence().matMul(flat), messages);
        return summed.reshape(graph.numNodes(), lead, c)
                .transpose(1, 0, 2)
                .reshape(DenseIncidenceBackend.nodeShape(s, graph.numNodes()));
    }

    @Override
    public Backend kind() {
        return Backend.SPARSE_INCIDENCE;
    }
}
