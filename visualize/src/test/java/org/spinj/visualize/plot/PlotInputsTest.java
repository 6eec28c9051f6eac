package org.spinj.visualize.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading and checking the inputs of the plots. */
class PlotInputsTest {

    @Test
    void metricsCsvIsReadInAnyColumnOrderIgnoringExtraColumns(@TempDir Path dir)
            throws IOException {
        Path csv = dir.resolve("metrics.csv");
        Files.writeString(csv, "lr,epoch,note,train_loss,val_mae,elapsed_s\n"
                + "0.001,1,warmup,0.9,,3.5\n\n0.0005,2,x,0.5,0.61,7.0\n");

        TrainingHistory h = TrainingHistory.read(csv);

        assertThat(h.epoch()).containsExactly(1, 2);
        assertThat(h.trainLoss()).containsExactly(0.9, 0.5);
        assertThat(h.valMae()[0]).isNaN(); // empty cell: no validation that epoch
        assertThat(h.valMae()[1]).isEqualTo(0.61);
        assertThat(h.learningRate()).containsExactly(0.001, 0.0005);
        assertThat(h.elapsedSeconds()).containsExactly(3.5, 7.0);
    }

    @Test
    void badMetricsRowNamesFileLineAndColumn(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("metrics.csv");
        Files.writeString(csv, "epoch,train_loss,val_mae,lr,elapsed_s\n1,0.9,0.8,1e-3,2\n"
                + "2,abc,0.7,1e-3,4\n");
        Path shortRow = dir.resolve("short.csv");
        Files.writeString(shortRow, "epoch,train_loss,val_mae,lr,elapsed_s\n1,0.9\n");
        Path missing = dir.resolve("missing.csv");
        Files.writeString(missing, "epoch,train_loss,lr,elapsed_s\n1,0.9,1e-3,2\n");

        assertThatThrownBy(() -> TrainingHistory.read(csv))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("metrics.csv line 3, column 'train_loss': 'abc' is not a"
                        + " number");
        assertThatThrownBy(() -> TrainingHistory.read(shortRow))
                .hasMessageContaining("short.csv line 2: 2 fields, expected at least 5");
        assertThatThrownBy(() -> TrainingHistory.read(missing))
                .hasMessageContaining("missing.csv line 1: missing column 'val_mae'");
    }

    @Test
    void errorBreakdownAveragesOverEvaluationTargetsOnly() {
        // 3 steps at 00:00, 00:30 and 01:00 UTC, 2 nodes
        double[][] truth = {{1, 2}, {3, 4}, {5, 6}};
        double[][] pred = {{2, 2}, {3, 8}, {7, 6}};
        boolean[][] eval = {{true, false}, {false, true}, {true, true}};
        long[] time = {0L, 1_800_000L, 3_600_000L};

        ErrorBreakdown e = ErrorBreakdown.of(truth, pred, eval, time, ZoneOffset.UTC);

        // node 0: |2-1|, |7-5| -> 1.5; node 1: |8-4|, |6-6| -> 2
        assertThat(e.perNode()).containsExactly(new double[] {1.5, 2.0}, within(1e-12));
        // hour 0: 1 and 4 -> 2.5; hour 1: 2 and 0 -> 1
        assertThat(e.perHour()[0]).isEqualTo(2.5);
        assertThat(e.perHour()[1]).isEqualTo(1.0);
        assertThat(e.perHour()[2]).isNaN();
        assertThat(e.count()).isEqualTo(4);
    }

    @Test
    void seriesPlotRefusesInconsistentInputs() {
        double[] y = {1, 2, 3};

        assertThatThrownBy(() -> SeriesPlot.builder().build())
                .hasMessageContaining("setTruth is required");
        assertThatThrownBy(() -> SeriesPlot.builder().setTruth(y).optImputation(new double[2])
                .build()).hasMessageContaining("imputation has 2 steps, expected 3");
        assertThatThrownBy(() -> SeriesPlot.builder().setTruth(y).optRange(2, 2).build())
                .hasMessageContaining("range [2, 2) must be non-empty and within [0, 3]");
        assertThatThrownBy(() -> SeriesPlot.builder().setTruth(y)
                .optTimestamps(new long[] {0, 5, 5}).build())
                .hasMessageContaining("timestamps must increase, got 5 then 5 at step 2");
    }

    @Test
    void mapsRefuseCoordinatesForAnotherNodeCount() {
        NodeCoordinates three = new NodeCoordinates(new double[3], new double[3]);

        assertThatThrownBy(() -> NodeErrorMap.chart(new double[4], three, "t", "MAE"))
                .hasMessageContaining("the error array covers 4 nodes but the coordinates"
                        + " cover 3");
        assertThatThrownBy(() -> new NodeCoordinates(new double[] {1}, new double[] {Double.NaN}))
                .hasMessageContaining("node 0 is at (1.0, NaN)");
        assertThatThrownBy(() -> new PlotSize(10, 500))
                .hasMessageContaining("got 10 x 500");
    }

    @Test
    void colourScaleRunsFromPaleToDarkAndClamps() {
        ColourScale s = new ColourScale(0, 2);

        assertThat(s.colour(-1)).isEqualTo(s.colour(0));
        assertThat(s.colour(5)).isEqualTo(s.colour(2));
        int pale = s.colour(0).getRed() + s.colour(0).getGreen() + s.colour(0).getBlue();
        int dark = s.colour(2).getRed() + s.colour(2).getGreen() + s.colour(2).getBlue();
        assertThat(dark).isLessThan(pale);
        assertThatThrownBy(() -> new ColourScale(1, 1)).hasMessageContaining("lower < upper");
    }
}
