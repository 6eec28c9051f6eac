package org.spinj.visualize.plot;

import java.awt.Color;
import java.awt.Paint;
import java.awt.geom.Ellipse2D;
import java.util.Objects;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYShapeRenderer;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYDataset;

/** The error of every node drawn on the map: one dot per node, coloured by its error. */
public final class NodeErrorMap {

    private static final double DOT = 9;

    private NodeErrorMap() {}

    /**
     * Builds the map.
     *
     * @param errorPerNode {@code [N]} error (e.g. MAE) per node; NaN for a node without
     *     evaluation targets, drawn grey
     * @param coordinates the node positions
     * @param title the chart title
     * @param errorLabel the colour bar label, e.g. "MAE"
     * @return the chart
     */
    public static JFreeChart chart(double[] errorPerNode, NodeCoordinates coordinates,
            String title, String errorLabel) {
        Objects.requireNonNull(errorPerNode, "errorPerNode");
        Objects.requireNonNull(coordinates, "coordinates");
        coordinates.requireNodes(errorPerNode.length, "the error array");
        double max = 0;
        for (double v : errorPerNode) {
            if (Double.isFinite(v)) {
                max = Math.max(max, v);
            }
        }
        ColourScale scale = ColourScale.upTo(max);
        DefaultXYZDataset data = new DefaultXYZDataset();
        data.addSeries(errorLabel,
                new double[][] {coordinates.longitude(), coordinates.latitude(), errorPerNode});
        XYShapeRenderer renderer = new XYShapeRenderer() {
            private static final long serialVersionUID = 1L;

            @Override
            protected Paint getPaint(XYDataset dataset, int s, int i) {
                double z = ((DefaultXYZDataset) dataset).getZValue(s, i);
                return Double.isNaN(z) ? Color.GRAY : scale.colour(z);
            }
        };
        renderer.setPaintScale(scale);
        renderer.setDefaultShape(new Ellipse2D.Double(-DOT / 2, -DOT / 2, DOT, DOT));
        renderer.setDrawOutlines(true);
        renderer.setUseOutlinePaint(true);
        renderer.setDefaultOutlinePaint(Color.DARK_GRAY);
        NumberAxis x = new NumberAxis("longitude");
        NumberAxis y = new NumberAxis("latitude");
        x.setAutoRangeIncludesZero(false);
        y.setAutoRangeIncludesZero(false);
        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setBackgroundPaint(new Color(245, 245, 245));
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        chart.addSubtitle(AttentionHeatmap.legend(scale, errorLabel));
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }
}
