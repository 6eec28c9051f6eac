package org.spinj.temporal.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.util.PairList;
import java.util.LinkedHashMap;
import java.util.Map;
import org.spinj.temporal.AttentionPooling;

/**
 * The hierarchical signal network with attention of seed 000: a convolutional stem, a two-layer
 * bidirectional GRU, additive attention pooling to an L2-normalised embedding, and per-step
 * keypoint logits.
 *
 * <pre>
 *   x                                              [B, T] -> [B, 1, T]
 *   Conv1d(32, k7) + BN + ReLU + MaxPool(2)        [B, 32, T/2]
 *   Conv1d(64, k5) + BN + ReLU + MaxPool(2)        [B, 64, T/4] -> [B, L, 64]   L = T/4
 *   BiGRU(H, 2 layers)                             [B, L, 2H]      (H = 128)
 *   context, alpha = attention(Linear 2H->H, tanh, Linear H->1 no bias)   [B, 2H], [B, L]
 *   embedding = normalise(Linear(E)(context))      [B, E]  unit L2 norm (E = 64)
 *   keypoints = Linear(P)(gru output)              [B, L, P]  (P = 5)
 * </pre>
 *
 * Input {@code x [B, T]}; output {@code NDList(embedding [B, E], keypoints [B, L, P], alpha [B,
 * L])}.
 */
public final class SignalEmbeddingNet extends AbstractBlock implements CheckpointedModel {

    /** The kind written to checkpoints. */
    public static final String KIND = "signal-embedding-net";

    private static final byte VERSION = 1;

    private final int length;
    private final int hiddenSize;
    private final int embeddingSize;
    private final int keypoints;
    private final SequentialBlock backbone;
    private final BidirectionalRecurrent gru1;
    private final BidirectionalRecurrent gru2;
    private final AttentionPooling attention;
    private final Linear embeddingHead;
    private final Linear keypointHead;

    /**
     * @param length the series length {@code T >= 4} used to initialise the block
     * @param hidden GRU hidden size per direction (seed: 128), {@code >= 2}
     * @param embedding embedding size {@code E} (seed: 64), {@code >= 1}
     * @param keypoints keypoint classes per step {@code P} (seed: 5), {@code >= 1}
     * @throws IllegalArgumentException naming the invalid value
     */
    public SignalEmbeddingNet(int length, int hidden, int embedding, int keypoints) {
        super(VERSION);
        if (length < 4 || hidden < 2 || embedding < 1 || keypoints < 1) {
            throw new IllegalArgumentException("invalid embedding-net settings: length=" + length
                    + " (>= 4), hidden=" + hidden + " (>= 2), embedding=" + embedding
                    + " (>= 1), keypoints=" + keypoints + " (>= 1)");
        }
        this.length = length;
        this.hiddenSize = hidden;
        this.embeddingSize = embedding;
        this.keypoints = keypoints;
        backbone = addChildBlock("backbone", new SequentialBlock()
                .add(Conv1d.builder().setFilters(32).setKernelShape(new Shape(7))
                        .optPadding(new Shape(3)).build())
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock())
                .add(Pool.maxPool1dBlock(new Shape(2), new Shape(2), new Shape(0)))
                .add(Conv1d.builder().setFilters(64).setKernelShape(new Shape(5))
                        .optPadding(new Shape(2)).build())
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock())
                .add(Pool.maxPool1dBlock(new Shape(2), new Shape(2), new Shape(0))));
        // torch num_layers=2: two stacked bidirectional layers
        gru1 = addChildBlock("gru1", new BidirectionalRecurrent(BidirectionalRecurrent.Cell.GRU, hidden));
        gru2 = addChildBlock("gru2", new BidirectionalRecurrent(BidirectionalRecurrent.Cell.GRU, hidden));
        attention = addChildBlock("attention", AttentionPooling.builder().setUnits(hidden)
                .optActivation(AttentionPooling.ScoreActivation.TANH).optScoreBias(false).build());
        embeddingHead = addChildBlock("embedding", Linear.builder().setUnits(embedding).build());
        keypointHead = addChildBlock("keypoints", Linear.builder().setUnits(keypoints).build());
        // Self-contained initialisation, so a checkpoint or a test can initialise without a trainer.
        setInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
    }

    /**
     * Rebuilds an untrained network from {@link #hyperparameters()}.
     *
     * @param hp the hyperparameters
     * @return the network
     */
    public static SignalEmbeddingNet fromHyperparameters(Map<String, String> hp) {
        return new SignalEmbeddingNet(Integer.parseInt(hp.get("length")),
                Integer.parseInt(hp.get("hidden")), Integer.parseInt(hp.get("embedding")),
                Integer.parseInt(hp.get("keypoints")));
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow(); // x: [B, T] -> emb [B, E], kp [B, L, P], alpha [B, L]
        if (x.getShape().dimension() != 2 || x.getShape().get(1) < 4) {
            throw new IllegalArgumentException("embedding net expects [B, T >= 4], got " + x.getShape());
        }
        NDArray c = backbone.forward(ps, new NDList(x.expandDims(1)), training).singletonOrThrow();
        NDArray h1 = gru1.forward(ps, new NDList(c.transpose(0, 2, 1)), training).get(0);
        NDArray h = gru2.forward(ps, new NDList(h1), training).get(0); // [B, L, 2H]
        NDList pooled = attention.forward(ps, new NDList(h), training);
        NDArray e = embeddingHead.forward(ps, new NDList(pooled.get(0)), training).singletonOrThrow();
        NDArray norm = e.square().sum(new int[] {1}, true).add(1e-12f).sqrt();
        NDArray kp = keypointHead.forward(ps, new NDList(h), training).singletonOrThrow();
        return new NDList(e.div(norm), kp, pooled.get(1));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long b = inputShapes[0].get(0);
        long l = inputShapes[0].get(1) / 4;
        return new Shape[] {
            new Shape(b, embeddingSize), new Shape(b, l, keypoints), new Shape(b, l)
        };
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        long b = inputShapes[0].get(0);
        Shape in = new Shape(b, 1, inputShapes[0].get(1));
        backbone.initialize(manager, dataType, in);
        Shape c = backbone.getOutputShapes(new Shape[] {in})[0];
        gru1.initialize(manager, dataType, new Shape(b, c.get(2), c.get(1)));
        gru2.initialize(manager, dataType, new Shape(b, c.get(2), 2L * hiddenSize));
        Shape h = new Shape(b, c.get(2), 2L * hiddenSize);
        attention.initialize(manager, dataType, h);
        embeddingHead.initialize(manager, dataType, new Shape(b, 2L * hiddenSize));
        keypointHead.initialize(manager, dataType, h);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Map<String, String> hyperparameters() {
        Map<String, String> hp = new LinkedHashMap<>();
        hp.put("length", String.valueOf(length));
        hp.put("hidden", String.valueOf(hiddenSize));
        hp.put("embedding", String.valueOf(embeddingSize));
        hp.put("keypoints", String.valueOf(keypoints));
        return hp;
    }

    @Override
    public Shape[] inputShapes(long batch) {
        return new Shape[] {new Shape(batch, length)};
    }

    /** @return the number of keypoint classes {@code P} */
    public int keypoints() {
        return keypoints;
    }
}
