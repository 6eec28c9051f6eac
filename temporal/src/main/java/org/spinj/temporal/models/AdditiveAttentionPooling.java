package org.spinj.temporal.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Additive attention pooling over time (seeds 000-002): a score per step from a two-layer MLP,
 * a softmax over the steps, and the weighted sum of the steps.
 *
 * <pre>
 *   e[b, t]   = w2 . tanh(W1 h[b, t] + b1) (+ b2)        [B, T]
 *   alpha     = softmax over t of e                      [B, T], each row sums to 1
 *   context   = sum_t alpha[b, t] h[b, t]                [B, D]
 * </pre>
 *
 * Input {@code h [B, T, D]}; output {@code NDList(context [B, D], alpha [B, T])}.
 */
public final class AdditiveAttentionPooling extends AbstractBlock {

    private static final byte VERSION = 1;

    private final Linear hidden;
    private final Linear score;

    /**
     * @param units the width {@code A} of the scoring MLP's hidden layer, {@code >= 1}
     * @param scoreBias whether the last scoring layer has a bias (seed 002: yes, seed 000: no)
     * @throws IllegalArgumentException if {@code units < 1}
     */
    public AdditiveAttentionPooling(int units, boolean scoreBias) {
        super(VERSION);
        if (units < 1) {
            throw new IllegalArgumentException("attention units must be >= 1, got " + units);
        }
        hidden = addChildBlock("score_hidden", Linear.builder().setUnits(units).build());
        score = addChildBlock("score_out", Linear.builder().setUnits(1).optBias(scoreBias).build());
    }

    /**
     * The weighted sum of the steps (the pooling's functional core).
     *
     * @param h {@code [B, T, D]} step features
     * @param alpha {@code [B, T]} weights
     * @return {@code [B, D]} the context vector
     */
    public static NDArray pool(NDArray h, NDArray alpha) {
        return h.mul(alpha.expandDims(-1)).sum(new int[] {1});
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray h = inputs.singletonOrThrow(); // h: [B, T, D] -> context [B, D], alpha [B, T]
        if (h.getShape().dimension() != 3) {
            throw new IllegalArgumentException("attention pooling expects [B, T, D], got " + h.getShape());
        }
        NDArray e = hidden.forward(ps, new NDList(h), training).singletonOrThrow().tanh();
        e = score.forward(ps, new NDList(e), training).singletonOrThrow().squeeze(-1);
        NDArray alpha = e.softmax(1);
        return new NDList(pool(h, alpha), alpha);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {new Shape(s.get(0), s.get(2)), new Shape(s.get(0), s.get(1))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        hidden.initialize(manager, dataType, inputShapes[0]);
        Shape h = hidden.getOutputShapes(new Shape[] {inputShapes[0]})[0];
        score.initialize(manager, dataType, h);
    }
}
