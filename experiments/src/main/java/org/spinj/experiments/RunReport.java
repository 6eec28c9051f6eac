package org.spinj.experiments;

import ai.djl.ndarray.NDManager;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.spinj.datasets.SpatioTemporalSeries;
import org.spinj.datasets.window.ImputationDataset;
import org.spinj.datasets.window.WindowSpec;
import org.spinj.graph.listen.AttentionKind;
import org.spinj.spin.ImputationModel;
import org.spinj.spin.ImputationTask;
import org.spinj.spin.train.SpinTrainer;
import org.spinj.spin.train.WindowBatch;
import org.spinj.visualize.attention.AttentionLayer;
import org.spinj.visualize.attention.AttentionMatrix;
import org.spinj.visualize.attention.AttentionStatistics;
import org.spinj.visualize.attention.AttentionVisualizer;
import org.spinj.visualize.attention.AttentionWeights;
import org.spinj.visualize.attention.SpatialAttentionMatrix;
import org.spinj.visualize.plot.AttentionBandChart;
import org.spinj.visualize.plot.AttentionHeatmap;
import org.spinj.visualize.plot.ErrorBarChart;
import org.spinj.visualize.plot.ErrorBreakdown;
import org.spinj.visualize.plot.LayerComparisonGrid;
import org.spinj.visualize.plot.NodeCoordinates;
import org.spinj.visualize.plot.NodeErrorMap;
import org.spinj.visualize.plot.PlotSize;
import org.spinj.visualize.plot.PngFile;
import org.spinj.visualize.plot.SeriesPlot;
import org.spinj.visualize.plot.SpatialAttentionMap;
import org.spinj.visualize.plot.TopEdgesChart;
import org.spinj.visualize.plot.TrainingCurvesChart;
import org.spinj.visualize.plot.TrainingHistory;
import org.spinj.visualize.report.Report;

/**
 * Writes a run's {@code report.html}: metrics and config tables, the training curves, series
 * plots of the nodes with the most evaluation targets, the MAE per node (and on the map when the
 * nodes have coordinates) and per hour of day over the first block of test windows, and, for a
 * network, its attention on the first test window, extracted by {@link AttentionVisualizer}:
 * temporal attention of every layer, one node's signal with its attention as a band underneath,
 * locality / symmetry / entropy per temporal layer, and the spatial attention of the last layer
 * as a matrix, its top edges and on the map.
 */
public final class RunReport {

    /** At most this many steps of the test block are imputed for the figures. */
    public static final int MAX_STEPS = 720;

    /** Spatial edges in the top-edges chart. */
    public static final int TOP_EDGES = 15;

    /** The column headers of the attention statistics table. */
    public static final List<String> STATISTICS_COLUMNS = List.of("layer", "attends over",
            "locality (steps)", "symmetry", "entropy (nats)", "entropy / uniform");

    private static final PlotSize WIDE = new PlotSize(1000, 360);

    private RunReport() {}

    /**
     * The steps {@code [from, to)} of the first run of consecutive test windows, capped at {@link
     * #MAX_STEPS}.
     *
     * @param task the task
     * @return {@code {from, to}}
     */
    public static int[] testBlock(ImputationTask task) {
        int[] test = task.split().test();
        WindowSpec spec = task.split().spec();
        int j = 0;
        while (j + 1 < test.length && test[j + 1] == test[j] + 1) {
            j++;
        }
        int from = spec.start(test[0]);
        int to = Math.min(spec.start(test[j]) + spec.window(), from + MAX_STEPS);
        return new int[] {from, Math.max(to, from + spec.window())};
    }

