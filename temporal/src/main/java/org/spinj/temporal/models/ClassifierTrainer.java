package org.spinj.temporal.models;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spinj.graph.tensor.Scalars;

/**
 * Trains the two classifiers with seed 002's recipe: Adam, mini-batches shuffled by a seeded
 * Java RNG, early stopping on the validation loss with the best weights restored; plus seed
 * 003's StepLR ({@code lr * gamma^floor(epoch / stepSize)}) when {@code stepSize > 0}.
 *
 * <ul>
 *   <li>{@link AttentionAnomalyDetector}: binary cross-entropy on its logit (labels 0/1), samples
 *       {@code [T, C]};
 *   <li>{@link HybridCnnLstmAttention}: cross-entropy on its class logits, samples {@code [F]}.
 * </ul>
 *
 * The caller owns the {@link Model} (whose block is one of the two); it holds the trained
 * weights afterwards.
 */
public final class ClassifierTrainer {

    private static final Logger LOG = LoggerFactory.getLogger(ClassifierTrainer.class);

    private final ClassifierTrainingConfig config;

    /** @param config the recipe */
    public ClassifierTrainer(ClassifierTrainingConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /**
     * Trains the model's block in place.
     *
     * @param model a model whose block is an {@link AttentionAnomalyDetector} or a {@link
     *     HybridCnnLstmAttention}
     * @param train training samples
     * @param validation validation samples (early stopping)
     * @return the history and the restored epoch
     * @throws IllegalArgumentException if the block is of another kind or the data do not fit it
     */
    public TrainingResult fit(Model model, LabelledSeries train, LabelledSeries validation) {
        CheckpointedModel block = classifier(model);
        if (train.size() == 0 || validation.size() == 0) {
            throw new IllegalArgumentException("need training and validation samples, got "
                    + train.size() + " and " + validation.size());
        }
        Engine.getInstance().setRandomSeed((int) config.seed());
        Random rng = new Random(config.seed());
        int batches = (train.size() + config.batchSize() - 1) / config.batchSize();
        float lr = config.learningRate();
        int step = config.stepSize() * batches;
        Tracker tracker = update -> step > 0
                ? (float) (lr * Math.pow(config.gamma(), Math.floor((double) update / step))) : lr;
        DefaultTrainingConfig cfg = new DefaultTrainingConfig(Loss.l2Loss())
                .optOptimizer(Optimizer.adam().optLearningRateTracker(tracker).build())
                .optDevices(new ai.djl.Device[] {model.getNDManager().getDevice()});
        List<EpochRecord> history = new ArrayList<>();
        byte[] best = null;
        double bestLoss = Double.POSITIVE_INFINITY;
        int bestEpoch = 0;
        int sinceBest = 0;
        long start = System.nanoTime();
        boolean stopped = false;
        try (Trainer trainer = model.newTrainer(cfg)) {
            trainer.initialize(block.inputShapes(config.batchSize()));
            for (int epoch = 1; epoch <= config.epochs(); epoch++) {
                int[] order = permutation(train.size(), rng);
                double sum = 0;
                for (int b = 0; b < batches; b++) {
                    int[] idx = slice(order, b * config.batchSize(), config.batchSize());
                    try (NDManager bm = trainer.getManager().newSubManager()) {
                        NDArray x = train.inputs(bm, idx, sampleShape(block, train));
                        NDArray y = train.targets(bm, idx);
                        try (GradientCollector gc = trainer.newGradientCollector()) {
                            NDArray loss = loss(block, trainer.forward(new NDList(x)), y);
                            gc.backward(loss);
                            sum += loss.getFloat() * idx.length;
                        }
                        trainer.step();
                    }
                }
                double[] val = evaluate(trainer, block, validation);
                double elapsed = (System.nanoTime() - start) / 1e9;
                double curLr = tracker.getNewValue(epoch * batches);
                history.add(new EpochRecord(epoch, sum / train.size(), val[0], val[1], curLr, elapsed));
                LOG.info("epoch {}: train loss {}, val loss {}, val acc {}", epoch, sum / train.size(),
                        val[0], val[1]);
                if (val[0] < bestLoss) {
                    bestLoss = val[0];
                    bestEpoch = epoch;
                    sinceBest = 0;
                    best = snapshot(block);
                } else if (++sinceBest >= config.patience()) {
                    stopped = epoch < config.epochs();
                    break;
                }
            }
        }
        restore(block, best, model.getNDManager());
        return new TrainingResult(history, bestEpoch, stopped);
    }

    private double[] evaluate(Trainer trainer, CheckpointedModel block, LabelledSeries data) {
        double loss = 0;
        int correct = 0;
        for (int from = 0; from < data.size(); from += config.batchSize()) {
            int[] idx = range(from, Math.min(data.size(), from + config.batchSize()));
            try (NDManager bm = trainer.getManager().newSubManager()) {
                NDArray x = data.inputs(bm, idx, sampleShape(block, data));
                NDArray y = data.targets(bm, idx);
                NDList out = trainer.evaluate(new NDList(x));
                loss += loss(block, out, y).getFloat() * idx.length;
                int[] pred = predictedClasses(block, out);
                long[] truth = y.toLongArray();
                for (int i = 0; i < pred.length; i++) {
                    correct += pred[i] == truth[i] ? 1 : 0;
                }
            }
        }
        return new double[] {loss / data.size(), (double) correct / data.size()};
    }

    /**
     * The training loss of a batch.
     *
     * @param block the model
     * @param out its outputs
     * @param y {@code [B]} int64 labels
     * @return the scalar mean loss
     */
    static NDArray loss(CheckpointedModel block, NDList out, NDArray y) {
        if (block instanceof AttentionAnomalyDetector) {
            return binaryCrossEntropyWithLogits(out.get(2), y.toType(ai.djl.ndarray.types.DataType.FLOAT32, false));
        }
        NDArray logits = out.get(0);
        return logits.logSoftmax(1).mul(y.oneHot((int) logits.getShape().get(1)))
                .sum(new int[] {1}).neg().mean();
    }

    /**
     * Mean binary cross-entropy of {@code sigmoid(z)} against {@code y}, computed stably as
     * {@code max(z, 0) - z y + log(1 + exp(-|z|))}.
     *
     * @param z {@code [B]} logits
     * @param y {@code [B]} targets in {0, 1}
     * @return the scalar mean loss
     */
    public static NDArray binaryCrossEntropyWithLogits(NDArray z, NDArray y) {
        return Scalars.maximum(z, 0).sub(z.mul(y)).add(z.abs().neg().exp().add(1f).log()).mean();
    }

    private static int[] predictedClasses(CheckpointedModel block, NDList out) {
        if (block instanceof AttentionAnomalyDetector) {
            float[] p = out.get(0).toFloatArray();
            int[] c = new int[p.length];
            for (int i = 0; i < p.length; i++) {
                c[i] = p[i] > 0.5f ? 1 : 0;
            }
            return c;
        }
        long[] a = out.get(0).argMax(1).toLongArray();
        int[] c = new int[a.length];
        for (int i = 0; i < a.length; i++) {
            c[i] = (int) a[i];
        }
        return c;
    }

    static CheckpointedModel classifier(Model model) {
        if (model.getBlock() instanceof AttentionAnomalyDetector d) {
            return d;
        }
        if (model.getBlock() instanceof HybridCnnLstmAttention h) {
            return h;
        }
        throw new IllegalArgumentException("ClassifierTrainer trains an AttentionAnomalyDetector or a"
                + " HybridCnnLstmAttention, got " + model.getBlock());
    }

    static Shape sampleShape(CheckpointedModel block, LabelledSeries data) {
        Shape expected = block.inputShapes(1)[0];
        Shape sample = block instanceof AttentionAnomalyDetector
                ? new Shape(data.length(), data.channels()) : new Shape(data.length());
        if (block instanceof HybridCnnLstmAttention h && (h.features() != data.length()
                || data.channels() != 1)) {
            throw new IllegalArgumentException("hybrid model reads rows of " + h.features()
                    + " features, got samples of " + data.length() + "x" + data.channels());
        }
        if (block instanceof AttentionAnomalyDetector d && d.channels() != data.channels()) {
            throw new IllegalArgumentException("detector reads " + d.channels()
                    + " channels, got samples with " + data.channels() + " (model input " + expected + ")");
        }
        return sample;
    }

    static byte[] snapshot(CheckpointedModel block) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                block.saveParameters(out);
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot snapshot the model's weights", e);
        }
    }

    static void restore(CheckpointedModel block, byte[] snapshot, NDManager manager) {
        if (snapshot == null) {
            return;
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(snapshot))) {
            block.loadParameters(manager, in);
        } catch (IOException | ai.djl.MalformedModelException e) {
            throw new IllegalStateException("cannot restore the best weights", e);
        }
    }

    static int[] permutation(int n, Random rng) {
        int[] p = range(0, n);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    static int[] slice(int[] order, int from, int size) {
        int to = Math.min(order.length, from + size);
        int[] s = new int[to - from];
        System.arraycopy(order, from, s, 0, s.length);
        return s;
    }

    static int[] range(int from, int to) {
        int[] r = new int[to - from];
        for (int i = 0; i < r.length; i++) {
            r[i] = from + i;
        }
        return r;
    }
}
