package org.spinj.spin.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spinj.datasets.window.ImputationDataset;
import org.spinj.spin.ImputationModel;
import org.spinj.spin.ImputationNetwork;
import org.spinj.spin.ImputationTask;
import org.spinj.graph.io.AtomicFiles;
import org.spinj.spin.io.Checkpoint;
import org.spinj.graph.tensor.Scalars;

/**
 * Trains an {@link ImputationNetwork} with SPIN's protocol (spin.md §2; {@code
 * spin/imputers/spin_imputer.py}):
 *
 * <ul>
 *   <li>every window of a step hides each of its available inputs with probability {@code p},
 *       drawn per window from {@link TrainingOptions#whitenProbabilities()} ({0.2, 0.5, 0.8}),
 *       or, as {@link TrainingOptions#injection()} chooses, the inputs another training window
 *       lacks ({@link Injection});
 *   <li>the loss is the masked L1 error on the hidden points only, in scaled space, summed over
 *       the readouts of every layer;
 *   <li>Adam, {@link CosineRestartsSchedule} stepped per epoch, global-norm clipping, optional
 *       gradient accumulation over micro-batches;
 *   <li>validation MAE (original units, eval targets of the validation windows, or of every
 *       {@link TrainingOptions#validationStride()}-th of them) after every epoch, early stopping
 *       with patience, and the best weights restored at the end.
 * </ul>
 *
 * <p>Every random choice comes from {@code SplittableRandom} streams derived from the seed, the
 * epoch and the step, so a run is reproducible on a CPU and resumes exactly from a checkpoint.
 * With a run directory the trainer writes {@code metrics.csv}, {@code checkpoints/last.ckpt}
 * (with optimizer state, after every epoch and when stopped) and {@code checkpoints/best.ckpt}.
 */
public final class SpinTrainer {

    private static final Logger LOG = LoggerFactory.getLogger(SpinTrainer.class);

    /** The checkpoint written after every epoch. */
    public static final String LAST = "checkpoints/last.ckpt";
    /** The checkpoint of the best validation MAE. */
    public static final String BEST = "checkpoints/best.ckpt";
    /** The per-epoch metrics file. */
    public static final String METRICS = "metrics.csv";

    private final TrainingOptions options;
    private final TrainingMonitor monitor;

    /**
     * @param options how to train
     * @param monitor progress observer and stop switch
     */
    public SpinTrainer(TrainingOptions options, TrainingMonitor monitor) {
        this.options = Objects.requireNonNull(options, "options");
        this.monitor = monitor == null ? TrainingMonitor.NONE : monitor;
    }

    /** The outcome of {@link #fit}. */
    public static final class Result implements AutoCloseable {
        private final ImputationModel model;
        private final List<EpochMetrics> history;
        private final int bestEpoch;
        private final double bestValMae;
        private final String stopReason;

        Result(ImputationModel model, List<EpochMetrics> history, int bestEpoch, double best,
                String stopReason) {
            this.model = model;
            this.history = List.copyOf(history);
            this.bestEpoch = bestEpoch;
            this.bestValMae = best;
            this.stopReason = stopReason;
        }

        /** @return the model with the best validation weights */
        public ImputationModel model() {
            return model;
        }

        /** @return every epoch's metrics */
        public List<EpochMetrics> history() {
            return history;
        }

        /** @return the epoch of the best validation MAE */
        public int bestEpoch() {
            return bestEpoch;
        }

        /** @return the best validation MAE */
        public double bestValMae() {
            return bestValMae;
        }

        /** @return why training ended: max-epochs, early-stopping, time-budget or interrupted */
        public String stopReason() {
            return stopReason;
        }

        @Override
        public void close() {
            model.close();
        }
    }

    /**
     * Trains a new network, or resumes from {@code runDir}'s last checkpoint when {@code resume}
     * is set.
     *
     * @param task the data
     * @param networkFactory builds the (uninitialised) network
     * @param device where to compute
     * @param runDir where to write metrics and checkpoints, or {@code null}
     * @param resume whether to continue from {@code runDir/checkpoints/last.ckpt}
     * @return the trained model and its history
     */
    public Result fit(
            ImputationTask task,
            Supplier<ImputationNetwork> networkFactory,
            Device device,
            Path runDir,
            boolean resume) {
        NDManager root = NDManager.newBaseManager(device);
        try {
            return train(task, networkFactory.get(), root, runDir, resume);
        } catch (RuntimeException | Error e) {
            root.close();
            throw e;
        }
    }

