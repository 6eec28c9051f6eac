package org.spinj.visualize.explain;

import java.awt.Color;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.data.statistics.HistogramDataset;
import org.jfree.data.statistics.HistogramType;
import org.spinj.temporal.models.Quartiles;
import org.spinj.visualize.plot.PlotSize;
import org.spinj.visualize.plot.PngFile;

/**
 * Overlaid histograms of one quantity in several groups (e.g. the attention entropy of normal and
 * of anomalous series), each normalised to relative frequency so that groups of different sizes
 * compare; the legend gives each group's size and median.
 */
public final class GroupHistogramChart {

    private static final Color[] COLOURS = {
        new Color(31, 119, 180, 150), new Color(214, 39, 40, 150), new Color(44, 160, 44, 150),
        new Color(255, 127, 14, 150)
    };

    private GroupHistogramChart() {}

    /**
     * @param groups group name to its {@code [n_g]} finite values, {@code n_g >= 1}, in legend order
     * @param lo the left edge of the first bin
     * @param hi the right edge of the last bin, {@code > lo}
     * @param bins the number of bins {@code >= 1}
     * @param quantity the x-axis label
     * @param title the title
     * @return the chart
     * @throws IllegalArgumentException on no groups, an empty group, or a bad range
     */
    public static JFreeChart chart(Map<String, double[]> groups, double lo, double hi, int bins,
            String quantity, String title) {
        Objects.requireNonNull(groups, "groups");
        if (groups.isEmpty() || !(hi > lo) || bins < 1) {
            throw new IllegalArgumentException("need >= 1 group, lo < hi and bins >= 1, got "
                    + groups.size() + " groups, [" + lo + ", " + hi + "], bins=" + bins);
        }
        HistogramDataset data = new HistogramDataset();
        data.setType(HistogramType.RELATIVE_FREQUENCY);
        for (Map.Entry<String, double[]> g : groups.entrySet()) {
            double[] v = g.getValue();
            if (v.length == 0) {
                throw new IllegalArgumentException("group '" + g.getKey() + "' has no values");
            }
            double median = Quartiles.of(v).median();
            double[] clipped = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                clipped[i] = Math.min(hi, Math.max(lo, v[i]));
            }
            data.addSeries(String.format(java.util.Locale.ROOT, "%s (n = %d, median %.3g)", g.getKey(),
                    v.length, median), clipped, bins, lo, hi);
        }
        XYBarRenderer renderer = new XYBarRenderer();
        renderer.setBarPainter(new StandardXYBarPainter());
        renderer.setShadowVisible(false);
        renderer.setDrawBarOutline(false);
        for (int s = 0; s < groups.size(); s++) {
            renderer.setSeriesPaint(s, COLOURS[s % COLOURS.length]);
        }
        NumberAxis x = new NumberAxis(quantity);
        x.setRange(lo, hi);
        XYPlot plot = new XYPlot(data, x, new NumberAxis("share of series per bin"), renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.setForegroundAlpha(0.8f);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    /**
     * Renders {@link #chart} to a PNG, atomically.
     *
     * @param groups group name to values
     * @param lo left edge
     * @param hi right edge
     * @param bins bins
     * @param quantity x-axis label
     * @param title title
     * @param path the PNG file
     * @return {@code path}
     */
    public static Path write(Map<String, double[]> groups, double lo, double hi, int bins, String quantity,
            String title, Path path) {
        return PngFile.write(chart(groups, lo, hi, bins, quantity, title), PlotSize.DEFAULT, path);
    }
}
