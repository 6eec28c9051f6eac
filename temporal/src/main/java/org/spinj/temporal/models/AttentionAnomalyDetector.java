package org.spinj.temporal.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spinj.temporal.AttentionPooling;

/**
 * The attention anomaly classifier of seed 002: a bidirectional LSTM, additive attention pooling
 * over its steps, and a linear classifier with a sigmoid.
 *
 * <pre>
 *   h       = BiLSTM(x)                                  [B, T, 2H]   (H = 32)
 *   context, alpha = AttentionPooling(h)                 [B, 2H], [B, T]   (Linear 2H->64, tanh, Linear 64->1)
 *   logit   = Linear(context)                            [B]
 *   p       = sigmoid(logit)                             [B]  probability that the series is anomalous
 * </pre>
 *
 * Input {@code x [B, T, C]}; output {@code NDList(p [B], alpha [B, T], logit [B])}. The logit is
 * returned so a trainer can use the numerically stable BCE-with-logits, which equals the seed's
 * {@code BCELoss(sigmoid(logit))}.
 */
public final class AttentionAnomalyDetector extends AbstractBlock implements CheckpointedModel {

    /** The kind written to checkpoints. */
    public static final String KIND = "attention-anomaly-detector";
    /** Default LSTM hidden size per direction (seed 002). */
    public static final int DEFAULT_HIDDEN = 32;
    /** Default attention MLP width (seed 002). */
    public static final int DEFAULT_ATTENTION_UNITS = 64;

    private static final byte VERSION = 1;

    private final int channels;
    private final int hiddenSize;
    private final int attentionUnits;
    private final int length;
    private final BidirectionalRecurrent lstm;
    private final AttentionPooling attention;
    private final Linear classifier;

    private AttentionAnomalyDetector(Builder b) {
        super(VERSION);
        this.channels = b.channels;
        this.hiddenSize = b.hidden;
        this.attentionUnits = b.attentionUnits;
        this.length = b.length;
        lstm = addChildBlock("lstm", new BidirectionalRecurrent(BidirectionalRecurrent.Cell.LSTM, hiddenSize));
        attention = addChildBlock("attention", AttentionPooling.builder().setUnits(attentionUnits)
                .optActivation(AttentionPooling.ScoreActivation.TANH).build());
        classifier = addChildBlock("classifier", Linear.builder().setUnits(1).build());
        // Self-contained initialisation, so a checkpoint or a test can initialise without a trainer.
        setInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
    }

    /** @return a builder: 1 channel, hidden 32, attention units 64, length 500 */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Rebuilds an untrained detector from {@link #hyperparameters()}.
     *
     * @param hp the hyperparameters
     * @return the detector
     */
    public static AttentionAnomalyDetector fromHyperparameters(Map<String, String> hp) {
        return builder().optChannels(Integer.parseInt(hp.get("channels")))
                .optHidden(Integer.parseInt(hp.get("hidden")))
                .optAttentionUnits(Integer.parseInt(hp.get("attention_units")))
                .optLength(Integer.parseInt(hp.get("length"))).build();
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow(); // x: [B, T, C] -> p [B], alpha [B, T], logit [B]
        if (x.getShape().dimension() != 3 || x.getShape().get(2) != channels) {
            throw new IllegalArgumentException(
                    "detector expects [B, T, " + channels + "], got " + x.getShape());
        }
        NDArray h = lstm.forward(ps, new NDList(x), training).get(0); // [B, T, 2H]
        NDList pooled = attention.forward(ps, new NDList(h), training);
        NDArray logit = classifier.forward(ps, new NDList(pooled.get(0)), training)
                .singletonOrThrow().squeeze(-1);
        return new NDList(logit.getNDArrayInternal().sigmoid(), pooled.get(1), logit);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {new Shape(s.get(0)), new Shape(s.get(0), s.get(1)), new Shape(s.get(0))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape x = inputShapes[0];
        lstm.initialize(manager, dataType, x);
        Shape h = new Shape(x.get(0), x.get(1), 2L * hiddenSize);
        attention.initialize(manager, dataType, h);
        classifier.initialize(manager, dataType, new Shape(x.get(0), 2L * hiddenSize));
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Map<String, String> hyperparameters() {
        Map<String, String> hp = new LinkedHashMap<>();
        hp.put("channels", String.valueOf(channels));
        hp.put("hidden", String.valueOf(hiddenSize));
        hp.put("attention_units", String.valueOf(attentionUnits));
        hp.put("length", String.valueOf(length));
        return hp;
    }

    @Override
    public Shape[] inputShapes(long batch) {
        return new Shape[] {new Shape(batch, length, channels)};
    }

    /** @return the number of input channels {@code C} */
    public int channels() {
        return channels;
    }

    /** Builder; every field is optional. */
    public static final class Builder {
        private int channels = 1;
        private int hidden = DEFAULT_HIDDEN;
        private int attentionUnits = DEFAULT_ATTENTION_UNITS;
        private int length = 500;

        private Builder() {}

        /**
         * @param c input channels {@code C >= 1}
         * @return this builder
         */
        public Builder optChannels(int c) {
            this.channels = c;
            return this;
        }

        /**
         * @param h LSTM hidden size per direction, {@code >= 1}
         * @return this builder
         */
        public Builder optHidden(int h) {
            this.hidden = h;
            return this;
        }

        /**
         * @param a attention MLP width, {@code >= 1}
         * @return this builder
         */
        public Builder optAttentionUnits(int a) {
            this.attentionUnits = a;
            return this;
        }

        /**
         * @param t the series length used to initialise the block ({@code >= 2}); any length
         *     can be fed afterwards
         * @return this builder
         */
        public Builder optLength(int t) {
            this.length = t;
            return this;
        }

        /**
         * @return the detector
         * @throws IllegalArgumentException naming every invalid field
         */
        public AttentionAnomalyDetector build() {
            List<String> errors = new ArrayList<>();
            if (channels < 1) {
                errors.add("channels=" + channels + " (expected >= 1)");
            }
            if (hidden < 1) {
                errors.add("hidden=" + hidden + " (expected >= 1)");
            }
            if (attentionUnits < 1) {
                errors.add("attentionUnits=" + attentionUnits + " (expected >= 1)");
            }
            if (length < 2) {
                errors.add("length=" + length + " (expected >= 2)");
            }
            if (!errors.isEmpty()) {
                throw new IllegalArgumentException("invalid detector settings: " + errors);
            }
            return new AttentionAnomalyDetector(this);
        }
    }
}
