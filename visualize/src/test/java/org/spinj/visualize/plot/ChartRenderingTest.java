package org.spinj.visualize.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.jfree.chart.JFreeChart;
import org.junit.jupiter.api.Test;
import org.spinj.visualize.attention.AttentionMatrix;
import org.spinj.visualize.attention.WeightedEdge;

/**
 * Every chart renders to a PNG of the requested size with several colours in its plot area. The
 * images stay in {@code target/test-plots} for a look by eye.
 */
class ChartRenderingTest {

    private static final Path OUT = Path.of("target", "test-plots");
    private static final PlotSize SIZE = new PlotSize(640, 420);

    /** A 12-step causal matrix that attends mostly to the last 3 steps. */
    static AttentionMatrix causalMatrix(int steps, double decay) {
        double[][] v = new double[steps][steps];
        boolean[][] a = new boolean[steps][steps];
        for (int t = 0; t < steps; t++) {
            double z = 0;
            for (int s = 0; s <= t; s++) {
                z += Math.exp(-decay * (t - s));
            }
            for (int s = 0; s <= t; s++) {
                v[t][s] = Math.exp(-decay * (t - s)) / z;
                a[t][s] = true;
            }
        }
        return AttentionMatrix.of(v, a);
    }

    static AttentionMatrix ringMatrix(int n) {
        double[][] v = new double[n][n];
        boolean[][] a = new boolean[n][n];
        for (int i = 0; i < n; i++) {
            int prev = (i + n - 1) % n;
            int next = (i + 1) % n;
            v[i][prev] = 0.2 + 0.6 * i / n;
            v[i][next] = 1 - v[i][prev];
            a[i][prev] = true;
            a[i][next] = true;
        }
        return AttentionMatrix.of(v, a);
    }

    static NodeCoordinates ringCoordinates(int n) {
        double[] lat = new double[n];
        double[] lon = new double[n];
        for (int i = 0; i < n; i++) {
            lat[i] = 34.0 + 0.1 * Math.sin(2 * Math.PI * i / n);
            lon[i] = -118.3 + 0.1 * Math.cos(2 * Math.PI * i / n);
        }
        return new NodeCoordinates(lat, lon);
    }

    private static Path render(JFreeChart chart, String name) {
        Path p = PngFile.write(chart, SIZE, OUT.resolve(name));
        RenderedPng png = RenderedPng.read(p);
        assertThat(png.width()).isEqualTo(SIZE.width());
        assertThat(png.height()).isEqualTo(SIZE.height());
        assertThat(png.distinctColoursInCentre()).as("colours in %s", name).isGreaterThan(5);
        return p;
    }

    @Test
    void temporalHeatmapHasRequestedSizeAndColours() {
        render(AttentionHeatmap.chart(causalMatrix(12, 0.8), "temporal attention, layer 0"),
                "heatmap.png");
    }

    @Test
    void topEdgesBarChartRenders() {
        List<WeightedEdge> top = ringMatrix(8).topEdges(6);
        render(TopEdgesChart.chart(top, null, "top-6 spatial edges"), "top-edges.png");
    }

    @Test
    void spatialAttentionMapRenders() {
        render(SpatialAttentionMap.chart(ringMatrix(10), ringCoordinates(10),
                "spatial attention, t = 0"), "spatial-map.png");
    }

    @Test
    void attentionBandUnderSignalRenders() {
        int steps = 48;
        double[] signal = new double[steps];
        for (int t = 0; t < steps; t++) {
            signal[t] = t % 17 == 5 ? Double.NaN : Math.sin(t / 4.0) + 0.1 * t;
        }
        double[] attention = causalMatrix(steps, 0.3).columnMeans();
        render(AttentionBandChart.chart(signal, attention, "node 3: attention over time"),
                "band.png");
    }

    @Test
    void seriesPlotWithTimestampsAndShadedGapsRenders() {
        int steps = 96;
        double[] truth = new double[steps];
        double[] imputed = new double[steps];
        boolean[] observed = new boolean[steps];
        boolean[] eval = new boolean[steps];
        long[] time = new long[steps];
        for (int t = 0; t < steps; t++) {
            truth[t] = 60 + 10 * Math.sin(t / 8.0);
            imputed[t] = truth[t] + Math.cos(t);
            observed[t] = !(t >= 20 && t < 35) && t % 7 != 0;
            eval[t] = t % 7 == 0;
            time[t] = 1_330_000_000_000L + t * 300_000L;
        }
        SeriesPlot plot = SeriesPlot.builder().setTruth(truth).optImputation(imputed)
                .optObserved(observed).optEvaluation(eval).optTimestamps(time)
                .optRange(10, 90).optTitle("node 7, METR-LA").build();
        render(plot.chart(), "series.png");
    }

