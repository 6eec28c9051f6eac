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
import org.spinj.temporal.MultiHeadSelfAttention;

/**
 * The hybrid CNN-LSTM-attention classifier of seed 003, reading a feature row as a 1-D sequence.
 *
 * <pre>
 *   x                                              [B, F] -> [B, 1, F]
 *   Conv1d(16, k3) + BN + ReLU + MaxPool(2)        [B, 16, F/2]
 *   Conv1d(32, k3) + BN + ReLU       (Grad-CAM)    [B, 32, F/2]   = {@link #convFeatures}
 *   MaxPool(2), to steps                           [B, L, 32]     L = F/4
 *   BiLSTM(H, 2 layers)                            [B, L, 2H]
 *   MultiHeadSelfAttention(4 heads)                [B, L, 2H], weights [B, 4, L, L]
 *   mean over steps, Linear                        [B, K] class logits
 * </pre>
 *
 * Input {@code x [B, F]} with {@code F >= 4}; output {@code NDList(logits [B, K], weights [B, 4,
 * L, L])}.
 */
public final class HybridCnnLstmAttention extends AbstractBlock implements CheckpointedModel {

    /** The kind written to checkpoints. */
    public static final String KIND = "hybrid-cnn-lstm-attention";
    /** Default LSTM hidden size per direction. */
    public static final int DEFAULT_HIDDEN = 32;
    /** Default number of attention heads (seed 003). */
    public static final int DEFAULT_HEADS = 4;

    private static final byte VERSION = 1;

    private final int features;
    private final int classes;
    private final int hiddenSize;
    private final int heads;
    private final SequentialBlock conv1;
    private final SequentialBlock conv2;
    private final BidirectionalRecurrent lstm1;
    private final BidirectionalRecurrent lstm2;
    private final MultiHeadSelfAttention attention;
    private final Linear classifier;