    private Result train(
            ImputationTask task, ImputationNetwork net, NDManager root, Path runDir,
            boolean resume) {
        int t = task.window();
        int n = task.series().numNodes();
        int c = task.series().numChannels();
        int micro = options.batchSize() / options.microBatches();
        Shape xs = new Shape(micro, t, n, c);
        // parameter initialisation draws from the engine's generator: seed it for reproducibility
        Engine.getInstance().setRandomSeed((int) (options.seed() ^ (options.seed() >>> 32)));
        net.initialize(root, DataType.FLOAT32, xs, xs, new Shape(micro, t, net.exogenousSize()));
        ImputationModel model =
                new ImputationModel(net, root, task.graph(), task.scaler(), t, task.name());
        ParameterStore ps = model.parameterStore();
        ImputationDataset train = dataset(task, task.split().train());
        int[] valWindows = strided(task.split().validation(), options.validationStride());
        CosineRestartsSchedule schedule =
                CosineRestartsSchedule.paper(
                        options.learningRate(), options.scheduleEpochs(), options.stepsPerEpoch(),
                        options.lrFloor());
        // a wall-time budget paces the learning rate by time, so the whole curve fits the budget
        CosineRestartsSchedule budgetSchedule =
                options.timeBudget() == null || !options.budgetPaced()
                        ? null
                        : CosineRestartsSchedule.budget(options.learningRate(), options.lrFloor());
        List<EpochMetrics> history = new ArrayList<>();
        Map<String, float[]> best = snapshot(net);
        double bestMae = Double.POSITIVE_INFINITY;
        int bestEpoch = -1;
        int sinceBest = 0;
        int startEpoch = 0;
        double elapsedBefore = 0;
        try (AdamOptimizer adam = new AdamOptimizer(root)) {
            if (resume) {
                ResumeState s = restore(runDir, model, adam);
                startEpoch = s.nextEpoch;
                bestMae = s.bestMae;
                bestEpoch = s.bestEpoch;
                sinceBest = s.sinceBest;
                elapsedBefore = s.elapsed;
                history.addAll(readHistory(runDir));
                best = s.best;
                LOG.info("resuming at epoch {} (best val MAE {} at epoch {})", startEpoch,
                        bestMae, bestEpoch);
            } else if (runDir != null) {
                AtomicFiles.writeString(runDir.resolve(METRICS), EpochMetrics.CSV_HEADER + "\n");
            }
            long t0 = System.nanoTime();
            String reason = "max-epochs";
            for (int epoch = startEpoch; epoch < options.maxEpochs(); epoch++) {
                float lr = schedule.valueAtEpoch(epoch);
                long[] order = epochOrder(train.size(), epoch);
                double lossSum = 0;
                int steps = 0;
                boolean stop = false;
                for (int step = 0; step < options.stepsPerEpoch(); step++) {
                    if (budgetSchedule != null) {
                        lr = budgetSchedule.valueAtProgress(
                                (elapsedBefore + (System.nanoTime() - t0) / 1e9)
                                        / (options.timeBudget().toMillis() / 1000.0));
                    }
                    double loss = step(net, ps, adam, train, order, epoch, step, lr, root, model);
                    lossSum += loss;
                    steps++;
                    monitor.onStep(epoch, step, options.stepsPerEpoch(), loss);
                    if (monitor.stopRequested()) {
                        reason = "interrupted";
                        stop = true;
                        break;
                    }
                    if (overBudget(t0, elapsedBefore)) {
                        reason = "time-budget";
                        stop = true;
                        break;
                    }
                }
                double valMae =
                        valWindows.length == 0
                                ? lossSum / Math.max(1, steps)
                                : model.evaluate(task, valWindows, options.evalBatchSize())
                                        .windows()
                                        .mae();
                double elapsed = elapsedBefore + (System.nanoTime() - t0) / 1e9;
                EpochMetrics em =
                        new EpochMetrics(epoch, lossSum / Math.max(1, steps), valMae, lr, elapsed,
                                steps);
                history.add(em);
                monitor.onEpoch(em);
                if (valMae < bestMae) {
                    bestMae = valMae;
                    bestEpoch = epoch;
                    sinceBest = 0;
                    best = snapshot(net);
                    if (runDir != null) {
                        model.save(runDir.resolve(BEST), trainingMeta(epoch, bestMae, bestEpoch, 0,
                                elapsed));
                    }
                } else {
                    sinceBest++;
                }
                if (runDir != null) {
                    appendMetrics(runDir, em);
                    saveLast(runDir, model, adam, epoch, bestMae, bestEpoch, sinceBest, elapsed,
                            best);
                }
                if (stop) {
                    break;
                }
                if (sinceBest >= options.patience()) {
                    reason = "early-stopping";
                    break;
                }
            }
            restoreSnapshot(net, best);
            return new Result(model, history, bestEpoch, bestMae, reason);
        }
    }

