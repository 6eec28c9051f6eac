package org.spinj.spin;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntConsumer;
import org.spinj.datasets.SpatioTemporalSeries;
import org.spinj.datasets.scale.AffineScaler;
import org.spinj.datasets.window.ImputationDataset;
import org.spinj.datasets.window.WindowReconstruction;
import org.spinj.datasets.window.WindowSpec;
import org.spinj.graph.EdgeIndex;
import org.spinj.graph.io.Excerpt;
import org.spinj.spin.baseline.Imputer;
import org.spinj.spin.eval.ImputationMetrics;
import org.spinj.spin.io.Checkpoint;
import org.spinj.spin.io.NpzParameters;
import org.spinj.spin.train.WindowBatch;

/**
 * A trained imputation network with everything needed to use it: its graph, its scaler and its
 * window length. It predicts windows, evaluates on a task's windows (the paper's protocol: every
 * eval target of every overlapping window), imputes whole series and saves itself as a {@link
 * Checkpoint} that loads without the training code's arguments. Owns native memory: close it.
 */
public final class ImputationModel implements AutoCloseable {

    /** The longest window a checkpoint may declare. */
    static final int MAX_WINDOW = 1 << 20;

    private final ImputationNetwork network;
    private final NDManager manager;
    private final ParameterStore ps;
    private final EdgeIndex graph;
    private final AffineScaler scaler;
    private final int window;
    private final String dataset;
    private Imputer darkFallback;
    private Imputer blendBaseline;
    private double networkWeight = 1.0;
    private MaskEnsemble ensemble = MaskEnsemble.NONE;

    /**
     * Wraps an initialised network.
     *
     * @param network the network, initialised on {@code manager}
     * @param manager owner of the network's parameters (closed with this model)
     * @param graph the spatial graph
     * @param scaler the scaler of the inputs
     * @param window the window length {@code T} it was trained on
     * @param dataset the dataset name
     */
    public ImputationModel(
            ImputationNetwork network, NDManager manager, EdgeIndex graph, AffineScaler scaler,
            int window, String dataset) {
        this.network = Objects.requireNonNull(network, "network");
        this.manager = Objects.requireNonNull(manager, "manager");
        this.graph = Objects.requireNonNull(graph, "graph");
        this.scaler = Objects.requireNonNull(scaler, "scaler");
        this.window = window;
        this.dataset = Objects.requireNonNull(dataset, "dataset");
        this.ps = new ParameterStore(manager, false);
    }

    /** @return the network */
    public ImputationNetwork network() {
        return network;
    }

    /** @return the parameter store that serves the network's parameters */
    public ParameterStore parameterStore() {
        return ps;
    }

    /** @return the graph */
    public EdgeIndex graph() {
        return graph;
    }

    /** @return the input scaler */
    public AffineScaler scaler() {
        return scaler;
    }

    /** @return the window length */
    public int window() {
        return window;
    }

    /** @return the dataset name the model was trained on */
    public String dataset() {
        return dataset;
    }

    /** @return the device of the parameters */
    public Device device() {
        return manager.getDevice();
    }

    /**
     * Predicts a batch in original units; observed inputs pass through unchanged. With an active
     * {@link #setEnsemble ensemble} the imputation is the mean over the full input and its
     * re-masked copies.
     *
     * @param batch the windows
     * @return {@code [B, T, N, C]} on the batch's manager
     */
    public NDArray predict(WindowBatch batch) {
        return predictNetwork(batch);
    }

