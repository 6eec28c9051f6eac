package org.spinj.visualize.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.Objects;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Training curves: train loss and validation MAE per epoch on the left axis, the learning rate
 * (dashed) on a second axis on the right.
 */
public final class TrainingCurvesChart {

    private TrainingCurvesChart() {}

    /**
     * Builds the chart.
     *
     * @param history the run's metrics
     * @param title the chart title
     * @return the chart
     */
    public static JFreeChart chart(TrainingHistory history, String title) {
        Objects.requireNonNull(history, "history");
        XYSeries loss = new XYSeries("train loss", false, true);
        XYSeries mae = new XYSeries("validation MAE", false, true);
        XYSeries lr = new XYSeries("learning rate", false, true);
        int[] epoch = history.epoch();
        double[] l = history.trainLoss();
        double[] v = history.valMae();
        double[] r = history.learningRate();
        for (int k = 0; k < history.size(); k++) {
            loss.add(epoch[k], l[k]);
            if (!Double.isNaN(v[k])) {
                mae.add(epoch[k], v[k]);
            }
            lr.add(epoch[k], r[k]);
        }
        XYSeriesCollection metrics = new XYSeriesCollection();
        metrics.addSeries(loss);
        metrics.addSeries(mae);
        XYLineAndShapeRenderer left = new XYLineAndShapeRenderer(true, history.size() < 60);
        left.setSeriesPaint(0, new Color(31, 119, 180));
        left.setSeriesPaint(1, new Color(214, 39, 40));
        left.setSeriesStroke(0, new BasicStroke(2f));
        left.setSeriesStroke(1, new BasicStroke(2f));
        NumberAxis epochAxis = new NumberAxis("epoch");
        epochAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        epochAxis.setAutoRangeIncludesZero(false);
        NumberAxis metricAxis = new NumberAxis("loss / MAE");
        metricAxis.setAutoRangeIncludesZero(false);
        XYPlot plot = new XYPlot(metrics, epochAxis, metricAxis, left);
        NumberAxis lrAxis = new NumberAxis("learning rate");
        lrAxis.setAutoRangeIncludesZero(true);
        plot.setRangeAxis(1, lrAxis);
        plot.setRangeAxisLocation(1, AxisLocation.BOTTOM_OR_RIGHT);
        plot.setDataset(1, new XYSeriesCollection(lr));
        plot.mapDatasetToRangeAxis(1, 1);
        XYLineAndShapeRenderer right = new XYLineAndShapeRenderer(true, false);
        right.setSeriesPaint(0, new Color(44, 160, 44));
        right.setSeriesStroke(0, new BasicStroke(1.5f, BasicStroke.CAP_BUTT,
                BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        plot.setRenderer(1, right);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    /**
     * The learning curve against wall time: validation MAE at each evaluation (markers), the
     * best so far (the model a budget would stop with, as a step line), and reference scores
     * such as a baseline's MAE on the same windows as dashed horizontal lines.
     *
     * @param history the run's metrics
     * @param title the chart title
     * @param references label to MAE, drawn as horizontal lines; may be empty
     * @return the chart
     */
    public static JFreeChart learningCurve(TrainingHistory history, String title,
            java.util.Map<String, Double> references) {
        Objects.requireNonNull(history, "history");
        XYSeries mae = new XYSeries("validation MAE", false, true);
        XYSeries best = new XYSeries("best so far", false, true);
        double[] t = history.elapsedSeconds();
        double[] v = history.valMae();
        double bestSoFar = Double.POSITIVE_INFINITY;
        for (int k = 0; k < history.size(); k++) {
            if (Double.isNaN(v[k])) {
                continue;
            }
            double minutes = t[k] / 60.0;
            mae.add(minutes, v[k]);
            if (v[k] < bestSoFar && !best.isEmpty()) {
                best.add(minutes, bestSoFar); // step: the best changes at this evaluation
            }
            bestSoFar = Math.min(bestSoFar, v[k]);
            best.add(minutes, bestSoFar);
        }
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(mae);
        data.addSeries(best);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        r.setSeriesPaint(0, new Color(214, 39, 40));
        r.setSeriesStroke(0, new BasicStroke(1.5f));
        r.setSeriesPaint(1, new Color(31, 119, 180));
        r.setSeriesStroke(1, new BasicStroke(2.5f));
        r.setSeriesShapesVisible(1, false);
        NumberAxis time = new NumberAxis("wall time (minutes)");
        time.setAutoRangeIncludesZero(true);
        NumberAxis metric = new NumberAxis("validation MAE");
        metric.setAutoRangeIncludesZero(false);
        XYPlot plot = new XYPlot(data, time, metric, r);
        Color[] refColours = {new Color(44, 160, 44), new Color(255, 127, 14),
            new Color(148, 103, 189), Color.DARK_GRAY};
        int k = 0;
        double lo = Double.POSITIVE_INFINITY;
        for (java.util.Map.Entry<String, Double> e : references.entrySet()) {
            org.jfree.chart.plot.ValueMarker m = new org.jfree.chart.plot.ValueMarker(e.getValue());
            m.setPaint(refColours[k++ % refColours.length]);
            m.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[] {6f, 4f}, 0f));
            m.setLabel(e.getKey() + " " + String.format(java.util.Locale.ROOT, "%.2f",
                    e.getValue()));
            m.setLabelAnchor(org.jfree.chart.ui.RectangleAnchor.TOP_RIGHT);
            m.setLabelTextAnchor(org.jfree.chart.ui.TextAnchor.BOTTOM_RIGHT);
            plot.addRangeMarker(m);
            lo = Math.min(lo, e.getValue());
        }
        if (Double.isFinite(lo) && !mae.isEmpty()) {
            // keep the reference lines in view
            metric.setAutoRange(false);
            double hi = Math.max(mae.getMaxY(), lo);
            double low = Math.min(mae.getMinY(), lo);
            double pad = 0.05 * Math.max(hi - low, 1e-6);
            metric.setRange(low - pad, hi + pad);
        }
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }
}
