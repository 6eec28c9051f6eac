package org.spinj.visualize.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.Map;
import java.util.Objects;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * A cost-versus-size chart: one line with markers per variant (for example step time of SPIN and
 * SPIN-H against the number of edges), on log-log axes when asked, so that a power law is a
 * straight line and its slope is the exponent.
 */
public final class ScalingChart {

    private static final Color[] PALETTE = {
        new Color(31, 119, 180), new Color(214, 39, 40), new Color(44, 160, 44),
        new Color(255, 127, 14), new Color(148, 103, 189)
    };

    private ScalingChart() {}

    /**
     * Builds the chart.
     *
     * @param title the title
     * @param xLabel the size axis label
     * @param yLabel the cost axis label
     * @param series per variant, {@code [x[], y[]]} of equal length; points with a non-finite
     *     or non-positive {@code y} (a failed run) are left out
     * @param logLog whether both axes are logarithmic
     * @return the chart
     */
    public static JFreeChart chart(String title, String xLabel, String yLabel,
            Map<String, double[][]> series, boolean logLog) {
        Objects.requireNonNull(series, "series");
        XYSeriesCollection data = new XYSeriesCollection();
        for (Map.Entry<String, double[][]> e : series.entrySet()) {
            double[] x = e.getValue()[0];
            double[] y = e.getValue()[1];
            if (x.length != y.length) {
                throw new IllegalArgumentException(
                        e.getKey() + ": " + x.length + " x values but " + y.length + " y values");
            }
            XYSeries s = new XYSeries(e.getKey(), true, false);
            for (int k = 0; k < x.length; k++) {
                if (Double.isFinite(y[k]) && y[k] > 0 && x[k] > 0) {
                    s.add(x[k], y[k]);
                }
            }
            data.addSeries(s);
        }
        ValueAxis xAxis;
        ValueAxis yAxis;
        if (logLog) {
            // plain numbers on the ticks (2^4.5 and 10^3.2 are hard to read)
            LogAxis lx = new LogAxis(xLabel);
            lx.setBase(2);
            lx.setSmallestValue(1e-9);
            lx.setNumberFormatOverride(new java.text.DecimalFormat("#,##0.#"));
            LogAxis ly = new LogAxis(yLabel);
            ly.setSmallestValue(1e-9);
            ly.setNumberFormatOverride(new java.text.DecimalFormat("#,##0"));
            xAxis = lx;
            yAxis = ly;
        } else {
            NumberAxis nx = new NumberAxis(xLabel);
            nx.setAutoRangeIncludesZero(false);
            NumberAxis ny = new NumberAxis(yLabel);
            ny.setAutoRangeIncludesZero(true);
            xAxis = nx;
            yAxis = ny;
        }
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        for (int k = 0; k < data.getSeriesCount(); k++) {
            r.setSeriesPaint(k, PALETTE[k % PALETTE.length]);
            r.setSeriesStroke(k, new BasicStroke(2f));
        }
        XYPlot plot = new XYPlot(data, xAxis, yAxis, r);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    /**
     * The least-squares slope of {@code log y} against {@code log x}: the exponent {@code k} of
     * {@code y ~ x^k}.
     *
     * @param x sizes, positive
     * @param y costs; non-finite or non-positive entries are skipped
     * @return the exponent, or NaN with fewer than two usable points
     */
    public static double powerLawExponent(double[] x, double[] y) {
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        int n = 0;
        for (int k = 0; k < x.length; k++) {
            if (x[k] > 0 && y[k] > 0 && Double.isFinite(y[k])) {
                double lx = Math.log(x[k]);
                double ly = Math.log(y[k]);
                sx += lx;
                sy += ly;
                sxx += lx * lx;
                sxy += lx * ly;
                n++;
            }
        }
        if (n < 2) {
            return Double.NaN;
        }
        double den = n * sxx - sx * sx;
        return den == 0 ? Double.NaN : (n * sxy - sx * sy) / den;
    }
}
