package org.spinj.experiments;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spinj.datasets.DataDirectory;
import org.spinj.datasets.Datasets;
import org.spinj.datasets.SpatioTemporalSeries;
import org.spinj.datasets.io.CsvFormatException;
import org.spinj.datasets.io.DenseAdjacency;
import org.spinj.datasets.io.DistanceEdges;
import org.spinj.datasets.io.WideCsvReader;
import org.spinj.datasets.missing.MissingDataInjector;
import org.spinj.datasets.split.AirQualitySplitter;
import org.spinj.datasets.split.TemporalSplitter;
import org.spinj.datasets.split.WindowSplit;
import org.spinj.datasets.window.WindowSpec;
import org.spinj.graph.Connectivity;
import org.spinj.graph.Coordinates;
import org.spinj.graph.EdgeIndex;
import org.spinj.spin.ImputationTask;

/**
 * Turns a {@link DataSpec} into an {@link ImputationTask} the same way for every command
 * (spin.md §2.2, §3):
 *
 * <ul>
 *   <li>{@code aqi36}: the shipped evaluation mask; graph = Gaussian kernel on the haversine
 *       distances of the stations (θ = std of all distances, diagonal zeros included; threshold
 *       0.1; no self-loops; symmetrised: 654 edges); {@link AirQualitySplitter};
 *   <li>{@code los-loop}: T-GCN's adjacency, point-missing injection with seed {@value
 *       #TRAFFIC_SEED}, {@link TemporalSplitter} 70/10/20;
 *   <li>{@code metr-la}, {@code pems-bay}, {@code pems04}, {@code pems08}: the dataset's graph as
 *       SPIN uses it (no self-loops, symmetrised), point-missing injection with SPIN's seed
 *       ({@value #TRAFFIC_SEED}; {@value #PEMS_BAY_SEED} for PEMS-BAY), {@link
 *       TemporalSplitter} 70/10/20;
 *   <li>{@code synthetic}: its own graph, point-missing injection, {@link TemporalSplitter};
 *   <li>a user CSV read in the {@code --zone} (UTC by default): {@code --nodes} (Gaussian-kernel
 *       graph as for AQI-36, each node's {@value #USER_GRAPH_NEIGHBOURS} strongest edges kept),
 *       {@code --adjacency} (as given) or {@code --distances} (Gaussian kernel of the listed
 *       distances, θ = their std, threshold 0.1, the same neighbours kept, no self-loops,
 *       symmetrised), the {@code
 *       --eval-mask} (point by default), {@link TemporalSplitter}.
 * </ul>
 */
public final class TaskPreparation {

    private static final Logger LOG = LoggerFactory.getLogger(TaskPreparation.class);

    /** Seed of the injected evaluation mask (SPIN's METR-LA seed). */
    public static final long TRAFFIC_SEED = 9101112L;

    /** Seed of PEMS-BAY's injected evaluation mask (SPIN's PEMS-BAY seed, spin.md §3). */
    public static final long PEMS_BAY_SEED = 56789L;

    /**
     * Neighbours kept per node in a graph built from a user's {@code --nodes} or {@code
     * --distances}: the kernel's threshold alone links every pair closer than about 1.5 standard
     * deviations of all distances, so on a wide network each node gets a third of the others as
     * neighbours (376 stations: 130 each), and SPIN's cost grows with the edges; the {@value}
     * strongest are kept, then the graph is symmetrised. {@code --adjacency} is taken as given.
     */
    public static final int USER_GRAPH_NEIGHBOURS = 10;

    private TaskPreparation() {}

    /**
     * Reads the data, builds the graph, evaluation mask and split.
     *
     * @param spec what to prepare
     * @return the task
     * @throws IllegalArgumentException for an unknown dataset, a missing file, or a window that
     *     does not fit the series
     */
    public static ImputationTask prepare(DataSpec spec) {
        Objects.requireNonNull(spec, "spec");
        SpatioTemporalSeries series = series(spec);
        checkWindow(spec, series);
        WindowSpec windows = new WindowSpec(spec.window(), 1);
        WindowSplit split =
                "aqi36".equals(key(spec))
                        ? AirQualitySplitter.DEFAULT.split(windows, series.timeIndex())
                        : temporalSplit(spec, windows, series.numSteps());
        return ImputationTask.of(spec.name(), series, series.graph(), split);
    }

