package org.spinj.visualize.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.Objects;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * A node's signal with its attention over time as a heat band underneath (the layout of the
 * "attention over a signal" plots users know): top panel the signal, bottom panel one coloured
 * cell per step, sharing the step axis.
 */
public final class AttentionBandChart {

    private AttentionBandChart() {}

    /**
     * Builds the chart.
     *
     * @param signal {@code [T]} the node's values (NaN for missing steps, drawn as gaps)
     * @param attention {@code [T]} attention per step, e.g. {@code
     *     AttentionMatrix.columnMeans()} of the node's temporal matrix, finite
     * @param title the chart title
     * @return the chart
     * @throws IllegalArgumentException if the lengths differ or an attention value is not finite
     */
    public static JFreeChart chart(double[] signal, double[] attention, String title) {
        Objects.requireNonNull(signal, "signal");
        Objects.requireNonNull(attention, "attention");
        if (signal.length != attention.length || signal.length == 0) {
            throw new IllegalArgumentException(
                    "expected a signal and an attention value per step, got " + signal.length
                            + " signal values and " + attention.length + " attention values");
        }
        XYSeries s = new XYSeries("signal", false, true);
        double max = 0;
        double[] steps = new double[signal.length];
        double[] zeros = new double[signal.length];
        for (int t = 0; t < signal.length; t++) {
            if (!Double.isFinite(attention[t])) {
                throw new IllegalArgumentException(
                        "attention at step " + t + " is " + attention[t] + ", expected finite");
            }
            s.add(t, signal[t]);
            steps[t] = t;
            max = Math.max(max, attention[t]);
        }
        XYLineAndShapeRenderer line = new XYLineAndShapeRenderer(true, false);
        line.setSeriesPaint(0, new Color(65, 105, 225));
        line.setSeriesStroke(0, new BasicStroke(1.6f));
        NumberAxis valueAxis = new NumberAxis("value");
        valueAxis.setAutoRangeIncludesZero(false);
        XYPlot top = new XYPlot(new XYSeriesCollection(s), null, valueAxis, line);
        top.setBackgroundPaint(Color.WHITE);
        top.setDomainGridlinePaint(Color.LIGHT_GRAY);
        top.setRangeGridlinePaint(Color.LIGHT_GRAY);

        ColourScale scale = ColourScale.upTo(max);
        DefaultXYZDataset band = new DefaultXYZDataset();
        band.addSeries("attention", new double[][] {steps, zeros, attention.clone()});
        XYBlockRenderer cells = new XYBlockRenderer();
        cells.setPaintScale(scale);
        NumberAxis bandAxis = new NumberAxis("attention");
        bandAxis.setRange(-0.5, 0.5);
        bandAxis.setTickLabelsVisible(false);
        bandAxis.setTickMarksVisible(false);
        XYPlot bottom = new XYPlot(band, null, bandAxis, cells);
        bottom.setBackgroundPaint(Color.WHITE);
        bottom.setRangeGridlinesVisible(false);

        NumberAxis stepAxis = AttentionHeatmap.integerAxis("step", signal.length);
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(stepAxis);
        plot.setGap(6);
        plot.add(top, 3);
        plot.add(bottom, 1);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        chart.addSubtitle(AttentionHeatmap.legend(scale, "attention weight"));
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }
}