    /**
     * {@link #predict} as a flat array, with the {@link #setDarkStepFallback dark-step fallback}
     * and the {@link #setBlend blend} applied when they are set.
     *
     * @param batch the windows
     * @param aux the baselines' imputations of the batch's series
     * @return {@code [B, T, N, C]} values
     */
    private float[] predictArray(WindowBatch batch, Baselines aux) {
        float[] pred = predictNetwork(batch).toFloatArray();
        if (aux.fallback() == null && aux.blend() == null) {
            return pred;
        }
        float[] mask = batch.mask().toFloatArray();
        Shape shape = batch.mask().getShape();
        int t = (int) shape.get(1);
        int perStep = (int) (shape.get(2) * shape.get(3));
        int[] starts = batch.starts();
        float w = (float) networkWeight;
        for (int b = 0; b < starts.length; b++) {
            for (int step = 0; step < t; step++) {
                int at = (b * t + step) * perStep;
                int src = (starts[b] + step) * perStep;
                if (aux.fallback() != null) {
                    boolean dark = true;
                    for (int k = 0; k < perStep && dark; k++) {
                        dark = mask[at + k] < 0.5f;
                    }
                    if (dark) {
                        System.arraycopy(aux.fallback(), src, pred, at, perStep);
                    }
                }
                if (aux.blend() != null) {
                    for (int k = 0; k < perStep; k++) {
                        if (mask[at + k] < 0.5f) {
                            pred[at + k] = w * pred[at + k] + (1 - w) * aux.blend()[src + k];
                        }
                    }
                }
            }
        }
        return pred;
    }

    /** The baselines' imputations of one series, {@code [T, N, C]} each, or {@code null}. */
    private record Baselines(float[] fallback, float[] blend) {

        Baselines from(int step, int perStep) {
            return new Baselines(
                    fallback == null ? null
                            : java.util.Arrays.copyOfRange(fallback, step * perStep, fallback.length),
                    blend == null ? null
                            : java.util.Arrays.copyOfRange(blend, step * perStep, blend.length));
        }
    }

    private Baselines baselines(SpatioTemporalSeries s) {
        return new Baselines(darkFallback == null ? null : darkFallback.impute(s),
                blendBaseline == null ? null : blendBaseline.impute(s));
    }

    /**
     * Sets what imputes the steps at which no input of the whole network is visible (a network
     * outage): the network itself ({@code null}, the default, SPIN's protocol), or a baseline
     * run on the whole series, whose estimate then replaces the network's at those steps in
     * {@link #evaluate} and {@link #impute}. Inside a long outage SPIN sees only its own
     * temporal attention across the window, while linear interpolation joins the nearest
     * observations wherever they are.
     *
     * @param imputer the baseline, or {@code null} for none
     */
    public void setDarkStepFallback(Imputer imputer) {
        this.darkFallback = imputer;
    }

    /** @return the dark-step fallback, or {@code null} */
    public Imputer darkStepFallback() {
        return darkFallback;
    }

    /**
     * Sets a blend: every cell whose input is missing is imputed as {@code networkWeight} times
     * the network's estimate (after the {@link #setDarkStepFallback dark-step fallback}) plus
     * {@code 1 - networkWeight} times a baseline's estimate on the whole series, in {@link
     * #evaluate} and {@link #impute}. A convex combination of two imputations whose errors are
     * not perfectly correlated has a lower error than the better of the two for a range of
     * weights; the weight is chosen on validation ({@code BlendCheck} in the command line).
     *
     * @param baseline the baseline, or {@code null} for none (the network alone)
     * @param networkWeight the network's share in {@code [0, 1]}
     * @throws IllegalArgumentException for a weight outside {@code [0, 1]}
     */
    public void setBlend(Imputer baseline, double networkWeight) {
        if (!(networkWeight >= 0 && networkWeight <= 1)) {
            throw new IllegalArgumentException(
                    "the network's share of a blend must be in [0, 1], got " + networkWeight);
        }
        this.blendBaseline = baseline;
        this.networkWeight = baseline == null ? 1.0 : networkWeight;
    }

    /** @return the blend's baseline, or {@code null} */
    public Imputer blendBaseline() {
        return blendBaseline;
    }

    /** @return the network's share of the blend ({@code 1} without one) */
    public double networkWeight() {
        return networkWeight;
    }

