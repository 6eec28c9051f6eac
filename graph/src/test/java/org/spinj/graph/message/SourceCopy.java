package org.spinj.graph.message;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.spinj.graph.EdgeIndex;

/** The simplest layer for tests: the message is the source's features, {@code m_ji = x_j}. */
final class SourceCopy extends MessagePassing {

    SourceCopy(EdgeIndex edges, Aggregation aggregation, Backend backend) {
        super((byte) 1, edges, aggregation, backend, "copy");
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        checkNodeInput(x, "x", -1);
        boolean flat = x.getShape().dimension() == 3;
        NDArray x4 = flat ? x.expandDims(1) : x;
        NDArray out = propagate(ps, new NDList(x4), new NDList(), inputs, training);
        return new NDList(flat ? out.squeeze(1) : out);
    }

    @Override
    protected NDArray message(
            ParameterStore ps, NDList xSrc, NDList xTgt, GraphTensors graph, boolean training) {
        return xSrc.get(0);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... shapes) {}
}
