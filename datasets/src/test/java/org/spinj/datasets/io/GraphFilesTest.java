package org.spinj.datasets.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinj.datasets.SharedData;
import org.spinj.datasets.SpatioTemporalSeries;
import org.spinj.graph.EdgeIndex;

class GraphFilesTest {

    @TempDir Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void denseAdjacencyKeepsNonZeroEntriesAsWeightedEdges() throws IOException {
        EdgeIndex g = DenseAdjacency.read(write("a.csv", "1,0.5,0\n0,1,0\n0.25,0,0\n"), 3);
        // row i, column j = edge i -> j
        assertThat(g.sources()).containsExactly(0, 0, 1, 2);
        assertThat(g.targets()).containsExactly(0, 1, 1, 0);
        assertThat(g.weights()).containsExactly(1f, 0.5f, 1f, 0.25f);
        assertThatThrownBy(() -> DenseAdjacency.read(write("b.csv", "1,0\n0\n"), 0))
                .hasMessageContaining("b.csv:2:2").hasMessageContaining("square");
        assertThatThrownBy(() -> DenseAdjacency.read(write("c.csv", "1,0\n0,1\n"), 3))
                .hasMessageContaining("expected 3");
        assertThatThrownBy(() -> DenseAdjacency.read(write("d.csv", "1,-1\n0,1\n"), 0))
                .hasMessageContaining("d.csv:1:2");
    }

    @Test
    void distanceEdgesReadIndicesAndRejectOutOfRange() throws IOException {
        DistanceEdges e = DistanceEdges.read(write("d.csv", "from,to,cost\n73,5,352.6\n5,154,347.2\n"), 307);
        assertThat(e.from()).containsExactly(73, 5);
        assertThat(e.distance()).containsExactly(352.6f, 347.2f);
        assertThatThrownBy(() -> DistanceEdges.read(write("e.csv", "from,to,cost\n1,400,1\n"), 307))
                .hasMessageContaining("e.csv:2:2");
        assertThatThrownBy(() -> DistanceEdges.read(write("f.csv", "a,b\n"), 3))
                .hasMessageContaining("expected [from, to, cost]");
    }

    @Test
    void pems04DistancesMatchTheirProvenance() {
        Path d = SharedData.require("pems04_pems08_graph");
        assertThat(DistanceEdges.read(d.resolve("PEMS04_distance.csv"), 307).from()).hasSize(340);
        assertThat(DistanceEdges.read(d.resolve("PEMS08_distance.csv"), 170).from()).hasSize(295);
    }

    @Test
    void headerOnlyValuesWithoutTimestampsUseTheGivenClock() throws IOException {
        Path p = write("v.csv", "a,b\n1,2\n3,\n");
        SpatioTemporalSeries s = LosLoopReader.read(p, null, LocalDateTime.of(2012, 3, 1, 0, 0),
                Duration.ofMinutes(5), ZoneOffset.UTC);
        assertThat(s.timeIndex().at(1)).isEqualTo(LocalDateTime.of(2012, 3, 1, 0, 5));
        assertThat(s.isObserved(1, 1, 0)).isFalse();
        assertThatThrownBy(() -> LosLoopReader.read(write("w.csv", "a,b\n1,2\n3\n"), null,
                        LocalDateTime.of(2012, 3, 1, 0, 0), Duration.ofMinutes(5), ZoneOffset.UTC))
                .hasMessageContaining("w.csv:3:2");
    }

    @Test
    void quotedFieldsMayHoldCommasAndDoubledQuotes() {
        assertThat(CsvRecords.split(dir, 1, "\"a,b\",\"say \"\"hi\"\"\", c ,"))
                .containsExactly("a,b", "say \"hi\"", "c", "");
    }
}
