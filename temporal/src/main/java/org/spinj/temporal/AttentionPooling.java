package org.spinj.temporal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.util.PairList;
import org.spinj.temporal.TemporalAdditiveAttention.Reweight;

/**
 * Attention pooling over time, {@code [B, T, C] -> [B, C]} (seeds 000-002): a small MLP scores
 * every step, a softmax over the steps turns the scores into weights, and the output is the
 * weighted sum of the steps.
 *
 * <pre>
 *   e[b, t]  = w2 . act(W1 h[b, t] + b1) (+ b2)     act = ReLU (seed 001) | tanh (seeds 000, 002)
 *   alpha    = softmax over the observed t of e     [B, T], each row sums to 1 (0 if all masked)
 *   pooled   = sum_t alpha[b, t] h[b, t]            [B, C]
 * </pre>
 *
 * Forward takes {@code h [B, T, C]} and optionally a step mask {@code [B, T]} (true/1 =
 * observed; masked steps get weight 0, a fully masked sequence pools to 0) and returns {@code
 * [pooled [B, C], alpha [B, T]]}. Initialisation, unless the enclosing model sets its own:
 * torch's default {@code U(-1/sqrt(fan_in), 1/sqrt(fan_in))} for both weights, zero biases.
 */
public final class AttentionPooling extends AbstractBlock {

    private static final byte VERSION = 1;

    /** The activation between the two layers of the scoring MLP. */
    public enum ScoreActivation {
        /** {@code ReLU}, as seed 001's {@code Linear -> ReLU -> Linear}. */
        RELU,
        /** {@code tanh}, as the additive (Bahdanau) scoring of seeds 000 and 002. */
        TANH
    }

    private final ScoreActivation activation;
    private final Linear hidden;
    private final Linear score;

    private AttentionPooling(Builder b) {
        super(VERSION);
        this.activation = b.activation;
        XavierInitializer torchLinear = new XavierInitializer(
                XavierInitializer.RandomType.UNIFORM, XavierInitializer.FactorType.IN, 1f);
        Linear h = Linear.builder().setUnits(b.units).build();
        h.setInitializer(torchLinear, Parameter.Type.WEIGHT);
        Linear s = Linear.builder().setUnits(1).optBias(b.scoreBias).build();
        s.setInitializer(torchLinear, Parameter.Type.WEIGHT);
        hidden = addChildBlock("score_hidden", h);
        score = addChildBlock("score_out", s);
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The weighted sum of the steps (the pooling's functional core).
     *
     * @param h {@code [B, T, C]} step features
     * @param alpha {@code [B, T]} weights
     * @return {@code [B, C]} the pooled vector
     */
    public static NDArray pool(NDArray h, NDArray alpha) {
        return h.mul(alpha.expandDims(-1)).sum(new int[] {1});
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape x = inputShapes[0];
        return new Shape[] {new Shape(x.get(0), x.get(2)), new Shape(x.get(0), x.get(1))};
    }

    /** {@inheritDoc} */
    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        if (inputShapes.length < 1 || inputShapes[0].dimension() != 3) {
            throw new IllegalArgumentException(
                    "expected h [B, T, C], got " + java.util.Arrays.toString(inputShapes));
        }
        hidden.initialize(manager, dataType, inputShapes[0]);
        score.initialize(manager, dataType, hidden.getOutputShapes(
                new Shape[] {inputShapes[0]})[0]);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Inputs: {@code h [B, T, C]} and optionally a step mask {@code [B, T]}. Outputs: {@code
     * pooled [B, C]}, {@code alpha [B, T]}.
     */
    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.get(0); // [B, T, C], mask [B, T] -> [B, C], [B, T]
        Shape s = x.getShape();
        if (s.dimension() != 3) {
            throw new IllegalArgumentException("expected h [B, T, C], got " + s);
        }
        NDArray e = hidden.forward(ps, new NDList(x), training).singletonOrThrow();
        e = activation == ScoreActivation.TANH ? e.tanh() : Activation.relu(e);
        e = score.forward(ps, new NDList(e), training).singletonOrThrow().squeeze(-1); // [B, T]
        NDArray alpha;
        if (inputs.size() > 1) {
            NDArray mask = inputs.get(1);
            if (mask.getShape().size() != s.get(0) * s.get(1)) {
                throw new IllegalArgumentException(
                        "expected a step mask [B, T] = [" + s.get(0) + ", " + s.get(1) + "], got "
                                + mask.getShape());
            }
            NDArray valid = TemporalAdditiveAttention.observed(
                    mask.reshape(s.get(0), s.get(1), 1), x).squeeze(-1); // [B, T]
            alpha = TemporalAdditiveAttention.normalize(e, valid, Reweight.SOFTMAX);
        } else {
            alpha = e.softmax(1);
        }
        return new NDList(pool(x, alpha), alpha);
    }

    /** Builds {@link AttentionPooling} blocks. */
    public static final class Builder {
        private int units = -1;
        private ScoreActivation activation = ScoreActivation.RELU;
        private boolean scoreBias = true;

        private Builder() {}

        /**
         * Sets the width of the scoring MLP's hidden layer (e.g. {@code C / 2}); required.
         *
         * @param units {@code >= 1}
         * @return this builder
         */
        public Builder setUnits(int units) {
            this.units = units;
            return this;
        }

        /**
         * Sets the scoring MLP's activation; default {@link ScoreActivation#RELU}.
         *
         * @param activation the activation
         * @return this builder
         */
        public Builder optActivation(ScoreActivation activation) {
            this.activation = activation;
            return this;
        }

        /**
         * Sets whether the last scoring layer has a bias (seeds 001 and 002: yes, seed 000: no);
         * default {@code true}.
         *
         * @param scoreBias whether {@code b2} exists
         * @return this builder
         */
        public Builder optScoreBias(boolean scoreBias) {
            this.scoreBias = scoreBias;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @return the block
         * @throws IllegalArgumentException naming each invalid field
         */
        public AttentionPooling build() {
            if (units < 1) {
                throw new IllegalArgumentException("attention units must be >= 1, got " + units);
            }
            if (activation == null) {
                throw new IllegalArgumentException("activation must not be null");
            }
            return new AttentionPooling(this);
        }
    }
}
