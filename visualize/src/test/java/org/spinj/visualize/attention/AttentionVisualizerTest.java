package org.spinj.visualize.attention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.LambdaBlock;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.spinj.graph.EdgeIndex;
import org.spinj.graph.listen.AttentionKind;

class AttentionVisualizerTest {

    private static final float A = 0.7f;
    // B = 2 samples, T = 4 steps, N = 3 nodes
    private static final float[] X = {
        0.1f, -0.4f, 1.2f, 0.5f, 0.3f, -1.0f, 2.0f, 0.0f, 0.7f, -0.6f, 0.9f, 0.2f,
        1.5f, 0.4f, -0.3f, 0.0f, 1.1f, 0.8f, -0.9f, 0.6f, 0.1f, 0.3f, -0.2f, 1.4f
    };
    // node 0 <- 1, 2; node 1 <- 0; node 2 <- 1, 2 (self-loop)
    private static final EdgeIndex GRAPH =
            EdgeIndex.of(3, new int[] {1, 2, 0, 1, 2}, new int[] {0, 0, 1, 2, 2});

    private NDManager manager;
    private TwoKindAttentionBlock block;
    private ParameterStore ps;
    private NDArray x;

    @BeforeEach
    void setUp() {
        Engine.getInstance().setRandomSeed(3);
        manager = NDManager.newBaseManager();
        block = new TwoKindAttentionBlock(A, GRAPH, true);
        block.initialize(manager, DataType.FLOAT32, new Shape(2, 4, 3));
        ps = new ParameterStore(manager, false);
        x = manager.create(X, new Shape(2, 4, 3));
    }

    @AfterEach
    void tearDown() {
        manager.close();
    }

    private static double x(int b, int t, int n) {
        return X[(b * 4 + t) * 3 + n];
    }

    @Test
    void groupsOneTemporalAndOneSpatialLayer() {
        AttentionWeights w = new AttentionVisualizer(block).extractWeights(ps, new NDList(x));

        assertThat(w.layers()).extracting(AttentionLayer::layerId)
                .containsExactly("t.temporal", "s.spatial");
        assertThat(w.temporalLayers()).extracting(AttentionLayer::kind)
                .containsExactly(AttentionKind.TEMPORAL);
        assertThat(w.spatialLayers()).extracting(AttentionLayer::kind)
                .containsExactly(AttentionKind.SPATIAL);
    }

    @Test
    void temporalMatrixEqualsCausalSoftmaxComputedByHand() {
        AttentionWeights w = new AttentionVisualizer(block).extractWeights(ps, new NDList(x));

        for (int b = 0; b < 2; b++) {
            for (int n = 0; n < 3; n++) {
                AttentionMatrix m = w.temporalMatrix(0, b, n, TwoKindAttentionBlock.causal(4));
                for (int t = 0; t < 4; t++) {
                    // alpha[t][s] = exp(a x_s) / sum_{s' <= t} exp(a x_s'), 0 for s > t
                    double z = 0;
                    for (int s = 0; s <= t; s++) {
                        z += Math.exp(A * x(b, s, n));
                    }
                    for (int s = 0; s < 4; s++) {
                        double expected = s <= t ? Math.exp(A * x(b, s, n)) / z : 0;
                        assertThat(m.get(t, s)).isCloseTo(expected, within(1e-6));
                    }
                }
                assertThat(m.rowSums()).containsExactly(new double[] {1, 1, 1, 1}, within(1e-6));
            }
        }
    }

    @Test
    void spatialMatrixHasRowsSummingToOneAndZerosOffTheGraph() {
        AttentionWeights w = new AttentionVisualizer(block).extractWeights(ps, new NDList(x));

        AttentionMatrix m = w.spatialMatrix(0, 1, 2);

        assertThat(m.rowSums()).containsExactly(new double[] {1, 1, 1}, within(1e-6));
        assertThat(m.get(1, 0)).isEqualTo(1.0, within(1e-6)); // node 1 has one neighbour
        assertThat(m.get(0, 0)).isZero();
        assertThat(m.get(1, 2)).isZero();
        assertThat(m.isAllowed(0, 1)).isTrue();
        assertThat(m.isAllowed(0, 0)).isFalse();
        assertThat(w.topEdges(0, 1, 2, 1).get(0).target()).isEqualTo(1);
    }

