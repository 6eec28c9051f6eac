package org.spinj.visualize.explain;

import java.awt.BasicStroke;
import java.awt.Color;
import java.nio.file.Path;
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
import org.spinj.visualize.plot.ColourScale;
import org.spinj.visualize.plot.PlotSize;
import org.spinj.visualize.plot.PngFile;

/**
 * A signal with a per-step weight (attention, a Grad-CAM map, an attribution) drawn twice, the
 * way seeds 000 and 002 draw attention: as a dashed red line on a second axis over the signal,
 * and as a heat band underneath sharing the step axis. An optional span (the true anomaly) is
 * drawn as a grey line under the band.
 */
public final class SignalAttentionChart {

    private SignalAttentionChart() {}

    /**
     * @param signal {@code [T]} the input
     * @param weights {@code [T]} the weight per step, finite
     * @param title the chart title
     * @param weightLabel the name of the weights, e.g. "attention"
     * @param span {@code [start, end)} to mark, or {@code null}
     * @return the chart
     * @throws IllegalArgumentException if the lengths differ or are 0
     */
    public static JFreeChart chart(
            double[] signal, double[] weights, String title, String weightLabel, int[] span) {
        Objects.requireNonNull(signal, "signal");
        Objects.requireNonNull(weights, "weights");
        if (signal.length != weights.length || signal.length == 0) {
            throw new IllegalArgumentException("expected one weight per step, got " + signal.length
                    + " signal values and " + weights.length + " weights");
        }
        int t = signal.length;
        XYSeries s = new XYSeries("signal");
        XYSeries w = new XYSeries(weightLabel);
        double max = 1e-12;
        double min = 0;
        for (int i = 0; i < t; i++) {
            if (!Double.isFinite(weights[i])) {
                throw new IllegalArgumentException("weight " + i + " is " + weights[i]);
            }
            s.add(i, signal[i]);
            w.add(i, weights[i]);
            max = Math.max(max, weights[i]);
            min = Math.min(min, weights[i]);
        }
        NumberAxis steps = new NumberAxis("step");
        steps.setRange(-0.5, t - 0.5);
        XYPlot top = new XYPlot(new XYSeriesCollection(s), null, new NumberAxis("signal"),
                line(new Color(31, 119, 180), false));
        NumberAxis weightAxis = new NumberAxis(weightLabel);
        weightAxis.setRange(Math.min(min, 0), max * 1.05);
        top.setRangeAxis(1, weightAxis);
        top.setDataset(1, new XYSeriesCollection(w));
        top.setRenderer(1, line(new Color(214, 39, 40), true));
        top.mapDatasetToRangeAxis(1, 1);
        if (span != null) {
            XYSeries sp = new XYSeries("true anomaly");
            sp.add(span[0], signal[Math.min(span[0], t - 1)]);
            sp.add(span[1] - 1, signal[Math.min(span[1] - 1, t - 1)]);
            top.setDataset(2, new XYSeriesCollection(sp));
            XYLineAndShapeRenderer r = line(Color.DARK_GRAY, false);
            r.setSeriesStroke(0, new BasicStroke(4f));
            top.setRenderer(2, r);
        }
        double[] x = new double[t];
        double[] y = new double[t];
        double[] z = new double[t];
        for (int i = 0; i < t; i++) {
            x[i] = i;
            z[i] = weights[i];
        }
        DefaultXYZDataset band = new DefaultXYZDataset();
        band.addSeries(weightLabel, new double[][] {x, y, z});
        XYBlockRenderer heat = new XYBlockRenderer();
        heat.setPaintScale(new ColourScale(Math.min(min, 0), max));
        NumberAxis none = new NumberAxis();
        none.setVisible(false);
        none.setRange(-0.5, 0.5);
        XYPlot bottom = new XYPlot(band, null, none, heat);
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(steps);
        plot.add(top, 4);
        plot.add(bottom, 1);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    /**
     * Renders the chart to a PNG, atomically.
     *
     * @param signal {@code [T]} the input
     * @param weights {@code [T]} the weights
     * @param title the title
     * @param weightLabel the weights' name
     * @param span the span to mark or {@code null}
     * @param path the PNG file
     * @return {@code path}
     */
    public static Path write(double[] signal, double[] weights, String title, String weightLabel,
            int[] span, Path path) {
        return PngFile.write(chart(signal, weights, title, weightLabel, span), new PlotSize(1000, 450), path);
    }

    private static XYLineAndShapeRenderer line(Color colour, boolean dashed) {
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        r.setSeriesPaint(0, colour);
        r.setSeriesStroke(0, dashed
                ? new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                        new float[] {6f, 4f}, 0f)
                : new BasicStroke(1.5f));
        return r;
    }
}
