package org.spinj.graph.message;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Segment sum as a dense matrix product with the {@code [N, E]} one-hot incidence matrix:
 * {@code out = I · messages}, computed as one GEMM over the edge axis. Cost {@code O(N · E · L ·
 * C)} for {@code L} leading positions: it pays for every zero of the incidence matrix.
 */
public final class DenseIncidenceBackend implements AggregationBackend {

    @Override
    public NDArray sum(NDArray messages, GraphTensors graph) {
        return incidenceProduct(graph.denseIncidence(), messages, graph);
    }

    /**
     * {@code incidence · messages} over the edge axis, for a dense or sparse {@code [N, E]}
     * incidence matrix.
     *
     * @param incidence {@code [N, E]}
     * @param messages {@code [..., E, C]}
     * @param graph the graph's tensors
     * @return {@code [..., N, C]}, owned by the messages' manager
     */
    static NDArray incidenceProduct(NDArray incidence, NDArray messages, GraphTensors graph) {
        graph.checkEdges(messages);
        Shape s = messages.getShape();
        int r = s.dimension();
        long e = s.get(r - 2);
        long c = s.get(r - 1);
        long lead = s.size() / (e * c);
        // [L, E, C] -> [E, L*C]: one 2-D GEMM instead of a broadcast batch of them.
        NDArray flat = messages.reshape(lead, e, c).transpose(1, 0, 2).reshape(e, lead * c);
        NDArray summed = GraphTensors.adopt(incidence.matMul(flat), messages);
        return summed.reshape(graph.numNodes(), lead, c)
                .transpose(1, 0, 2)
                .reshape(nodeShape(s, graph.numNodes()));
    }

    /**
     * {@inheritDoc} A matrix product can only sum, so this delegates to the padded-neighbour
     * gather ({@link PaddedNeighbourBackend#max}), which is exact and costs {@code O(N · D · L ·
     * C)}, less than this backend's own sum.
     */
    @Override
    public NDArray max(NDArray messages, GraphTensors graph) {
        return graph.paddedMax(messages);
    }

    @Override
    public Backend kind() {
        return Backend.DENSE_INCIDENCE;
    }

    static Shape nodeShape(Shape edgeShape, int numNodes) {
        long[] dims = edgeShape.getShape().clone(); // Shape.getShape() is the live array
        dims[dims.length - 2] = numNodes;
        return new Shape(dims);
    }
}
