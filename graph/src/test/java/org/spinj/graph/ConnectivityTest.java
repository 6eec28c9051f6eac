package org.spinj.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectivityTest {

    @TempDir Path tmp;

    private static float weightOf(EdgeIndex g, int source, int target) {
        for (int e = 0; e < g.numEdges(); e++) {
            if (g.source(e) == source && g.target(e) == target) {
                return g.weight(e);
            }
        }
        return 0f;
    }

    @Test
    void aqi36GraphHas654EdgesAsInSpin() {
        Coordinates c = GraphCsvReader.readCoordinates(SharedData.require("aqi36/pm25_latlng.txt"));
        assertThat(c.numNodes()).isEqualTo(36);
        double[][] d = c.distanceMatrixKm();
        // theta = np.std of the full 36x36 matrix, diagonal zeros included (numpy: 26.67787 km)
        assertThat(Connectivity.finiteStd(d)).isCloseTo(26.677870, within(1e-5));
        EdgeIndex g = Connectivity.builder().optSymmetric(true).build().fromCoordinates(c);
        assertThat(g.numEdges()).isEqualTo(654);
        assertThat(g.hasSelfLoops()).isFalse();
        assertThat(g.symmetrized()).isEqualTo(g);
        // 001001 (40.090679, 116.173553) -> 001002 (40.00395, 116.20531): haversine with
        // R = 6371.0088 km gives d = 10.01553 km; w = exp(-(10.01553 / 26.67787)^2) = 0.868538
        assertThat(d[0][1]).isCloseTo(10.015532, within(1e-5));
        assertThat(weightOf(g, 0, 1)).isCloseTo(0.868538f, within(1e-5f));
        assertThat(weightOf(g, 1, 0)).isCloseTo(0.868538f, within(1e-5f));
        // 001001 -> 001003: w = 0.582192 (d = 19.6 km, computed the same way)
        assertThat(weightOf(g, 0, 2)).isCloseTo(0.582192f, within(1e-5f));
        for (int e = 0; e < g.numEdges(); e++) {
            assertThat(g.weight(e)).isGreaterThanOrEqualTo(0.1f).isLessThanOrEqualTo(1f);
        }
    }

    @Test
    void metrLaAdjacencySymmetrisedWithoutSelfLoopsHas2626Edges() {
        double[][] a = GraphCsvReader.readMatrix(SharedData.require("metr_la/adj_mx.csv"));
        assertThat(a).hasNumberOfRows(207);
        EdgeIndex directed = Connectivity.builder().optSelfLoops(true).build().fromAdjacency(a);
        assertThat(directed.numEdges()).isEqualTo(1722); // PROVENANCE.md: 1,722 incl. 207 loops
        EdgeIndex g = Connectivity.builder().optSymmetric(true).build().fromAdjacency(a);
        // los_adj.csv = max(A, A^T) has 2,833 non-zeros, 207 of them on the diagonal
        assertThat(g.numEdges()).isEqualTo(2626);
    }

    @Test
    void pemsBayDistancesAreReadBySensorId() {
        List<String> ids =
                GraphCsvReader.readNodeIds(SharedData.require("pems_bay/graph_sensor_ids_bay.txt"));
        double[][] d =
                GraphCsvReader.readDistanceList(
                        SharedData.require("pems_bay/distances_bay_2017.csv"), ids);
        assertThat(ids).hasSize(325).startsWith("400001");
        assertThat(d[0][0]).isEqualTo(0.0);
        long finite = 0;
        for (double[] row : d) {
            for (double v : row) {
                finite += Double.isFinite(v) ? 1 : 0;
            }
        }
        assertThat(finite).isEqualTo(8358);
        EdgeIndex g = Connectivity.builder().optSelfLoops(true).build().fromDistances(d);
        // DCRNN's adj_mx_bay has 2,694 non-zeros built by the same rule
        assertThat(g.numEdges()).isEqualTo(2694);
    }

    @Test
    void pems04EdgeListWithHeaderUsesNodeIndices() {
        double[][] d =
                GraphCsvReader.readDistanceList(
                        SharedData.require("pems04_pems08_graph/PEMS04_distance.csv"), 307);
        assertThat(d[73][5]).isEqualTo(352.6);
        assertThat(d[5][73]).isInfinite();
        EdgeIndex g = Connectivity.builder().optThreshold(0).build().fromDistances(d);
        assertThat(g.numEdges()).isEqualTo(340);
    }

    @Test
    void kernelThresholdKnnSelfLoopsAndSymmetryOnAHandMadeMatrix() {
        // distances: 0->1 = 1, 1->2 = 2, 0->2 = inf; theta = 1 gives w = e^-1 = .3679, e^-4 = .0183
        double inf = Double.POSITIVE_INFINITY;
        double[][] d = {{0, 1, inf}, {inf, 0, 2}, {inf, inf, 0}};
        EdgeIndex g = Connectivity.builder().optTheta(1).build().fromDistances(d);
        assertThat(g.numEdges()).isEqualTo(1); // 1->2 falls below 0.1, diagonal dropped
        assertThat(weightOf(g, 0, 1)).isCloseTo((float) Math.exp(-1), within(1e-7f));
        EdgeIndex loops =
                Connectivity.builder().optTheta(1).optSelfLoops(true).optSymmetric(true).build()
                        .fromDistances(d);
        assertThat(loops.numEdges()).isEqualTo(5); // 0<->1 and three loops of weight 1
        assertThat(weightOf(loops, 2, 2)).isEqualTo(1f);
        double[][] a = {{0, .9, .5}, {.2, 0, .3}, {.4, .8, 0}};
        EdgeIndex knn = Connectivity.builder().optKnn(1).build().fromAdjacency(a);
        // target 0 keeps source 2 (.4 > .2); target 1 keeps 0 (.9); target 2 keeps 0 (.5)
        assertThat(knn.sources()).containsExactly(2, 0, 0);
        assertThat(knn.targets()).containsExactly(0, 1, 2);
    }

    @Test
    void invalidSettingsAndMatricesNameTheValue() {
        assertThatThrownBy(() -> Connectivity.builder().optTheta(-2).optThreshold(3).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "theta must be finite and > 0, got -2.0; threshold must be in [0, 1], got"
                                + " 3.0");
        assertThatThrownBy(() -> Connectivity.builder().optKnn(0))
                .hasMessage("k must be >= 1, got 0");
        assertThatThrownBy(
                        () -> Connectivity.builder().build()
                                .fromDistances(new double[][] {{0, -1}, {1, 0}}))
                .hasMessage("distance [0][1] is -1.0, expected >= 0 or +inf");
        assertThatThrownBy(
                        () -> Connectivity.builder().build()
                                .fromAdjacency(new double[][] {{0, 1}, {1}}))
                .hasMessage("adjacency must be square [2, 2], row 1 has 1 values");
    }

    @Test
    void parseErrorsNameFileLineColumnAndExpectation() throws IOException {
        Path m = tmp.resolve("adj.csv");
        Files.writeString(m, "1,0\n0,x\n");
        assertThatThrownBy(() -> GraphCsvReader.readMatrix(m))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(m + ":2:2: expected a number, got \"x\"");
        Path l = tmp.resolve("dist.csv");
        Files.writeString(l, "from,to,cost\n0,1,2.5\n0,7,1\n");
        assertThatThrownBy(() -> GraphCsvReader.readDistanceList(l, 3))
                .hasMessage(l + ":3:2: expected a node index in 0..2, got \"7\"");
        Files.writeString(l, "0,1,-3\n");
        assertThatThrownBy(() -> GraphCsvReader.readDistanceList(l, 3))
                .hasMessage(l + ":1:3: expected a distance >= 0, got \"-3\"");
        Files.writeString(l, "0,1\n");
        assertThatThrownBy(() -> GraphCsvReader.readDistanceList(l, 3))
                .hasMessageStartingWith(l + ":1:1: expected 3 columns from,to,distance");
        // a long cell is quoted in part
        Files.writeString(m, "1,0\n0," + "9".repeat(500_000) + "x\n");
        assertThatThrownBy(() -> GraphCsvReader.readMatrix(m))
                .hasMessage(m + ":2:2: expected a number, got \"" + "9".repeat(100)
                        + "… (500001 characters)\"");
    }

    @Test
    void aMissingCoordinateIsRejectedWithItsPlace() throws IOException {
        Path c = tmp.resolve("latlng.csv");
        Files.writeString(c, "id,latitude,longitude\na,40.1,116.2\nb,nan,116.3\n");
        assertThatThrownBy(() -> GraphCsvReader.readCoordinates(c))
                .hasMessage(c + ":3:2: expected degrees in [-90, 90] (a coordinate cannot be"
                        + " missing), got \"nan\"");
    }

    @Test
    void aZeroThetaSaysWhyTheDistancesHaveNoSpread() {
        Connectivity k = Connectivity.builder().build();
        assertThatThrownBy(() -> k.fromCoordinates(
                        new Coordinates(List.of("a", "b", "c"), new double[] {40, 40, 40},
                                new double[] {116, 116, 116})))
                .hasMessageContaining("all 3 nodes are at one point (40.0, 116.0)");
        assertThatThrownBy(() -> k.fromCoordinates(
                        new Coordinates(List.of("a"), new double[] {40}, new double[] {116})))
                .hasMessageContaining("there is only one node");
        double inf = Double.POSITIVE_INFINITY;
        assertThatThrownBy(() -> k.fromDistances(new double[][] {{0, inf}, {inf, 0}}))
                .hasMessageContaining("no pair of distinct nodes has a finite distance");
        assertThatThrownBy(() -> k.fromDistances(new double[][] {{inf, 3}, {3, inf}}))
                .hasMessageContaining("every finite distance between nodes is 3.0");
        assertThatThrownBy(() -> k.fromDistances(new double[][] {{0, 0}, {0, 0}}))
                .hasMessageContaining("all nodes at one point");
    }
}
