package org.spinj.experiments.bench;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.spinj.datasets.DataDirectory;
import org.spinj.experiments.EngineSetup;
import org.spinj.experiments.GlobalOptions;
import org.spinj.graph.Connectivity;
import org.spinj.graph.EdgeIndex;
import org.spinj.graph.GraphCsvReader;
import org.spinj.spin.ImputationNetwork;
import org.spinj.spin.Networks;
import org.spinj.spin.SpinConfig;
import org.spinj.spin.SpinModel;
import org.spinj.spin.SpinOracle;
import org.spinj.spin.train.AdamOptimizer;
import org.spinj.spin.train.GradientClipping;
import org.spinj.spin.train.SpinTrainer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import org.spinj.graph.tensor.Scalars;

/**
 * {@code spinj bench spin}: the median training-step time (forward, backward, clipping, Adam) and
 * inference time of SPIN at the size of a real dataset's graph, and the process's peak resident
 * memory, printed as {@code key: value} lines. With {@code --oracle} the direct transcription
 * ({@link SpinOracle}) runs the same steps on the same parameters in the same process, so the
 * ratio of the two is measured under the same conditions.
 */
@Command(
        name = "spin",
        mixinStandardHelpOptions = true,
        description = "Training-step and inference time and peak memory of SPIN (and its oracle).")
