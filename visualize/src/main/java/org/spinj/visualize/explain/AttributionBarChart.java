package org.spinj.visualize.explain;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Paint;
import java.nio.file.Path;
import java.util.Objects;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.spinj.visualize.plot.PlotSize;
import org.spinj.visualize.plot.PngFile;

/**
 * One explanation feature by feature: a signed bar per input feature (red pushes the output up,
 * blue down, as in SHAP's force plot) with the input itself drawn as a line on a second axis, for
 * per-feature attributions of a sequence-like row (integrated gradients, Gradient SHAP).
 */
public final class AttributionBarChart {

    private static final Color UP = new Color(255, 0, 81);
    private static final Color DOWN = new Color(0, 139, 251);

    private AttributionBarChart() {}

    /**
     * @param a an explanation with one value per input feature ({@code values().length ==
     *     input().length})
     * @param title the title
     * @return the chart: bars at {@code x = 0..F-1}, the input on the right axis
     * @throws IllegalArgumentException if the explanation is over feature groups
     */
    public static JFreeChart chart(Attribution a, String title) {
        Objects.requireNonNull(a, "a");
        double[] v = a.values();
        float[] x = a.input();
        if (v.length != x.length) {
            throw new IllegalArgumentException("need one attribution per input feature, got " + v.length
                    + " values for " + x.length + " features");
        }
        XYSeries bars = new XYSeries("attribution");
        XYSeries input = new XYSeries("input");
        for (int i = 0; i < v.length; i++) {
            bars.add(i, v[i]);
            input.add(i, x[i]);
        }
        XYBarRenderer renderer = new XYBarRenderer() {
            @Override
            public Paint getItemPaint(int series, int item) {
                return v[item] >= 0 ? UP : DOWN;
            }
        };
        renderer.setBarPainter(new StandardXYBarPainter());
        renderer.setShadowVisible(false);
        renderer.setMargin(0.15);
        XYPlot plot = new XYPlot(new XYSeriesCollection(bars), new NumberAxis("feature index"),
                new NumberAxis("attribution (red: raises the output)"), renderer);
        plot.addRangeMarker(new ValueMarker(0, Color.GRAY, new BasicStroke(1f)));
        NumberAxis inputAxis = new NumberAxis("input value");
        plot.setRangeAxis(1, inputAxis);
        plot.setDataset(1, new XYSeriesCollection(input));
        XYLineAndShapeRenderer line = new XYLineAndShapeRenderer(true, false);
        line.setSeriesPaint(0, Color.DARK_GRAY);
        plot.setRenderer(1, line);
        plot.mapDatasetToRangeAxis(1, 1);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    /**
     * Renders {@link #chart} to a PNG, atomically.
     *
     * @param a the explanation
     * @param title the title
     * @param path the PNG file
     * @return {@code path}
     */
    public static Path write(Attribution a, String title, Path path) {
        return PngFile.write(chart(a, title), PlotSize.DEFAULT, path);
    }
}
