package org.spinj.visualize.attention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.spinj.graph.EdgeIndex;
import org.spinj.graph.listen.AttentionKind;
import org.spinj.graph.listen.AttentionRecord;

/** Reconstruction and statistics on hand-built 4-step records. */
class AttentionReconstructionTest {

    /** Strictly causal edges over 4 steps: s -> t for s < t; step 0 has no source at all. */
    private static final EdgeIndex STRICT =
            EdgeIndex.of(4, new int[] {0, 0, 1, 0, 1, 2}, new int[] {1, 2, 2, 3, 3, 3});

    /**
     * Weights [1, 4, 4, 2]: node 0 spreads evenly over its allowed steps, node 1 looks only at
     * the previous step. Row 0 is fully masked for both.
     *
     * <pre>
     *   node 0:  0   0   0   0      node 1:  0 0 0 0
     *            1   0   0   0               1 0 0 0
     *           1/2 1/2  0   0               0 1 0 0
     *           1/3 1/3 1/3  0               0 0 1 0
     * </pre>
     */
    private static float[] strictWeights() {
        float[] w = new float[4 * 4 * 2];
        for (int t = 1; t < 4; t++) {
            for (int s = 0; s < t; s++) {
                w[(t * 4 + s) * 2] = 1f / t;
            }
            w[(t * 4 + t - 1) * 2 + 1] = 1f;
        }
        return w;
    }

    private static AttentionRecord strictRecord() {
        return new AttentionRecord("self", AttentionKind.TEMPORAL, STRICT, null,
                new Shape(1, 4, 4, 2), new Shape(1, 4, 4, 2), strictWeights());
    }

    @Test
    void temporalMatrixAgreesWithTheRecordWeights() {
        AttentionRecord r = strictRecord();
        for (int m = 0; m < 2; m++) {
            AttentionMatrix a = TemporalAttentionMatrix.of(r, 0, m);
            for (int t = 0; t < 4; t++) {
                for (int s = 0; s < 4; s++) {
                    assertThat(a.get(t, s)).isEqualTo(r.weight(0, t, s, m));
                }
            }
        }
    }

    @Test
    void rowsSumToOneOrToZeroWhenFullyMasked() {
        AttentionMatrix a = TemporalAttentionMatrix.of(strictRecord(), 0, 0);

        assertThat(a.rowSums()).containsExactly(new double[] {0, 1, 1, 1}, within(1e-6));
    }

    @Test
    void entriesOutsideTheAllowedPairsAreZero() {
        AttentionMatrix a = TemporalAttentionMatrix.of(strictRecord(), 0, 0);

        for (int t = 0; t < 4; t++) {
            for (int s = t; s < 4; s++) {
                assertThat(a.isAllowed(t, s)).isFalse();
                assertThat(a.get(t, s)).isZero();
            }
        }
    }

    @Test
    void meanOverNodesAveragesThePerNodeMatrices() {
        AttentionMatrix mean = TemporalAttentionMatrix.mean(strictRecord(), 0);

        // row 3: node 0 gives 1/3 each, node 1 gives (0, 0, 1) -> (1/6, 1/6, 2/3)
        assertThat(mean.get(3, 0)).isCloseTo(1.0 / 6, within(1e-6));
        assertThat(mean.get(3, 2)).isCloseTo(2.0 / 3, within(1e-6));
        assertThat(mean.get(2, 1)).isCloseTo(0.75, within(1e-6)); // (1/2 + 1) / 2
    }