    /**
     * The windows a run validates on ({@link TrainingOptions#validationStride()}): every {@code
     * stride}-th, starting at the first, so the same period with fewer windows.
     *
     * @param windows the validation windows
     * @param stride {@code >= 1}
     * @return the windows kept
     */
    public static int[] strided(int[] windows, int stride) {
        int[] kept = new int[(windows.length + stride - 1) / stride];
        for (int k = 0; k < kept.length; k++) {
            kept[k] = windows[k * stride];
        }
        return kept;
    }

    private boolean overBudget(long t0, double elapsedBefore) {
        return options.timeBudget() != null
                && elapsedBefore + (System.nanoTime() - t0) / 1e9
                        >= options.timeBudget().toMillis() / 1000.0;
    }

    private ImputationDataset dataset(ImputationTask task, int[] windows) {
        return ImputationDataset.builder()
                .setSeries(task.series())
                .setWindows(task.split().spec(), windows)
                .optScaler(task.scaler())
                .setSampling(1, false)
                .build();
    }

    /** The window order of an epoch: a seeded permutation, repeated if the epoch needs more. */
    private long[] epochOrder(long size, int epoch) {
        int needed = options.stepsPerEpoch() * options.batchSize();
        SplittableRandom rnd = new SplittableRandom(mix(options.seed(), epoch, -1));
        long[] order = new long[needed];
        long[] perm = new long[(int) size];
        int filled = 0;
        while (filled < needed) {
            for (int k = 0; k < perm.length; k++) {
                perm[k] = k;
            }
            for (int k = perm.length - 1; k > 0; k--) {
                int j = rnd.nextInt(k + 1);
                long tmp = perm[k];
                perm[k] = perm[j];
                perm[j] = tmp;
            }
            int take = Math.min(perm.length, needed - filled);
            System.arraycopy(perm, 0, order, filled, take);
            filled += take;
        }
        return order;
    }

    static long mix(long seed, long epoch, long step) {
        long h = seed * 0x9E3779B97F4A7C15L + epoch * 0xC2B2AE3D27D4EB4FL + step * 0x165667B19E3779F9L;
        h ^= h >>> 31;
        return h * 0xBF58476D1CE4E5B9L;
    }

