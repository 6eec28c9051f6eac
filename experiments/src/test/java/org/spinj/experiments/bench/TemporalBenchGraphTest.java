package org.spinj.experiments.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.spinj.datasets.DataDirectory;
import org.spinj.graph.EdgeIndex;

class TemporalBenchGraphTest {

    private static DataDirectory sharedData(String sub) {
        Path data = Path.of(System.getProperty("spinj.shared.data", "../../shared/data"));
        boolean present = Files.isDirectory(data.resolve(sub));
        if (!present && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError("shared data " + data.toAbsolutePath() + " is absent, and"
                    + " CI=true requires it");
        }
        assumeTrue(present, "shared data " + data.toAbsolutePath() + " is absent; skipping");
        return DataDirectory.resolve(data, null, Path.of(""));
    }

    private static Set<Long> pairs(EdgeIndex g) {
        Set<Long> p = new HashSet<>();
        for (int e = 0; e < g.numEdges(); e++) {
            p.add((long) g.source(e) * g.numNodes() + g.target(e));
        }
        return p;
    }

    private static void assertSymmetricWithoutSelfLoops(EdgeIndex g) {
        Set<Long> p = pairs(g);
        assertThat(p).hasSize(g.numEdges()); // no duplicates
        for (int e = 0; e < g.numEdges(); e++) {
            assertThat(g.source(e)).isNotEqualTo(g.target(e));
            assertThat(p).contains((long) g.target(e) * g.numNodes() + g.source(e));
        }
    }

    @Test
    void aqi36IsTheTrainingGraphOfTheStationCoordinates() {
        EdgeIndex g = TemporalBenchCommand.graph("aqi36", sharedData("aqi36"));
        assertThat(g.numNodes()).isEqualTo(36);
        assertThat(g.numEdges()).isEqualTo(654);
        assertSymmetricWithoutSelfLoops(g);
    }

    @Test
    void metrLaIsTheRoadAdjacencySymmetrisedWithoutSelfLoops() {
        EdgeIndex g = TemporalBenchCommand.graph("metr-la", sharedData("metr_la"));
        assertThat(g.numNodes()).isEqualTo(207);
        assertThat(g.numEdges()).isEqualTo(2626);
        assertSymmetricWithoutSelfLoops(g);
    }

    @Test
    void anUnknownGraphIsRejectedByName() {
        assertThatThrownBy(() -> TemporalBenchCommand.graph("pems", DataDirectory.resolve(null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown graph 'pems', expected aqi36 or metr-la");
    }
}
