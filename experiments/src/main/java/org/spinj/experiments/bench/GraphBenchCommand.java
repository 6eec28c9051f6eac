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
import java.util.List;
import java.util.Locale;
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
 * Measures each aggregation backend on a real graph: forward+backward time of the segment sum of
 * {@code [B, T, E, C]} edge messages into {@code [B, T, N, C]} targets (the hottest op of SPIN),
 * and of an attention step (edge softmax over {@code [B, T, E, 1]} scores, then the weighted
 * sum), median over repeats after warm-up, plus each backend's peak resident memory.
 */
@Command(
        name = "graph",
        mixinStandardHelpOptions = true,
        description =
                "Forward+backward time and peak memory of each message-passing aggregation backend"
                        + " on a graph (METR-LA by default).")
public final class GraphBenchCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(
            names = "--adjacency",
            description = "dense adjacency CSV (default: ${DEFAULT-VALUE})",
            defaultValue = "../shared/data/metr_la/adj_mx.csv")
    Path adjacency;

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
        EdgeIndex graph =
                Connectivity.builder()
                        .optSymmetric(true)
                        .build()
                        .fromAdjacency(GraphCsvReader.readMatrix(adjacency));
        int maxDeg = Arrays.stream(graph.inDegree()).max().orElse(0);
        out.println("graph: " + adjacency);
        out.println("nodes: " + graph.numNodes());
        out.println("edges: " + graph.numEdges());
        out.println("max_in_degree: " + maxDeg);
        out.println("shape: B=" + batch + " T=" + steps + " C=" + channels);
        out.println("threads: " + Runtime.getRuntime().availableProcessors() + " cores");
        Backend fastest = null;
        double best = Double.MAX_VALUE;
        List<Backend> kinds = new ArrayList<>(Arrays.asList(Backend.values()));
        kinds.remove(Backend.AUTO);
        for (Backend kind : kinds) {
            PeakRss.reset();
            double base = PeakRss.currentMb();
            double sumMs = time(kind, graph, false);
            double attnMs = time(kind, graph, true);
            double peak = PeakRss.peakMb() - base;
            String key = kind.name().toLowerCase(Locale.ROOT);
            out.println(key + ".sum_fwd_bwd_ms: " + format(sumMs));
            out.println(key + ".softmax_sum_fwd_bwd_ms: " + format(attnMs));
            out.println(key + ".peak_rss_delta_mb: " + format(peak));
            out.flush();
            if (sumMs < best) {
                best = sumMs;
                fastest = kind;
            }
        }
        Backend auto = Backend.resolve(graph.numNodes(), graph.numEdges(), maxDeg);
        out.println("fastest: " + fastest.name().toLowerCase(Locale.ROOT));
        out.println("auto: " + auto.name().toLowerCase(Locale.ROOT));
        out.flush();
        return 0;
    }

    private double time(Backend kind, EdgeIndex graph, boolean softmax) {
        double[] ms = new double[repeats];
        try (NDManager root = NDManager.newBaseManager()) {
            GraphTensors g = GraphTensors.of(graph, root.getDevice(), DataType.FLOAT32);
            AggregationBackend impl = kind.create(g);
            for (int r = -warmup; r < repeats; r++) {
                try (NDManager m = root.newSubManager()) {
                    NDArray msg =
                            m.randomNormal(new Shape(batch, steps, graph.numEdges(), channels));
                    NDArray score = m.randomNormal(new Shape(batch, steps, graph.numEdges(), 1));
                    msg.setRequiresGradient(true);
                    score.setRequiresGradient(true);
                    long t0 = System.nanoTime();
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        NDArray weighted =
                                softmax ? msg.mul(EdgeSoftmax.softmax(score, g, impl)) : msg;
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