    @Test
    void modelOutputsAreBitIdenticalWithAndWithoutTheVisualizer() {
        float[] before = block.forward(ps, new NDList(x), false).head().toFloatArray();
        float[] param = block.getParameters().get("a").getArray().toFloatArray();

        new AttentionVisualizer(block).extractWeights(ps, new NDList(x));
        float[] after = block.forward(ps, new NDList(x), false).head().toFloatArray();

        assertThat(after).isEqualTo(before);
        assertThat(block.getParameters().get("a").getArray().toFloatArray()).isEqualTo(param);
        assertThat(block.hasListeners()).isFalse();
        assertThat(x.toFloatArray()).isEqualTo(X);
        assertThat(x.getManager()).isSameAs(manager);
    }

    @Test
    void repeatedExtractionKeepsTheManagedArrayCountFlat() {
        AttentionVisualizer viz = new AttentionVisualizer(block);
        viz.extractWeights(ps, new NDList(x));
        int start = ((BaseNDManager) manager).getManagedArrays().size();

        for (int i = 0; i < 50; i++) {
            viz.extractWeights(ps, new NDList(x));
        }

        assertThat(((BaseNDManager) manager).getManagedArrays()).hasSize(start);
    }

    @Test
    void refusesToRunWhileGradientsAreRecorded() {
        AttentionVisualizer viz = new AttentionVisualizer(block);

        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            assertThatThrownBy(() -> viz.extractWeights(ps, new NDList(x)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("evaluation mode only")
                    .hasMessageContaining("GradientCollector is open");
        }
        assertThat(viz.extractWeights(ps, new NDList(x)).layers()).hasSize(2);
    }

    @Test
    void missingLayerIsReportedWithTheExistingLayers() {
        AttentionWeights w = new AttentionVisualizer(block).extractWeights(ps, new NDList(x));

        assertThatThrownBy(() -> w.temporalMatrix(3, 0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("temporal layer 3 does not exist")
                .hasMessageContaining("0 = t.temporal [TEMPORAL, weights (2, 4, 4, 3)");
        assertThatThrownBy(() -> w.spatialMatrix(-1, 0, 0))
                .hasMessageContaining("spatial layer -1 does not exist")
                .hasMessageContaining("s.spatial");
        assertThatThrownBy(() -> w.layer("cross"))
                .hasMessageContaining("no attention layer with id 'cross'")
                .hasMessageContaining("t.temporal");
    }

    @Test
    void nodeOutOfRangeIsReportedWithTheValidRange() {
        AttentionWeights w = new AttentionVisualizer(block).extractWeights(ps, new NDList(x));

        assertThatThrownBy(() -> w.temporalMatrix(0, 0, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("node 3 is out of range")
                .hasMessageContaining("expected 0 <= node < 3");
        assertThatThrownBy(() -> w.spatialMatrix(0, 2, 0))
                .hasMessageContaining("batch 2 is out of range");
        assertThatThrownBy(() -> w.spatialMatrix(0, 0, 4))
                .hasMessageContaining("step 4 is out of range");
    }

    @Test
    void sourceThatReportsNothingHasNoAttentionLayers() {
        TwoKindAttentionBlock silent = new TwoKindAttentionBlock(A, GRAPH, false);
        silent.initialize(manager, DataType.FLOAT32, new Shape(2, 4, 3));

        assertThatThrownBy(
                        () -> new AttentionVisualizer(silent).extractWeights(ps, new NDList(x)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has no attention layers");
    }

    @Test
    void blockWithoutMessageSourceIsRefused() {
        LambdaBlock plain = new LambdaBlock(list -> list);

        assertThatThrownBy(() -> new AttentionVisualizer(plain))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("LambdaBlock has no attention layers")
                .hasMessageContaining("MessageSource");
    }
}
