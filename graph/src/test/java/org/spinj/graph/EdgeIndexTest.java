package org.spinj.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.junit.jupiter.api.Test;

class EdgeIndexTest {

    // 4 nodes: 1->0, 2->0, 0->1, 3->1, 2->2
    private final EdgeIndex index =
            EdgeIndex.of(4, new int[] {1, 2, 0, 3, 2}, new int[] {0, 0, 1, 1, 2},
                    new float[] {0.5f, 1f, 1f, 0.2f, 0.7f});

    @Test
    void degreesCountIncomingAndOutgoingEdges() {
        assertThat(index.inDegree()).containsExactly(2, 2, 1, 0);
        assertThat(index.outDegree()).containsExactly(1, 1, 2, 1);
    }

    @Test
    void rejectsOutOfRangeNodesNamingEdgeAndValue() {
        assertThatThrownBy(() -> EdgeIndex.of(3, new int[] {0, 1}, new int[] {1, 9}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("edge 1 has target 9, expected 0 <= target < numNodes = 3");
        assertThatThrownBy(() -> EdgeIndex.of(0, new int[0], new int[0]))
                .hasMessageContaining("numNodes must be > 0, got 0");
        assertThatThrownBy(() -> EdgeIndex.of(2, new int[] {0}, new int[] {1}, new float[] {-1f}))
                .hasMessageContaining("edge 0 has weight -1.0");
        assertThatThrownBy(
                        () -> EdgeIndex.of(2, new int[] {0}, new int[] {1}, new float[] {Float.NaN}))
                .hasMessageContaining("weight NaN");
        assertThatThrownBy(() -> EdgeIndex.of(2, new int[] {0, 1}, new int[] {1}))
                .hasMessageContaining("2 sources and 1 targets");
    }

    @Test
    void sortByTargetMakesIncomingEdgesContiguous() {
        EdgeIndex sorted = index.reverse().sortedByTarget();
        // reversed: 0->1, 0->2, 1->0, 1->3, 2->2 ; sorted by target then source
        assertThat(sorted.targets()).containsExactly(0, 1, 2, 2, 3);
        assertThat(sorted.sources()).containsExactly(1, 0, 0, 2, 1);
        assertThat(sorted.targetPointers()).containsExactly(0, 1, 2, 4, 5);
    }

    @Test
    void symmetrizeTakesMaxWeightOfBothDirections() {
        EdgeIndex sym = index.symmetrized();
        // pairs {0,1}: weights 0.5 and 1 -> 1 both ways; {0,2}: 1; {1,3}: 0.2; loop 2->2: 0.7
        assertThat(sym.numEdges()).isEqualTo(7);
        for (int e = 0; e < sym.numEdges(); e++) {
            int s = sym.source(e);
            int t = sym.target(e);
            float expected =
                    s == t ? 0.7f : (Math.min(s, t) == 0 && Math.max(s, t) == 1) ? 1f
                            : (Math.min(s, t) == 1 ? 0.2f : 1f);
            assertThat(sym.weight(e)).as("edge %d->%d", s, t).isEqualTo(expected);
        }
        assertThat(sym.symmetrized()).isEqualTo(sym);
    }

    @Test
    void selfLoopsAreAddedOnlyWhereMissingAndRemoved() {
        EdgeIndex loops = index.withSelfLoops(1f);
        assertThat(loops.numEdges()).isEqualTo(5 + 3);
        assertThat(loops.withoutSelfLoops().numEdges()).isEqualTo(4);
        assertThat(index.hasSelfLoops()).isTrue();
        assertThat(index.withoutSelfLoops().hasSelfLoops()).isFalse();
    }

    @Test
    void subgraphRenumbersNodes() {
        EdgeIndex sub = index.subgraph(new int[] {3, 1});
        // only 3->1 survives; 3 becomes 0 and 1 becomes 1
        assertThat(sub.numNodes()).isEqualTo(2);
        assertThat(sub.sources()).containsExactly(0);
        assertThat(sub.targets()).containsExactly(1);
        assertThat(sub.weights()).containsExactly(0.2f);
        assertThatThrownBy(() -> index.subgraph(new int[] {1, 1}))
                .hasMessageContaining("listed twice");
    }

    @Test
    void jgraphtRoundTrip() {
        EdgeIndex noLoops = index.withoutSelfLoops();
        Graph<Integer, DefaultWeightedEdge> g = noLoops.toJGraphT();
        assertThat(g.edgeSet()).hasSize(4);
        assertThat(EdgeIndex.fromJGraphT(g, true)).isEqualTo(noLoops.sortedByTarget());
        assertThatThrownBy(index::toJGraphT).hasMessageContaining("withoutSelfLoops");
    }

    @Test
    void ndarrayRoundTripAndFingerprint() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray arr = index.toNDArray(manager);
            assertThat(arr.getShape().getShape()).containsExactly(2, 5);
            assertThat(EdgeIndex.fromNDArray(4, arr)).isEqualTo(index.unweighted());
        }
        assertThat(index.fingerprint())
                .hasSize(64)
                .isEqualTo(EdgeIndex.of(4, index.sources(), index.targets(), index.weights()).fingerprint())
                .isNotEqualTo(index.unweighted().fingerprint());
        assertThat(index.fingerprint()).isNotEqualTo(index.reverse().fingerprint());
    }
}