    private NDArray predictNetwork(WindowBatch batch) {
        NDArray scaled = forwardScaled(batch.x(), batch.mask(), batch.u());
        if (ensemble.isActive()) {
            NDManager m = batch.x().getManager();
            Shape shape = batch.mask().getShape();
            int perWindow = (int) (shape.size() / shape.get(0));
            float[] keep = new float[(int) shape.size()];
            for (int s = 1; s < ensemble.samples(); s++) {
                for (int b = 0; b < batch.size(); b++) {
                    System.arraycopy(ensemble.keep(batch.starts()[b], s, perWindow), 0, keep,
                            b * perWindow, perWindow);
                }
                // each copy's intermediates live on their own manager, freed before the next
                try (NDManager copy = m.newSubManager()) {
                    NDArray mask = copy.create(keep, shape).mul(batch.mask());
                    NDArray x = mask.mul(batch.x());
                    NDArray u = copy.zeros(batch.u().getShape(), batch.u().getDataType())
                            .add(batch.u());
                    scaled = scaled.add(forwardScaled(x, mask, u));
                }
            }
            scaled = scaled.div(ensemble.samples());
        }
        NDArray yHat = inverse(scaled);
        return yHat.mul(batch.mask().neg().add(1f)).add(batch.y().mul(batch.mask()));
    }

    private NDArray forwardScaled(NDArray x, NDArray mask, NDArray u) {
        NDList out = network.forward(ps, x, mask, u, graph, false);
        return out.get(out.size() - 1);
    }

    /**
     * Sets the test-time averaging of {@link #predict} (and so of {@link #evaluate} and {@link
     * #impute}); {@link MaskEnsemble#NONE}, the default, is the plain forward pass.
     *
     * @param ensemble the averaging
     */
    public void setEnsemble(MaskEnsemble ensemble) {
        this.ensemble = Objects.requireNonNull(ensemble, "ensemble");
    }

    /** @return the test-time averaging of {@link #predict} */
    public MaskEnsemble ensemble() {
        return ensemble;
    }

    private NDArray inverse(NDArray scaled) {
        NDManager m = scaled.getManager();
        float[] scale = toFloat(scaler.scale());
        float[] offset = toFloat(scaler.offset());
        return scaled.mul(m.create(scale)).add(m.create(offset));
    }

    private static float[] toFloat(double[] v) {
        float[] f = new float[v.length];
        for (int k = 0; k < v.length; k++) {
            f[k] = (float) v[k];
        }
        return f;
    }

    /**
     * Evaluates on some windows of a task: metrics over every eval target of every window (a point
     * in {@code k} overlapping windows counts {@code k} times, as in the paper), and over the
     * series reconstructed from the windows (each point once, the mean of its windows).
     *
     * @param task the task (its series and eval mask)
     * @param windows window indices of the task's split
     * @param batchSize windows per forward pass
     * @return both metrics
     */
    public Evaluation evaluate(ImputationTask task, int[] windows, int batchSize) {
        return evaluate(task, windows, batchSize, done -> {});
    }

    /**
     * {@link #evaluate(ImputationTask, int[], int)}, telling a listener after every forward pass
     * (to show progress).
     *
     * @param task the task (its series and eval mask)
     * @param windows window indices of the task's split
     * @param batchSize windows per forward pass
     * @param afterBatch told the number of batches done, {@code 1..ceil(windows / batchSize)}
     * @return both metrics
     */
    public Evaluation evaluate(
            ImputationTask task, int[] windows, int batchSize, IntConsumer afterBatch) {
        return evaluateByStep(task, windows, batchSize, afterBatch,
                new int[task.series().numSteps()], 1)[0];
    }

