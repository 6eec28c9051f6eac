package org.spinj.experiments.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import org.spinj.temporal.TemporalAdditiveAttention;
import org.spinj.temporal.TemporalAdditiveAttention.Formulation;
import org.spinj.temporal.TemporalEdges;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Forward+backward time and peak memory of {@link TemporalAdditiveAttention} as SPIN's spatial
 * cross-attention uses it: node features {@code h [B, T, N, C]} and a mask {@code [B, T, N, 1]}
 * are gathered to {@code E} spatial edges, attended over all {@code T x T} step pairs, and summed.
 * Synthetic random graphs of the AQI-36 (N = 36, E = 654, B = 8) and METR-LA (N = 207, E = 2626,
 * B = 2) sizes. Variants:
 *
 * <ul>
 *   <li>{@code factored}: per-node projection then gather (identity 1) and the factored dense
 *       path (identities 2-5, chunked over edges);
 *   <li>{@code factored_unchunked}: the same without chunking (identities 1-4);
 *   <li>{@code dense}: per-node projection, dense path without identities 2-4;
 *   <li>{@code naive}: gather then project per edge, dense path without identities (none used);
 *   <li>{@code edge_list}: the reference loop over temporal pairs; above {@code
 *       --reference-max-pairs} elements it runs on a reduced edge count, together with a {@code
 *       factored} run of the same reduced size for the ratio.
 * </ul>
 *
 * Prints one {@code key: value} line per figure; times are medians after warm-up, memory is the
 * process's peak RSS during the variant ({@link PeakRss}).
 */
@Command(
        name = "temporal",
        mixinStandardHelpOptions = true,
        description = "Benchmark TemporalAdditiveAttention (SPIN cross-attention sizes).")
public final class TemporalBenchCommand implements Callable<Integer> {

    @Spec private CommandSpec spec;

    @Option(names = "--steps", split = ",", defaultValue = "24,36", description = "window lengths")
    private int[] steps;

    @Option(
            names = "--graphs",
            split = ",",
            defaultValue = "aqi36,metr-la",
            description = "aqi36 and/or metr-la")
    private List<String> graphs;

    @Option(names = "--channels", defaultValue = "32", description = "C = D")
    private int channels;

    @Option(names = "--warmup", defaultValue = "1", description = "untimed iterations")
    private int warmup;

    @Option(names = "--reps", defaultValue = "3", description = "timed iterations")
    private int reps;

    @Option(
            names = "--variants",
            split = ",",
            defaultValue = "factored,factored_unchunked,dense,naive,edge_list",
            description = "variants to run")
    private List<String> variants;

    @Option(
            names = "--reference-max-pairs",
            defaultValue = "120000000",
            description = "max B*T*T*E*D for edge_list/dense/naive at full size; above, reduce E")
    private long maxPairs;

    @Option(
            names = "--chunk-elements",
            defaultValue = "1048576",
            description = "chunk size of the factored variant (pair-tensor elements)")
    private long chunkElements;

    @Option(names = "--seed", defaultValue = "42", description = "random seed")
    private long seed;

    private record Graph(String name, int nodes, int edges, int batch) {}

    private static final Map<String, Graph> GRAPHS = new LinkedHashMap<>();

