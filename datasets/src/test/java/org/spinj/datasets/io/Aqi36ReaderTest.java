package org.spinj.datasets.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDateTime;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.spinj.datasets.SharedData;
import org.spinj.datasets.SpatioTemporalSeries;

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
}