    private double step(
            ImputationNetwork net, ParameterStore ps, AdamOptimizer adam,
            ImputationDataset train, long[] order, int epoch, int step, float lr,
            NDManager root, ImputationModel model) {
        int micro = options.batchSize() / options.microBatches();
        SplittableRandom rnd = new SplittableRandom(mix(options.seed(), epoch, step));
        double total = 0;
        try (NDManager bm = root.newSubManager()) {
            for (int k = 0; k < options.microBatches(); k++) {
                int from = step * options.batchSize() + k * micro;
                // one manager per micro-batch: its activations are freed before the next one
                // runs, while the gradients accumulate on the parameters
                try (NDManager mm = bm.newSubManager()) {
                    WindowBatch batch = WindowBatch.of(train, order, from, from + micro, mm);
                    NDArray keep = mm.create(injectionKeep(options, train, batch.starts(),
                            rnd), batch.mask().getShape());
                    NDArray maskIn = batch.mask().mul(keep);
                    NDArray injected = batch.mask().sub(maskIn);
                    NDArray xIn = batch.x().mul(maskIn);
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        NDList out = net.forward(ps, xIn, maskIn, batch.u(), model.graph(), true);
                        NDArray loss = maskedL1(out, batch.x(), injected);
                        total += loss.getFloat();
                        gc.backward(Scalars.div(loss, options.microBatches()));
                    }
                }
            }
            GradientClipping.clipGlobalNorm(net, options.gradientClip(), bm);
            adam.step(net, lr, bm);
        }
        double loss = total / options.microBatches();
        if (!Double.isFinite(loss)) {
            throw new IllegalStateException(
                    "training diverged: loss is " + loss + " at epoch " + epoch + ", step " + step);
        }
        return loss;
    }

    /**
     * Which inputs of a batch stay visible, window by window, under {@link
     * TrainingOptions#injection()}: 1 keeps an input, 0 hides it (the training mask is applied on
     * top, so only available inputs become loss targets). Point whitening keeps each input with
     * probability {@code 1 - p}, {@code p} drawn per window (spin.md §2.3); a historical pattern
     * keeps exactly what another training window, drawn at random, has available; outages whiten
     * points and, in half of the windows, hide every node over {@code 1..T/2} consecutive steps.
     *
     * @param options the training options (injection and whitening probabilities)
     * @param train the training windows, the source of historical patterns
     * @param starts the first step of each window of the batch
     * @param rnd the step's random source
     * @return {@code [B, T, N, C]} flattened
     */
    static float[] injectionKeep(
            TrainingOptions options, ImputationDataset train, int[] starts, SplittableRandom rnd) {
        double[] probs = options.whitenProbabilities();
        var series = train.series();
        int t = train.windowSpec().window();
        int per = t * series.numNodes() * series.numChannels();
        float[] keep = new float[starts.length * per];
        boolean[] observed = new boolean[per];
        boolean[] eval = new boolean[per];
        for (int w = 0; w < starts.length; w++) {
            Injection mode = options.injection();
            if (mode == Injection.HYBRID) {
                mode = rnd.nextBoolean() ? Injection.POINTS : Injection.HISTORICAL;
            }
            if (mode == Injection.POINTS || mode == Injection.OUTAGES) {
                double p = probs[rnd.nextInt(probs.length)];
                for (int i = 0; i < per; i++) {
                    keep[w * per + i] = rnd.nextDouble() > p ? 1f : 0f;
                }
                if (mode == Injection.OUTAGES && rnd.nextBoolean()) {
                    int length = 1 + rnd.nextInt(Math.max(1, t / 2));
                    int first = rnd.nextInt(t - length + 1);
                    int stepSize = per / t;
                    Arrays.fill(keep, w * per + first * stepSize,
                            w * per + (first + length) * stepSize, 0f);
                }
            } else {
                int other = train.windowStart(rnd.nextLong(train.size()));
                series.copyObserved(other, t, observed, 0);
                series.copyEvalMask(other, t, eval, 0);
                for (int i = 0; i < per; i++) {
                    keep[w * per + i] = observed[i] && !eval[i] ? 1f : 0f;
                }
            }
        }
        return keep;
    }

    /**
     * SPIN's loss: the masked MAE of every readout on the injected points, summed over readouts.
     *
     * @param readouts {@code [B, T, N, C]} each
     * @param target scaled targets
     * @param points 1 on the points the loss is computed on
     * @return a scalar
     */
    public static NDArray maskedL1(NDList readouts, NDArray target, NDArray points) {
        NDArray count = Scalars.maximum(points.sum(), 1);
        NDArray total = null;
        for (NDArray r : readouts) {
            NDArray l = r.sub(target).abs().mul(points).sum().div(count);
            total = total == null ? l : total.add(l);
        }
        return total;
    }

    private static Map<String, float[]> snapshot(ImputationNetwork net) {
        Map<String, float[]> s = new LinkedHashMap<>();
        net.logicalParameters().forEach((k, a) -> s.put(k, a.toFloatArray()));
        return s;
    }

    private static void restoreSnapshot(ImputationNetwork net, Map<String, float[]> s) {
        net.logicalParameters().forEach((k, a) -> a.set(s.get(k)));
    }

    private JsonObject trainingMeta(
            int epoch, double bestMae, int bestEpoch, int sinceBest, double elapsed) {
        JsonObject o = new JsonObject();
        JsonObject tr = new JsonObject();
        tr.addProperty("epoch", epoch);
        tr.addProperty("best_val_mae", bestMae);
        tr.addProperty("best_epoch", bestEpoch);
        tr.addProperty("epochs_since_best", sinceBest);
        tr.addProperty("elapsed_s", elapsed);
        tr.addProperty("seed", options.seed());
        tr.addProperty("options", options.toString());
        o.add("training", tr);
        return o;
    }

    private void saveLast(
            Path runDir, ImputationModel model, AdamOptimizer adam, int epoch, double bestMae,
            int bestEpoch, int sinceBest, double elapsed, Map<String, float[]> best) {
        JsonObject meta = model.describe();
        trainingMeta(epoch, bestMae, bestEpoch, sinceBest, elapsed)
                .entrySet()
                .forEach(e -> meta.add(e.getKey(), e.getValue()));
        try (NDManager tmp = NDManager.newBaseManager(model.device())) {
            Map<String, NDArray> opt = new LinkedHashMap<>(adam.state(tmp));
            best.forEach((k, v) -> opt.put("best/" + k, tmp.create(v)));
            Checkpoint.write(runDir.resolve(LAST), meta, model.network().logicalParameters(), opt);
        }
    }

    private record ResumeState(
            int nextEpoch, double bestMae, int bestEpoch, int sinceBest, double elapsed,
            Map<String, float[]> best) {}

    private ResumeState restore(Path runDir, ImputationModel model, AdamOptimizer adam) {
        if (runDir == null) {
            throw new IllegalArgumentException("resuming needs a run directory");
        }
        Path last = runDir.resolve(LAST);
        if (!Files.exists(last)) {
            throw new IllegalArgumentException(
                    "cannot resume: " + last + " does not exist (was the run started with this"
                            + " directory?)");
        }
        try (NDManager tmp = NDManager.newBaseManager(model.device())) {
            Checkpoint ckpt = Checkpoint.read(last, tmp);
            JsonObject meta = ckpt.meta();
            String fp = meta.getAsJsonObject("graph").get("fingerprint").getAsString();
            if (!fp.equals(model.graph().fingerprint())) {
                throw new IllegalArgumentException(
                        "cannot resume " + last + ": it was trained on a different graph");
            }
            model.loadParameters(ckpt.params(), last);
            Map<String, NDArray> opt = new LinkedHashMap<>();
            Map<String, float[]> best = new LinkedHashMap<>();
            ckpt.optimizer().forEach((k, v) -> {
                if (k.startsWith("best/")) {
                    best.put(k.substring(5), v.toFloatArray());
                } else {
                    opt.put(k, v);
                }
            });
            adam.load(opt);
            JsonObject tr = meta.getAsJsonObject("training");
            return new ResumeState(
                    tr.get("epoch").getAsInt() + 1,
                    tr.get("best_val_mae").getAsDouble(),
                    tr.get("best_epoch").getAsInt(),
                    tr.get("epochs_since_best").getAsInt(),
                    tr.get("elapsed_s").getAsDouble(),
                    best.isEmpty() ? snapshot(model.network()) : best);
        }
    }

    private static void appendMetrics(Path runDir, EpochMetrics em) {
        Path f = runDir.resolve(METRICS);
        try {
            String existing = Files.exists(f)
                    ? Files.readString(f, StandardCharsets.UTF_8)
                    : EpochMetrics.CSV_HEADER + "\n";
            AtomicFiles.writeString(f, existing + em.csvRow() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot update " + f, e);
        }
    }

    private static List<EpochMetrics> readHistory(Path runDir) {
        Path f = runDir.resolve(METRICS);
        List<EpochMetrics> out = new ArrayList<>();
        if (!Files.exists(f)) {
            return out;
        }
        try {
            List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
            for (int i = 1; i < lines.size(); i++) {
                String[] p = lines.get(i).split(",");
                if (p.length < 6) {
                    continue;
                }
                out.add(new EpochMetrics(Integer.parseInt(p[0]), Double.parseDouble(p[1]),
                        Double.parseDouble(p[2]), Double.parseDouble(p[3]),
                        Double.parseDouble(p[4]), Integer.parseInt(p[5])));
            }
        } catch (IOException | NumberFormatException e) {
            throw new IllegalArgumentException("cannot read the metrics of " + f + ": " + e, e);
        }
        return out;
    }

    /** @return the options */
    public TrainingOptions options() {
        return options;
    }

    static JsonArray toJson(double[] v) {
        JsonArray a = new JsonArray();
        for (double d : v) {
            a.add(d);
        }
        return a;
    }
}
