package org.spinj.visualize.plot;

import java.awt.Color;
import java.util.List;
import java.util.Objects;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;
import org.spinj.visualize.attention.WeightedEdge;

/** A bar chart of the spatial edges with the most attention, labelled {@code source -> target}. */
public final class TopEdgesChart {

    private TopEdgesChart() {}

    /**
     * Builds the chart.
     *
     * @param edges the edges, largest first (e.g. {@code AttentionMatrix.topEdges(k)})
     * @param nodeNames a name per node id, or {@code null} to label nodes by id
     * @param title the chart title
     * @return the chart
     * @throws IllegalArgumentException if a node id has no name
     */
    public static JFreeChart chart(List<WeightedEdge> edges, String[] nodeNames, String title) {
        Objects.requireNonNull(edges, "edges");
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (WeightedEdge e : edges) {
            data.addValue(e.weight(), "attention",
                    name(e.source(), nodeNames) + " \u2192 " + name(e.target(), nodeNames));
        }
        JFreeChart chart = ChartFactory.createBarChart(title, "edge (source \u2192 target)",
                "attention weight", data, PlotOrientation.VERTICAL, false, false, false);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        BarRenderer renderer = (BarRenderer) plot.getRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setSeriesPaint(0, new Color(204, 76, 2));
        renderer.setShadowVisible(false);
        CategoryAxis axis = plot.getDomainAxis();
        axis.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    private static String name(int node, String[] names) {
        if (names == null) {
            return Integer.toString(node);
        }
        if (node >= names.length) {
            throw new IllegalArgumentException(
                    "node " + node + " has no name: " + names.length + " node names given");
        }
        return names[node];
    }
}