public final class SpinBenchCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(
            names = "--size",
            defaultValue = "aqi36",
            description = "graph size: aqi36 (N=36, E=654) or metr-la (N=207, E=2,626)")
    String size;

    @Option(names = "--model", defaultValue = "spin", description = "spin or spin-h")
    String model;

    @Option(
            names = "--nodes",
            description = "keep the first K nodes in breadth-first order from node 0 (a connected"
                    + " subgraph; default: all)")
    Integer nodes;

    @Option(names = "--hidden", description = "hidden size d (default: the paper's)")
    Integer hidden;

    @Option(names = "--layers", description = "layers L, with eta = L - 1 (default: the paper's)")
    Integer layers;

    @Option(names = "--reach", description = "SPIN only: attend to the steps at most R away"
            + " (default: 0, every step, the paper)")
    Integer reach;

    @Option(names = "--window", defaultValue = "24", description = "T (default: ${DEFAULT-VALUE})")
    int window;

    @Option(names = "--batch", defaultValue = "8",
            description = "B per step (default: ${DEFAULT-VALUE}, as spinj train)")
    int batch;

    @Option(
            names = "--micro-batches",
            description = "micro-batches per step with gradient accumulation (default: 4 when"
                    + " they divide --batch, as spinj train --budget paper; else 1)")
    Integer microBatchesOption;

    private int microBatches;

    @Option(names = "--warmup", defaultValue = "2", description = "untimed steps")
    int warmup;

    @Option(names = "--repeats", defaultValue = "5", description = "timed steps")
    int repeats;

    @Option(names = "--profile", paramLabel = "TRACE.json",
            description = "after timing, profile one more training step with libtorch's profiler:"
                    + " write its Chrome trace there and print where the time goes")
    Path profile;

    @Option(names = "--per-layer",
            description = "instead of the step timing, time each stage (encoder, layers and their"
                    + " spatial and temporal parts, readouts) in isolation, forward and backward,"
                    + " with the memory it allocates, and print a table against the whole step")
    boolean perLayer;

    @Option(names = "--clock", defaultValue = "wall",
            description = "what --per-layer measures: wall (elapsed) or cpu (CPU time of the"
                    + " thread that runs libtorch, needs SPINJ_THREADS=1: the work itself,"
                    + " unaffected by other processes)")
    String clock;

    @Option(names = "--oracle", description = "also run the direct transcription (slow, big)")
    boolean oracle;

    @Option(names = "--variant", hidden = true, description = "production or oracle (internal)")
    String variant;

    @Option(names = "--variant-device", hidden = true, description = "device (internal)")
    String variantDevice;

    @Option(
            names = "--data-dir",
            description = "folder with aqi36/ and metr_la/ (default: $SPINJ_DATA or ../shared/data)")
    Path dataDir;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        microBatches = microBatchesOption != null ? microBatchesOption
                : batch > 0 && batch % 4 == 0 ? 4 : 1;
        if (window < 2 || batch < 1 || microBatches < 1 || batch % microBatches != 0
                || warmup < 0 || repeats < 1 || (perLayer && oracle)) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "expected --window >= 2, --batch >= 1 divisible by --micro-batches,"
                            + " --warmup >= 0, --repeats >= 1, and --per-layer without --oracle");
        }
        if (reach != null && (reach < 0 || oracle || !model.equalsIgnoreCase(Networks.SPIN))) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--reach must be >= 0 and needs --model spin without --oracle (the oracle"
                            + " attends to every step), got --reach " + reach + " --model " + model
                            + (oracle ? " --oracle" : ""));
        }
        EdgeIndex graph = graph(size, DataDirectory.resolve(dataDir));
        if (nodes != null) {
            if (nodes < 2 || nodes > graph.numNodes()) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--nodes must be in 2.." + graph.numNodes() + ", got " + nodes);
            }
            graph = subgraph(graph, nodes);
        }
        if (variant == null) {
            out.println("size: " + size);
            out.println("model: " + model);
            out.println("nodes: " + graph.numNodes());
            out.println("edges: " + graph.numEdges());
            out.println("window: " + window);
            out.println("batch: " + batch);
            out.println("micro_batches: " + microBatches);
            out.println("hidden: " + (hidden == null ? "paper" : hidden));
            out.println("layers: " + (layers == null ? "paper" : layers));
            if (reach != null) {
                out.println("reach: " + reach);
            }
            out.println("allocator: " + org.spinj.experiments.Allocator.describe());
            out.flush();
        }
        if (!oracle || variant != null) {
            runVariant(out, graph, variant == null ? "production" : variant);
            out.flush();
            return 0;
        }
        // each variant in its own JVM, one after the other: peak memory is per process and one
        // variant's retained allocator pages cannot inflate the other's figure
        Map<String, String> prod = child("production");
        Map<String, String> orc = child("oracle");
        List<String> header = List.of("nodes", "edges");
        prod.forEach((k, v) -> {
            if (!header.contains(k)) {
                out.println(k + ": " + v);
            }
        });
        orc.forEach((k, v) -> {
            if (!header.contains(k)) {
                out.println("oracle_" + k + ": " + v);
            }
        });
        double pt = Double.parseDouble(prod.get("train_step_ms_median"));
        double ot = Double.parseDouble(orc.get("train_step_ms_median"));
        double pm = Double.parseDouble(prod.get("peak_rss_mb"));
        double om = Double.parseDouble(orc.get("peak_rss_mb"));
        out.println("speedup_vs_oracle: " + fmt(ot / pt));
        out.println("memory_ratio_vs_oracle: " + String.format(Locale.ROOT, "%.3f", pm / om));
        out.flush();
        return 0;
    }

    private Map<String, String> child(String which) {
        List<String> args = new ArrayList<>(List.of("--variant", which, "--size", size,
                "--model", model, "--window", String.valueOf(window),
                "--batch", String.valueOf(batch), "--micro-batches", String.valueOf(microBatches),
                "--warmup", String.valueOf(warmup), "--repeats", String.valueOf(repeats),
                "--variant-device", GlobalOptions.of(spec).device()));
        if (dataDir != null) {
            args.addAll(List.of("--data-dir", dataDir.toString()));
        }
        if (nodes != null) {
            args.addAll(List.of("--nodes", nodes.toString()));
        }
        if (hidden != null) {
            args.addAll(List.of("--hidden", hidden.toString()));
        }
        if (layers != null) {
            args.addAll(List.of("--layers", layers.toString()));
        }
        if (reach != null) {
            args.addAll(List.of("--reach", reach.toString()));
        }
        Map<String, String> values = isolated(args);
        if (!values.containsKey("train_step_ms_median")) {
            throw new IllegalStateException("the " + which + " benchmark process failed ("
                    + values.getOrDefault("exit", "?") + ")");
        }
        return values;
    }

    /**
     * Runs {@code spinj bench spin} with {@code args} in a fresh JVM (its own peak RSS, no
     * allocator pages retained from an earlier run) with this JVM's DJL settings.
     *
     * @param args the benchmark's arguments
     * @return its {@code key: value} lines; on failure without figures, an {@code exit} entry
     *     ("exit code N", with "killed: out of memory?" for 137)
     */
    public static Map<String, String> isolated(List<String> args) {
        return isolated(SpinBenchCommand.class, args);
    }

    /**
     * Runs a benchmark's {@code main} with {@code args} in a fresh JVM (its own peak RSS, no
     * allocator pages retained from an earlier run) with this JVM's DJL settings.
     *
     * @param main the class whose {@code main} runs the benchmark
     * @param args the benchmark's arguments
     * @return its {@code key: value} lines; on failure without figures, an {@code exit} entry
     *     ("exit code N", with "killed: out of memory?" for 137)
     */
    public static Map<String, String> isolated(Class<?> main, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String key : System.getProperties().stringPropertyNames()) {
            if (key.startsWith("ai.djl.") || key.startsWith("org.slf4j.")
                    || key.equals("OPT_OUT_TRACKING")) {
                cmd.add("-D" + key + "=" + System.getProperty(key));
            }
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(main.getName());
        cmd.addAll(args);
        try {
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            Map<String, String> values = new LinkedHashMap<>();
            try (BufferedReader r = new BufferedReader(
                    new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    int colon = line.indexOf(": ");
                    if (colon > 0) {
                        values.put(line.substring(0, colon), line.substring(colon + 2));
                    }
                }
            }
            int code = p.waitFor();
            if (code != 0) {
                values.put("exit", "exit code " + code
                        + (code == 137 ? ", killed: out of memory?" : ""));
            }
            return values;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a benchmark process", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * The subgraph induced by the first {@code k} nodes reached breadth-first from node 0 (then
     * from the lowest unvisited node, if the graph is not connected), renumbered in that order.
     *
     * @param g the graph
     * @param k nodes to keep
     * @return the induced subgraph, weights kept
     */
    public static EdgeIndex subgraph(EdgeIndex g, int k) {
        int n = g.numNodes();
        List<List<Integer>> adj = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            adj.add(new ArrayList<>());
        }
        for (int e = 0; e < g.numEdges(); e++) {
            adj.get(g.source(e)).add(g.target(e));
            adj.get(g.target(e)).add(g.source(e));
        }
        int[] newId = new int[n];
        java.util.Arrays.fill(newId, -1);
        java.util.ArrayDeque<Integer> queue = new java.util.ArrayDeque<>();
        int kept = 0;
        for (int start = 0; start < n && kept < k; start++) {
            if (newId[start] >= 0) {
                continue;
            }
            newId[start] = kept++;
            queue.add(start);
            while (!queue.isEmpty() && kept < k) {
                int u = queue.poll();
                for (int v : adj.get(u)) {
                    if (newId[v] < 0 && kept < k) {
                        newId[v] = kept++;
                        queue.add(v);
                    }
                }
            }
            queue.clear();
        }
        List<int[]> edges = new ArrayList<>();
        List<Float> weights = new ArrayList<>();
        for (int e = 0; e < g.numEdges(); e++) {
            int s = newId[g.source(e)];
            int t = newId[g.target(e)];
            if (s >= 0 && t >= 0) {
                edges.add(new int[] {s, t});
                weights.add(g.isWeighted() ? g.weight(e) : 1f);
            }
        }
        int[] src = new int[edges.size()];
        int[] tgt = new int[edges.size()];
        float[] w = new float[edges.size()];
        for (int e = 0; e < src.length; e++) {
            src[e] = edges.get(e)[0];
            tgt[e] = edges.get(e)[1];
            w[e] = weights.get(e);
        }
        return g.isWeighted() ? EdgeIndex.of(k, src, tgt, w) : EdgeIndex.of(k, src, tgt);
    }

    private void runVariant(PrintWriter out, EdgeIndex graph, String which) {
        boolean useOracle = which.equals("oracle");
        if (!useOracle && !which.equals("production")) {
            throw new IllegalArgumentException("--variant must be production or oracle");
        }
        Device device =
                EngineSetup.resolveDevice(
                        variantDevice != null ? variantDevice : GlobalOptions.of(spec).device());
        int n = graph.numNodes();
        int micro = batch / microBatches;
        try (NDManager root = NDManager.newBaseManager(device)) {
            Engine.getInstance().setRandomSeed(1);
            ImputationNetwork net = network(model, n, hidden, layers, reach);
            Shape xs = new Shape(micro, window, n, 1);
            net.initialize(root, DataType.FLOAT32, xs, xs, new Shape(micro, window, 4));
            long params = 0;
            for (Pair<String, Parameter> p : net.getParameters()) {
                params += p.getValue().getArray().size();
            }
            out.println("params: " + params);
            out.println("device: " + device);
            if (variant != null) {
                out.println("nodes: " + graph.numNodes());
                out.println("edges: " + graph.numEdges());
            }
            ParameterStore ps = new ParameterStore(root, false);
            Function<NDList, NDList> forward;
            if (useOracle) {
                if (!(net instanceof SpinModel)) {
                    throw new IllegalArgumentException("--oracle exists for --model spin only");
                }
                SpinModel spin = (SpinModel) net;
                SpinOracle o =
                        new SpinOracle(
                                spin.logicalParameters(), spin.config().layers(), spin.config().eta());
                forward = in -> o.forward(in.get(0), in.get(1), in.get(2), graph);
            } else {
                forward = in -> net.forward(ps, in.get(0), in.get(1), in.get(2), graph, true);
            }
            PeakRss.reset();
            if (perLayer && !useOracle) {
                // the table's whole-step row is the reference: the usual timing is skipped
                perLayer(out, root, net, ps, graph, micro, n);
                out.println("peak_rss_mb: " + fmt(PeakRss.peakMb()));
                return;
            }
            double[] train = timeSteps(root, net, micro, n, forward);
            out.println("train_step_ms_median: " + fmt(median(train)));
            out.println("train_step_ms_min: " + fmt(min(train)));
            out.flush();
            if (!useOracle) {
                double[] fwd = timeForward(root, net, ps, graph, micro, n);
                out.println("forward_ms_median: " + fmt(median(fwd)));
            }
            out.println("peak_rss_mb: " + fmt(PeakRss.peakMb()));
            if (profile != null && !useOracle) {
                profileStep(out, root, n, forward);
            }
        }
    }

    private double[] timeSteps(
            NDManager root, ImputationNetwork net, int micro, int n,
            Function<NDList, NDList> forward) {
        SplittableRandom rnd = new SplittableRandom(7);
        double[] times = new double[repeats];
        try (AdamOptimizer adam = new AdamOptimizer(root)) {
            for (int k = 0; k < warmup + repeats; k++) {
                long t0 = System.nanoTime();
                try (NDManager bm = root.newSubManager()) {
                    for (int mb = 0; mb < microBatches; mb++) {
                        try (NDManager mm = bm.newSubManager()) {
                            NDList in = inputs(mm, rnd, micro, n);
                            NDArray injected = in.get(3);
                            try (GradientCollector gc =
                                    Engine.getInstance().newGradientCollector()) {
                                NDList readouts = forward.apply(in);
                                NDArray loss = SpinTrainer.maskedL1(readouts, in.get(4), injected);
                                gc.backward(Scalars.div(loss, microBatches));
                            }
                        }
                    }
                    GradientClipping.clipGlobalNorm(net, 5.0, bm);
                    adam.step(net, 1e-4f, bm);
                }
                if (k >= warmup) {
                    times[k - warmup] = (System.nanoTime() - t0) / 1e6;
                }
            }
        }
        return times;
    }

    /** One micro-batch's forward + backward under libtorch's profiler, then its summary. */
    private void profileStep(PrintWriter out, NDManager root, int n,
            Function<NDList, NDList> forward) {
        SplittableRandom rnd = new SplittableRandom(9);
        int micro = batch / microBatches;
        try (NDManager mm = root.newSubManager()) {
            NDList in = inputs(mm, rnd, micro, n);
            ai.djl.pytorch.jni.JniUtils.startProfile(false, true, true);
            try {
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDList readouts = forward.apply(in);
                    gc.backward(SpinTrainer.maskedL1(readouts, in.get(4), in.get(3)));
                }
            } finally {
                ai.djl.pytorch.jni.JniUtils.stopProfile(profile.toAbsolutePath().toString());
            }
        }
        TraceSummary t = TraceSummary.read(profile);
        out.println("profile_trace: " + profile);
        out.println("profile_micro_batch: " + micro);
        out.println("profile_self_ms_total: " + fmt(t.totalMs()));
        out.println("profile_pair_tensor_share: "
                + String.format(Locale.ROOT, "%.3f", t.pairMs() / t.totalMs()));
        t.byCategory().forEach((c, ms) -> out.println("profile_time_" + c.replaceAll("[^a-z]+", "_")
                + ": " + fmt(ms) + " ms (" + String.format(Locale.ROOT, "%.1f%%",
                        100 * ms / t.totalMs()) + ")"));
        t.allocationByCategory().forEach((c, mb) -> out.println("profile_alloc_"
                + c.replaceAll("[^a-z]+", "_") + ": " + fmt(mb) + " MB"));
        int k = 0;
        for (TraceSummary.Op o : t.ops()) {
            if (k++ == 12) {
                break;
            }
            out.println(String.format(Locale.ROOT, "profile_op_%02d: %s calls %d self %.0f ms"
                    + " (%.1f%%) alloc %.0f MB", k, o.name(), o.calls(), o.selfMs(),
                    100 * o.selfMs() / t.totalMs(), o.allocMb()));
        }
    }

    /** Each stage of one micro-batch's step in isolation ({@link LayerProfiler}), as a table. */
    private void perLayer(PrintWriter out, NDManager root, ImputationNetwork net,
            ParameterStore ps, EdgeIndex graph, int micro, int n) {
        try (NDManager mm = root.newSubManager()) {
            NDList in = inputs(mm, new SplittableRandom(10), micro, n);
            long t0 = System.nanoTime();
            LayerProfiler.Clock c = switch (clock.toLowerCase(Locale.ROOT)) {
                case "wall" -> LayerProfiler.Clock.WALL;
                case "cpu" -> LayerProfiler.Clock.CPU;
                default -> throw new CommandLine.ParameterException(spec.commandLine(),
                        "--clock must be wall or cpu, got " + clock);
            };
            LayerProfile p = new LayerProfiler(warmup, repeats, true, c)
                    .profile(mm, net, ps, in, graph);
            out.println("per_layer_micro_batch: " + micro);
            out.println("per_layer_step_forward_ms: " + fmt(p.stepForwardMs()));
            out.println("per_layer_step_backward_ms: " + fmt(p.stepBackwardMs()));
            out.println("per_layer_stages_ms: " + fmt(p.stagesMs()));
            out.println("per_layer_residual_ms: " + fmt(p.residualMs()) + " ("
                    + String.format(Locale.ROOT, "%.1f%%", 100 * p.residualMs() / p.stepMs())
                    + " of the step)");
            out.println("per_layer_forward_alloc_mb: " + fmt(p.forwardMb()));
            out.println("per_layer_seconds: " + fmt((System.nanoTime() - t0) / 1e9));
            out.println("per_layer_method: each stage alone on its captured input, median of "
                    + repeats + " after " + warmup + " warm-up, round robin with the whole step;"
                    + " clock " + c.name().toLowerCase(Locale.ROOT) + "; memory = libtorch"
                    + " profiler net allocation of outermost ops (CPU)");
            out.print(p.table());
        }
    }

    private double[] timeForward(
            NDManager root, ImputationNetwork net, ParameterStore ps, EdgeIndex graph, int micro,
            int n) {
        SplittableRandom rnd = new SplittableRandom(8);
        double[] times = new double[repeats];
        for (int k = 0; k < warmup + repeats; k++) {
            try (NDManager bm = root.newSubManager()) {
                NDList in = inputs(bm, rnd, micro, n);
                long t0 = System.nanoTime();
                NDList outs = net.forward(ps, in.get(0), in.get(1), in.get(2), graph, false);
                outs.get(outs.size() - 1).toFloatArray();
                if (k >= warmup) {
                    times[k - warmup] = (System.nanoTime() - t0) / 1e6;
                }
            }
        }
        return times;
    }

    /** x (whitened), mask (whitened), u, injected points, full scaled target. */
    private NDList inputs(NDManager m, SplittableRandom rnd, int b, int n) {
        int size = b * window * n;
        float[] x = new float[size];
        float[] mask = new float[size];
        float[] maskIn = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) rnd.nextGaussian();
            mask[i] = rnd.nextDouble() < 0.75 ? 1f : 0f; // real data is ~25% missing
            maskIn[i] = mask[i] * (rnd.nextDouble() < 0.5 ? 1f : 0f); // whitening p = 0.5
        }
        float[] u = new float[b * window * 4];
        for (int i = 0; i < u.length; i++) {
            u[i] = (float) Math.sin(i);
        }
        Shape s = new Shape(b, window, n, 1);
        NDArray target = m.create(x, s);
        NDArray mi = m.create(maskIn, s);
        NDArray injected = m.create(mask, s).sub(mi);
        return new NDList(target.mul(mi), mi, m.create(u, new Shape(b, window, 4)), injected,
                target);
    }

    static ImputationNetwork network(
            String kind, int n, Integer hidden, Integer layers, Integer reach) {
        String k = kind.toLowerCase(Locale.ROOT);
        SpinConfig c = SpinConfig.DEFAULT;
        if (reach != null) {
            c = c.withTemporalReach(reach);
        }
        if (hidden != null) {
            c = c.withHiddenSize(hidden);
        }
        if (layers != null) {
            c = c.withLayers(layers, Math.max(0, layers - 1));
        }
        if (k.equals(Networks.SPIN)) {
            return SpinModel.builder().setNumNodes(n).optConfig(c).build();
        }
        if (k.equals(Networks.SPIN_H)) {
            return org.spinj.experiments.Experiment.hierarchical(n, c);
        }
        return Networks.create(k, n);
    }

    /**
     * The benchmark graphs: AQI-36's Gaussian-kernel graph from station coordinates, or METR-LA's
     * road adjacency, both symmetrised without self-loops as SPIN uses them.
     */
    static EdgeIndex graph(String size, DataDirectory dirs) {
        String s = size.toLowerCase(Locale.ROOT);
        Connectivity symmetric = Connectivity.builder().optSymmetric(true).build();
        switch (s) {
            case "aqi36":
                return symmetric.fromCoordinates(
                        GraphCsvReader.readCoordinates(dirs.file("aqi36/pm25_latlng.txt")));
            case "metr-la":
                return symmetric.fromAdjacency(
                        GraphCsvReader.readMatrix(dirs.file("metr_la/adj_mx.csv")));
            default:
                throw new IllegalArgumentException(
                        "--size " + size + " is not known; expected aqi36 or metr-la");
        }
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static double min(double[] v) {
        return Arrays.stream(v).min().orElse(Double.NaN);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /**
     * Runs the benchmark standalone.
     *
     * @param args command-line arguments
     */
    public static void main(String[] args) {
        EngineSetup.configure();
        System.exit(new CommandLine(new SpinBenchCommand()).execute(args));
    }
}