    static {
        GRAPHS.put("aqi36", new Graph("aqi36", 36, 654, 8));
        GRAPHS.put("metr-la", new Graph("metr_la", 207, 2626, 2));
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "threads: %s%n",
                System.getProperty("ai.djl.pytorch.num_threads", "default"));
        out.printf(Locale.ROOT, "peak_rss_reset_supported: %s%n", PeakRss.reset());
        for (String name : graphs) {
            Graph g = GRAPHS.get(name);
            if (g == null) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "unknown graph " + name + ", expected one of " + GRAPHS.keySet());
            }
            for (int t : steps) {
                benchGraph(out, g, t);
            }
        }
        out.flush();
        return 0;
    }

    private void benchGraph(PrintWriter out, Graph g, int t) {
        String key = g.name() + "_T" + t;
        long pairElems = (long) g.batch() * t * t * g.edges() * channels;
        out.printf(Locale.ROOT, "%s_pair_tensor_elements: %d%n", key, pairElems);
        Map<String, Double> ms = new LinkedHashMap<>();
        for (String v : variants) {
            int edges = g.edges();
            String vkey = key + "_" + v;
            if (!v.startsWith("factored") && pairElems > maxPairs) {
                edges = (int) Math.max(1, g.edges() * maxPairs / pairElems);
                vkey = key + "_" + v + "_reduced_E" + edges;
                double[] f = measure(g, t, edges, "factored");
                print(out, key + "_factored_reduced_E" + edges, f);
                ms.put("factored_reduced", f[0]);
            }
            double[] r = measure(g, t, edges, v);
            print(out, vkey, r);
            ms.put(edges == g.edges() ? v : v + "_reduced", r[0]);
        }
        for (String v : List.of("factored_unchunked", "dense", "naive", "edge_list")) {
            String base = ms.containsKey(v) ? "factored" : "factored_reduced";
            String var = ms.containsKey(v) ? v : v + "_reduced";
            if (ms.containsKey(var) && ms.containsKey(base)) {
                out.printf(Locale.ROOT, "%s_ratio_%s_over_factored%s: %.2f%n", key, v,
                        var.endsWith("_reduced") ? "_reduced" : "", ms.get(var) / ms.get(base));
            }
        }
        out.flush();
    }

    private static void print(PrintWriter out, String key, double[] r) {
        out.printf(Locale.ROOT, "%s_fwd_bwd_ms: %.1f%n", key, r[0]);
        out.printf(Locale.ROOT, "%s_peak_rss_mb: %.0f%n", key, r[1]);
        out.printf(Locale.ROOT, "%s_peak_rss_delta_mb: %.0f%n", key, r[1] - r[2]);
        out.flush();
    }

    /** @return median ms, peak RSS MiB, RSS MiB before the variant */
    private double[] measure(Graph g, int t, int numEdges, String variant) {
        int[][] edges = randomEdges(g.nodes(), numEdges, seed);
        Engine.getInstance().setRandomSeed((int) seed);
        double[] times = new double[reps];
        double base;
        try (NDManager root = NDManager.newBaseManager()) {
            TemporalAdditiveAttention block =
                    TemporalAdditiveAttention.builder()
                            .setChannels(channels)
                            .optChunkElements(variant.equals("factored_unchunked")
                                    ? Long.MAX_VALUE
                                    : chunkElements)
                            .optFormulation(
                                    switch (variant) {
                                        case "factored", "factored_unchunked" ->
                                                Formulation.FACTORED;
                                        case "dense", "naive" -> Formulation.DENSE;
                                        case "edge_list" -> Formulation.EDGE_LIST;
                                        default -> throw new CommandLine.ParameterException(
                                                spec.commandLine(), "unknown variant " + variant);
                                    })
                            .build();
            Shape nodeShape = new Shape(g.batch(), t, g.nodes(), channels);
            block.initialize(root, DataType.FLOAT32, nodeShape, nodeShape);
            NDArray src = root.create(toLong(edges[0]));
            NDArray dst = root.create(toLong(edges[1]));
            TemporalEdges pairs = TemporalEdges.full(t, true);
            System.gc();
            base = PeakRss.currentMb();
            PeakRss.reset();
            for (int i = 0; i < warmup + reps; i++) {
                try (NDManager batch = root.newSubManager()) {
                    NDArray h = batch.randomNormal(nodeShape);
                    NDArray mask = batch.randomUniform(0, 1, new Shape(g.batch(), t, g.nodes(), 1))
                            .gt(0.25);
                    h.setRequiresGradient(true);
                    long t0 = System.nanoTime();
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        ParameterStore ps = new ParameterStore(batch, false);
                        NDArray aSrc;
                        NDArray aTgt;
                        if (variant.equals("naive")) {
                            aSrc = block.projectSource(ps, gather(h, src), true);
                            aTgt = block.projectTarget(ps, gather(h, dst), true);
                        } else {
                            aSrc = gather(block.projectSource(ps, h, true), src);
                            aTgt = gather(block.projectTarget(ps, h, true), dst);
                        }
                        NDArray out = block.attendProjected(
                                ps, aSrc, aTgt, gather(mask, src), pairs, null, true);
                        gc.backward(out.sum());
                    }
                    h.getGradient().getFloat(0, 0, 0, 0); // wait for the backward to finish
                    if (i >= warmup) {
                        times[i - warmup] = (System.nanoTime() - t0) / 1e6;
                    }
                }
            }
        }
        Arrays.sort(times);
        return new double[] {times[times.length / 2], PeakRss.peakMb(), base};
    }

    private static NDArray gather(NDArray x, NDArray index) {
        return x.get(new NDIndex(":, :, {}", index)); // [B, T, N, C] -> [B, T, E, C]
    }

    private static long[] toLong(int[] v) {
        return Arrays.stream(v).asLongStream().toArray();
    }

    /** Distinct random directed edges without self-loops, seeded. */
    private static int[][] randomEdges(int nodes, int count, long seed) {
        Random rnd = new Random(seed);
        Set<Long> seen = new HashSet<>();
        int[][] e = new int[2][count];
        int k = 0;
        while (k < count) {
            int s = rnd.nextInt(nodes);
            int d = rnd.nextInt(nodes);
            if (s != d && seen.add((long) s * nodes + d)) {
                e[0][k] = s;
                e[1][k] = d;
                k++;
            }
        }
        return e;
    }

    /**
     * Runs the benchmark.
     *
     * @param args command-line arguments (see {@code --help})
     */
    public static void main(String[] args) {
        System.exit(new CommandLine(new TemporalBenchCommand()).execute(args));
    }
}