    @Test
    void errorChartsAndErrorMapRender() {
        double[] mae = {2.1, 3.4, Double.NaN, 1.2, 5.0, 2.8, 3.3, 0.9, 4.1, 2.2};
        double[] hourly = new double[24];
        for (int h = 0; h < 24; h++) {
            hourly[h] = 2 + Math.sin(h / 3.0);
        }
        render(ErrorBarChart.perNode(mae, null, "MAE per node", "MAE"), "mae-node.png");
        render(ErrorBarChart.perHour(hourly, "MAE by hour of day", "MAE"), "mae-hour.png");
        render(NodeErrorMap.chart(mae, ringCoordinates(10), "MAE per node", "MAE"),
                "mae-map.png");
    }

    @Test
    void trainingCurvesRender() throws IOException {
        Path csv = Files.createTempFile("metrics", ".csv");
        StringBuilder s = new StringBuilder("epoch,train_loss,val_mae,lr,elapsed_s\n");
        for (int e = 1; e <= 30; e++) {
            s.append(e).append(',').append(1.0 / e + 0.2).append(',').append(1.5 / e + 0.3)
                    .append(',').append(e < 20 ? 8e-4 : 2e-4).append(',').append(e * 3.5)
                    .append('\n');
        }
        Files.writeString(csv, s);
        render(TrainingCurvesChart.chart(TrainingHistory.read(csv), "training"),
                "training.png");
        Files.delete(csv);
    }

    @Test
    void learningCurveKeepsReferenceLinesInViewAndTracksTheBest() throws IOException {
        Path csv = Files.createTempFile("metrics", ".csv");
        StringBuilder s = new StringBuilder("epoch,train_loss,val_mae,lr,elapsed_s\n");
        double[] val = {40, 30, 32, 25, 26, 22};
        for (int e = 0; e < val.length; e++) {
            s.append(e).append(",1.0,").append(val[e]).append(",1e-3,").append(300 * (e + 1))
                    .append('\n');
        }
        Files.writeString(csv, s);
        JFreeChart c = TrainingCurvesChart.learningCurve(TrainingHistory.read(csv), "curve",
                java.util.Map.of("interp", 14.5));
        Files.delete(csv);
        org.jfree.chart.plot.XYPlot plot = c.getXYPlot();
        // the reference below every validation score is still inside the axis range
        assertThat(plot.getRangeAxis().getLowerBound()).isLessThan(14.5);
        // best so far: a non-increasing step line ending at the minimum
        org.jfree.data.xy.XYDataset d = plot.getDataset();
        int last = d.getItemCount(1) - 1;
        assertThat(d.getYValue(1, last)).isEqualTo(22.0);
        for (int i = 1; i <= last; i++) {
            assertThat(d.getYValue(1, i)).isLessThanOrEqualTo(d.getYValue(1, i - 1));
        }
        assertThat(d.getXValue(0, 0)).isEqualTo(5.0); // minutes
        render(c, "learning-curve.png");
    }

    @Test
    void scalingChartFitsThePowerLaw() {
        double[] x = {12, 24, 36, 48};
        double[] quadratic = {144, 576, 1296, 2304};
        double[] linear = {12, 24, 36, Double.NaN};
        assertThat(ScalingChart.powerLawExponent(x, quadratic)).isCloseTo(2.0, within(1e-9));
        assertThat(ScalingChart.powerLawExponent(x, linear)).isCloseTo(1.0, within(1e-9));
        assertThat(ScalingChart.powerLawExponent(new double[] {1}, new double[] {1})).isNaN();
        render(ScalingChart.chart("scaling", "T", "ms",
                java.util.Map.of("spin", new double[][] {x, quadratic},
                        "spin-h", new double[][] {x, linear}), true), "scaling.png");
    }

    @Test
    void layerGridIsExactlyTheRequestedSize() {
        List<AttentionMatrix> layers = List.of(causalMatrix(8, 0.2), causalMatrix(8, 0.9),
                causalMatrix(8, 2.0));
        Path p = LayerComparisonGrid.write(layers, List.of("layer 0", "layer 1", "layer 2"), 2,
                new PlotSize(901, 601), OUT.resolve("grid.png"));

        RenderedPng png = RenderedPng.read(p);
        assertThat(png.width()).isEqualTo(901);
        assertThat(png.height()).isEqualTo(601);
        assertThat(png.distinctColoursInCentre()).isGreaterThan(5);
    }

    @Test
    void atomicWriteReplacesTheFileAndLeavesNoTemporaryFile() throws IOException {
        Path dir = Files.createTempDirectory("png");
        Path target = dir.resolve("a.png");
        Files.writeString(target, "old");

        AttentionHeatmap.write(causalMatrix(4, 1), "t", new PlotSize(100, 80), target);

        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
        assertThat(RenderedPng.read(target).width()).isEqualTo(100);
        Files.delete(target);
        Files.delete(dir);
    }
}
