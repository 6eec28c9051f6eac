package org.spinj.visualize.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.nio.file.Path;
import java.util.Objects;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The imputation of one node over a time range: ground truth (grey line), observed points (blue
 * dots), evaluation targets (red squares: values hidden from the model and scored), the
 * imputation (orange line), and the spans where the input was missing shaded.
 *
 * <pre>{@code
 * JFreeChart c = SeriesPlot.builder().setTruth(y).optImputation(yHat).optObserved(mask)
 *         .optEvaluation(evalMask).optTimestamps(millis).optRange(0, 288).build().chart();
 * }</pre>
 *
 * All arrays are {@code [T]} for the node; {@code NaN} truth values are gaps.
 */
public final class SeriesPlot {

    private final double[] truth;
    private final double[] imputation;
    private final boolean[] observed;
    private final boolean[] evaluation;
    private final long[] timestamps;
    private final int from;
    private final int to;
    private final String title;

    private SeriesPlot(Builder b) {
        truth = b.truth;
        imputation = b.imputation;
        observed = b.observed;
        evaluation = b.evaluation;
        timestamps = b.timestamps;
        from = b.from;
        to = b.to < 0 ? b.truth.length : b.to;
        title = b.title;
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the chart of the steps {@code [from, to)} */
    public JFreeChart chart() {
        XYSeries truthSeries = new XYSeries("ground truth", false, true);
        XYSeries observedSeries = new XYSeries("observed", false, true);
        XYSeries evalSeries = new XYSeries("evaluation targets", false, true);
        XYSeries imputedSeries = new XYSeries("imputation", false, true);
        for (int t = from; t < to; t++) {
            double x = x(t);
            truthSeries.add(x, truth[t]);
            if (observed[t] && Double.isFinite(truth[t])) {
                observedSeries.add(x, truth[t]);
            }
            if (evaluation != null && evaluation[t] && Double.isFinite(truth[t])) {
                evalSeries.add(x, truth[t]);
            }
            if (imputation != null) {
                imputedSeries.add(x, imputation[t]);
            }
        }
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(truthSeries);
        data.addSeries(observedSeries);
        data.addSeries(evalSeries);
        data.addSeries(imputedSeries);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer();
        style(r, 0, new Color(120, 120, 120), true, false);
        style(r, 1, new Color(31, 119, 180), false, true);
        r.setSeriesShape(1, new Ellipse2D.Double(-2.5, -2.5, 5, 5));
        style(r, 2, new Color(214, 39, 40), false, true);
        r.setSeriesShape(2, new Rectangle2D.Double(-3.5, -3.5, 7, 7));
        style(r, 3, new Color(255, 127, 14), true, false);
        r.setSeriesStroke(3, new BasicStroke(2f));
        ValueAxis xAxis = timestamps != null ? new DateAxis("time") : stepAxis();
        NumberAxis yAxis = new NumberAxis("value");
        yAxis.setAutoRangeIncludesZero(false);
        XYPlot plot = new XYPlot(data, xAxis, yAxis, r);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        shadeMissing(plot);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    /**
     * Renders the chart to a PNG, atomically.
     *
     * @param size the image size
     * @param path the PNG file
     * @return {@code path}
     */
    public Path write(PlotSize size, Path path) {
        return PngFile.write(chart(), size, path);
    }

    private static void style(XYLineAndShapeRenderer r, int s, Color c, boolean line,
            boolean shape) {
        r.setSeriesPaint(s, c);
        r.setSeriesLinesVisible(s, line);
        r.setSeriesShapesVisible(s, shape);
    }

    private NumberAxis stepAxis() {
        NumberAxis axis = new NumberAxis("step");
        axis.setAutoRangeIncludesZero(false);
        return axis;
    }

    private double x(int t) {
        return timestamps != null ? timestamps[t] : t;
    }

    private double halfStep(int t) {
        if (timestamps == null || truth.length < 2) {
            return 0.5;
        }
        int a = Math.min(t, truth.length - 2);
        return (timestamps[a + 1] - timestamps[a]) / 2.0;
    }

    private void shadeMissing(XYPlot plot) {
        int t = from;
        while (t < to) {
            if (observed[t]) {
                t++;
                continue;
            }
            int start = t;
            while (t < to && !observed[t]) {
                t++;
            }
            IntervalMarker span = new IntervalMarker(x(start) - halfStep(start),
                    x(t - 1) + halfStep(t - 1), new Color(200, 200, 200, 110));
            plot.addDomainMarker(span, Layer.BACKGROUND);
        }
    }

    /** Builds a {@link SeriesPlot}; only the ground truth is required. */
    public static final class Builder {

        private double[] truth;
        private double[] imputation;
        private boolean[] observed;
        private boolean[] evaluation;
        private long[] timestamps;
        private int from;
        private int to = -1;
        private String title = "imputation";

        private Builder() {}

        /**
         * @param truth {@code [T]} the ground truth, NaN where unknown; copied
         * @return this builder
         */
        public Builder setTruth(double[] truth) {
            this.truth = Objects.requireNonNull(truth, "truth").clone();
            return this;
        }

        /**
         * @param imputation {@code [T]} the model's values; copied
         * @return this builder
         */
        public Builder optImputation(double[] imputation) {
            this.imputation = Objects.requireNonNull(imputation, "imputation").clone();
            return this;
        }

        /**
         * @param observed {@code [T]} {@code true} where the model saw the value (default: where
         *     the truth is finite); copied
         * @return this builder
         */
        public Builder optObserved(boolean[] observed) {
            this.observed = Objects.requireNonNull(observed, "observed").clone();
            return this;
        }

        /**
         * @param evaluation {@code [T]} {@code true} at the evaluation targets; copied
         * @return this builder
         */
        public Builder optEvaluation(boolean[] evaluation) {
            this.evaluation = Objects.requireNonNull(evaluation, "evaluation").clone();
            return this;
        }

        /**
         * @param timestamps {@code [T]} epoch milliseconds, increasing; the x axis becomes a date
         *     axis (default: step numbers); copied
         * @return this builder
         */
        public Builder optTimestamps(long[] timestamps) {
            this.timestamps = Objects.requireNonNull(timestamps, "timestamps").clone();
            return this;
        }

        /**
         * @param from the first step shown (default 0)
         * @param to one past the last step shown (default {@code T})
         * @return this builder
         */
        public Builder optRange(int from, int to) {
            this.from = from;
            this.to = to;
            return this;
        }

        /**
         * @param title the chart title (default "imputation")
         * @return this builder
         */
        public Builder optTitle(String title) {
            this.title = Objects.requireNonNull(title, "title");
            return this;
        }

        /**
         * @return the plot
         * @throws IllegalArgumentException if the truth is missing, an array has another length
         *     than the truth, the range is empty or outside {@code [0, T]}, or timestamps do not
         *     increase
         */
        public SeriesPlot build() {
            if (truth == null || truth.length == 0) {
                throw new IllegalArgumentException("setTruth is required, with at least one step");
            }
            int n = truth.length;
            checkLength("imputation", imputation == null ? n : imputation.length, n);
            checkLength("observed", observed == null ? n : observed.length, n);
            checkLength("evaluation", evaluation == null ? n : evaluation.length, n);
            checkLength("timestamps", timestamps == null ? n : timestamps.length, n);
            int end = to < 0 ? n : to;
            if (from < 0 || end > n || from >= end) {
                throw new IllegalArgumentException(
                        "range [" + from + ", " + end + ") must be non-empty and within [0, " + n
                                + "]");
            }
            if (timestamps != null) {
                for (int t = 1; t < n; t++) {
                    if (timestamps[t] <= timestamps[t - 1]) {
                        throw new IllegalArgumentException(
                                "timestamps must increase, got " + timestamps[t - 1]
                                        + " then " + timestamps[t] + " at step " + t);
                    }
                }
            }
            if (observed == null) {
                observed = new boolean[n];
                for (int t = 0; t < n; t++) {
                    observed[t] = Double.isFinite(truth[t]);
                }
            }
            return new SeriesPlot(this);
        }

        private static void checkLength(String name, int length, int expected) {
            if (length != expected) {
                throw new IllegalArgumentException(
                        name + " has " + length + " steps, expected " + expected
                                + " (the length of the truth)");
            }
        }
    }
}
