package org.spinj.graph.message;

class SparseIncidenceBackendTest extends AbstractAggregationBackendTest {
    @Override
    Backend backend() {
        return Backend.SPARSE_INCIDENCE;
    }

    @org.junit.jupiter.api.Test
    void createsItsOwnKind() {
        GraphTensors g =
                GraphTensors.of(
                        MessagePassingTest.GRAPH,
                        ai.djl.Device.cpu(),
                        ai.djl.ndarray.types.DataType.FLOAT32);
        org.assertj.core.api.Assertions.assertThat(backend().create(g).kind())
                .isEqualTo(Backend.SPARSE_INCIDENCE);
    }

    @org.junit.jupiter.api.Test
    void autoResolvesToTheMeasuredFastestAndRejectsEmptyGraphs() {
        // METR-LA, symmetrised: N = 207, E = 2626, D = 25 (GraphBenchCommand figures)
        org.assertj.core.api.Assertions.assertThat(Backend.resolve(207, 2626, 25))
                .isEqualTo(Backend.SPARSE_INCIDENCE);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Backend.resolve(0, 1, 1))
                .hasMessage("expected numNodes >= 1, numEdges >= 0, maxInDegree >= 0, got 0, 1, 1");
    }
}
