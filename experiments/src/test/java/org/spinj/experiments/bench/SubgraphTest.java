package org.spinj.experiments.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.spinj.graph.EdgeIndex;

class SubgraphTest {

    /** A path 0-1-2-3-4 with a chord 0-2, plus an isolated pair 5-6, both directions. */
    private static EdgeIndex graph() {
        int[][] undirected = {{0, 1}, {1, 2}, {2, 3}, {3, 4}, {5, 6}, {0, 2}};
        int[] s = new int[undirected.length * 2];
        int[] t = new int[undirected.length * 2];
        float[] w = new float[undirected.length * 2];
        for (int e = 0; e < undirected.length; e++) {
            s[2 * e] = undirected[e][0];
            t[2 * e] = undirected[e][1];
            s[2 * e + 1] = undirected[e][1];
            t[2 * e + 1] = undirected[e][0];
            w[2 * e] = e + 1;
            w[2 * e + 1] = e + 1;
        }
        return EdgeIndex.of(7, s, t, w);
    }

    @Test
    void keepsTheInducedConnectedSubgraphOfTheFirstNodesReachedBreadthFirst() {
        EdgeIndex sub = SpinBenchCommand.subgraph(graph(), 3);
        assertThat(sub.numNodes()).isEqualTo(3);
        // 0, then its neighbours 1 and 2: edges 0-1, 1-2, 0-2 in both directions
        assertThat(sub.numEdges()).isEqualTo(6);
        for (int e = 0; e < sub.numEdges(); e++) {
            assertThat(sub.source(e)).isBetween(0, 2);
            assertThat(sub.target(e)).isBetween(0, 2);
            assertThat(sub.weight(e)).isIn(1f, 2f, 6f);
        }
    }

    @Test
    void continuesInAnotherComponentWhenOneIsExhausted() {
        EdgeIndex sub = SpinBenchCommand.subgraph(graph(), 6);
        assertThat(sub.numNodes()).isEqualTo(6);
        // the five path and chord edges, both directions; node 5 without its partner
        assertThat(sub.numEdges()).isEqualTo(10);
        assertThat(SpinBenchCommand.subgraph(graph(), 7).numEdges()).isEqualTo(12);
    }
}
