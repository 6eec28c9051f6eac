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
}
