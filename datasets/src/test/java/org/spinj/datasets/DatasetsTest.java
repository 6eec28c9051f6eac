package org.spinj.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetsTest {

    @TempDir Path tmp;

    @Test
    void missingFileMessageNamesEveryPlaceLookedIn() {
        DataDirectory dirs = DataDirectory.resolve(tmp.resolve("cli"), tmp.resolve("env").toString(), tmp);
        assertThat(dirs.candidates()).extracting(DataDirectory.Candidate::origin)
                .containsExactly("--data-dir", "SPINJ_DATA", "default");
        assertThatThrownBy(() -> Datasets.open("aqi36", dirs))
                .hasMessageContaining("aqi36/pm25_ground.txt is missing")
                .hasMessageContaining(tmp.resolve("cli").toString())
                .hasMessageContaining(tmp.resolve("env").toString())
                .hasMessageContaining("(default)");
    }

    @Test
    void unknownNameListsTheKnownOnes() {
        assertThatThrownBy(() -> Datasets.open("metr", (Path) null))
                .hasMessageContaining("unknown dataset 'metr'")
                .hasMessageContaining("los-loop");
    }

    @Test
    void syntheticNeedsNoFiles() {
        assertThat(Datasets.open("Synthetic", tmp).numNodes()).isEqualTo(36);
    }

    @Test
    void opensAqi36AndLosLoopFromTheSharedData() {
        Path shared = SharedData.require("aqi36").getParent();
        DataDirectory dirs = DataDirectory.resolve(tmp, null, tmp); // tmp and tmp/../shared/data lack it
        assertThatThrownBy(() -> Datasets.open("los-loop", dirs)).hasMessageContaining("los_speed.csv");
        SpatioTemporalSeries aqi = Datasets.open("aqi36", shared);
        assertThat(aqi.countEval()).isEqualTo(35_737);
        SpatioTemporalSeries los = Datasets.open("los-loop", shared);
        assertThat(los.numSteps()).isEqualTo(2016);
        assertThat(los.numNodes()).isEqualTo(207);
        assertThat(los.missingRate()).isZero();
        assertThat(los.nodeIds().get(0)).isEqualTo("773869");
        assertThat(los.value(0, 0, 0)).isEqualTo(64.375f);
        assertThat(los.timeIndex().at(2015)).isEqualTo(LocalDateTime.of(2012, 3, 7, 23, 55));
        // 2,833 non-zeros in los_adj.csv, diagonal included, symmetric
        assertThat(los.graph().numEdges()).isEqualTo(2833);
        assertThat(los.graph().symmetrized().numEdges()).isEqualTo(2833);
    }
}
