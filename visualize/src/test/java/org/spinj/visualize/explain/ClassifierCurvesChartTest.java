package org.spinj.visualize.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinj.temporal.models.EpochRecord;

class ClassifierCurvesChartTest {

    @TempDir Path dir;

    private static final List<EpochRecord> HISTORY = List.of(
            new EpochRecord(1, 0.7, 0.6, 0.5, 1e-3, 1.0),
            new EpochRecord(2, 0.4, 0.5, 0.8, 1e-3, 2.0));

    @Test
    void plotsBothLossesAndTheAccuracyOnItsOwnAxis() {
        XYPlot plot = ClassifierCurvesChart.chart(HISTORY, "t").getXYPlot();
        assertThat(plot.getDataset(0).getSeriesCount()).isEqualTo(2);
        assertThat(plot.getDataset(0).getYValue(1, 1)).isEqualTo(0.5);
        assertThat(plot.getDataset(1).getYValue(0, 1)).isEqualTo(0.8);
        assertThat(plot.getRangeAxis(1).getLabel()).isEqualTo("validation accuracy");
    }

    @Test
    void writesAPng() throws Exception {
        Path png = ClassifierCurvesChart.write(HISTORY, "t", dir.resolve("c.png"));
        byte[] head = Files.readAllBytes(png);
        assertThat(head).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
    }

    @Test
    void rejectsAnEmptyHistory() {
        assertThatThrownBy(() -> ClassifierCurvesChart.chart(List.of(), "t"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got none");
    }
}
