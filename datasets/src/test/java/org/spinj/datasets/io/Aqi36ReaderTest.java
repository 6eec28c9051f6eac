package org.spinj.datasets.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDateTime;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.spinj.datasets.SharedData;
import org.spinj.datasets.SpatioTemporalSeries;
import org.spinj.datasets.scale.AffineScaler;
import org.spinj.datasets.split.AirQualitySplitter;
import org.spinj.datasets.split.WindowSplit;
import org.spinj.datasets.window.WindowSpec;

class Aqi36ReaderTest {

    @Test
    void publishedFilesGiveTheDocumentedShapeMissingRateAndEvalTargets() {
        SpatioTemporalSeries s = Aqi36Reader.read(SharedData.require("aqi36"));
        assertThat(s.numSteps()).isEqualTo(8759);
        assertThat(s.numNodes()).isEqualTo(36);
        assertThat(s.numChannels()).isEqualTo(1);
        assertThat(s.countEval()).isEqualTo(35_737);
        assertThat(s.missingRate()).isCloseTo(0.1325, within(0.00005));
        assertThat(s.timeIndex().start()).isEqualTo(LocalDateTime.of(2014, 5, 1, 1, 0));
        assertThat(s.timeIndex().step()).isEqualTo(Duration.ofHours(1));
        assertThat(s.nodeIds().get(0)).isEqualTo("001001");
        assertThat(s.latitudes()[0]).isEqualTo(40.090679);
        assertThat(s.value(0, 0, 0)).isEqualTo(138f);
    }

    @Test
    void aqiSplitAndScalerWorkOnTheRealSeries() {
        SpatioTemporalSeries s = Aqi36Reader.read(SharedData.require("aqi36"));
        WindowSpec spec = new WindowSpec(36, 1);
        WindowSplit split = AirQualitySplitter.DEFAULT.split(spec, s.timeIndex());
        for (int k : split.test()) {
            assertThat(s.timeIndex().at(spec.start(k)).getMonthValue() % 3).isZero();
        }
        assertThat(split.train().length).isGreaterThan(4 * split.test().length / 3);
        AffineScaler scaler = AffineScaler.standard(s, split.coveredSteps(split.train(), s.numSteps()));
        // PM2.5 in Beijing: mean and spread of the order of 80-100 ug/m3
        assertThat(scaler.offset()[0]).isBetween(50.0, 120.0);
        assertThat(scaler.scale()[0]).isBetween(50.0, 120.0);
    }
}
