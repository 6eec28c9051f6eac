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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.spinj.datasets.DataDirectory;
import org.spinj.datasets.Datasets;
import org.spinj.experiments.EngineSetup;
import org.spinj.experiments.TaskPreparation;
import org.spinj.graph.Connectivity;
import org.spinj.graph.EdgeIndex;
import org.spinj.graph.GraphCsvReader;
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
 * are gathered to the {@code E} edges of a real graph, attended over all {@code T x T} step
 * pairs, and summed. Graphs: AQI-36 (the Gaussian-kernel graph of {@code aqi36/pm25_latlng.txt}
 * built as {@code spinj train --dataset aqi36} builds it: N = 36, E = 654, default B = 8) and
 * METR-LA ({@code metr_la/adj_mx.csv} symmetrised without self-loops: N = 207, E = 2,626,
 * default B = 2), read from {@code --data-dir}, {@code $SPINJ_DATA} or {@code ../shared/data}.
 * Variants (identity numbers of {@link TemporalAdditiveAttention}'s Javadoc):
 *
 * <ul>
 *   <li>{@code factored}: the block's defaults (identities 1-5, chunking by the default rule,
 *       identity 6);
 *   <li>{@code factored_chunked}: always chunked, one variant {@code factored_chunk<n>} per
 *       chunk size {@code n} of {@code --chunk-elements};
 *   <li>{@code factored_unchunked}: never chunked (identities 1-5);
 *   <li>{@code dense}: per-node projection (identity 1), full {@code msg_nn} and gate per pair;
 *   <li>{@code naive}: gather then project per edge, dense path (no identity);
 *   <li>{@code edge_list}: the reference loop over temporal pairs.
 * </ul>
 *
 * Variants are timed in interleaved rounds (round k runs every variant once), so that a change of
 * machine load hits all of them alike; the first {@code --warmup} rounds are not timed. A variant
 * whose pair tensor {@code B T T E D} exceeds its limit is not run and says so: {@code
 * --max-pair-elements} for the unchunked variants (memory), {@code --reference-max-pairs} for
 * {@code edge_list} (time). Prints one {@code key: value} line per figure: median ms, the peak
 * RSS of the process over the variant's iterations ({@link PeakRss}) and that peak less the RSS
 * just before the iteration, and every variant's time over {@code factored_unchunked}'s and
 * {@code factored}'s.
 */
@Command(
        name = "temporal",
        mixinStandardHelpOptions = true,
        description = "Benchmark TemporalAdditiveAttention on the AQI-36 and METR-LA graphs.")
public final class TemporalBenchCommand implements Callable<Integer> {

    /** Every variant, in the order they run within a round. */
    static final List<String> VARIANTS =
            List.of("factored", "factored_chunked", "factored_unchunked", "dense", "naive",
                    "edge_list");

    @Spec private CommandSpec spec;

    @Option(names = "--steps", split = ",", defaultValue = "24,36", description = "window lengths")
    private int[] steps;

    @Option(
            names = "--graphs",
            split = ",",
            defaultValue = "aqi36,metr-la",
            description = "aqi36 and/or metr-la")
    private List<String> graphs;

    @Option(
            names = "--batch",
            description = "batch size B (default: 8 on aqi36, 2 on metr-la)")
    private Integer batch;

    @Option(names = "--channels", defaultValue = "32", description = "C = D")
    private int channels;

    @Option(names = "--warmup", defaultValue = "1", description = "untimed rounds")
    private int warmup;

    @Option(names = "--reps", defaultValue = "3", description = "timed rounds")
    private int reps;

    @Option(
            names = "--variants",
            split = ",",
            defaultValue = "factored,factored_chunked,factored_unchunked,dense,naive,edge_list",
            description = "variants to run, out of factored, factored_chunked,"
                    + " factored_unchunked, dense, naive, edge_list")
    private List<String> variants;

    @Option(
            names = "--max-pair-elements",
            defaultValue = "400000000",
            description = "max B*T*T*E*D for the unchunked variants (memory); above, not run")
    private long maxPairElements;

    @Option(
            names = "--reference-max-pairs",
            defaultValue = "120000000",
            description = "max B*T*T*E*D for edge_list (time); above, not run")
    private long referenceMaxPairs;

    @Option(
            names = "--chunk-elements",
            split = ",",
            defaultValue = "1048576,16777216",
            description = "chunk sizes (pair-tensor elements) of factored_chunked, one variant"
                    + " each (default: the old and the new default)")
    private long[] chunkElements;

    @Option(names = "--seed", defaultValue = "42", description = "random seed")
    private long seed;

