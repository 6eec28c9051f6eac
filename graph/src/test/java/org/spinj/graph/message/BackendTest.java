package org.spinj.graph.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import org.junit.jupiter.api.Test;

/** The size rule of {@link Backend#resolve}, against the measurements it rests on. */
class BackendTest {

    @Test
    void predictionsReproduceTheMeasuredFiguresOnBothGraphs() {
        // softmax_sum_fwd_bwd_ms of spinj bench graph, as tabulated in Backend.resolve
        assertThat(Backend.predictedMs(Backend.SPARSE_INCIDENCE, 207, 2626, 25))
                .isCloseTo(1524.6, within(1e-6));
        assertThat(Backend.predictedMs(Backend.PADDED_NEIGHBOURS, 207, 2626, 25))
                .isCloseTo(2098.6, within(1e-6));
        assertThat(Backend.predictedMs(Backend.DENSE_MASKED, 36, 654, 26))
                .isCloseTo(937.4, within(1e-6));
        assertThat(Backend.predictedMs(Backend.SEGMENT_CUMSUM, 36, 654, 26))
                .isCloseTo(812.2, within(1e-6));
    }

    @Test
    void measuredRoadAndAirGraphsResolveToSparseIncidence() {
        // METR-LA: sparse measured fastest; AQI-36: cumsum 4% ahead, inside the 10% margin
        assertThat(Backend.resolve(207, 2626, 25)).isEqualTo(Backend.SPARSE_INCIDENCE);
        assertThat(Backend.resolve(36, 654, 26)).isEqualTo(Backend.SPARSE_INCIDENCE);
    }

    @Test
    void graphsBelowTheMeasuredRangeAreNotExtrapolated() {
        // every size is clamped to AQI-36's, where no backend beats sparse by 10%
        assertThat(Backend.resolve(4, 6, 3)).isEqualTo(Backend.SPARSE_INCIDENCE);
        assertThat(Backend.resolve(1, 0, 0)).isEqualTo(Backend.SPARSE_INCIDENCE);
    }

    @Test
    void nearlyCompleteGraphsResolveToDenseMasked() {
        // every ordered pair of 100 nodes: N² = 10,000 cells against E = 9,900 edges
        assertThat(Backend.resolve(100, 9900, 99)).isEqualTo(Backend.DENSE_MASKED);
        // the same nodes at 60% density stay sparse
        assertThat(Backend.resolve(100, 6000, 70)).isEqualTo(Backend.SPARSE_INCIDENCE);
    }

    @Test
    void evenDegreesResolveToPaddedNeighboursButOneHubDoesNot() {
        // 10 nearest neighbours of 1,000 nodes: N · D = E
        assertThat(Backend.resolve(1000, 10000, 10)).isEqualTo(Backend.PADDED_NEIGHBOURS);
        // one node with 200 neighbours pads every row to 200
        assertThat(Backend.resolve(2000, 20000, 200)).isEqualTo(Backend.SPARSE_INCIDENCE);
    }

    @Test
    void autoCreatesTheResolvedBackend() {
        GraphTensors g = GraphTensors.of(MessagePassingTest.GRAPH, Device.cpu(), DataType.FLOAT32);
        assertThat(Backend.AUTO.create(g).kind())
                .isEqualTo(Backend.resolve(g.numNodes(), g.numEdges(), g.maxInDegree()));
    }

    @Test
    void invalidSizesAreRejectedNamingThem() {
        assertThatThrownBy(() -> Backend.resolve(0, 1, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "expected numNodes >= 1, numEdges >= 0, maxInDegree >= 0, got 0, 1, 1");
        assertThatThrownBy(() -> Backend.resolve(3, -1, 1))
                .hasMessage(
                        "expected numNodes >= 1, numEdges >= 0, maxInDegree >= 0, got 3, -1, 1");
    }
}
