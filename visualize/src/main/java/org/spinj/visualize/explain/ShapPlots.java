package org.spinj.visualize.explain;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.DefaultXYZDataset;
import org.spinj.visualize.plot.ColourScale;

/**
 * The three SHAP plots of seed 003, drawn from {@link Attribution}s: the summary bar plot (mean
 * |phi| per feature; {@link #summaryBarByClass} stacks one bar segment per class, like {@code
 * shap.summary_plot(shap_values, plot_type="bar")} for a multi-class model), the beeswarm (one dot per explained sample and feature, x = phi, colour =
 * the feature's value) and the force plot of one prediction (contributions stacked from the base
 * value to the output; red pushes up, blue down).
 */
public final class ShapPlots {

    private static final Color[] CLASS_COLOURS = {
        new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44), new Color(214, 39, 40),
        new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194), new Color(127, 127, 127)
    };

    private ShapPlots() {}

    /**
     * @param explanations explanations of one output (class) over several samples
     * @param names {@code [M]} feature names
     * @param top how many features to show, largest first
     * @param title the title
     * @return the bar chart
     */
    public static JFreeChart summaryBar(List<Attribution> explanations, List<String> names, int top, String title) {
        double[] mean = meanAbs(explanations, names.size());
        Integer[] order = ranked(mean);
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (int r = 0; r < Math.min(top, order.length); r++) {
            data.addValue(mean[order[r]], "mean |SHAP|", names.get(order[r]));
        }
        CategoryPlot plot = new CategoryPlot(data, new CategoryAxis("feature"),
                new NumberAxis("mean |SHAP value|"), new BarRenderer());
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        plot.getRenderer().setSeriesPaint(0, new Color(30, 136, 229));
        return white(new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, false));
    }

    /**
     * Global importance over several classes: per feature, one stacked segment per class of
     * length {@code mean over samples of |phi|} for that class's output, features ranked by the
     * total.
     *
     * @param perClass class name to the explanations of that class's output (same samples in
     *     each class, any order), in legend order
     * @param names {@code [M]} feature names
     * @param top how many features to show, largest total first
     * @param title the title
     * @return the stacked bar chart
     * @throws IllegalArgumentException if there are no classes or a class has no explanations
     */
    public static JFreeChart summaryBarByClass(Map<String, List<Attribution>> perClass, List<String> names,
            int top, String title) {
        if (perClass.isEmpty()) {
            throw new IllegalArgumentException("need at least one class, got none");
        }
        int m = names.size();
        Map<String, double[]> means = new LinkedHashMap<>();
        double[] total = new double[m];
        for (Map.Entry<String, List<Attribution>> c : perClass.entrySet()) {
            double[] mean = meanAbs(c.getValue(), m);
            means.put(c.getKey(), mean);
            for (int i = 0; i < m; i++) {
                total[i] += mean[i];
            }
        }
        Integer[] order = ranked(total);
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (int r = 0; r < Math.min(top, m); r++) {
            for (Map.Entry<String, double[]> c : means.entrySet()) {
                data.addValue(c.getValue()[order[r]], c.getKey(), names.get(order[r]));
            }
        }
        StackedBarRenderer renderer = new StackedBarRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        for (int c = 0; c < means.size(); c++) {
            renderer.setSeriesPaint(c, CLASS_COLOURS[c % CLASS_COLOURS.length]);
        }
        CategoryPlot plot = new CategoryPlot(data, new CategoryAxis("feature"),
                new NumberAxis("mean |SHAP value| (stacked over classes)"), renderer);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        return white(new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true));
    }

    /**
     * @param explanations explanations of one class over several samples
     * @param names {@code [M]} feature names; colour = the feature's input value, or for
     *     explanations over {@code M < F} groups the group's mean input ({@link KernelShap}'s
     *     contiguous groups)
     * @param top how many features to show
     * @param title the title
     * @return the beeswarm chart
     */
    public static JFreeChart beeswarm(List<Attribution> explanations, List<String> names, int top, String title) {
        int m = names.size();
        Integer[] order = ranked(meanAbs(explanations, m));
        int shown = Math.min(top, m);
        int n = explanations.size() * shown;
        double[] x = new double[n];
        double[] y = new double[n];
        double[] z = new double[n];
        Random jitter = new Random(0);
        String[] labels = new String[shown];
        int p = 0;
        for (int r = 0; r < shown; r++) {
            int f = order[r];
            labels[shown - 1 - r] = names.get(f);
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (Attribution a : explanations) {
                lo = Math.min(lo, featureValue(a, f));
                hi = Math.max(hi, featureValue(a, f));
            }
            for (Attribution a : explanations) {
                x[p] = a.values()[f];
                y[p] = shown - 1 - r + 0.3 * (jitter.nextDouble() - 0.5);
                z[p] = hi > lo ? (featureValue(a, f) - lo) / (hi - lo) : 0.5;
                p++;
            }
        }
        DefaultXYZDataset data = new DefaultXYZDataset();
        data.addSeries("shap", new double[][] {x, y, z});
        XYShapeRenderer renderer = new XYShapeRenderer();
        renderer.setPaintScale(new ColourScale(0, 1));
        XYPlot plot = new XYPlot(data, new NumberAxis("SHAP value (colour: feature value, low to high)"),
                new SymbolAxis("feature", labels), renderer);
        plot.addDomainMarker(new ValueMarker(0, Color.GRAY, new BasicStroke(1f)));
        return white(new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, false));
    }

    /**
     * @param a one explanation
     * @param names {@code [M]} feature names (labelled with the feature's value, or a group's
     *     mean value)
     * @param top how many contributions to show (the rest are summed into "other")
     * @param title the title
     * @return the force chart: one horizontal bar per contribution, from the base value to the
     *     output
     */
    public static JFreeChart force(Attribution a, List<String> names, int top, String title) {
        double[] v = a.values();
        Integer[] order = ranked(Arrays.stream(v).map(Math::abs).toArray());
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        double level = a.baseValue();
        data.addValue(level, "start", "base value");
        data.addValue(0, "up", "base value");
        data.addValue(0, "down", "base value");
        double rest = 0;
        for (int r = 0; r < order.length; r++) {
            if (r >= top) {
                rest += v[order[r]];
                continue;
            }
            level = step(data, names.get(order[r]) + " = " + String.format(java.util.Locale.ROOT,
                    "%.3g", featureValue(a, order[r])), level, v[order[r]]);
        }
        if (order.length > top) {
            level = step(data, "other", level, rest);
        }
        data.addValue(a.output(), "start", "output");
        data.addValue(0, "up", "output");
        data.addValue(0, "down", "output");
        BarRenderer renderer = new StackedBarRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setSeriesPaint(0, new Color(0, 0, 0, 0));
        renderer.setSeriesPaint(1, new Color(255, 0, 81));
        renderer.setSeriesPaint(2, new Color(0, 139, 251));
        CategoryPlot plot = new CategoryPlot(data, new CategoryAxis(), new NumberAxis("model output"), renderer);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        plot.addRangeMarker(labelled(a.baseValue(), "base value", new Color(120, 120, 120)));
        plot.addRangeMarker(labelled(a.output(), "output", Color.BLACK));
        return white(new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, false));
    }

    /**
     * @return the input value of feature {@code f}, or when the explanation is over {@code M <
     *     F} groups, the mean input of group {@code f}: features {@code i} with {@code floor(i M
     *     / F) = f}, as {@link KernelShap#group} assigns them
     */
    static double featureValue(Attribution a, int f) {
        float[] x = a.input();
        int m = a.values().length;
        if (m == x.length) {
            return x[f];
        }
        double s = 0;
        int n = 0;
        for (int i = 0; i < x.length; i++) {
            if ((int) ((long) i * m / x.length) == f) {
                s += x[i];
                n++;
            }
        }
        return n == 0 ? Double.NaN : s / n;
    }

    private static ValueMarker labelled(double value, String label, Color colour) {
        ValueMarker m = new ValueMarker(value, colour, new BasicStroke(1.5f, BasicStroke.CAP_BUTT,
                BasicStroke.JOIN_MITER, 10f, new float[] {5f, 3f}, 0f));
        m.setLabel(String.format(java.util.Locale.ROOT, "%s %.3f", label, value));
        m.setLabelAnchor(org.jfree.chart.ui.RectangleAnchor.BOTTOM_RIGHT);
        m.setLabelTextAnchor(org.jfree.chart.ui.TextAnchor.BOTTOM_LEFT);
        return m;
    }

    private static double step(DefaultCategoryDataset data, String label, double level, double phi) {
        data.addValue(phi >= 0 ? level : level + phi, "start", label);
        data.addValue(Math.max(phi, 0), "up", label);
        data.addValue(Math.max(-phi, 0), "down", label);
        return level + phi;
    }

    private static double[] meanAbs(List<Attribution> explanations, int m) {
        if (explanations.isEmpty()) {
            throw new IllegalArgumentException("need at least one explanation");
        }
        double[] mean = new double[m];
        for (Attribution a : explanations) {
            if (a.values().length != m) {
                throw new IllegalArgumentException("an explanation has " + a.values().length
                        + " values, expected " + m + " (one per feature name)");
            }
            for (int i = 0; i < m; i++) {
                mean[i] += Math.abs(a.values()[i]) / explanations.size();
            }
        }
        return mean;
    }

    private static Integer[] ranked(double[] score) {
        Integer[] order = new Integer[score.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -score[i]));
        return order;
    }

    private static JFreeChart white(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }
}
