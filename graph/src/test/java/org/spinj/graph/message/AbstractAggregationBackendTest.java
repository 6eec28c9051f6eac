package org.spinj.graph.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withPrecision;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.spinj.graph.EdgeIndex;

/**
 * Every backend must agree with a plain Java loop (outputs) and with the dense-incidence
 * backend (gradients), within 1e-5, on seeded random graphs, as Kruskal and Prim must agree in
 * JGraphT's spanning-tree tests. Subclasses supply the backend.
 */
abstract class AbstractAggregationBackendTest {

    private static final int GRAPHS = 25;
    private static final int B = 2;
    private static final int T = 3;
    private static final int C = 4;

    abstract Backend backend();

    /** Random multigraph: duplicates and self-loops allowed, unsorted, some nodes isolated. */
    static EdgeIndex randomGraph(Random rnd) {
        int n = 1 + rnd.nextInt(12);
        int e = 1 + rnd.nextInt(3 * n);
        int[] s = new int[e];
        int[] t = new int[e];
        for (int k = 0; k < e; k++) {
            s[k] = rnd.nextInt(n);
            t[k] = rnd.nextInt(Math.max(1, n - 1)); // the last node never receives
        }
        return EdgeIndex.of(n, s, t);
    }

    private static float[] sumByLoop(float[] msg, EdgeIndex g) {
        int n = g.numNodes();
        int e = g.numEdges();
        float[] out = new float[B * T * n * C];
        for (int bt = 0; bt < B * T; bt++) {
            for (int k = 0; k < e; k++) {
                for (int c = 0; c < C; c++) {
                    out[(bt * n + g.target(k)) * C + c] += msg[(bt * e + k) * C + c];
                }
            }
        }
        return out;
    }

    private static float[][] forwardBackward(
            Backend kind, Aggregation agg, EdgeIndex g, float[] msgData, float[] upstream) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray msg = m.create(msgData, new Shape(B, T, g.numEdges(), C));
            NDArray up = m.create(upstream, new Shape(B, T, g.numNodes(), C));
            msg.setRequiresGradient(true);
            GraphTensors graph = GraphTensors.of(g, msg);
            float[] out;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray o = agg.aggregate(msg, graph, kind.create(graph));
                out = o.toFloatArray();
                gc.backward(o.mul(up).sum());
            }
            return new float[][] {out, msg.getGradient().toFloatArray()};
        }
    }

    @Test
    void sumAgreesWithLoopAndGradientsAgreeOnRandomGraphs() {
        Random rnd = new Random(33);
        for (int i = 0; i < GRAPHS; i++) {
            EdgeIndex g = randomGraph(rnd);
            float[] msg = random(rnd, B * T * g.numEdges() * C);
            float[] up = random(rnd, B * T * g.numNodes() * C);
            float[][] got = forwardBackward(backend(), Aggregation.SUM, g, msg, up);
            assertThat(got[0]).containsExactly(sumByLoop(msg, g), withPrecision(1e-5f));
            // d(sum out * up)/d msg_e = up at the edge's target
            float[] expected = new float[msg.length];
            for (int bt = 0; bt < B * T; bt++) {
                for (int k = 0; k < g.numEdges(); k++) {
                    for (int c = 0; c < C; c++) {
                        expected[(bt * g.numEdges() + k) * C + c] =
                                up[(bt * g.numNodes() + g.target(k)) * C + c];
                    }
                }
            }
            assertThat(got[1]).containsExactly(expected, withPrecision(1e-5f));
        }
    }

    @Test
    void meanMaxAndSoftmaxAgreeWithDenseIncidenceIncludingGradients() {
        Random rnd = new Random(34);
        for (int i = 0; i < GRAPHS; i++) {
            EdgeIndex g = randomGraph(rnd);
            float[] msg = random(rnd, B * T * g.numEdges() * C);
            float[] up = random(rnd, B * T * g.numNodes() * C);
            for (Aggregation agg : new Aggregation[] {Aggregation.MEAN, Aggregation.MAX,
                Aggregation.SOFTMAX}) {
                float[][] ref = forwardBackward(Backend.DENSE_INCIDENCE, agg, g, msg, up);
                float[][] got = forwardBackward(backend(), agg, g, msg, up);
                assertClose(got[0], ref[0], agg + " output");
                assertClose(got[1], ref[1], agg + " gradient");
            }
        }
    }

    @Test
    void isolatedNodesReceiveExactZeros() {
        EdgeIndex g = EdgeIndex.of(3, new int[] {0, 1}, new int[] {1, 1});
        float[] msg = random(new Random(1), B * T * 2 * C);
        for (Aggregation agg : Aggregation.values()) {
            float[] out = forwardBackward(backend(), agg, g, msg, new float[B * T * 3 * C])[0];
            for (int bt = 0; bt < B * T; bt++) {
                for (int c = 0; c < C; c++) {
                    assertThat(out[(bt * 3) * C + c]).as("%s node 0", agg).isZero();
                    assertThat(out[(bt * 3 + 2) * C + c]).as("%s node 2", agg).isZero();
                }
            }
        }
    }

    /** Compares within 1e-5, naming the worst position instead of printing both arrays. */
    static void assertClose(float[] actual, float[] expected, String what) {
        assertThat(actual).as(what + " length").hasSameSizeAs(expected);
        int worst = 0;
        for (int k = 0; k < actual.length; k++) {
            if (Math.abs(actual[k] - expected[k]) > Math.abs(actual[worst] - expected[worst])) {
                worst = k;
            }
        }
        if (actual.length > 0) {
            assertThat(actual[worst])
                    .as("%s at %d of %d", what, worst, actual.length)
                    .isCloseTo(expected[worst], org.assertj.core.api.Assertions.within(1e-5f));
        }
    }

    private static float[] random(Random rnd, int size) {
        float[] a = new float[size];
        for (int k = 0; k < size; k++) {
            a[k] = (float) rnd.nextGaussian();
        }
        return a;
    }
}
