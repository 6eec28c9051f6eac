package org.spinj.visualize.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYLineAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.spinj.visualize.attention.AttentionMatrix;
import org.spinj.visualize.attention.WeightedEdge;

/**
 * Spatial attention drawn on the node coordinates: each allowed edge is a line from source to
 * target, shifted slightly to the right of its direction so that both directions of a pair
 * show, coloured and thickened by its weight (strongest drawn last, on top); nodes are dots.
 */
public final class SpatialAttentionMap {

    private SpatialAttentionMap() {}

    /**
     * Builds the map.
     *
     * @param matrix {@code [N, N]} spatial attention (rows = target, columns = source)
     * @param coordinates the node positions, {@code N} of them
     * @param title the chart title
     * @return the chart
     * @throws IllegalArgumentException if the matrix and coordinates disagree on {@code N}
     */
    public static JFreeChart chart(
            AttentionMatrix matrix, NodeCoordinates coordinates, String title) {
        Objects.requireNonNull(matrix, "matrix");
        Objects.requireNonNull(coordinates, "coordinates");
        coordinates.requireNodes(matrix.rows(), "the attention matrix");
        double[] lat = coordinates.latitude();
        double[] lon = coordinates.longitude();
        XYSeries nodes = new XYSeries("nodes", false, true);
        for (int i = 0; i < lat.length; i++) {
            nodes.add(lon[i], lat[i]);
        }
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
        renderer.setSeriesPaint(0, new Color(40, 40, 90));
        NumberAxis x = new NumberAxis("longitude");
        NumberAxis y = new NumberAxis("latitude");
        x.setAutoRangeIncludesZero(false);
        y.setAutoRangeIncludesZero(false);
        XYPlot plot = new XYPlot(new XYSeriesCollection(nodes), x, y, renderer);
        plot.setBackgroundPaint(new Color(245, 245, 245));
        ColourScale scale = ColourScale.upTo(matrix.max());
        List<WeightedEdge> edges = new ArrayList<>(
                matrix.topEdges(Math.max(1, matrix.rows() * matrix.cols())));
        edges.sort(Comparator.comparingDouble(WeightedEdge::weight));
        double extent = Math.max(range(lat), range(lon));
        double offset = 0.006 * (extent > 0 ? extent : 1);
        for (WeightedEdge e : edges) {
            float width = (float) (0.5 + 3.5 * e.weight() / scale.getUpperBound());
            // shift each directed edge to its right so that j -> i and i -> j stay visible
            double dx = lon[e.target()] - lon[e.source()];
            double dy = lat[e.target()] - lat[e.source()];
            double len = Math.hypot(dx, dy);
            double ox = len > 0 ? offset * dy / len : 0;
            double oy = len > 0 ? -offset * dx / len : 0;
            plot.addAnnotation(new XYLineAnnotation(lon[e.source()] + ox, lat[e.source()] + oy,
                    lon[e.target()] + ox, lat[e.target()] + oy, new BasicStroke(width),
                    scale.colour(e.weight())), false);
        }
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        chart.addSubtitle(AttentionHeatmap.legend(scale, "attention weight"));
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    private static double range(double[] v) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            lo = Math.min(lo, x);
            hi = Math.max(hi, x);
        }
        return hi - lo;
    }
}