    /**
     * {@link #evaluate(ImputationTask, int[], int, IntConsumer)} with the targets split into
     * groups by the step they sit at (a calendar month, hours with no sensor reporting, ...): one
     * forward pass over the windows, each target scored in its step's group, both views as there.
     *
     * @param task the task (its series and eval mask)
     * @param windows window indices of the task's split
     * @param batchSize windows per forward pass
     * @param afterBatch told the number of batches done
     * @param groupOfStep the group of every step of the task's series, {@code 0..groups - 1}
     * @param groups the number of groups
     * @return one evaluation per group; a group without targets scores 0 with count 0
     * @throws IllegalArgumentException if {@code groupOfStep} does not cover the series or names
     *     a group outside {@code 0..groups - 1}
     */
    public Evaluation[] evaluateByStep(ImputationTask task, int[] windows, int batchSize,
            IntConsumer afterBatch, int[] groupOfStep, int groups) {
        SpatioTemporalSeries s = task.series();
        checkGroups(groupOfStep, groups, s.numSteps());
        WindowReconstruction rec =
                new WindowReconstruction(s.numSteps(), s.numNodes(), s.numChannels());
        ImputationMetrics.Accumulator[] perWindow = accumulators(groups);
        int perStep = s.numNodes() * s.numChannels();
        scanWindows(task, windows, batchSize, afterBatch, true,
                (estimate, truth, cell) -> perWindow[groupOfStep[cell / perStep]].add(estimate, truth),
                rec::addBatch);
        float[] series = rec.mean();
        int[] counts = rec.counts();
        float[] truth = s.values();
        boolean[] evalMask = s.evalMask();
        ImputationMetrics.Accumulator[] perPoint = accumulators(groups);
        for (int i = 0; i < series.length; i++) {
            if (evalMask[i] && counts[i / perStep] > 0) {
                perPoint[groupOfStep[i / perStep]].add(series[i], truth[i]);
            }
        }
        Evaluation[] out = new Evaluation[groups];
        for (int g = 0; g < groups; g++) {
            out[g] = new Evaluation(perWindow[g].result(), perPoint[g].result());
        }
        return out;
    }

    /** Receives one evaluation target of a window: the estimate, the truth and where it is. */
    @FunctionalInterface
    public interface TargetConsumer {
        /**
         * @param estimate the model's estimate
         * @param truth the held-out value
         * @param cell the target's flat index {@code (step * N + node) * C + channel} in the
         *     series
         */
        void accept(float estimate, float truth, int cell);
    }

    /**
     * Hands every evaluation target of the windows to a consumer with the model's estimate, in
     * the per-window view of {@link #evaluate} (a target covered by {@code k} windows is seen
     * {@code k} times), with the settings in force (dark-step fallback, blend, ensemble).
     *
     * @param task the task (its series and eval mask)
     * @param windows window indices of the task's split
     * @param batchSize windows per forward pass
     * @param consumer told every target
     */
    public void forEachTarget(
            ImputationTask task, int[] windows, int batchSize, TargetConsumer consumer) {
        scanWindows(task, windows, batchSize, done -> {}, false, consumer, (starts, pred) -> {});
    }

    /**
     * One forward pass per batch of windows: every evaluation target goes to {@code consumer},
     * every batch's predictions to {@code batchSink}.
     *
     * @param requireFinite whether a non-finite estimate at a target fails, naming it
     */
    private void scanWindows(ImputationTask task, int[] windows, int batchSize,
            IntConsumer afterBatch, boolean requireFinite, TargetConsumer consumer,
            java.util.function.BiConsumer<int[], float[]> batchSink) {
        SpatioTemporalSeries s = task.series();
        ImputationDataset ds = dataset(s, task.split().spec(), windows);
        Baselines aux = baselines(s);
        int perStep = s.numNodes() * s.numChannels();
        int window = task.split().spec().window();
        long[] idx = new long[windows.length];
        for (int k = 0; k < idx.length; k++) {
            idx[k] = k;
        }
        for (int from = 0; from < idx.length; from += batchSize) {
            int to = Math.min(idx.length, from + batchSize);
            try (NDManager bm = manager.newSubManager()) {
                WindowBatch batch = WindowBatch.of(ds, idx, from, to, bm);
                float[] pred = predictArray(batch, aux);
                float[] y = batch.y().toFloatArray();
                float[] eval = batch.evalMask().toFloatArray();
                int[] starts = batch.starts();
                for (int i = 0; i < eval.length; i++) {
                    if (eval[i] > 0.5f) {
                        int step = starts[i / (window * perStep)] + (i / perStep) % window;
                        if (requireFinite && !Float.isFinite(pred[i])) {
                            throw nonFinite(pred[i], s, step, (i % perStep) / s.numChannels(),
                                    "in window " + windows[from + i / (window * perStep)]);
                        }
                        consumer.accept(pred[i], y[i], step * perStep + i % perStep);
                    }
                }
                batchSink.accept(starts, pred);
            }
            afterBatch.accept(from / batchSize + 1);
        }
    }

