package org.spinj.graph.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.withPrecision;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.spinj.graph.EdgeIndex;
import org.spinj.graph.listen.AttentionKind;
import org.spinj.graph.listen.AttentionRecord;
import org.spinj.graph.listen.AttentionRecorder;
import org.spinj.graph.listen.ListenerRegistration;

/**
 * Hand-computed values on a 4-node graph:
 *
 * <pre>
 *   edges (source -> target): 1->0, 2->0, 3->0, 0->1, 2->1, 1->3      node 2 has no incoming edge
 *   x = [1, 2, 3, 4] (one channel)
 * </pre>
 */
class MessagePassingTest {

    static final EdgeIndex GRAPH =
            EdgeIndex.of(4, new int[] {1, 2, 3, 0, 2, 1}, new int[] {0, 0, 0, 1, 1, 3});

    private final NDManager manager = NDManager.newBaseManager();

    @BeforeEach
    void seed() {
        Engine.getInstance().setRandomSeed(1);
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private NDArray x() {
        return manager.create(new float[] {1, 2, 3, 4}, new Shape(1, 1, 4, 1)); // [B, T, N, C]
    }

    private float[] run(Aggregation aggregation) {
        SourceCopy layer = new SourceCopy(GRAPH, aggregation, Backend.AUTO);
        layer.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 4, 1));
        return layer.forward(new ParameterStore(manager, false), new NDList(x()), false)
                .head()
                .toFloatArray();
    }

    @Test
    void gatherPicksSourceAndTargetRows() {
        GraphTensors g = GraphTensors.of(GRAPH, x());
        assertThat(g.gatherSources(x()).toFloatArray()).containsExactly(2, 3, 4, 1, 3, 2);
        assertThat(g.gatherTargets(x()).toFloatArray()).containsExactly(1, 1, 1, 2, 2, 4);
    }

    @Test
    void sumMeanAndMaxMatchHandValues() {
        // node 0 gets 2 + 3 + 4, node 1 gets 1 + 3, node 2 nothing, node 3 gets 2
        assertThat(run(Aggregation.SUM)).containsExactly(9, 4, 0, 2);
        assertThat(run(Aggregation.MEAN)).containsExactly(3, 2, 0, 2);
        assertThat(run(Aggregation.MAX)).containsExactly(4, 3, 0, 2);
    }

    @Test
    void softmaxAggregationMatchesHandValues() {
        // node 0: (2e^2 + 3e^3 + 4e^4) / (e^2 + e^3 + e^4) = 293.42732 / 82.07274 = 3.575211
        // node 1: (1e^1 + 3e^3) / (e^1 + e^3) = 62.974893 / 22.803819 = 2.761594
        assertThat(run(Aggregation.SOFTMAX))
                .containsExactly(new float[] {3.575211f, 2.761594f, 0f, 2f}, withPrecision(1e-5f));
    }

    @Test
    void edgeSoftmaxIsUniformOverEqualScoresAndZeroWhenFullyMasked() {
        NDArray scores = manager.create(new float[] {5, 5, 5, 0, 1, 7}, new Shape(6, 1));
        GraphTensors g = GraphTensors.of(GRAPH, scores);
        AggregationBackend b = Backend.AUTO.create(g);
        // node 0 receives three equal scores: 1/3 each; node 1: e^0/(e^0+e^1) = 0.268941
        assertThat(EdgeSoftmax.softmax(scores, g, b).toFloatArray())
                .containsExactly(
                        new float[] {1 / 3f, 1 / 3f, 1 / 3f, 0.268941f, 0.731059f, 1f},
                        withPrecision(1e-6f));
        // mask every edge into node 0 and the first into node 1: node 0 gets exact zeros
        NDArray mask =
                manager.create(new boolean[] {false, false, false, false, true, true}, new Shape(6, 1));
        float[] alpha = EdgeSoftmax.softmax(scores, g, b, mask).toFloatArray();
        assertThat(alpha).containsExactly(0f, 0f, 0f, 0f, 1f, 1f);
    }

    @Test
    void flatInputsAreTreatedAsOneStep() {
        SourceCopy layer = new SourceCopy(GRAPH, Aggregation.SUM, Backend.AUTO);
        layer.initialize(manager, DataType.FLOAT32, new Shape(1, 4, 1));
        NDArray flat = manager.create(new float[] {1, 2, 3, 4}, new Shape(1, 4, 1));
        NDArray out = layer.forward(new ParameterStore(manager, false), new NDList(flat), false)
                .head();
        assertThat(out.getShape()).isEqualTo(new Shape(1, 4, 1));
        assertThat(out.toFloatArray()).containsExactly(9, 4, 0, 2);
    }

    @Test
    void listenerReceivesAggregationWeightsUntilClosed() {
        SourceCopy layer = new SourceCopy(GRAPH, Aggregation.MEAN, Backend.AUTO);
        layer.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 4, 1));
        ParameterStore ps = new ParameterStore(manager, false);
        AttentionRecorder recorder = new AttentionRecorder();
        try (ListenerRegistration reg = layer.addMessageListener(recorder)) {
            layer.forward(ps, new NDList(x()), false);
        }
        layer.forward(ps, new NDList(x()), false);
        List<AttentionRecord> records = recorder.records();
        assertThat(records).hasSize(1);
        AttentionRecord r = records.get(0);
        assertThat(r.kind()).isEqualTo(AttentionKind.SPATIAL);
        assertThat(r.layerId()).isEqualTo("copy");
        assertThat(r.weightShape()).isEqualTo(new Shape(1, 1, 6, 1));
        // MEAN weighs each message by 1 / in-degree of its target: 1/3 x3, 1/2 x2, 1
        assertThat(r.weightData())
                .containsExactly(new float[] {1 / 3f, 1 / 3f, 1 / 3f, .5f, .5f, 1f},
                        withPrecision(1e-6f));
    }

    @Test
    void wrongNodeCountIsRejectedNamingTheShape() {
        SourceCopy layer = new SourceCopy(GRAPH, Aggregation.SUM, Backend.AUTO);
        NDArray bad = manager.zeros(new Shape(1, 1, 5, 1));
        layer.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 4, 1));
        assertThatThrownBy(
                        () -> layer.forward(new ParameterStore(manager, false), new NDList(bad),
                                false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("x must be [B, T, N, C] or [B, N, C] with N = 4, got (1, 1, 5, 1)");
        GraphTensors g = GraphTensors.of(GRAPH, bad);
        assertThatThrownBy(() -> new CumsumSegmentBackend().sum(bad, g))
                .hasMessage("expected edge messages [..., E = 6, C], got (1, 1, 5, 1)");
        assertThatThrownBy(() -> GraphTensors.of(GRAPH, manager.getDevice(), DataType.INT32))
                .hasMessage("dtype must be floating, got int32");
    }
}