    /**
     * @param features the row length {@code F >= 4}
     * @param classes the number of classes {@code K >= 2}
     * @param hidden LSTM hidden size per direction, {@code >= 1}; {@code 2 * hidden} must be a
     *     multiple of {@code heads}
     * @param heads attention heads {@code >= 1}
     * @throws IllegalArgumentException naming the invalid value
     */
    public HybridCnnLstmAttention(int features, int classes, int hidden, int heads) {
        super(VERSION);
        if (features < 4 || classes < 2 || hidden < 1 || heads < 1 || (2 * hidden) % heads != 0) {
            throw new IllegalArgumentException("invalid hybrid settings: features=" + features
                    + " (>= 4), classes=" + classes + " (>= 2), hidden=" + hidden + " (>= 1), heads="
                    + heads + " (>= 1, dividing 2*hidden)");
        }
        this.features = features;
        this.classes = classes;
        this.hiddenSize = hidden;
        this.heads = heads;
        conv1 = addChildBlock("conv1", new SequentialBlock()
                .add(Conv1d.builder().setFilters(16).setKernelShape(new Shape(3))
                        .optPadding(new Shape(1)).build())
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock())
                .add(Pool.maxPool1dBlock(new Shape(2), new Shape(2), new Shape(0))));
        conv2 = addChildBlock("conv2", new SequentialBlock()
                .add(Conv1d.builder().setFilters(32).setKernelShape(new Shape(3))
                        .optPadding(new Shape(1)).build())
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock()));
        // torch num_layers=2: two stacked bidirectional layers
        lstm1 = addChildBlock("lstm1", new BidirectionalRecurrent(BidirectionalRecurrent.Cell.LSTM, hidden));
        lstm2 = addChildBlock("lstm2", new BidirectionalRecurrent(BidirectionalRecurrent.Cell.LSTM, hidden));
        attention = addChildBlock("attention", new MultiHeadSelfAttention(2 * hidden, heads));
        classifier = addChildBlock("classifier", Linear.builder().setUnits(classes).build());
        // Self-contained initialisation, so a checkpoint or a test can initialise without a trainer.
        setInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
    }

    /**
     * Rebuilds an untrained model from {@link #hyperparameters()}.
     *
     * @param hp the hyperparameters
     * @return the model
     */
    public static HybridCnnLstmAttention fromHyperparameters(Map<String, String> hp) {
        return new HybridCnnLstmAttention(Integer.parseInt(hp.get("features")),
                Integer.parseInt(hp.get("classes")), Integer.parseInt(hp.get("hidden")),
                Integer.parseInt(hp.get("heads")));
    }

    /**
     * The activations of the last convolutional block (after its ReLU), where Grad-CAM looks.
     *
     * @param ps the parameter store
     * @param x {@code [B, F]} feature rows
     * @param training whether in training mode (batch statistics)
     * @return {@code [B, 32, F/2]}
     */
    public NDArray convFeatures(ParameterStore ps, NDArray x, boolean training) {
        if (x.getShape().dimension() != 2 || x.getShape().get(1) != features) {
            throw new IllegalArgumentException(
                    "hybrid model expects [B, " + features + "], got " + x.getShape());
        }
        NDArray h = conv1.forward(ps, new NDList(x.expandDims(1)), training).singletonOrThrow();
        return conv2.forward(ps, new NDList(h), training).singletonOrThrow();
    }

    /**
     * The rest of the network from the last conv block's activations.
     *
     * @param ps the parameter store
     * @param conv {@code [B, 32, F/2]} from {@link #convFeatures}
     * @param training whether in training mode
     * @return {@code NDList(logits [B, K], weights [B, H, L, L])}
     */
    public NDList head(ParameterStore ps, NDArray conv, boolean training) {
        NDArray pooled = Pool.maxPool1d(conv, new Shape(2), new Shape(2), new Shape(0), false);
        NDArray steps = pooled.transpose(0, 2, 1); // [B, L, 32]
        NDArray h1 = lstm1.forward(ps, new NDList(steps), training).get(0);
        NDArray h = lstm2.forward(ps, new NDList(h1), training).get(0); // [B, L, 2H]
        NDList att = attention.forward(ps, new NDList(h), training);
        NDArray mean = att.get(0).mean(new int[] {1}); // [B, 2H]
        NDArray logits = classifier.forward(ps, new NDList(mean), training).singletonOrThrow();
        return new NDList(logits, att.get(1));
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow(); // x: [B, F] -> logits [B, K], weights [B, H, L, L]
        return head(ps, convFeatures(ps, x, training), training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long b = inputShapes[0].get(0);
        long l = features / 4;
        return new Shape[] {new Shape(b, classes), new Shape(b, heads, l, l)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        long b = inputShapes[0].get(0);
        Shape in = new Shape(b, 1, features);
        conv1.initialize(manager, dataType, in);
        Shape c1 = conv1.getOutputShapes(new Shape[] {in})[0];
        conv2.initialize(manager, dataType, c1);
        long l = features / 4;
        lstm1.initialize(manager, dataType, new Shape(b, l, 32));
        lstm2.initialize(manager, dataType, new Shape(b, l, 2L * hiddenSize));
        attention.initialize(manager, dataType, new Shape(b, l, 2L * hiddenSize));
        classifier.initialize(manager, dataType, new Shape(b, 2L * hiddenSize));
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Map<String, String> hyperparameters() {
        Map<String, String> hp = new LinkedHashMap<>();
        hp.put("features", String.valueOf(features));
        hp.put("classes", String.valueOf(classes));
        hp.put("hidden", String.valueOf(hiddenSize));
        hp.put("heads", String.valueOf(heads));
        return hp;
    }

    @Override
    public Shape[] inputShapes(long batch) {
        return new Shape[] {new Shape(batch, features)};
    }

    /** @return the number of classes {@code K} */
    public int classes() {
        return classes;
    }

    /** @return the row length {@code F} */
    public int features() {
        return features;
    }
}
