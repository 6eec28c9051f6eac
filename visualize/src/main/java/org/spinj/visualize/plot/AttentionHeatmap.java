package org.spinj.visualize.plot;

import java.awt.Color;
import java.nio.file.Path;
import java.util.Objects;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.DefaultXYZDataset;
import org.spinj.visualize.attention.AttentionMatrix;

/**
 * A heatmap of an attention matrix: columns (x) are key / source steps, rows (y, top to bottom)
 * query / target steps, as {@code imshow} draws them, with a colour bar.
 */
public final class AttentionHeatmap {

    private AttentionHeatmap() {}

    /**
     * Builds the chart of a temporal matrix (axes "key step" and "query step").
     *
     * @param matrix {@code [T, T]} attention
     * @param title the chart title
     * @return the chart
     */
    public static JFreeChart chart(AttentionMatrix matrix, String title) {
        return chart(matrix, title, "key (source) step", "query (target) step");
    }

    /**
     * Builds the chart.
     *
     * @param matrix {@code [R, C]} attention
     * @param title the chart title
     * @param columnLabel the x axis label (sources)
     * @param rowLabel the y axis label (targets)
     * @return the chart
     */
    public static JFreeChart chart(
            AttentionMatrix matrix, String title, String columnLabel, String rowLabel) {
        Objects.requireNonNull(matrix, "matrix");
        int rows = matrix.rows();
        int cols = matrix.cols();
        double[] x = new double[rows * cols];
        double[] y = new double[rows * cols];
        double[] z = new double[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                x[r * cols + c] = c;
                y[r * cols + c] = r;
                z[r * cols + c] = matrix.get(r, c);
            }
        }
        DefaultXYZDataset data = new DefaultXYZDataset();
        data.addSeries("attention", new double[][] {x, y, z});
        ColourScale scale = ColourScale.upTo(matrix.max());
        XYBlockRenderer renderer = new XYBlockRenderer();
        renderer.setPaintScale(scale);
        NumberAxis xAxis = integerAxis(columnLabel, cols);
        NumberAxis yAxis = integerAxis(rowLabel, rows);
        yAxis.setInverted(true);
        XYPlot plot = new XYPlot(data, xAxis, yAxis, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        chart.addSubtitle(legend(scale, "attention weight"));
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    /**
     * Renders the chart of a temporal matrix to a PNG, atomically.
     *
     * @param matrix {@code [T, T]} attention
     * @param title the chart title
     * @param size the image size
     * @param path the PNG file
     * @return {@code path}
     */
    public static Path write(AttentionMatrix matrix, String title, PlotSize size, Path path) {
        return PngFile.write(chart(matrix, title), size, path);
    }

    static NumberAxis integerAxis(String label, int count) {
        NumberAxis axis = new NumberAxis(label);
        axis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        axis.setRange(-0.5, count - 0.5);
        axis.setLowerMargin(0);
        axis.setUpperMargin(0);
        return axis;
    }

    static PaintScaleLegend legend(ColourScale scale, String label) {
        NumberAxis axis = new NumberAxis(label);
        axis.setRange(scale.getLowerBound(), scale.getUpperBound());
        PaintScaleLegend legend = new PaintScaleLegend(scale, axis);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setAxisLocation(AxisLocation.BOTTOM_OR_RIGHT);
        legend.setMargin(new RectangleInsets(8, 4, 8, 8));
        legend.setStripWidth(14);
        legend.setSubdivisionCount(128);
        legend.setBackgroundPaint(Color.WHITE);
        return legend;
    }
}