    /**
     * The error for a non-finite imputation, which no metric or output may carry.
     *
     * @param value the value
     * @param s the series imputed
     * @param step its step
     * @param node its node
     * @param where more context (the window), or empty
     * @return the exception naming the step, its time and the node
     */
    public static IllegalStateException nonFinite(
            float value, SpatioTemporalSeries s, int step, int node, String where) {
        return new IllegalStateException("the imputation is " + value + " at step " + step + " ("
                + s.timeIndex().at(step) + ")" + (where.isEmpty() ? "" : " " + where)
                + " for node '" + s.nodeIds().get(node) + "'; expected a finite value (a"
                + " diverged model or non-finite parameters)");
    }

    /**
     * Checks a step grouping for {@link #evaluateByStep}.
     *
     * @param groupOfStep the group of every step
     * @param groups the number of groups
     * @param steps the series' steps
     * @throws IllegalArgumentException naming the first bad entry
     */
    public static void checkGroups(int[] groupOfStep, int groups, int steps) {
        if (groups < 1) {
            throw new IllegalArgumentException("need at least one group, got " + groups);
        }
        if (groupOfStep.length != steps) {
            throw new IllegalArgumentException("the grouping covers " + groupOfStep.length
                    + " steps, the series has " + steps);
        }
        for (int t = 0; t < steps; t++) {
            if (groupOfStep[t] < 0 || groupOfStep[t] >= groups) {
                throw new IllegalArgumentException("step " + t + " is in group " + groupOfStep[t]
                        + ", expected 0.." + (groups - 1));
            }
        }
    }

    private static ImputationMetrics.Accumulator[] accumulators(int groups) {
        ImputationMetrics.Accumulator[] a = new ImputationMetrics.Accumulator[groups];
        for (int g = 0; g < groups; g++) {
            a[g] = new ImputationMetrics.Accumulator();
        }
        return a;
    }

    /**
     * Both views of a model's errors.
     *
     * @param windows over every eval target of every window (the paper's protocol)
     * @param series over the reconstructed series, each point once
     */
    public record Evaluation(ImputationMetrics windows, ImputationMetrics series) {}

    /**
     * Imputes a whole series with overlapping windows (stride 1, or {@code stride}) averaged per
     * step; observed entries (the series' training mask) pass through unchanged.
     *
     * @param series a series over the model's nodes
     * @param stride step between windows ({@code 1..T})
     * @param batchSize windows per forward pass
     * @return values {@code [T, N, C]}
     */
    public float[] impute(SpatioTemporalSeries series, int stride, int batchSize) {
        return impute(series, stride, batchSize, done -> {});
    }