    /**
     * Writes the report.
     *
     * @param run the run
     * @param task the task
     * @param title the page title
     * @param metrics formatted metrics
     * @param imputed {@code [to - from, N, C]} the imputation of {@link #testBlock}
     * @param model the trained network for attention plots, or null for a baseline
     * @return the report's path
     */
    public static Path write(
            RunDirectory run, ImputationTask task, String title, Map<String, String> metrics,
            float[] imputed, ImputationModel model) {
        SpatioTemporalSeries s = task.series();
        int[] block = testBlock(task);
        Report.Builder r =
                Report.builder()
                        .setTitle(title)
                        .optMetrics(metrics)
                        .optConfigJson(run.config().toString());
        Path metricsCsv = run.resolve(SpinTrainer.METRICS);
        if (Files.isRegularFile(metricsCsv)) {
            TrainingHistory h = TrainingHistory.read(metricsCsv);
            if (h.size() > 0) {
                r.addFigure("Training loss, validation MAE and learning rate per epoch.",
                        PngFile.encode(TrainingCurvesChart.chart(h, "Training curves"),
                                PlotSize.DEFAULT));
            }
        }
        int plotTo = Math.min(block[1], block[0] + 8 * task.window());
        for (int node : busiestNodes(s, block[0], plotTo, 3)) {
            r.addFigure("Node " + s.nodeIds().get(node) + ": ground truth (grey), observed input"
                            + " (blue), evaluation targets (red), imputation (orange); shaded"
                            + " where the input is missing.",
                    PngFile.encode(seriesPlot(s, imputed, block[0], plotTo, node), WIDE));
        }
        ErrorBreakdown errors = errorBreakdown(s, imputed, block[0], block[1]);
        double[] mae = errors.perNode();
        String[] names = s.nodeIds().toArray(new String[0]);
        String steps = "test steps " + block[0] + ".." + (block[1] - 1);
        r.addFigure("MAE per node on the evaluation targets of " + steps + ".",
                PngFile.encode(ErrorBarChart.perNode(mae, names, "MAE per node", "MAE"), WIDE));
        if (s.hasCoordinates() && hasFinite(mae)) {
            r.addFigure("MAE per node on the map.",
                    PngFile.encode(NodeErrorMap.chart(mae,
                            new NodeCoordinates(s.latitudes(), s.longitudes()), "MAE per node",
                            "MAE"), PlotSize.DEFAULT));
        }
        r.addFigure("MAE by hour of day (" + zoneName(s) + ") on the evaluation targets"
                        + " of " + steps + "; an hour without targets has no bar.",
                PngFile.encode(perHourChart(errors), WIDE));
        if (model != null) {
            addAttention(r, task, model);
        }
        return r.build().write(run.resolve(RunDirectory.REPORT));
    }

    private static String zoneName(SpatioTemporalSeries s) {
        ZoneId zone = s.timeIndex().zone().normalized();
        return zone.equals(ZoneOffset.UTC) ? "UTC" : zone.getId();
    }

