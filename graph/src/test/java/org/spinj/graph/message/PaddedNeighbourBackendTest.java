package org.spinj.graph.message;

class PaddedNeighbourBackendTest extends AbstractAggregationBackendTest {
    @Override
    Backend backend() {
        return Backend.PADDED_NEIGHBOURS;
    }

    @org.junit.jupiter.api.Test
    void createsItsOwnKind() {
        GraphTensors g =
                GraphTensors.of(
                        MessagePassingTest.GRAPH,
                        ai.djl.Device.cpu(),
                        ai.djl.ndarray.types.DataType.FLOAT32);
        org.assertj.core.api.Assertions.assertThat(backend().create(g).kind())
                .isEqualTo(Backend.PADDED_NEIGHBOURS);
    }
}