    /**
     * {@link #impute(SpatioTemporalSeries, int, int)}, telling a listener after every forward
     * pass (to show progress).
     *
     * @param series a series over the model's nodes
     * @param stride step between windows ({@code 1..T})
     * @param batchSize windows per forward pass
     * @param afterBatch told the number of forward passes done, up to {@link
     *     #imputeBatches(SpatioTemporalSeries, int, int)}
     * @return values {@code [T, N, C]}
     */
    public float[] impute(
            SpatioTemporalSeries series, int stride, int batchSize, IntConsumer afterBatch) {
        if (series.numNodes() != network.numNodes()) {
            throw new IllegalArgumentException(
                    "the series has " + series.numNodes() + " nodes, the model was trained on "
                            + network.numNodes());
        }
        if (series.numSteps() < window) {
            throw new IllegalArgumentException(
                    "the series has " + series.numSteps() + " steps, fewer than the window "
                            + window);
        }
        if (stride < 1 || stride > window) {
            throw new IllegalArgumentException(
                    "stride must be in [1, " + window + "], got " + stride);
        }
        WindowSpec spec = new WindowSpec(window, stride);
        int count = spec.numWindows(series.numSteps());
        int[] windows = new int[count];
        for (int k = 0; k < count; k++) {
            windows[k] = k;
        }
        ImputationDataset ds = dataset(series, spec, windows);
        Baselines aux = baselines(series);
        WindowReconstruction rec =
                new WindowReconstruction(series.numSteps(), series.numNodes(), series.numChannels());
        long[] idx = new long[count];
        for (int k = 0; k < count; k++) {
            idx[k] = k;
        }
        for (int from = 0; from < count; from += batchSize) {
            int to = Math.min(count, from + batchSize);
            try (NDManager bm = manager.newSubManager()) {
                WindowBatch batch = WindowBatch.of(ds, idx, from, to, bm);
                rec.addBatch(batch.starts(), predictArray(batch, aux));
            }
            afterBatch.accept(from / batchSize + 1);
        }
        // the last window may not reach the end when the stride does not divide T_total - T
        int last = spec.start(count - 1) + window;
        if (last < series.numSteps()) {
            int start = series.numSteps() - window;
            ImputationDataset tailDs =
                    dataset(series.sliceTime(start, series.numSteps()), new WindowSpec(window, 1),
                            new int[] {0});
            try (NDManager bm = manager.newSubManager()) {
                WindowBatch batch = WindowBatch.of(tailDs, new long[] {0}, 0, 1, bm);
                // the tail window starts at step 0 of its slice: the baselines from `start` on
                rec.add(start, predictArray(batch,
                        aux.from(start, series.numNodes() * series.numChannels())));
            }
            afterBatch.accept((count + batchSize - 1) / batchSize + 1);
        }
        float[] out = rec.mean();
        float[] values = series.values();
        boolean[] visible = series.trainingMask();
        for (int i = 0; i < out.length; i++) {
            if (visible[i]) {
                out[i] = values[i];
            }
        }
        return out;
    }

    /**
     * @param series a series at least one window long
     * @param stride step between windows ({@code 1..T})
     * @param batchSize windows per forward pass
     * @return the forward passes {@link #impute} runs on it (a tail window counts as one)
     */
    public int imputeBatches(SpatioTemporalSeries series, int stride, int batchSize) {
        WindowSpec spec = new WindowSpec(window, stride);
        int count = spec.numWindows(series.numSteps());
        int tail = spec.start(count - 1) + window < series.numSteps() ? 1 : 0;
        return (count + batchSize - 1) / batchSize + tail;
    }

    private ImputationDataset dataset(SpatioTemporalSeries s, WindowSpec spec, int[] windows) {
        return ImputationDataset.builder()
                .setSeries(s)
                .setWindows(spec, windows)
                .optScaler(scaler)
                .setSampling(1, false)
                .build();
    }

    /**
     * The metadata a checkpoint of this model stores.
     *
     * @return network hyperparameters, dataset, window, graph and scaler
     */
    public JsonObject describe() {
        JsonObject meta = new JsonObject();
        meta.add("network", network.hyperparameters());
        meta.addProperty("dataset", dataset);
        meta.addProperty("window", window);
        JsonObject g = new JsonObject();
        g.addProperty("num_nodes", graph.numNodes());
        g.addProperty("fingerprint", graph.fingerprint());
        JsonArray src = new JsonArray();
        JsonArray tgt = new JsonArray();
        for (int e = 0; e < graph.numEdges(); e++) {
            src.add(graph.source(e));
            tgt.add(graph.target(e));
        }
        g.add("sources", src);
        g.add("targets", tgt);
        if (graph.isWeighted()) {
            JsonArray w = new JsonArray();
            for (int e = 0; e < graph.numEdges(); e++) {
                w.add(graph.weight(e));
            }
            g.add("weights", w);
        }
        meta.add("graph", g);
        JsonObject sc = new JsonObject();
        JsonArray off = new JsonArray();
        JsonArray scl = new JsonArray();
        for (int c = 0; c < scaler.numChannels(); c++) {
            off.add(scaler.offset()[c]);
            scl.add(scaler.scale()[c]);
        }
        sc.add("offset", off);
        sc.add("scale", scl);
        meta.add("scaler", sc);
        return meta;
    }

