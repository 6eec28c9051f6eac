package org.spinj.visualize.plot;

import java.awt.Color;
import java.util.Objects;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

/** Bar charts of an error broken down by category: per node, or per hour of day. */
public final class ErrorBarChart {

    private ErrorBarChart() {}

    /**
     * One bar per node.
     *
     * @param errorPerNode {@code [N]} error per node; NaN (no targets) leaves the bar out
     * @param nodeNames {@code [N]} names, or {@code null} for node ids
     * @param title the chart title
     * @param errorLabel the value axis label, e.g. "MAE"
     * @return the chart
     */
    public static JFreeChart perNode(
            double[] errorPerNode, String[] nodeNames, String title, String errorLabel) {
        Objects.requireNonNull(errorPerNode, "errorPerNode");
        if (nodeNames != null && nodeNames.length != errorPerNode.length) {
            throw new IllegalArgumentException(
                    "expected one name per node (" + errorPerNode.length + "), got "
                            + nodeNames.length);
        }
        String[] labels = new String[errorPerNode.length];
        for (int n = 0; n < labels.length; n++) {
            labels[n] = nodeNames == null ? Integer.toString(n) : nodeNames[n];
        }
        return bars(errorPerNode, labels, title, "node", errorLabel);
    }

    /**
     * One bar per hour of day.
     *
     * @param errorPerHour {@code [24]} error per hour; NaN leaves the bar out
     * @param title the chart title
     * @param errorLabel the value axis label
     * @return the chart
     */
    public static JFreeChart perHour(double[] errorPerHour, String title, String errorLabel) {
        Objects.requireNonNull(errorPerHour, "errorPerHour");
        if (errorPerHour.length != 24) {
            throw new IllegalArgumentException(
                    "expected 24 hourly values, got " + errorPerHour.length);
        }
        String[] labels = new String[24];
        for (int h = 0; h < 24; h++) {
            labels[h] = String.format("%02d", h);
        }
        return bars(errorPerHour, labels, title, "hour of day", errorLabel);
    }

    private static JFreeChart bars(
            double[] values, String[] labels, String title, String axis, String errorLabel) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (int k = 0; k < values.length; k++) {
            data.addValue(Double.isNaN(values[k]) ? null : values[k], errorLabel, labels[k]);
        }
        JFreeChart chart = ChartFactory.createBarChart(title, axis, errorLabel, data,
                PlotOrientation.VERTICAL, false, false, false);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        BarRenderer r = (BarRenderer) plot.getRenderer();
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        r.setSeriesPaint(0, new Color(31, 119, 180));
        if (values.length > 24) {
            plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_90);
        }
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }
}