    @Test
    void weightOnADisallowedPairIsReportedAsAMismatch() {
        float[] w = strictWeights();
        w[(2 * 4 + 2) * 2] = 0.25f; // node 0 attends 2 -> 2, which STRICT does not allow
        AttentionRecord r = new AttentionRecord("self", AttentionKind.TEMPORAL, STRICT, null,
                new Shape(1, 4, 4, 2), new Shape(1, 4, 4, 2), w);

        assertThatThrownBy(() -> TemporalAttentionMatrix.of(r, 0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("weight 0.25 on source step 2 -> target step 2")
                .hasMessageContaining("does not match its weights");
    }

    @Test
    void expectedIndexWithOtherStepsOrPairsIsReported() {
        AttentionRecord r = strictRecord();

        assertThatThrownBy(
                        () -> TemporalAttentionMatrix.of(r, 0, 0, TwoKindAttentionBlock.causal(5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("T = 4 steps")
                .hasMessageContaining("covers 5 steps");
        assertThatThrownBy(
                        () -> TemporalAttentionMatrix.of(r, 0, 0, TwoKindAttentionBlock.causal(4)))
                .hasMessageContaining("did not allow source step 0 -> target step 0")
                .hasMessageContaining("not the one the layer used");
    }

    @Test
    void spatialLayerIsRefusedForATemporalMatrix() {
        AttentionRecord spatial = spatialRecord();

        assertThatThrownBy(() -> TemporalAttentionMatrix.of(spatial, 0, 0))
                .hasMessageContaining("reported SPATIAL attention, expected TEMPORAL");
        assertThatThrownBy(() -> SpatialAttentionMatrix.of(strictRecord(), 0, 0))
                .hasMessageContaining("temporal attention per node");
    }

    @Test
    void localityIsTheAttentionWeightedDistance() {
        AttentionMatrix even = TemporalAttentionMatrix.of(strictRecord(), 0, 0);
        AttentionMatrix previous = TemporalAttentionMatrix.of(strictRecord(), 0, 1);

        // row 3 of node 0: (3 + 2 + 1) / 3 = 2; row 2: (2 + 1) / 2 = 1.5; row 1: 1
        assertThat(even.rowLocality()[3]).isCloseTo(2.0, within(1e-6));
        assertThat(even.rowLocality()[0]).isNaN();
        // overall: (1 + 1.5 + 2) / 3 rows of mass 1
        assertThat(even.locality()).isCloseTo(1.5, within(1e-6));
        assertThat(previous.locality()).isCloseTo(1.0, within(1e-6));
    }

    @Test
    void entropyIsLogOfTheNumberOfEvenlyAttendedKeys() {
        AttentionMatrix even = TemporalAttentionMatrix.of(strictRecord(), 0, 0);
        AttentionMatrix previous = TemporalAttentionMatrix.of(strictRecord(), 0, 1);

        assertThat(even.rowEntropy())
                .containsExactly(new double[] {0, 0, Math.log(2), Math.log(3)}, within(1e-6));
        assertThat(previous.rowEntropy()).containsExactly(new double[4], within(1e-9));
    }

    @Test
    void symmetryIsOneForSymmetricAndLowForTriangularMatrices() {
        boolean[][] all = {{true, true}, {true, true}};
        AttentionMatrix symmetric = AttentionMatrix.of(new double[][] {{0.5, 0.5}, {0.5, 0.5}}, all);
        AttentionMatrix previous = TemporalAttentionMatrix.of(strictRecord(), 0, 1);

        assertThat(symmetric.symmetry()).isEqualTo(1.0);
        // strictly lower triangular: ||A - A^T|| = sqrt(2) ||A||
        assertThat(previous.symmetry()).isCloseTo(1 - 1 / Math.sqrt(2), within(1e-6));
    }

    private static AttentionRecord spatialRecord() {
        // 3 nodes, edges 1->0, 2->0, 0->1; B = 1, T = 1, H = 2 heads
        EdgeIndex g = EdgeIndex.of(3, new int[] {1, 2, 0}, new int[] {0, 0, 1});
        float[] w = {0.2f, 0.4f, 0.8f, 0.6f, 1f, 1f};
        return new AttentionRecord("spatial", AttentionKind.SPATIAL, g, null,
                new Shape(1, 1, 3, 2), new Shape(1, 1, 3, 8), w);
    }

    @Test
    void spatialMatrixAveragesHeadsAndRanksTopEdges() {
        AttentionMatrix a = SpatialAttentionMatrix.of(spatialRecord(), 0, 0);

        assertThat(a.values()).isDeepEqualTo(new double[][] {
            {0, 0.2f / 2.0 + 0.4f / 2.0, 0.8f / 2.0 + 0.6f / 2.0}, {1, 0, 0}, {0, 0, 0}});
        assertThat(a.rowSums()).containsExactly(new double[] {1, 1, 0}, within(1e-6));
        List<WeightedEdge> top = a.topEdges(2);
        assertThat(top).extracting(WeightedEdge::source).containsExactly(0, 2);
        assertThat(top).extracting(WeightedEdge::target).containsExactly(1, 0);
        assertThat(a.topEdges(10)).hasSize(3);
    }

    @Test
    void perEdgeTemporalRecordGivesTheMassEachEdgeCarries() {
        // 2 steps, spatial edges 1->0 and 0->1; weights [1, 2, 2, 2] per (t, s, e)
        EdgeIndex g = EdgeIndex.of(2, new int[] {1, 0}, new int[] {0, 1});
        EdgeIndex full = EdgeIndex.of(2, new int[] {0, 1, 0, 1}, new int[] {0, 0, 1, 1});
        float[] w = {0.3f, 0f, 0.7f, 0f, 0.5f, 1f, 0.5f, 0f};
        AttentionRecord r = new AttentionRecord("cross", AttentionKind.TEMPORAL, full, g,
                new Shape(1, 2, 2, 2), new Shape(1, 2, 2, 2, 4), w);

        AttentionMatrix step0 = SpatialAttentionMatrix.of(r, 0, 0);
        AttentionMatrix edge1 = TemporalAttentionMatrix.of(r, 0, 1);

        // step 0: edge 1->0 carries 0.3 + 0.7, edge 0->1 carries 0 (fully masked)
        assertThat(step0.get(0, 1)).isCloseTo(1.0, within(1e-6));
        assertThat(step0.get(1, 0)).isZero();
        assertThat(edge1.values()).isDeepEqualTo(new double[][] {{0, 0}, {1, 0}});
        assertThatThrownBy(() -> TemporalAttentionMatrix.of(r, 0, 2))
                .hasMessageContaining("spatial edge 2 is out of range");
    }

    @Test
    void sameStepViewReadsTheWeightOnTheTargetStepItself() {
        EdgeIndex g = EdgeIndex.of(2, new int[] {1, 0}, new int[] {0, 1});
        EdgeIndex full = EdgeIndex.of(2, new int[] {0, 1, 0, 1}, new int[] {0, 0, 1, 1});
        float[] w = {0.3f, 0f, 0.7f, 0f, 0.5f, 1f, 0.5f, 0f};
        AttentionRecord r = new AttentionRecord("cross", AttentionKind.TEMPORAL, full, g,
                new Shape(1, 2, 2, 2), new Shape(1, 2, 2, 2, 4), w);

        AttentionMatrix step0 = SpatialAttentionMatrix.sameStep(r, 0, 0);
        AttentionMatrix step1 = SpatialAttentionMatrix.sameStep(r, 0, 1);

        // w[t, s = t, e]: step 0 -> edge 1->0 0.3, edge 0->1 0; step 1 -> 0.5 and 0
        assertThat(step0.values()).isDeepEqualTo(new double[][] {{0, 0.3f}, {0, 0}});
        assertThat(step1.values()).isDeepEqualTo(new double[][] {{0, 0.5f}, {0, 0}});
        assertThat(step1.isAllowed(1, 0)).isTrue();
        assertThat(step1.isAllowed(0, 0)).isFalse();
        assertThatThrownBy(() -> SpatialAttentionMatrix.sameStep(spatialRecord(), 0, 0))
                .hasMessageContaining("the same-step view needs temporal weights per spatial edge");
        assertThatThrownBy(() -> SpatialAttentionMatrix.sameStep(r, 0, 2))
                .hasMessageContaining("step 2 is out of range");
    }

    @Test
    void statisticsOfEvenAndPreviousStepAttention() {
        AttentionMatrix even = TemporalAttentionMatrix.of(strictRecord(), 0, 0);
        AttentionMatrix previous = TemporalAttentionMatrix.of(strictRecord(), 0, 1);

        AttentionStatistics e = AttentionStatistics.of(even);
        AttentionStatistics p = AttentionStatistics.of(previous);
        AttentionStatistics both = AttentionStatistics.mean(List.of(even, previous));

        // rows 1..3 have attention; row 1 has one allowed key (relative entropy 0)
        assertThat(e.locality()).isCloseTo(1.5, within(1e-6));
        assertThat(e.entropy()).isCloseTo((0 + Math.log(2) + Math.log(3)) / 3, within(1e-6));
        assertThat(e.relativeEntropy()).isCloseTo((0 + 1 + 1) / 3.0, within(1e-6));
        assertThat(p.locality()).isCloseTo(1.0, within(1e-6));
        assertThat(p.entropy()).isCloseTo(0, within(1e-9));
        assertThat(p.relativeEntropy()).isCloseTo(0, within(1e-9));
        assertThat(p.symmetry()).isCloseTo(1 - 1 / Math.sqrt(2), within(1e-6));
        assertThat(both.locality()).isCloseTo(1.25, within(1e-6));
        assertThat(both.relativeEntropy()).isCloseTo(1 / 3.0, within(1e-6));
        assertThat(both.matrices()).isEqualTo(2);
        assertThatThrownBy(() -> AttentionStatistics.mean(List.of()))
                .hasMessageContaining("expected at least one attention matrix");
    }
}
