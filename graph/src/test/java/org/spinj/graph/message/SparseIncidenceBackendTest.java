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
}