    private static WindowSplit temporalSplit(DataSpec spec, WindowSpec windows, int steps) {
        int fits = TemporalSplitter.DEFAULT.largestWindow(steps);
        if (windows.window() > fits) {
            throw new IllegalArgumentException(
                    "--window " + windows.window() + " is too long for the " + steps + " steps of "
                            + spec.name() + ": a 70/10/20 split with a window's gap between its"
                            + " parts needs more windows; " + (fits >= 2
                                    ? "give --window " + fits + " or less"
                                    : "the series is too short for any window"));
        }
        return TemporalSplitter.DEFAULT.split(windows, steps);
    }

    /**
     * Reads the series with its graph and evaluation mask, without splitting.
     *
     * @param spec what to read
     * @return the series; its {@link SpatioTemporalSeries#graph()} is set
     */
    public static SpatioTemporalSeries series(DataSpec spec) {
        if (spec.csv() != null) {
            return userSeries(spec);
        }
        String name = key(spec);
        if (!Datasets.NAMES.contains(name)) {
            throw new IllegalArgumentException(
                    "unknown dataset '" + spec.dataset() + "', expected one of " + Datasets.NAMES
                            + " or --csv FILE");
        }
        SpatioTemporalSeries s = Datasets.open(name, DataDirectory.resolve(spec.dataDir()));
        switch (name) {
            case "aqi36":
                s = s.withGraph(gaussianGraph(s));
                return spec.evalMask() == null ? s : withEvalMask(s, spec.evalMask());
            case "los-loop":
            case "synthetic":
                return withEvalMask(s, spec.evalMask() == null ? "point" : spec.evalMask());
            case "metr-la":
            case "pems-bay":
            case "pems04":
            case "pems08":
                s = s.withGraph(s.graph().withoutSelfLoops().symmetrized());
                return withEvalMask(s, spec.evalMask() == null ? "point" : spec.evalMask(),
                        name.equals("pems-bay") ? PEMS_BAY_SEED : TRAFFIC_SEED);
            default:
                throw new IllegalStateException("dataset " + name + " has no preparation");
        }
    }

    private static String key(DataSpec spec) {
        return spec.dataset() == null ? "synthetic" : spec.dataset().trim().toLowerCase(Locale.ROOT);
    }

    private static SpatioTemporalSeries userSeries(DataSpec spec) {
        requireFile(spec.csv(), "--csv");
        if (spec.nodes() != null) {
            requireFile(spec.nodes(), "--nodes");
        }
        if (spec.adjacency() != null) {
            requireFile(spec.adjacency(), "--adjacency");
        }
        if (spec.distances() != null) {
            requireFile(spec.distances(), "--distances");
        }
        if (spec.nodes() == null && spec.adjacency() == null && spec.distances() == null) {
            throw new IllegalArgumentException(
                    "--csv " + spec.csv() + " needs a graph: give --nodes (coordinates),"
                            + " --adjacency (a dense N x N matrix) or --distances (a from,to,cost"
                            + " list)");
        }
        SpatioTemporalSeries s = WideCsvReader.builder().optZone(spec.zoneId())
                .optNodes(spec.nodes()).optNodeIdColumn(spec.nodeIdColumn()).build()
                .read(spec.csv()).series();
        String source = spec.adjacency() != null ? "--adjacency " + spec.adjacency()
                : spec.distances() != null ? "--distances " + spec.distances()
                : "--nodes " + spec.nodes();
        EdgeIndex graph;
        try {
            if (spec.adjacency() != null) {
                graph = DenseAdjacency.read(spec.adjacency(), s.numNodes()).withoutSelfLoops();
            } else if (spec.distances() != null) {
                graph = distanceGraph(DistanceEdges.readByIds(spec.distances(), s.nodeIds()),
                        USER_GRAPH_NEIGHBOURS);
            } else {
                graph = gaussianGraph(s, USER_GRAPH_NEIGHBOURS);
            }
        } catch (CsvFormatException e) {
            throw e; // names its file, line and column already
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
        graphWarning(graph, s.nodeIds()).ifPresent(w -> LOG.warn("{}: {}", source, w));
        boolean[] blind = unobservedNodes(s);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < blind.length; i++) {
            if (blind[i]) {
                names.add(s.nodeIds().get(i));
            }
        }
        if (!names.isEmpty()) {
            LOG.warn("--csv {}: {} of {} nodes have no observation at all: {}; nothing of their own"
                    + " series can be learnt or scored", spec.csv(), names.size(), blind.length,
                    firstFew(names));
        }
        s = s.withGraph(graph);
        return withEvalMask(s, spec.evalMask() == null ? "point" : spec.evalMask());
    }

