package org.spinj.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.spinj.graph.EdgeIndex;

class TemporalEdgesTest {

    @Test
    void fullPairsCountTSquaredWithSelfPairsAndTTimesTMinusOneWithout() {
        assertThat(TemporalEdges.full(4, true).numPairs()).isEqualTo(16);
        assertThat(TemporalEdges.full(4, false).numPairs()).isEqualTo(12);
        assertThat(TemporalEdges.full(4, false).allows(2, 2)).isFalse();
        assertThat(TemporalEdges.full(4, false).allows(2, 3)).isTrue();
        assertThat(TemporalEdges.full(1, false).numPairs()).isZero();
    }

    @Test
    void causalMaskKeepsSourcesAtLeastLagStepsInThePast() {
        // T = 4, lag 1: target t sees s <= t - 1 -> 0 + 1 + 2 + 3 = 6 pairs
        assertThat(TemporalEdges.causal(4, 1).toMask())
                .isDeepEqualTo(new boolean[][] {
                    {false, false, false, false},
                    {true, false, false, false},
                    {true, true, false, false},
                    {true, true, true, false}
                });
        // lag 0 includes the diagonal: 1 + 2 + 3 + 4 = 10
        assertThat(TemporalEdges.causal(4, 0).numPairs()).isEqualTo(10);
        assertThat(TemporalEdges.causal(4, 4).numPairs()).isZero();
    }

    @Test
    void maxDistanceKeepsABandAroundTheDiagonal() {
        // T = 4, D = 1: 4 diagonal + 2 * 3 off-diagonal = 10
        assertThat(TemporalEdges.maxDistance(4, 1).numPairs()).isEqualTo(10);
        assertThat(TemporalEdges.maxDistance(4, 0)).isEqualTo(
                TemporalEdges.full(4, true).intersect(TemporalEdges.causal(4, 0))
                        .intersect(TemporalEdges.maxDistance(4, 0)));
        assertThat(TemporalEdges.maxDistance(4, 3)).isEqualTo(TemporalEdges.full(4, true));
    }

    @Test
    void causalAndMaxDistanceCombineByIntersection() {
        // T = 5, s in [t - 2, t - 1]: targets 0..4 see 0, 1, 2, 2, 2 sources = 7
        TemporalEdges e = TemporalEdges.causal(5, 1).intersect(TemporalEdges.maxDistance(5, 2));
        assertThat(e.numPairs()).isEqualTo(7);
        assertThat(e.allows(4, 2)).isTrue();
        assertThat(e.allows(4, 1)).isFalse();
        assertThat(TemporalEdges.full(3, true).withoutSelfPairs())
                .isEqualTo(TemporalEdges.full(3, false))
                .hasSameHashCodeAs(TemporalEdges.full(3, false));
    }

    @Test
    void edgeIndexGoesFromSourceStepToTargetStepInRowMajorOrder() {
        EdgeIndex idx = TemporalEdges.causal(3, 1).toEdgeIndex();
        // pairs (s -> t): 0->1, 0->2, 1->2
        assertThat(idx.numNodes()).isEqualTo(3);
        assertThat(idx.sources()).containsExactly(0, 0, 1);
        assertThat(idx.targets()).containsExactly(1, 2, 2);
    }

    @Test
    void maskAndEdgeIndexRoundTripExactly() {
        for (TemporalEdges e : List.of(TemporalEdges.full(5, true), TemporalEdges.full(5, false),
                TemporalEdges.causal(5, 2), TemporalEdges.maxDistance(5, 1),
                TemporalEdges.causal(6, 0).intersect(TemporalEdges.maxDistance(6, 3)))) {
            assertThat(TemporalEdges.fromMask(e.toMask())).isEqualTo(e);
            assertThat(TemporalEdges.fromEdgeIndex(e.toEdgeIndex())).isEqualTo(e);
            assertThat(TemporalEdges.fromEdgeIndex(e.toEdgeIndex()).toEdgeIndex())
                    .isEqualTo(e.toEdgeIndex());
            try (NDManager m = NDManager.newBaseManager()) {
                assertThat(TemporalEdges.fromMask(e.toMaskArray(m))).isEqualTo(e);
                NDArray f = e.toMaskArray(m, DataType.FLOAT64);
                assertThat(f.getDataType()).isEqualTo(DataType.FLOAT64);
                assertThat(TemporalEdges.fromMask(f)).isEqualTo(e);
                assertThat(f.sum().getDouble()).isEqualTo(e.numPairs());
            }
        }
        assertThat(TemporalEdges.full(3, true)).isNotEqualTo(TemporalEdges.full(4, true));
    }

    @Test
    void maskCopiesAreIndependentOfTheEdges() {
        TemporalEdges e = TemporalEdges.full(2, true);
        boolean[][] m = e.toMask();
        m[0][0] = false;
        assertThat(e.allows(0, 0)).isTrue();
        TemporalEdges from = TemporalEdges.fromMask(m);
        m[1][1] = false;
        assertThat(from.allows(1, 1)).isTrue();
    }

    @Test
    void badArgumentsAreRejectedWithTheValue() {
        assertThatThrownBy(() -> TemporalEdges.full(0, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the number of steps T must be > 0, got T = 0");
        assertThatThrownBy(() -> TemporalEdges.causal(-3, 0)).hasMessageContaining("T = -3");
        assertThatThrownBy(() -> TemporalEdges.causal(4, -1))
                .hasMessage("the causal lag must be >= 0, got -1");
        assertThatThrownBy(() -> TemporalEdges.maxDistance(4, -2))
                .hasMessage("the maximum distance must be >= 0, got -2");
        assertThatThrownBy(() -> TemporalEdges.fromMask(new boolean[][] {{true, true}, {true}}))
                .hasMessageContaining("row 1 has 1 columns");
        assertThatThrownBy(() -> TemporalEdges.fromMask(new boolean[0][]))
                .hasMessageContaining("T = 0");
        assertThatThrownBy(() -> TemporalEdges.full(3, true).intersect(TemporalEdges.full(4, true)))
                .hasMessageContaining("T = 3 and T = 4");
        assertThatThrownBy(() -> TemporalEdges.full(3, true).allows(3, 0))
                .hasMessageContaining("[0, 3)");
        try (NDManager m = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> TemporalEdges.fromMask(m.ones(new ai.djl.ndarray.types.Shape(2, 3))))
                    .hasMessageContaining("expected a [T, T] mask, got (2, 3)");
        }
    }

    @Test
    void reachIsTheLargestPairDistanceAndTheBandMaskListsEveryPair() {
        assertThat(TemporalEdges.full(5, true).reach()).isEqualTo(4);
        assertThat(TemporalEdges.maxDistance(5, 2).reach()).isEqualTo(2);
        assertThat(TemporalEdges.maxDistance(5, 0).reach()).isZero();
        assertThat(TemporalEdges.causal(5, 0).intersect(TemporalEdges.maxDistance(5, 1)).reach())
                .isEqualTo(1);
        TemporalEdges edges = TemporalEdges.maxDistance(4, 1).withoutSelfPairs();
        try (NDManager m = NDManager.newBaseManager()) {
            float[] band = edges.toBandMaskArray(m, 1, DataType.FLOAT32)
                    .toFloatArray();
            // rows t = 0..3, offsets s - t = -1, 0, +1
            assertThat(band).containsExactly(
                    0, 0, 1,
                    1, 0, 1,
                    1, 0, 1,
                    1, 0, 0);
            assertThatThrownBy(() -> TemporalEdges.full(4, true).toBandMaskArray(m, 1,
                    DataType.FLOAT32))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("misses pairs 3 steps apart");
        }
    }
}
