package org.spinj.experiments;

import com.google.gson.JsonObject;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.spinj.datasets.SpatioTemporalSeries;
import org.spinj.graph.io.AtomicFiles;
import org.spinj.spin.ImputationModel;
import org.spinj.spin.ImputationTask;
import org.spinj.spin.train.SpinTrainer;
import org.spinj.spin.train.TrainingOptions;
import org.spinj.visualize.attention.AttentionMatrix;
import org.spinj.visualize.attention.AttentionWeights;
import org.spinj.visualize.plot.AttentionHeatmap;
import org.spinj.visualize.plot.ErrorBreakdown;
import org.spinj.visualize.plot.LayerComparisonGrid;
import org.spinj.visualize.plot.NodeCoordinates;
import org.spinj.visualize.plot.PlotSize;
import org.spinj.visualize.plot.PngFile;
import org.spinj.visualize.plot.SpatialAttentionMap;
import org.spinj.visualize.plot.TopEdgesChart;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code spinj visualize}: loads a SPIN run's checkpoint ({@code checkpoints/model.ckpt}, else
 * {@code best.ckpt}) and its task, runs one test window through {@link
 * org.spinj.visualize.attention.AttentionVisualizer}, and writes PNGs: the temporal
 * self-attention of one node in one layer ({@code [T, T]}), the same node's self-attention in
 * every layer side by side, the node's signal with the attention its steps receive as a band
 * underneath, the top-K spatial edges of that layer at step {@code t} ({@link
 * RunReport#spatialView}), the same on the map when the nodes have coordinates, the node's series
 * with its imputation over a few windows, and the MAE by hour of day over the first block of test
 * windows (imputed with non-overlapping windows, so it can differ slightly from the run report's,
 * which averages overlapping ones). It also writes and prints the locality / symmetry / entropy
 * of every temporal layer ({@link #STATISTICS_FILE}). SPIN-H reports no temporal weights: its
 * temporal plots and statistics are skipped with a note.
 */
@Command(
        name = "visualize",
        mixinStandardHelpOptions = true,
        versionProvider = SpinjVersion.class,
        description = {
            "Plot a SPIN run's attention (temporal per node, per layer, as a band under the",
            "signal, top spatial edges, map), one node's imputation on a test window and the MAE",
            "by hour of day; prints the path of every file and the attention statistics."
        })
public final class VisualizeCommand implements Callable<Integer> {

    /** The attention statistics table, written next to the PNGs. */
    public static final String STATISTICS_FILE = "attention-stats.csv";

    /** Windows of the series plot, starting at the chosen test window. */
    public static final int SERIES_WINDOWS = 4;

    private static final Pattern SIZE = Pattern.compile("(\\d+)x(\\d+)");

    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "A run directory of spinj train.")
    Path runDir;

    @Option(names = "--layer", paramLabel = "L", description = "SPIN layer, 0..L-1 (default: the last).")
    Integer layer;

    @Option(names = "--node", paramLabel = "NODE_ID|INDEX", description = "Node id, or index 0..N-1 (default: index 0).")
    String node = "0";

    @Option(names = "--t", paramLabel = "STEP", description = "Step of the window for the spatial plots, 0..T-1 (default: the last).")
    Integer step;

    @Option(names = "--test-window", paramLabel = "K", description = "Which test window, 0-based (default: ${DEFAULT-VALUE}).")
    int testWindow = 0;

    @Option(names = "--top", paramLabel = "K", description = "Spatial edges in the top-edges chart (default: ${DEFAULT-VALUE}).")
    int top = 10;

    @Option(names = "--size", paramLabel = "WxH", description = "Size of every PNG in pixels (default: ${DEFAULT-VALUE}).")
    String size = "900x600";

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write the PNGs (default: RUN_DIR/plots).")
    Path out;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where the dataset files are.")
    Path dataDir;

    @Override
    public Integer call() {
        PlotSize plotSize = plotSize(size);
        if (top < 1) {
            throw new IllegalArgumentException("--top must be >= 1, got " + top);
        }
        if (!Files.isDirectory(runDir)) {
            throw new IllegalArgumentException(runDir + ": no such run directory");
        }
        RunDirectory run = RunDirectory.open(runDir);
        JsonObject config = run.config();
        ModelChoice choice =
                new ModelChoice(config.has("model") ? config.get("model").getAsString() : "spin");
        if (!choice.isNetwork()) {
            throw new IllegalArgumentException(
                    runDir + " is a run of the baseline " + choice.name()
                            + ", which has no attention to plot; visualize needs a spin run");
        }
        Path ckpt = checkpoint(run);
        DataSpec data = DataSpec.fromConfig(config);
        if (dataDir != null) {
            data = data.withDataDir(dataDir);
        }
        ImputationTask task = TaskPreparation.prepare(data);
        SpatioTemporalSeries s = task.series();
        // every option the data can check is checked before any file is written
        int i = nodeIndex(s, node);
        int t = step != null ? step : task.window() - 1;
        if (t < 0 || t >= task.window()) {
            throw new IllegalArgumentException(
                    "--t " + t + " is out of range: the window has " + task.window()
                            + " steps, expected 0.." + (task.window() - 1));
        }
        int[] test = task.split().test();
        if (testWindow < 0 || testWindow >= test.length) {
            throw new IllegalArgumentException(
                    "--test-window " + testWindow + " is out of range: the test split has "
                            + test.length + " windows");
        }
        Path dir = out != null ? out : run.resolve("plots");
        PrintWriter o = spec.commandLine().getOut();
        Path curve = LearningCurve.write(run, task,
                choice.name().toUpperCase(java.util.Locale.ROOT) + " on " + task.name()
                        + ": validation MAE vs wall time",
                dir.resolve(LearningCurve.FILE), plotSize);
        if (curve != null) {
            print(o, curve);
        }
        try (ImputationModel model = ImputationModel.load(ckpt,
                EngineSetup.resolveDevice(GlobalOptions.of(spec).device()))) {
            int layers = model.network().hyperparameters().get("layers").getAsInt();
            int l = layer != null ? layer : layers - 1;
            if (l < 0 || l >= layers) {
                throw new IllegalArgumentException(
                        "--layer " + l + " is out of range: the model has " + layers
                                + " layers, expected 0.." + (layers - 1));
            }
            int window = test[testWindow];
            int from = task.split().spec().start(window);
            AttentionWeights w = RunReport.attention(task, model, window);
            String id = s.nodeIds().get(i);
            String safeId = id.replaceAll("[^A-Za-z0-9_.-]", "_");

            if (has(w, layerId(l, "self"))) {
                String self = layerId(l, "self");
                print(o, AttentionHeatmap.write(w.temporalMatrix(self, 0, i),
                        "Temporal self-attention, layer " + l + ", node " + id, plotSize,
                        dir.resolve("temporal-layer" + l + "-node-" + safeId + ".png")));
                List<AttentionMatrix> perLayer = new ArrayList<>();
                List<String> titles = new ArrayList<>();
                for (int k = 0; k < layers; k++) {
                    perLayer.add(w.temporalMatrix(layerId(k, "self"), 0, i));
                    titles.add("layer " + k);
                }
                print(o, LayerComparisonGrid.write(perLayer, titles, Math.min(4, layers),
                        plotSize, dir.resolve("layers-node-" + safeId + ".png")));
                print(o, PngFile.write(RunReport.attentionBand(s, w, self, from, i), plotSize,
                        dir.resolve("band-layer" + l + "-node-" + safeId + ".png")));
            } else {
                o.println("note: this model reports no per-node temporal self-attention (SPIN-H"
                        + " attends through hubs); temporal plots skipped, no attention"
                        + " statistics");
            }
            // SPIN reports its spatio-temporal cross-attention, SPIN-H its spatial softmax
            String spatialId = has(w, layerId(l, "cross")) ? layerId(l, "cross")
                    : layerId(l, "spatial");
            AttentionMatrix spatial = RunReport.spatialView(w, spatialId, t);
            String[] names = s.nodeIds().toArray(new String[0]);
            print(o, PngFile.write(TopEdgesChart.chart(spatial.topEdges(top), names,
                            "Top " + top + " spatial edges, layer " + l + ", step " + t),
                    plotSize, dir.resolve("top-edges-layer" + l + "-t" + t + ".png")));
            if (s.hasCoordinates()) {
                print(o, PngFile.write(SpatialAttentionMap.chart(spatial,
                                new NodeCoordinates(s.latitudes(), s.longitudes()),
                                "Spatial attention, layer " + l + ", step " + t),
                        plotSize, dir.resolve("map-layer" + l + "-t" + t + ".png")));
            }

            int to = Math.min(s.numSteps(), from + SERIES_WINDOWS * task.window());
            float[] imputed = model.impute(s.sliceTime(from, to), 1,
                    TrainingOptions.paper().evalBatchSize());
            print(o, PngFile.write(RunReport.seriesPlot(s, imputed, from, to, i), plotSize,
                    dir.resolve("series-node-" + safeId + ".png")));

            int[] block = RunReport.testBlock(task);
            float[] blockImputed = model.impute(s.sliceTime(block[0], block[1]), task.window(),
                    TrainingOptions.paper().evalBatchSize());
            ErrorBreakdown errors = RunReport.errorBreakdown(s, blockImputed, block[0], block[1]);
            print(o, PngFile.write(RunReport.perHourChart(errors), plotSize,
                    dir.resolve("mae-per-hour.png")));

            List<List<String>> stats = RunReport.statisticsRows(w);
            if (!stats.isEmpty()) {
                print(o, writeCsv(RunReport.STATISTICS_COLUMNS, stats,
                        dir.resolve(STATISTICS_FILE)));
                printTable(o, RunReport.STATISTICS_COLUMNS, stats);
            }
        }
        o.flush();
        return 0;
    }

    private static void print(PrintWriter o, Path png) {
        o.println(png);
        o.flush();
    }

    private static Path writeCsv(List<String> columns, List<List<String>> rows, Path path) {
        List<String> lines = new ArrayList<>();
        lines.add(String.join(",", columns));
        for (List<String> row : rows) {
            lines.add(String.join(",", row));
        }
        AtomicFiles.writeLines(path, lines);
        return path;
    }

    private static void printTable(PrintWriter o, List<String> columns, List<List<String>> rows) {
        int[] width = new int[columns.size()];
        for (int c = 0; c < width.length; c++) {
            width[c] = columns.get(c).length();
            for (List<String> row : rows) {
                width[c] = Math.max(width[c], row.get(c).length());
            }
        }
        o.println("attention statistics of test window (averaged over nodes or spatial edges):");
        List<List<String>> all = new ArrayList<>();
        all.add(columns);
        all.addAll(rows);
        for (List<String> row : all) {
            StringBuilder line = new StringBuilder("  ");
            for (int c = 0; c < width.length; c++) {
                line.append(String.format(Locale.ROOT, c == 0 ? "%-" + width[c] + "s"
                        : "  %" + width[c] + "s", row.get(c)));
            }
            o.println(line);
        }
        o.flush();
    }

    private static String layerId(int layer, String part) {
        return "layer" + layer + "." + part;
    }

    private static boolean has(AttentionWeights w, String layerId) {
        return w.layers().stream().anyMatch(x -> x.layerId().equals(layerId));
    }

    private static Path checkpoint(RunDirectory run) {
        for (String name : List.of(RunDirectory.MODEL, SpinTrainer.BEST)) {
            Path p = run.resolve(name);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new IllegalArgumentException(
                run.dir() + " has no checkpoint (" + RunDirectory.MODEL + " or " + SpinTrainer.BEST
                        + "): was training interrupted? Resume it with spinj train --resume "
                        + run.dir());
    }

    /**
     * Finds a node by id, else by index.
     *
     * @param s the series
     * @param node a node id or an index {@code 0..N-1}
     * @return the index
     * @throws IllegalArgumentException if it is neither
     */
    static int nodeIndex(SpatioTemporalSeries s, String node) {
        int byId = s.nodeIds().indexOf(node);
        if (byId >= 0) {
            return byId;
        }
        try {
            int k = Integer.parseInt(node.trim());
            if (k >= 0 && k < s.numNodes()) {
                return k;
            }
        } catch (NumberFormatException e) {
            // not an index either: reported below
        }
        List<String> ids = s.nodeIds();
        throw new IllegalArgumentException(
                "--node '" + node + "' is neither a node id nor an index 0.." + (s.numNodes() - 1)
                        + "; node ids: " + (ids.size() <= 8 ? ids
                                : ids.subList(0, 8) + " and " + (ids.size() - 8) + " more"));
    }

    /**
     * @param text {@code WIDTHxHEIGHT}, e.g. {@code 900x600}
     * @return the size
     * @throws IllegalArgumentException if malformed
     */
    static PlotSize plotSize(String text) {
        Matcher m = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "--size '" + text + "' is not understood; expected WIDTHxHEIGHT, e.g. 900x600");
        }
        return new PlotSize(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }
}