    /**
     * Saves the model (no optimizer state) atomically.
     *
     * @param path the checkpoint file
     * @param extra more metadata (metrics, provenance), merged into the file's JSON; may be null
     */
    public void save(Path path, JsonObject extra) {
        JsonObject meta = describe();
        if (extra != null) {
            extra.entrySet().forEach(e -> meta.add(e.getKey(), e.getValue()));
        }
        Checkpoint.write(path, meta, network.logicalParameters(), Map.of());
    }

    /**
     * Loads a model saved by {@link #save} or by the trainer. The file is read within {@link
     * Checkpoint#read}'s bounds, and its hyperparameters are checked against the stored graph and
     * parameter shapes ({@link Networks#checkStored}) before the network is built, so an edited
     * or corrupt file fails with one line instead of allocating what it claims.
     *
     * @param path the checkpoint
     * @param device where to compute
     * @return the model
     * @throws IllegalArgumentException if the file is not a usable spinj checkpoint: naming the
     *     file and the offending entry, key or parameter
     */
    public static ImputationModel load(Path path, Device device) {
        NDManager manager = NDManager.newBaseManager(device);
        try {
            try (NDManager tmp = manager.newSubManager()) {
                Checkpoint ckpt = Checkpoint.read(path, tmp);
                Map<String, NDArray> params = ckpt.params();
                Map<String, Shape> shapes = new java.util.LinkedHashMap<>();
                params.forEach((k, v) -> shapes.put(k, v.getShape()));
                ImputationModel model = fromMeta(ckpt.meta(), shapes, manager, path);
                model.loadParameters(params, path);
                return model;
            }
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /**
     * Rebuilds a model from checkpoint metadata, checking its hyperparameters against the stored
     * parameter shapes and graph before anything is allocated.
     */
    static ImputationModel fromMeta(
            JsonObject meta, Map<String, Shape> stored, NDManager manager, Path source) {
        try {
            JsonObject g = meta.getAsJsonObject("graph");
            int graphNodes = g.get("num_nodes").getAsInt();
            Shape emb = stored.get("node_emb");
            if (emb != null && emb.dimension() == 2 && graphNodes != emb.get(0)) {
                throw new IllegalArgumentException("graph.num_nodes = " + graphNodes
                        + " does not match the stored model: expected " + emb.get(0)
                        + " (the rows of node_emb " + emb + ")");
            }
            int window = meta.get("window").getAsInt();
            if (window < 1 || window > MAX_WINDOW) {
                throw new IllegalArgumentException("window = " + window + " is out of range:"
                        + " expected 1.." + MAX_WINDOW);
            }
            Networks.checkStored(meta.getAsJsonObject("network"), graphNodes, stored);
            ImputationNetwork net = Networks.fromHyperparameters(meta.getAsJsonObject("network"));
            JsonArray src = g.getAsJsonArray("sources");
            JsonArray tgt = g.getAsJsonArray("targets");
            int[] s = new int[src.size()];
            int[] t = new int[tgt.size()];
            for (int e = 0; e < s.length; e++) {
                s[e] = src.get(e).getAsInt();
                t[e] = tgt.get(e).getAsInt();
            }
            float[] w = null;
            if (g.has("weights")) {
                JsonArray wa = g.getAsJsonArray("weights");
                w = new float[wa.size()];
                for (int e = 0; e < w.length; e++) {
                    w[e] = wa.get(e).getAsFloat();
                }
            }
            EdgeIndex graph = EdgeIndex.of(graphNodes, s, t, w);
            if (g.has("fingerprint") && !graph.fingerprint().equals(g.get("fingerprint").getAsString())) {
                throw new IllegalArgumentException(
                        "the stored graph does not match its fingerprint (file edited or corrupt)");
            }
            JsonObject sc = meta.getAsJsonObject("scaler");
            double[] off = toDoubles(sc.getAsJsonArray("offset"));
            double[] scl = toDoubles(sc.getAsJsonArray("scale"));
            Shape x = new Shape(1, window, net.numNodes(), net.inputSize());
            net.initialize(manager, DataType.FLOAT32, x, x, new Shape(1, window, net.exogenousSize()));
            return new ImputationModel(
                    net, manager, graph, new AffineScaler(off, scl), window,
                    meta.get("dataset").getAsString());
        } catch (RuntimeException e) {
            if (e instanceof IllegalArgumentException) {
                throw new IllegalArgumentException(
                        "checkpoint " + source + ": " + e.getMessage(), e);
            }
            throw new IllegalArgumentException(
                    "checkpoint " + source + " has incomplete metadata ("
                            + Excerpt.of(e.toString()) + ")", e);
        }
    }

    private static double[] toDoubles(JsonArray a) {
        double[] v = new double[a.size()];
        for (int k = 0; k < v.length; k++) {
            v[k] = a.get(k).getAsDouble();
        }
        return v;
    }

    /**
     * Exports the parameters as a NumPy {@code .npz} archive named by parameter path (the
     * reference's {@code state_dict} keys), written atomically.
     *
     * @param path the {@code .npz} file
     */
    public void exportParameters(Path path) {
        NpzParameters.write(path, network.logicalParameters());
    }

    /**
     * Imports parameters from a {@code .npz} archive named by parameter path (written by {@link
     * #exportParameters} or by {@code numpy.savez} from a PyTorch {@code state_dict}). Every
     * parameter of the network must be present with its shape; entries the network does not
     * have are an error too, so that a file of another architecture is never half-loaded. Values
     * must be finite {@code float32} or {@code float64}: an integer array or a NaN or infinite
     * value is refused, naming the parameter.
     *
     * @param path the {@code .npz} file
     * @throws IllegalArgumentException naming the file and the offending entry
     */
    public void importParameters(Path path) {
        try (NDManager tmp = manager.newSubManager()) {
            Map<String, NDArray> values = NpzParameters.read(path, tmp);
            java.util.Set<String> extra = new java.util.TreeSet<>(values.keySet());
            extra.removeAll(network.logicalParameters().keySet());
            if (!extra.isEmpty()) {
                throw new IllegalArgumentException(
                        "parameter file " + path + " has entries this network lacks: " + extra
                                + " (another architecture or size?)");
            }
            loadParameters(values, "parameter file " + path);
        }
    }

    /**
     * Copies parameter values into the network.
     *
     * @param values arrays by logical name
     * @param source where they came from, for error messages
     * @throws IllegalArgumentException naming {@code source} and the parameter if one is
     *     missing, has another shape or holds a NaN or infinite value
     */
    public void loadParameters(Map<String, NDArray> values, Object source) {
        Map<String, NDArray> own = network.logicalParameters();
        for (Map.Entry<String, NDArray> e : own.entrySet()) {
            NDArray v = values.get(e.getKey());
            if (v == null) {
                throw new IllegalArgumentException(
                        source + " lacks parameter '" + e.getKey() + "'");
            }
            if (!v.getShape().equals(e.getValue().getShape())) {
                throw new IllegalArgumentException(
                        source + ": parameter '" + e.getKey() + "' has shape " + v.getShape()
                                + ", the network expects " + e.getValue().getShape());
            }
            float[] data = v.toType(e.getValue().getDataType(), false).toFloatArray();
            for (int i = 0; i < data.length; i++) {
                if (!Float.isFinite(data[i])) {
                    throw new IllegalArgumentException(
                            source + ": parameter '" + e.getKey() + "' holds " + data[i]
                                    + " at element " + i + "; non-finite values cannot be loaded");
                }
            }
            e.getValue().set(data);
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