    /**
     * What is wrong with a graph for imputation, if anything: no edge at all, or nodes without
     * any edge (they take nothing from their neighbours).
     *
     * @param graph the graph
     * @param ids the node ids, in node order
     * @return the warning naming the first few isolated nodes, or empty
     */
    static Optional<String> graphWarning(EdgeIndex graph, List<String> ids) {
        if (graph.numEdges() == 0) {
            return Optional.of("the graph has no edges (e.g. an all-zero adjacency, or distances"
                    + " all beyond the kernel's threshold): each node is imputed from its own"
                    + " series only");
        }
        int[] in = graph.inDegree();
        int[] out = graph.outDegree();
        List<String> isolated = new ArrayList<>();
        for (int i = 0; i < in.length; i++) {
            if (in[i] == 0 && out[i] == 0) {
                isolated.add(ids.get(i));
            }
        }
        if (isolated.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(isolated.size() + " of " + ids.size() + " nodes have no edge: "
                + firstFew(isolated) + "; they are imputed from their own series only");
    }

    /**
     * @param s a series
     * @return per node, whether none of its cells is observed
     */
    static boolean[] unobservedNodes(SpatioTemporalSeries s) {
        boolean[] blind = new boolean[s.numNodes()];
        Arrays.fill(blind, true);
        boolean[] observed = s.observedMask();
        int perStep = s.numNodes() * s.numChannels();
        for (int i = 0; i < observed.length; i++) {
            if (observed[i]) {
                blind[(i % perStep) / s.numChannels()] = false;
            }
        }
        return blind;
    }

    /**
     * @param names names to show
     * @return the first five, with the count of the rest
     */
    static String firstFew(List<String> names) {
        return names.size() <= 5 ? String.join(", ", names)
                : String.join(", ", names.subList(0, 5)) + " and " + (names.size() - 5) + " more";
    }

    /**
     * SPIN's distance graph: Gaussian kernel of the haversine distances, θ = their std,
     * threshold 0.1, no self-loops, symmetrised.
     *
     * @param s a series with coordinates
     * @return the graph
     */
    public static EdgeIndex gaussianGraph(SpatioTemporalSeries s) {
        return gaussianGraph(s, 0);
    }

    /**
     * {@link #gaussianGraph(SpatioTemporalSeries)} keeping each node's {@code k} strongest
     * incoming edges before symmetrising.
     *
     * @param s a series with coordinates
     * @param k neighbours kept per node, or 0 for all
     * @return the graph
     */
    public static EdgeIndex gaussianGraph(SpatioTemporalSeries s, int k) {
        if (!s.hasCoordinates()) {
            throw new IllegalArgumentException("the series has no node coordinates to build a graph from");
        }
        Connectivity.Builder b = Connectivity.builder().optSymmetric(true);
        if (k > 0) {
            b.optKnn(k);
        }
        return b.build()
                .fromCoordinates(new Coordinates(s.nodeIds(), s.latitudes(), s.longitudes()));
    }

    /**
     * SPIN's graph from a distance edge list: Gaussian kernel of the listed distances (θ = their
     * std, unlisted pairs have no edge), threshold 0.1, no self-loops, symmetrised.
     *
     * @param edges the distances
     * @return the graph
     */
    public static EdgeIndex distanceGraph(DistanceEdges edges) {
        return distanceGraph(edges, 0);
    }

    /**
     * {@link #distanceGraph(DistanceEdges)} keeping each node's {@code k} strongest incoming
     * edges before symmetrising.
     *
     * @param edges the distances
     * @param k neighbours kept per node, or 0 for all
     * @return the graph
     */
    public static EdgeIndex distanceGraph(DistanceEdges edges, int k) {
        Connectivity.Builder b = Connectivity.builder().optSymmetric(true);
        if (k > 0) {
            b.optKnn(k);
        }
        return b.build().fromDistances(edges.toDistanceMatrix());
    }

    /**
     * Replaces the evaluation mask, injecting with {@link #TRAFFIC_SEED}.
     *
     * @param s the series
     * @param mask {@code point} or {@code block} (injected with {@link #TRAFFIC_SEED}), or the path
     *     of a wide CSV with the series' header and timestamps where a non-zero cell marks a target
     * @return the series with the new evaluation mask
     */
    public static SpatioTemporalSeries withEvalMask(SpatioTemporalSeries s, String mask) {
        return withEvalMask(s, mask, TRAFFIC_SEED);
    }

    /**
     * Replaces the evaluation mask.
     *
     * @param s the series
     * @param mask {@code point} or {@code block} (injected with {@code seed}), or the path of a
     *     wide CSV with the series' header and timestamps (read in the series' time zone) where a
     *     non-zero cell marks a target
     * @param seed the injection seed
     * @return the series with the new evaluation mask
     */
    public static SpatioTemporalSeries withEvalMask(SpatioTemporalSeries s, String mask, long seed) {
        switch (mask.toLowerCase(Locale.ROOT)) {
            case "point":
                return MissingDataInjector.point(seed).inject(s);
            case "block":
                return MissingDataInjector.block(seed).inject(s);
            default:
                return maskFromCsv(s, Path.of(mask));
        }
    }

    private static SpatioTemporalSeries maskFromCsv(SpatioTemporalSeries s, Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(
                    "--eval-mask '" + file + "' is neither point, block nor an existing mask CSV");
        }
        SpatioTemporalSeries m =
                WideCsvReader.builder().optZone(s.timeIndex().zone()).build().read(file).series();
        if (!m.nodeIds().equals(s.nodeIds())) {
            List<String> extra = new ArrayList<>(m.nodeIds());
            extra.removeAll(s.nodeIds());
            List<String> absent = new ArrayList<>(s.nodeIds());
            absent.removeAll(m.nodeIds());
            throw new IllegalArgumentException("mask " + file + " must have the data's columns in"
                    + " the data's order: " + (extra.isEmpty() && absent.isEmpty()
                    ? "same columns, other order (the data starts " + firstFew(s.nodeIds()) + ")"
                    : (absent.isEmpty() ? "" : "missing " + firstFew(absent))
                    + (absent.isEmpty() || extra.isEmpty() ? "" : "; ")
                    + (extra.isEmpty() ? "" : "not in the data " + firstFew(extra))));
        }
        if (m.numSteps() != s.numSteps() || !m.timeIndex().step().equals(s.timeIndex().step())
                || !m.timeIndex().start().equals(s.timeIndex().start())) {
            throw new IllegalArgumentException("mask " + file + " must have the data's timestamps:"
                    + " it has " + m.numSteps() + " steps of " + m.timeIndex().step() + " from "
                    + m.timeIndex().start() + ", the data " + s.numSteps() + " steps of "
                    + s.timeIndex().step() + " from " + s.timeIndex().start());
        }
        float[] v = m.values();
        boolean[] seen = m.observedMask();
        boolean[] obs = s.observedMask();
        boolean[] eval = new boolean[v.length];
        for (int i = 0; i < v.length; i++) {
            eval[i] = seen[i] && v[i] != 0f && obs[i];
        }
        return s.withEvalMask(eval);
    }

    private static void checkWindow(DataSpec spec, SpatioTemporalSeries s) {
        if (spec.window() * 3 > s.numSteps()) {
            throw new IllegalArgumentException(
                    "--window " + spec.window() + " is too large for " + spec.name() + ": the series"
                            + " has " + s.numSteps() + " steps, expected a window of at most a"
                            + " third of them (" + s.numSteps() / 3 + ")");
        }
    }

    /**
     * @param p a file an option names
     * @param option the option, for the message
     * @throws IllegalArgumentException naming the option unless {@code p} is a regular file
     */
    static void requireFile(Path p, String option) {
        if (Files.isDirectory(p)) {
            throw new IllegalArgumentException(option + " " + p + " is a directory, expected a"
                    + " file");
        }
        if (!Files.isRegularFile(p)) {
            throw new IllegalArgumentException(option + " " + p + ": no such file");
        }
    }
}
