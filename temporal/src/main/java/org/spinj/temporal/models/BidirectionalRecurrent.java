package org.spinj.temporal.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.recurrent.GRU;
import ai.djl.nn.recurrent.LSTM;
import ai.djl.nn.recurrent.RecurrentBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A one-layer bidirectional LSTM or GRU built from two one-directional blocks, batch first.
 *
 * <pre>
 *   fwd = RNN_f(x)                         [B, T, H]
 *   bwd = flip_t(RNN_b(flip_t(x)))         [B, T, H]
 *   out = concat(fwd, bwd, axis 2)         [B, T, 2H]   (torch's bidirectional layout)
 * </pre>
 *
 * Why not DJL's {@code optBidirectional(true)}: in DJL 0.35 a bidirectional block registers both
 * directions' weights before their biases, while libtorch expects {@code w_ih, w_hh, b_ih, b_hh}
 * per direction; it fails with "size of tensor a must match" for most sizes and silently
 * broadcasts the wrong tensors for one input channel. Stacking two of these blocks gives torch's
 * {@code num_layers=2}.
 */
public final class BidirectionalRecurrent extends AbstractBlock {

    /** The recurrent cell. */
    public enum Cell {
        /** Long short-term memory. */
        LSTM,
        /** Gated recurrent unit. */
        GRU
    }

    private static final byte VERSION = 1;

    private final int hidden;
    private final RecurrentBlock forwardRnn;
    private final RecurrentBlock backwardRnn;

    /**
     * @param cell LSTM or GRU
     * @param hidden hidden size per direction {@code H >= 1}
     * @throws IllegalArgumentException if {@code hidden < 1}
     */
    public BidirectionalRecurrent(Cell cell, int hidden) {
        super(VERSION);
        if (hidden < 1) {
            throw new IllegalArgumentException("hidden size must be >= 1, got " + hidden);
        }
        this.hidden = hidden;
        forwardRnn = addChildBlock("forward", create(cell, hidden));
        backwardRnn = addChildBlock("backward", create(cell, hidden));
    }

    private static RecurrentBlock create(Cell cell, int hidden) {
        return switch (cell) {
            case LSTM -> LSTM.builder().setStateSize(hidden).setNumLayers(1).optBatchFirst(true)
                    .optReturnState(false).build();
            case GRU -> GRU.builder().setStateSize(hidden).setNumLayers(1).optBatchFirst(true)
                    .optReturnState(false).build();
        };
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow(); // x: [B, T, C] -> [B, T, 2H]
        if (x.getShape().dimension() != 3) {
            throw new IllegalArgumentException("recurrent block expects [B, T, C], got " + x.getShape());
        }
        NDArray fwd = forwardRnn.forward(ps, new NDList(x), training).get(0);
        NDArray bwd = backwardRnn.forward(ps, new NDList(x.flip(1)), training).get(0).flip(1);
        return new NDList(NDArrays.concat(new NDList(fwd, bwd), 2));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {new Shape(s.get(0), s.get(1), 2L * hidden)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        forwardRnn.initialize(manager, dataType, inputShapes[0]);
        backwardRnn.initialize(manager, dataType, inputShapes[0]);
    }
}
