package org.spinj.experiments.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.spinj.graph.Connectivity;
import org.spinj.graph.EdgeIndex;
import org.spinj.graph.GraphCsvReader;
import org.spinj.graph.message.AggregationBackend;
import org.spinj.graph.message.Backend;
import org.spinj.graph.message.EdgeSoftmax;
import org.spinj.graph.message.GraphTensors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Measures each aggregation backend on a real graph, for the two operations message passing
 * runs: the segment sum of {@code [B, T, E, C]} edge messages into {@code [B, T, N, C]} targets
 * ({@code sum}), and the attention step of {@code SpatialAdditiveAttention} and SPIN's layers, an
 * edge softmax over {@code [B, T, E, 1]} scores followed by the sum of the weighted messages
 * ({@code softmax_sum}). Each figure is the median forward+backward time over repeats after
 * warm-up, with the peak resident memory above the process's baseline.
 *
 * <p>Every (backend, operation) pair runs in its own JVM ({@link SpinBenchCommand#isolated(Class,
 * List)}): in one process the high-water mark only rises, and memory the allocator kept from one
 * backend would be charged to the next. The parent prints every child's figures, the fastest
 * backend per operation, each backend's time relative to the fastest, what {@link Backend#AUTO}
 * resolves to, and its {@code softmax_sum} time relative to the fastest: the path the models run,
 * on which {@link Backend#resolve} bases its choice (1.00, or within its 10% margin).
 */
@Command(
        name = "graph",
        mixinStandardHelpOptions = true,
        description =
                "Forward+backward time and peak memory of each message-passing aggregation backend"
                        + " on a graph (METR-LA by default), each backend and operation in its own"
                        + " JVM.")
public final class GraphBenchCommand implements Callable<Integer> {

    /** The measured operations, in the order they are printed. */
    enum Operation {
        /** The segment sum of the messages. */
        SUM,
        /** Edge softmax of one score per edge, then the sum of the weighted messages. */
        SOFTMAX_SUM;

        String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    @Spec CommandSpec spec;

    @Option(
            names = "--adjacency",
            description = "dense adjacency CSV (default: ${DEFAULT-VALUE})",
            defaultValue = "../shared/data/metr_la/adj_mx.csv")
    Path adjacency;

    @Option(
            names = "--coordinates",
            description =
                    "latitude/longitude CSV (e.g. ../shared/data/aqi36/pm25_latlng.txt) instead of"
                            + " --adjacency: Gaussian kernel of haversine distances, threshold"
                            + " 0.1, symmetrised (SPIN's AQI-36 graph)")
    Path coordinates;

    @Option(names = "--batch", description = "B (default: ${DEFAULT-VALUE})", defaultValue = "8")
    int batch;

    @Option(names = "--steps", description = "T (default: ${DEFAULT-VALUE})", defaultValue = "24")
    int steps;

    @Option(
            names = "--channels",
            description = "C (default: ${DEFAULT-VALUE})",
            defaultValue = "32")
    int channels;

    @Option(
            names = "--warmup",
            description = "untimed runs per backend (default: ${DEFAULT-VALUE})",
            defaultValue = "3")
    int warmup;

    @Option(
            names = "--repeats",
            description = "timed runs per backend (default: ${DEFAULT-VALUE})",
            defaultValue = "9")
    int repeats;

    @Option(
            names = "--backend",
            description =
                    "measure only this backend, in this JVM (what each child process runs);"
                            + " needs --operation")
    Backend only;

    @Option(
            names = "--operation",
            description = "with --backend: sum or softmax_sum")
    String operation;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (batch < 1 || steps < 1 || channels < 1 || warmup < 0 || repeats < 1) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "expected --batch, --steps, --channels, --repeats >= 1 and --warmup >= 0, got "
                            + batch + ", " + steps + ", " + channels + ", " + repeats + ", "
                            + warmup);
        }
        if ((only == null) != (operation == null) || only == Backend.AUTO) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "--backend (a concrete backend, not auto) and --operation go together, got "
                            + only + " and " + operation);
        }
        Connectivity connectivity = Connectivity.builder().optSymmetric(true).build();
        EdgeIndex graph =
                coordinates != null
                        ? connectivity.fromCoordinates(GraphCsvReader.readCoordinates(coordinates))
                        : connectivity.fromAdjacency(GraphCsvReader.readMatrix(adjacency));
        if (only != null) {
            measureOne(out, graph, only, parse(operation));
            return 0;
        }
        int maxDeg = Arrays.stream(graph.inDegree()).max().orElse(0);
        out.println("graph: " + (coordinates != null ? coordinates : adjacency));
        out.println("nodes: " + graph.numNodes());
        out.println("edges: " + graph.numEdges());
        out.println("max_in_degree: " + maxDeg);
        out.println("shape: B=" + batch + " T=" + steps + " C=" + channels);
        out.println("threads: " + Runtime.getRuntime().availableProcessors() + " cores");
        out.println("isolation: one JVM per backend and operation");
        out.flush();
        Map<Operation, Map<Backend, Double>> times = new EnumMap<>(Operation.class);
        for (Operation op : Operation.values()) {
            times.put(op, new EnumMap<>(Backend.class));
        }
        for (Backend kind : concreteBackends()) {
            for (Operation op : Operation.values()) {
                Map<String, String> v =
                        SpinBenchCommand.isolated(GraphBenchCommand.class, childArgs(kind, op));
                String prefix = key(kind) + "." + op.key();
                String ms = v.get(prefix + "_fwd_bwd_ms");
                if (ms == null) {
                    out.println(prefix + ": failed (" + v.getOrDefault("exit", "no figures") + ")");
                } else {
                    times.get(op).put(kind, Double.parseDouble(ms));
                    out.println(prefix + "_fwd_bwd_ms: " + ms);
                    out.println(prefix + "_peak_rss_mb: " + v.get(prefix + "_peak_rss_mb"));
                }
                out.flush();
            }
        }
        for (Operation op : Operation.values()) {
            Map<Backend, Double> t = times.get(op);
            if (t.isEmpty()) {
                continue;
            }
            Backend fastest = Collections.min(t.entrySet(), Map.Entry.comparingByValue()).getKey();
            out.println("fastest." + op.key() + ": " + key(fastest));
            for (Map.Entry<Backend, Double> e : t.entrySet()) {
                out.println(key(e.getKey()) + "." + op.key() + "_ratio: "
                        + String.format(Locale.ROOT, "%.2f", e.getValue() / t.get(fastest)));
            }
        }
        Backend auto = Backend.resolve(graph.numNodes(), graph.numEdges(), maxDeg);
        out.println("auto: " + key(auto));
        Map<Backend, Double> attention = times.get(Operation.SOFTMAX_SUM);
        if (attention.containsKey(auto)) {
            double best = Collections.min(attention.values());
            // Backend.resolve keeps sparse incidence unless another is >10% faster
            out.println("auto.softmax_sum_ratio: "
                    + String.format(Locale.ROOT, "%.2f", attention.get(auto) / best));
        }
        out.flush();
        return 0;
    }

    private static List<Backend> concreteBackends() {
        List<Backend> kinds = new ArrayList<>(Arrays.asList(Backend.values()));
        kinds.remove(Backend.AUTO);
        return kinds;
    }

    private List<String> childArgs(Backend kind, Operation op) {
        List<String> args = new ArrayList<>(coordinates != null
                ? List.of("--coordinates", coordinates.toString())
                : List.of("--adjacency", adjacency.toString()));
        args.addAll(List.of("--batch", String.valueOf(batch),
                "--steps", String.valueOf(steps), "--channels", String.valueOf(channels),
                "--warmup", String.valueOf(warmup), "--repeats", String.valueOf(repeats),
                "--backend", kind.name(), "--operation", op.key()));
        return args;
    }

    private Operation parse(String op) {
        for (Operation o : Operation.values()) {
            if (o.key().equals(op)) {
                return o;
            }
        }
        throw new CommandLine.ParameterException(
                spec.commandLine(), "--operation must be sum or softmax_sum, got " + op);
    }

    private static String key(Backend kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    /** One backend and operation in this JVM: time, and peak RSS above the pre-run baseline. */
    private void measureOne(PrintWriter out, EdgeIndex graph, Backend kind, Operation op) {
        try (NDManager root = NDManager.newBaseManager()) {
            GraphTensors g = GraphTensors.of(graph, root.getDevice(), DataType.FLOAT32);
            AggregationBackend impl = kind.create(g);
            double base = PeakRss.currentMb();
            PeakRss.reset();
            double ms = time(root, g, impl, op == Operation.SOFTMAX_SUM);
            double peak = PeakRss.peakMb() - base;
            String prefix = key(kind) + "." + op.key();
            out.println(prefix + "_fwd_bwd_ms: " + format(ms));
            out.println(prefix + "_peak_rss_mb: " + format(peak));
            out.flush();
        }
    }

    private double time(NDManager root, GraphTensors g, AggregationBackend impl, boolean softmax) {
        double[] ms = new double[repeats];
        for (int r = -warmup; r < repeats; r++) {
            try (NDManager m = root.newSubManager()) {
                NDArray msg = m.randomNormal(new Shape(batch, steps, g.numEdges(), channels));
                NDArray score = m.randomNormal(new Shape(batch, steps, g.numEdges(), 1));
                msg.setRequiresGradient(true);
                score.setRequiresGradient(true);
                long t0 = System.nanoTime();
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray weighted = softmax ? msg.mul(EdgeSoftmax.softmax(score, g, impl)) : msg;
                    NDArray o = impl.sum(weighted, g);
                    gc.backward(o.sum());
                }
                msg.getGradient().toFloatArray(); // wait for the backward pass
                long t1 = System.nanoTime();
                if (r >= 0) {
                    ms[r] = (t1 - t0) / 1e6;
                }
            }
        }
        Arrays.sort(ms);
        return ms[repeats / 2];
    }

    private static String format(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /**
     * Runs the benchmark without the {@code spinj} launcher.
     *
     * @param args the command's options
     */
    public static void main(String[] args) {
        System.exit(new CommandLine(new GraphBenchCommand()).execute(args));
    }
}