    @Option(
            names = "--data-dir",
            description = "folder with aqi36/ and metr_la/ (default: $SPINJ_DATA or ../shared/data)")
    private Path dataDir;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        for (String v : variants) {
            if (!VARIANTS.contains(v)) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "unknown variant " + v + ", expected some of " + VARIANTS);
            }
        }
        if (warmup < 0 || reps < 1 || channels < 1 || (batch != null && batch < 1)
                || Arrays.stream(chunkElements).anyMatch(c -> c < 1)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "expected --warmup >= 0, --reps >= 1, --channels >= 1, --batch >= 1,"
                            + " --chunk-elements >= 1");
        }
        DataDirectory dirs = DataDirectory.resolve(dataDir);
        out.printf(Locale.ROOT, "threads: %s%n",
                System.getProperty("ai.djl.pytorch.num_threads", "default"));
        out.printf(Locale.ROOT, "peak_rss_reset_supported: %s%n", PeakRss.reset());
        out.printf(Locale.ROOT, "load_average_start: %.2f%n", loadAverage());
        for (String name : graphs) {
            EdgeIndex g = graph(name, dirs);
            int b = batch != null ? batch : defaultBatch(name);
            out.printf(Locale.ROOT, "%s_nodes: %d%n%s_edges: %d%n", key(name), g.numNodes(),
                    key(name), g.numEdges());
            for (int t : steps) {
                benchGraph(out, key(name) + "_B" + b + "_T" + t, g, b, t);
            }
        }
        out.printf(Locale.ROOT, "load_average_end: %.2f%n", loadAverage());
        out.flush();
        return 0;
    }

    private static String key(String graph) {
        return graph.toLowerCase(Locale.ROOT).replace('-', '_');
    }

    private static int defaultBatch(String graph) {
        return key(graph).equals("aqi36") ? 8 : 2;
    }

    /**
     * The benchmark graphs, as the rest of spinj builds them.
     *
     * @param name {@code aqi36} (SPIN's Gaussian-kernel graph of the station coordinates, exactly
     *     {@code spinj train --dataset aqi36}'s) or {@code metr-la} (the road adjacency
     *     symmetrised, no self-loops)
     * @param dirs where the data lies
     * @return the graph
     * @throws IllegalArgumentException for another name or absent files
     */
    static EdgeIndex graph(String name, DataDirectory dirs) {
        switch (key(name)) {
            case "aqi36":
                return TaskPreparation.gaussianGraph(Datasets.open("aqi36", dirs));
            case "metr_la":
                return Connectivity.builder()
                        .optSymmetric(true)
                        .build()
                        .fromAdjacency(GraphCsvReader.readMatrix(dirs.file("metr_la/adj_mx.csv")));
            default:
                throw new IllegalArgumentException(
                        "unknown graph '" + name + "', expected aqi36 or metr-la");
        }
    }

    private void benchGraph(PrintWriter out, String key, EdgeIndex g, int b, int t) {
        long pairElements = (long) b * t * t * g.numEdges() * channels;
        out.printf(Locale.ROOT, "%s_pair_tensor_elements: %d%n", key, pairElements);
        List<String> expanded = new ArrayList<>();
        for (String v : variants) {
            if (v.equals("factored_chunked")) {
                for (long c : chunkElements) {
                    expanded.add("factored_chunk" + c);
                }
            } else {
                expanded.add(v);
            }
        }
        List<String> run = new ArrayList<>();
        for (String v : expanded) {
            boolean chunked = v.startsWith("factored_chunk") || v.equals("factored")
                    && pairElements > TemporalAdditiveAttention.DEFAULT_CHUNK_THRESHOLD;
            long limit = v.equals("edge_list") ? referenceMaxPairs
                    : chunked ? Long.MAX_VALUE : maxPairElements;
            if (pairElements > limit) {
                out.printf(Locale.ROOT, "%s_%s: not run, pair tensor %d > %s %d%n", key, v,
                        pairElements, v.equals("edge_list") ? "--reference-max-pairs"
                                : "--max-pair-elements", limit);
            } else {
                run.add(v);
            }
        }
        out.flush();
        Map<String, double[]> times = new LinkedHashMap<>();
        Map<String, double[]> rss = new LinkedHashMap<>(); // peak, peak - before
        for (String v : run) {
            times.put(v, new double[reps]);
            rss.put(v, new double[] {0, 0});
        }
        Engine.getInstance().setRandomSeed((int) seed);
        try (NDManager root = NDManager.newBaseManager()) {
            Shape nodeShape = new Shape(b, t, g.numNodes(), channels);
            Map<String, TemporalAdditiveAttention> blocks = new LinkedHashMap<>();
            for (String v : run) {
                TemporalAdditiveAttention block = block(v);
                block.initialize(root, DataType.FLOAT32, nodeShape, nodeShape);
                blocks.put(v, block);
            }
            NDArray src = root.create(toLong(g.sources()));
            NDArray dst = root.create(toLong(g.targets()));
            TemporalEdges pairs = TemporalEdges.full(t, true);
            for (int round = 0; round < warmup + reps; round++) {
                for (String v : run) {
                    PeakRss.reset();
                    double before = PeakRss.currentMb();
                    double ms = iteration(root, blocks.get(v), v, nodeShape, src, dst, pairs);
                    double[] r = rss.get(v);
                    r[0] = Math.max(r[0], PeakRss.peakMb());
                    r[1] = Math.max(r[1], PeakRss.peakMb() - before);
                    if (round >= warmup) {
                        times.get(v)[round - warmup] = ms;
                    }
                    // one line per iteration, so a run cut short still shows what it measured
                    out.printf(Locale.ROOT, "%s_%s_round%d%s_ms: %.1f%n", key, v, round,
                            round < warmup ? "_warmup" : "", ms);
                    out.flush();
                }
            }
        }
        Map<String, Double> median = new LinkedHashMap<>();
        for (String v : run) {
            double[] x = times.get(v).clone();
            Arrays.sort(x);
            int n = x.length;
            median.put(v, n % 2 == 1 ? x[n / 2] : (x[n / 2 - 1] + x[n / 2]) / 2);
            out.printf(Locale.ROOT, "%s_%s_fwd_bwd_ms: %.1f%n", key, v, median.get(v));
            out.printf(Locale.ROOT, "%s_%s_peak_rss_mb: %.0f%n", key, v, rss.get(v)[0]);
            out.printf(Locale.ROOT, "%s_%s_peak_rss_delta_mb: %.0f%n", key, v, rss.get(v)[1]);
        }
        for (String base : List.of("factored_unchunked", "factored")) {
            if (median.containsKey(base)) {
                for (String v : run) {
                    if (!v.equals(base)) {
                        out.printf(Locale.ROOT, "%s_ratio_%s_over_%s: %.2f%n", key, v, base,
                                median.get(v) / median.get(base));
                    }
                }
            }
        }
        out.flush();
    }

    private TemporalAdditiveAttention block(String variant) {
        TemporalAdditiveAttention.Builder b =
                TemporalAdditiveAttention.builder().setChannels(channels);
        if (variant.startsWith("factored_chunk")) {
            long elements = Long.parseLong(variant.substring("factored_chunk".length()));
            return b.optChunkThreshold(0).optChunkElements(elements).build();
        }
        switch (variant) {
            case "factored":
                break;
            case "factored_unchunked":
                b.optChunkThreshold(Long.MAX_VALUE);
                break;
            case "dense", "naive":
                b.optFormulation(Formulation.DENSE);
                break;
            case "edge_list":
                b.optFormulation(Formulation.EDGE_LIST);
                break;
            default:
                throw new IllegalArgumentException("unknown variant " + variant);
        }
        return b.build();
    }

    /** One forward+backward pass; returns its time in ms. */
    private static double iteration(NDManager root, TemporalAdditiveAttention block,
            String variant, Shape nodeShape, NDArray src, NDArray dst, TemporalEdges pairs) {
        try (NDManager batch = root.newSubManager()) {
            NDArray h = batch.randomNormal(nodeShape);
            Shape maskShape = new Shape(nodeShape.get(0), nodeShape.get(1), nodeShape.get(2), 1);
            NDArray mask = batch.randomUniform(0, 1, maskShape).gt(0.25);
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
                NDArray out =
                        block.attendProjected(ps, aSrc, aTgt, gather(mask, src), pairs, null, true);
                gc.backward(out.sum());
            }
            h.getGradient().getFloat(0, 0, 0, 0); // wait for the backward to finish
            return (System.nanoTime() - t0) / 1e6;
        }
    }

    private static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                .getSystemLoadAverage();
    }

    private static NDArray gather(NDArray x, NDArray index) {
        return x.get(new NDIndex(":, :, {}", index)); // [B, T, N, C] -> [B, T, E, C]
    }

    private static long[] toLong(int[] v) {
        return Arrays.stream(v).asLongStream().toArray();
    }

    /**
     * Runs the benchmark.
     *
     * @param args command-line arguments (see {@code --help})
     */
    public static void main(String[] args) {
        EngineSetup.configure();
        System.exit(new CommandLine(new TemporalBenchCommand()).execute(args));
    }
}
