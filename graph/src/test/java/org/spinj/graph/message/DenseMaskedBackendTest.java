package org.spinj.graph.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withPrecision;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.spinj.graph.EdgeIndex;

class DenseMaskedBackendTest extends AbstractAggregationBackendTest {
    @Override
    Backend backend() {
        return Backend.DENSE_MASKED;
    }

    @Test
    void createsItsOwnKind() {
        GraphTensors g = GraphTensors.of(MessagePassingTest.GRAPH, Device.cpu(), DataType.FLOAT32);
        assertThat(backend().create(g).kind()).isEqualTo(Backend.DENSE_MASKED);
    }

    @Test
    void parallelEdgesGetTheirOwnGridAndAllCount() {
        // 0->1 three times and 2->1 once: K = 3 grids of 3x3; node 1 sums 1 + 2 + 3 + 4,
        // its max is 4, and softmax over equal scores gives 1/4 to each of the four edges
        EdgeIndex g = EdgeIndex.of(3, new int[] {0, 0, 2, 0}, new int[] {1, 1, 1, 1});
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray msg = m.create(new float[] {1, 2, 3, 4}, new Shape(4, 1));
            GraphTensors t = GraphTensors.of(g, msg);
            AggregationBackend b = backend().create(t);
            assertThat(t.denseMasked().width()).isEqualTo(9);
            assertThat(b.sum(msg, t).toFloatArray()).containsExactly(0, 10, 0);
            assertThat(b.max(msg, t).toFloatArray()).containsExactly(0, 4, 0);
            assertThat(b.softmax(m.zeros(new Shape(4, 1)), t, null).toFloatArray())
                    .containsExactly(new float[] {.25f, .25f, .25f, .25f}, withPrecision(1e-7f));
        }
    }
}
