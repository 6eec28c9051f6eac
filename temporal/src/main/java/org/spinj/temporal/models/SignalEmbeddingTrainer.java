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
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spinj.graph.tensor.Scalars;

/**
 * Trains a {@link SignalEmbeddingNet} (seed 000) with metric learning and a keypoint loss:
 *
 * <pre>
 *   loss = batchHardTriplet(embedding, class, margin) + keypointWeight * keypointCE(logits, targets)
 * </pre>
 *
 * Adam at a constant rate, mini-batches shuffled by a seeded Java RNG, early stopping on the
 * validation loss with the best weights restored. The epoch records' accuracy is the validation
 * set's leave-one-out nearest-neighbour accuracy of the embeddings.
 */
public final class SignalEmbeddingTrainer {

    private static final Logger LOG = LoggerFactory.getLogger(SignalEmbeddingTrainer.class);
    private static final float FAR = 1e4f;

    private final EmbeddingTrainingConfig config;

    /** @param config the recipe */
    public SignalEmbeddingTrainer(EmbeddingTrainingConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /**
     * Trains the model's block in place.
     *
     * @param model a model whose block is a {@link SignalEmbeddingNet}
     * @param train training samples
     * @param validation validation samples (early stopping)
     * @return the history and the restored epoch
     * @throws IllegalArgumentException if the block is of another kind or a set is empty
     */
    public TrainingResult fit(Model model, EmbeddingSamples train, EmbeddingSamples validation) {
        if (!(model.getBlock() instanceof SignalEmbeddingNet net)) {
            throw new IllegalArgumentException("SignalEmbeddingTrainer trains a SignalEmbeddingNet, got "
                    + model.getBlock());
        }
        if (train.size() == 0 || validation.size() == 0) {
            throw new IllegalArgumentException("need training and validation samples, got "
                    + train.size() + " and " + validation.size());
        }
        Engine.getInstance().setRandomSeed((int) config.seed());
        Random rng = new Random(config.seed());
        int batches = (train.size() + config.batchSize() - 1) / config.batchSize();
        DefaultTrainingConfig cfg = new DefaultTrainingConfig(Loss.l2Loss())
                .optOptimizer(Optimizer.adam().optLearningRateTracker(
                        ai.djl.training.tracker.Tracker.fixed(config.learningRate())).build())
                .optDevices(new ai.djl.Device[] {model.getNDManager().getDevice()});
        List<EpochRecord> history = new ArrayList<>();
        byte[] best = null;
        double bestLoss = Double.POSITIVE_INFINITY;
        int bestEpoch = 0;
        int sinceBest = 0;
        boolean stopped = false;
        long start = System.nanoTime();
        try (Trainer trainer = model.newTrainer(cfg)) {
            trainer.initialize(net.inputShapes(config.batchSize()));
            for (int epoch = 1; epoch <= config.epochs(); epoch++) {
                int[] order = ClassifierTrainer.permutation(train.size(), rng);
                double sum = 0;
                for (int b = 0; b < batches; b++) {
                    int[] idx = ClassifierTrainer.slice(order, b * config.batchSize(), config.batchSize());
                    try (NDManager bm = trainer.getManager().newSubManager()) {
                        NDArray x = train.inputs(bm, idx);
                        NDArray kp = train.keypointTargets(bm, idx);
                        try (GradientCollector gc = trainer.newGradientCollector()) {
                            NDArray loss = loss(trainer.forward(new NDList(x)), train.classesOf(idx), kp);
                            gc.backward(loss);
                            sum += loss.getFloat() * idx.length;
                        }
                        trainer.step();
                    }
                }
                double[] val = evaluate(trainer, validation);
                double elapsed = (System.nanoTime() - start) / 1e9;
                history.add(new EpochRecord(epoch, sum / train.size(), val[0], val[1],
                        config.learningRate(), elapsed));
                LOG.info("epoch {}: train loss {}, val loss {}, val 1-NN accuracy {}", epoch,
                        sum / train.size(), val[0], val[1]);
                if (val[0] < bestLoss) {
                    bestLoss = val[0];
                    bestEpoch = epoch;
                    sinceBest = 0;
                    best = ClassifierTrainer.snapshot(net);
                } else if (++sinceBest >= config.patience()) {
                    stopped = epoch < config.epochs();
                    break;
                }
            }
        }
        ClassifierTrainer.restore(net, best, model.getNDManager());
        return new TrainingResult(history, bestEpoch, stopped);
    }

    private NDArray loss(NDList out, int[] classes, NDArray keypoints) {
        NDArray metric = batchHardTripletLoss(out.get(0), classes, config.margin());
        NDArray kp = keypointLoss(out.get(1), keypoints, config.boundaryWeight());
        return metric.add(Scalars.mul(kp, config.keypointWeight()));
    }

    private double[] evaluate(Trainer trainer, EmbeddingSamples data) {
        double loss = 0;
        float[][] emb = new float[data.size()][];
        for (int from = 0; from < data.size(); from += config.batchSize()) {
            int[] idx = ClassifierTrainer.range(from, Math.min(data.size(), from + config.batchSize()));
            try (NDManager bm = trainer.getManager().newSubManager()) {
                NDList out = trainer.evaluate(new NDList(data.inputs(bm, idx)));
                loss += loss(out, data.classesOf(idx), data.keypointTargets(bm, idx)).getFloat() * idx.length;
                float[] e = out.get(0).toFloatArray();
                int d = e.length / idx.length;
                for (int i = 0; i < idx.length; i++) {
                    emb[from + i] = java.util.Arrays.copyOfRange(e, i * d, (i + 1) * d);
                }
            }
        }
        return new double[] {loss / data.size(), EmbeddingPredictions.leaveOneOutAccuracy(emb, data.classes())};
    }

    /**
     * Batch-hard triplet loss (Hermans et al. 2017) on squared Euclidean distances: for each
     * anchor with at least one positive and one negative in the batch,
     * {@code max(0, max_pos d(a, p) - min_neg d(a, n) + margin)}, averaged over those anchors (0
     * when there is none).
     *
     * @param embedding {@code [B, E]} embeddings
     * @param classes {@code [B]} their classes
     * @param margin the margin {@code > 0}
     * @return the scalar loss
     * @throws IllegalArgumentException if the sizes differ
     */
    public static NDArray batchHardTripletLoss(NDArray embedding, int[] classes, float margin) {
        int b = (int) embedding.getShape().get(0);
        if (classes.length != b) {
            throw new IllegalArgumentException("got " + b + " embeddings but " + classes.length + " classes");
        }
        float[] posBias = new float[b * b];
        float[] negBias = new float[b * b];
        float[] valid = new float[b];
        int validCount = 0;
        for (int i = 0; i < b; i++) {
            boolean hasPos = false;
            boolean hasNeg = false;
            for (int j = 0; j < b; j++) {
                boolean pos = i != j && classes[i] == classes[j];
                boolean neg = classes[i] != classes[j];
                hasPos |= pos;
                hasNeg |= neg;
                posBias[i * b + j] = pos ? 0f : -FAR;
                negBias[i * b + j] = neg ? 0f : FAR;
            }
            valid[i] = hasPos && hasNeg ? 1f : 0f;
            validCount += hasPos && hasNeg ? 1 : 0;
        }
        NDManager m = embedding.getManager();
        NDArray sq = embedding.square().sum(new int[] {1}, true); // [B, 1]
        NDArray d = Scalars.maximum(
                sq.add(sq.transpose()).sub(Scalars.mul(embedding.matMul(embedding.transpose()), 2)),
                0); // [B, B]
        NDArray hardestPos = d.add(m.create(posBias, new Shape(b, b))).max(new int[] {1});
        NDArray hardestNeg = d.add(m.create(negBias, new Shape(b, b))).min(new int[] {1});
        NDArray perAnchor = Scalars.maximum(hardestPos.sub(hardestNeg).add(margin), 0);
        return Scalars.div(perAnchor.mul(m.create(valid)).sum(), Math.max(1, validCount));
    }

    /**
     * Weighted per-step cross-entropy of the keypoint logits: a step whose target is not {@link
     * EmbeddingSamples#NONE} weighs {@code boundaryWeight}, the others 1; the loss is the weighted
     * mean.
     *
     * @param logits {@code [B, L, P]} keypoint logits
     * @param targets {@code [B, L]} int64 classes in {@code [0, P)}
     * @param boundaryWeight {@code >= 1}
     * @return the scalar loss
     */
    public static NDArray keypointLoss(NDArray logits, NDArray targets, float boundaryWeight) {
        int p = (int) logits.getShape().get(2);
        NDArray nll = logits.logSoftmax(2).mul(targets.oneHot(p)).sum(new int[] {2}).neg(); // [B, L]
        NDArray w = Scalars.mul(
                targets.gt(0).toType(ai.djl.ndarray.types.DataType.FLOAT32, false),
                boundaryWeight - 1f).add(1f);
        return nll.mul(w).sum().div(w.sum());
    }
}
