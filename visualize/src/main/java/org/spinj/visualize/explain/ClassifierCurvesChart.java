package org.spinj.visualize.explain;

import java.awt.BasicStroke;
import java.awt.Color;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.spinj.temporal.models.EpochRecord;
import org.spinj.visualize.plot.PlotSize;
import org.spinj.visualize.plot.PngFile;

/**
 * The training curves of a classifier run: training and validation loss on the left axis,
 * validation accuracy on the right axis, one point per epoch.
 */
public final class ClassifierCurvesChart {

    private ClassifierCurvesChart() {}

    /**
     * @param history {@code [K]} epoch records, {@code K >= 1}
     * @param title the chart title
     * @return the chart
     * @throws IllegalArgumentException if the history is empty
     */
    public static JFreeChart chart(List<EpochRecord> history, String title) {
        Objects.requireNonNull(history, "history");
        if (history.isEmpty()) {
            throw new IllegalArgumentException("expected at least one epoch record, got none");
        }
        XYSeries train = new XYSeries("train loss");
        XYSeries val = new XYSeries("validation loss");
        XYSeries acc = new XYSeries("validation accuracy");
        for (EpochRecord r : history) {
            train.add(r.epoch(), r.trainLoss());
            val.add(r.epoch(), r.valLoss());
            acc.add(r.epoch(), r.valAccuracy());
        }
        XYSeriesCollection losses = new XYSeriesCollection(train);
        losses.addSeries(val);
        XYLineAndShapeRenderer lossRenderer = new XYLineAndShapeRenderer(true, true);
        lossRenderer.setSeriesPaint(0, new Color(31, 119, 180));
        lossRenderer.setSeriesPaint(1, new Color(255, 127, 14));
        NumberAxis epochs = new NumberAxis("epoch");
        epochs.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        NumberAxis lossAxis = new NumberAxis("loss");
        lossAxis.setAutoRangeIncludesZero(true);
        XYPlot plot = new XYPlot(losses, epochs, lossAxis, lossRenderer);
        NumberAxis accAxis = new NumberAxis("validation accuracy");
        accAxis.setRange(0, 1.02);
        plot.setRangeAxis(1, accAxis);
        plot.setDataset(1, new XYSeriesCollection(acc));
        XYLineAndShapeRenderer accRenderer = new XYLineAndShapeRenderer(true, true);
        accRenderer.setSeriesPaint(0, new Color(44, 160, 44));
        accRenderer.setSeriesStroke(0, new BasicStroke(1.5f, BasicStroke.CAP_BUTT,
                BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        plot.setRenderer(1, accRenderer);
        plot.mapDatasetToRangeAxis(1, 1);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    /**
     * Renders the chart to a PNG, atomically.
     *
     * @param history {@code [K]} epoch records
     * @param title the title
     * @param path the PNG file
     * @return {@code path}
     */
    public static Path write(List<EpochRecord> history, String title, Path path) {
        return PngFile.write(chart(history, title), PlotSize.DEFAULT, path);
    }
}
