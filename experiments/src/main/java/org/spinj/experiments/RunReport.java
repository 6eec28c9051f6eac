package org.spinj.experiments;

import ai.djl.ndarray.NDManager;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spinj.datasets.SpatioTemporalSeries;
import org.spinj.datasets.window.ImputationDataset;
import org.spinj.datasets.window.WindowSpec;
import org.spinj.graph.listen.AttentionRecorder;
import org.spinj.graph.listen.ListenerRegistration;
import org.spinj.spin.ImputationModel;
import org.spinj.spin.ImputationTask;
import org.spinj.spin.train.SpinTrainer;
import org.spinj.spin.train.WindowBatch;
import org.spinj.visualize.attention.AttentionMatrix;
import org.spinj.visualize.attention.AttentionWeights;
import org.spinj.visualize.plot.AttentionHeatmap;
import org.spinj.visualize.plot.ErrorBarChart;
import org.spinj.visualize.plot.LayerComparisonGrid;
import org.spinj.visualize.plot.NodeCoordinates;
import org.spinj.visualize.plot.NodeErrorMap;
import org.spinj.visualize.plot.PlotSize;
import org.spinj.visualize.plot.PngFile;
import org.spinj.visualize.plot.SeriesPlot;
import org.spinj.visualize.plot.TrainingCurvesChart;
import org.spinj.visualize.plot.TrainingHistory;
import org.spinj.visualize.report.Report;

/**
 * Writes a run's {@code report.html}: metrics and config tables, the training curves, series
 * plots of the nodes with the most evaluation targets, the MAE per node (and on the map when the
 * nodes have coordinates) over the first block of test windows, and, for SPIN, its attention on
 * one test window.
 */
public final class RunReport {

    /** At most this many steps of the test block are imputed for the figures. */
    public static final int MAX_STEPS = 720;

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
        double[] mae = SplitScoring.maePerNode(s, imputed, block[0], block[1]);
        String[] names = s.nodeIds().toArray(new String[0]);
        r.addFigure("MAE per node on the evaluation targets of test steps " + block[0] + ".."
                        + (block[1] - 1) + ".",
                PngFile.encode(ErrorBarChart.perNode(mae, names, "MAE per node", "MAE"), WIDE));
        if (s.hasCoordinates() && hasFinite(mae)) {
            r.addFigure("MAE per node on the map.",
                    PngFile.encode(NodeErrorMap.chart(mae,
                            new NodeCoordinates(s.latitudes(), s.longitudes()), "MAE per node",
                            "MAE"), PlotSize.DEFAULT));
        }
        if (model != null) {
            addAttention(r, task, model);
        }
        return r.build().write(run.resolve(RunDirectory.REPORT));
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
     * Records the network's attention on one test window.
     *
     * @param task the task
     * @param model the network
     * @param window the window index (of the task's windows)
     * @return the weights of every layer
     */
    @SuppressWarnings("try") // the registration is held for the forward pass only
    public static AttentionWeights attention(ImputationTask task, ImputationModel model, int window) {
        ImputationDataset ds =
                ImputationDataset.builder()
                        .setSeries(task.series())
                        .setWindows(task.split().spec(), new int[] {window})
                        .optScaler(model.scaler())
                        .setSampling(1, false)
                        .build();
        AttentionRecorder recorder = new AttentionRecorder();
        try (NDManager bm = NDManager.newBaseManager(model.device())) {
            WindowBatch b = WindowBatch.of(ds, new long[] {0}, 0, 1, bm);
            try (ListenerRegistration reg = model.network().addMessageListener(recorder)) {
                model.network().forward(model.parameterStore(), b.x(), b.mask(), b.u(),
                        model.graph(), false);
            }
        }
        return AttentionWeights.of(recorder.records());
    }

    private static void addAttention(Report.Builder r, ImputationTask task, ImputationModel model) {
        int window = task.split().test()[0];
        AttentionWeights w = attention(task, model, window);
        int temporal = w.temporalLayers().size();
        if (temporal > 0) {
            List<AttentionMatrix> ms = new ArrayList<>();
            List<String> titles = new ArrayList<>();
            for (int l = 0; l < temporal; l++) {
                ms.add(w.temporalMean(l, 0));
                titles.add("layer " + l);
            }
            BufferedImage grid = LayerComparisonGrid.render(ms, titles, Math.min(4, temporal),
                    new PlotSize(1000, 300 * ((temporal + 3) / 4)));
            r.addFigure("Temporal attention of every layer on the first test window, averaged"
                    + " over spatial edges (rows: query step, columns: key step).",
                    PngFile.encode(grid));
            r.addFigure("Temporal attention of the last layer along spatial edge 0.",
                    PngFile.encode(AttentionHeatmap.chart(w.temporalMatrix(temporal - 1, 0, 0),
                            "Temporal attention, layer " + (temporal - 1) + ", edge 0"),
                            new PlotSize(600, 540)));
        }
        int spatial = w.spatialLayers().size();
        if (spatial > 0) {
            int step = task.window() - 1;
            r.addFigure("Spatial attention of the last layer at the last step of the window (rows:"
                    + " target node, columns: source node).",
                    PngFile.encode(AttentionHeatmap.chart(w.spatialMatrix(spatial - 1, 0, step),
                            "Spatial attention, layer " + (spatial - 1) + ", step " + step,
                            "source node", "target node"), new PlotSize(640, 580)));
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
    public static org.jfree.chart.JFreeChart seriesPlot(
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