    private static boolean hasFinite(double[] v) {
        for (double d : v) {
            if (Double.isFinite(d)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The MAE of an imputation per node and per hour of day, over the evaluation targets of
     * steps {@code [from, to)} (channel 0), hours read in the series' time zone.
     *
     * @param s the series with its evaluation mask
     * @param imputed {@code [to - from, N, C]} the imputation of that range
     * @param from first step
     * @param to end step
     * @return the breakdown
     */
    public static ErrorBreakdown errorBreakdown(
            SpatioTemporalSeries s, float[] imputed, int from, int to) {
        int len = to - from;
        int n = s.numNodes();
        int c = s.numChannels();
        if (len < 1 || imputed.length != len * n * c) {
            throw new IllegalArgumentException(
                    "expected an imputation of steps " + from + ".." + (to - 1) + " with " + len
                            + " x " + n + " x " + c + " values, got " + imputed.length);
        }
        double[][] truth = new double[len][n];
        double[][] prediction = new double[len][n];
        boolean[][] eval = new boolean[len][n];
        long[] millis = new long[len];
        for (int k = 0; k < len; k++) {
            int t = from + k;
            millis[k] = s.timeIndex().epochSecond(t) * 1000L;
            for (int i = 0; i < n; i++) {
                eval[k][i] = s.isEval(t, i, 0);
                truth[k][i] = s.value(t, i, 0);
                prediction[k][i] = imputed[(k * n + i) * c];
            }
        }
        return ErrorBreakdown.of(truth, prediction, eval, millis, s.timeIndex().zone());
    }

    /**
     * @param errors an error breakdown
     * @return its MAE by hour of day as a bar chart
     */
    public static JFreeChart perHourChart(ErrorBreakdown errors) {
        return ErrorBarChart.perHour(errors.perHour(), "MAE by hour of day", "MAE");
    }

    /**
     * Records the network's attention on one window, through {@link AttentionVisualizer}.
     *
     * @param task the task
     * @param model the network
     * @param window the window index (of the task's windows)
     * @return the weights of every layer
     */
    public static AttentionWeights attention(
            ImputationTask task, ImputationModel model, int window) {
        ImputationDataset ds =
                ImputationDataset.builder()
                        .setSeries(task.series())
                        .setWindows(task.split().spec(), new int[] {window})
                        .optScaler(model.scaler())
                        .setSampling(1, false)
                        .build();
        try (NDManager bm = NDManager.newBaseManager(model.device())) {
            WindowBatch b = WindowBatch.of(ds, new long[] {0}, 0, 1, bm);
            return new AttentionVisualizer(model).extractWeights(b);
        }
    }

    /**
     * The spatial attention of a layer at one step as the plots show it: the weights of a
     * spatial softmax (SPIN-H), or for SPIN's per-edge cross-attention, whose mass is 1 on every
     * edge with a valid source, the weight each edge puts on the source's same step ({@link
     * SpatialAttentionMatrix#sameStep}).
     *
     * @param w the weights
     * @param layerId the id of a layer with spatial edges
     * @param step the target step
     * @return the matrix, rows = target node, columns = source node
     */
    public static AttentionMatrix spatialView(AttentionWeights w, String layerId, int step) {
        AttentionLayer layer = w.layer(layerId);
        return layer.kind() == AttentionKind.SPATIAL
                ? SpatialAttentionMatrix.of(layer.record(), 0, step)
                : SpatialAttentionMatrix.sameStep(layer.record(), 0, step);
    }

    /**
     * What {@link #spatialView} shows for a layer, for captions.
     *
     * @param w the weights
     * @param layerId the id of a layer with spatial edges
     * @return a phrase, e.g. "the weight each edge's cross-attention puts on the neighbour's
     *     value at the same step"
     */
    public static String spatialMeaning(AttentionWeights w, String layerId) {
        return w.layer(layerId).kind() == AttentionKind.SPATIAL
                ? "the spatial attention weight of each edge (a softmax over a node's neighbours)"
                : "the weight each edge's cross-attention puts on the neighbour's value at the"
                        + " same step (SPIN normalises per edge, so every valid edge carries a"
                        + " total weight of 1; this shows which neighbours are read in step)";
    }

    /**
     * The locality, symmetry and entropy of every temporal layer on sample 0, averaged over its
     * nodes (or spatial edges), as table rows under {@link #STATISTICS_COLUMNS}.
     *
     * @param w the weights
     * @return one row per temporal layer (none for SPIN-H, which reports no temporal weights)
     */
    public static List<List<String>> statisticsRows(AttentionWeights w) {
        List<List<String>> rows = new ArrayList<>();
        List<AttentionLayer> temporal = w.temporalLayers();
        for (int l = 0; l < temporal.size(); l++) {
            AttentionLayer layer = temporal.get(l);
            AttentionStatistics st = w.temporalStatistics(l, 0);
            rows.add(List.of(layer.layerId(),
                    st.matrices() + (layer.record().spatialIndex() != null
                            ? " spatial edges" : " nodes"),
                    format(st.locality()), format(st.symmetry()), format(st.entropy()),
                    format(st.relativeEntropy())));
        }
        return rows;
    }

    private static String format(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    /**
     * The node the attention band is drawn for: the one with the most evaluation targets in the
     * window (the one the attention has most to fill in), ties to the lowest index.
     *
     * @param s the series
     * @param from first step of the window
     * @param to end step
     * @return the node index
     */
    public static int bandNode(SpatioTemporalSeries s, int from, int to) {
        return busiestNodes(s, from, to, 1).get(0);
    }

    /**
     * A node's signal over a window with the attention each step receives from a temporal
     * self-attention layer (the mean over query steps of the node's {@code [T, T]} matrix) as a
     * band underneath.
     *
     * @param s the series
     * @param w the weights of that window
     * @param layerId a temporal layer per node, e.g. {@code "layer1.self"}
     * @param from first step of the window in the series
     * @param node the node
     * @return the chart
     */
    public static JFreeChart attentionBand(
            SpatioTemporalSeries s, AttentionWeights w, String layerId, int from, int node) {
        AttentionMatrix m = w.temporalMatrix(layerId, 0, node);
        double[] signal = new double[m.rows()];
        for (int k = 0; k < signal.length; k++) {
            signal[k] = s.isObserved(from + k, node, 0) ? s.value(from + k, node, 0) : Double.NaN;
        }
        return AttentionBandChart.chart(signal, m.columnMeans(),
                "Node " + s.nodeIds().get(node) + ": signal and attention received, " + layerId);
    }

    private static void addAttention(Report.Builder r, ImputationTask task, ImputationModel model) {
        SpatioTemporalSeries s = task.series();
        int window = task.split().test()[0];
        int from = task.split().spec().start(window);
        AttentionWeights w = attention(task, model, window);
        List<AttentionLayer> temporal = w.temporalLayers();
        if (!temporal.isEmpty()) {
            List<AttentionMatrix> ms = new ArrayList<>();
            List<String> titles = new ArrayList<>();
            for (int l = 0; l < temporal.size(); l++) {
                ms.add(w.temporalMean(l, 0));
                titles.add(temporal.get(l).layerId());
            }
            int cols = Math.min(4, ms.size());
            BufferedImage grid = LayerComparisonGrid.render(ms, titles, cols,
                    new PlotSize(1000, 300 * ((ms.size() + cols - 1) / cols)));
            r.addFigure("Temporal attention of every layer on the first test window, averaged"
                    + " over its nodes (self) or spatial edges (cross); rows: query step,"
                    + " columns: key step.", PngFile.encode(grid));
            int last = temporal.size() - 1;
            AttentionLayer lastLayer = temporal.get(last);
            boolean perNode = lastLayer.record().spatialIndex() == null;
            int node = bandNode(s, from, from + task.window());
            String id = s.nodeIds().get(node);
            if (perNode) {
                r.addFigure("Temporal attention of " + lastLayer.layerId() + " for node " + id
                                + " (rows: query step, columns: key step).",
                        PngFile.encode(AttentionHeatmap.chart(w.temporalMatrix(last, 0, node),
                                "Temporal attention, " + lastLayer.layerId() + ", node " + id),
                                new PlotSize(600, 540)));
                r.addFigure("Node " + id + " (the most evaluation targets in the window): its"
                                + " ground-truth signal, and underneath the attention each step"
                                + " receives from " + lastLayer.layerId() + " (mean over query"
                                + " steps); steps hidden from the model (missing or evaluation"
                                + " targets) receive none.",
                        PngFile.encode(attentionBand(s, w, lastLayer.layerId(), from, node),
                                WIDE));
            }
            r.addTable("Attention statistics per temporal layer on the first test window, averaged"
                            + " over nodes or spatial edges: locality = attention-weighted mean"
                            + " |s - t|, symmetry = 1 - ||A - A^T|| / (2 ||A||) (1 = symmetric),"
                            + " entropy = mean row entropy, and relative to a uniform row.",
                    STATISTICS_COLUMNS, statisticsRows(w));
        }
        List<AttentionLayer> spatial = w.spatialLayers();
        if (!spatial.isEmpty()) {
            int step = task.window() - 1;
            String layerId = spatial.get(spatial.size() - 1).layerId();
            AttentionMatrix m = spatialView(w, layerId, step);
            String meaning = spatialMeaning(w, layerId);
            String[] names = s.nodeIds().toArray(new String[0]);
            r.addFigure("Spatial attention of " + layerId + " at the last step of the window:"
                            + " " + meaning + " (rows: target node, columns: source node).",
                    PngFile.encode(AttentionHeatmap.chart(m,
                            "Spatial attention, " + layerId + ", step " + step,
                            "source node", "target node"), new PlotSize(640, 580)));
            r.addFigure("The " + TOP_EDGES + " edges with the most attention in that matrix.",
                    PngFile.encode(TopEdgesChart.chart(m.topEdges(TOP_EDGES), names,
                            "Top " + TOP_EDGES + " spatial edges, " + layerId + ", step " + step),
                            WIDE));
            if (s.hasCoordinates()) {
                r.addFigure("The same attention on the node coordinates: each edge drawn from"
                                + " source to target, coloured and thickened by its weight.",
                        PngFile.encode(SpatialAttentionMap.chart(m,
                                new NodeCoordinates(s.latitudes(), s.longitudes()),
                                "Spatial attention, " + layerId + ", step " + step),
                                PlotSize.DEFAULT));
            }
        }
    }

    /**
     * A series plot of one node over {@code [from, to)}.
     *
     * @param s the series
     * @param imputed {@code [*, N, C]} imputation starting at {@code from}
     * @param from first step
     * @param to end step
     * @param node the node
     * @return the chart
     */
    public static JFreeChart seriesPlot(
            SpatioTemporalSeries s, float[] imputed, int from, int to, int node) {
        int len = to - from;
        int n = s.numNodes();
        int c = s.numChannels();
        double[] truth = new double[len];
        double[] imp = new double[len];
        boolean[] seen = new boolean[len];
        boolean[] eval = new boolean[len];
        long[] millis = new long[len];
        for (int k = 0; k < len; k++) {
            int t = from + k;
            truth[k] = s.isObserved(t, node, 0) ? s.value(t, node, 0) : Double.NaN;
            imp[k] = imputed[(k * n + node) * c];
            eval[k] = s.isEval(t, node, 0);
            seen[k] = s.isObserved(t, node, 0) && !eval[k];
            millis[k] = s.timeIndex().epochSecond(t) * 1000L;
        }
        return SeriesPlot.builder().setTruth(truth).optImputation(imp).optObserved(seen)
                .optEvaluation(eval).optTimestamps(millis)
                .optTitle("node " + s.nodeIds().get(node)).build().chart();
    }

    private static List<Integer> busiestNodes(SpatioTemporalSeries s, int from, int to, int k) {
        Map<Integer, Integer> counts = new LinkedHashMap<>();
        for (int i = 0; i < s.numNodes(); i++) {
            int cnt = 0;
            for (int t = from; t < to; t++) {
                if (s.isEval(t, i, 0)) {
                    cnt++;
                }
            }
            counts.put(i, cnt);
        }
        return counts.entrySet().stream()
                .sorted((a, b) -> b.getValue() - a.getValue())
                .limit(k)
                .map(Map.Entry::getKey)
                .toList();
    }
}
