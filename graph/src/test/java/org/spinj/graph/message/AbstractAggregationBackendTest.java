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
 * Every backend must agree with plain Java loops (sum and max: outputs and gradients) and with
 * the dense-incidence backend's segment softmax (mean, softmax, masked edge softmax: outputs and
 * gradients), within 1e-5, on seeded random multigraphs, as Kruskal and Prim must agree in
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

    /** Channel-wise max per target by a loop, and the edge attaining it (-1 if none). */
    private static float[][] maxByLoop(float[] msg, float[] up, EdgeIndex g) {
        int n = g.numNodes();
        int e = g.numEdges();
        float[] out = new float[B * T * n * C];
        float[] grad = new float[msg.length];
        for (int bt = 0; bt < B * T; bt++) {
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < C; c++) {
                    int arg = -1;
                    for (int k = 0; k < e; k++) {
                        int at = (bt * e + k) * C + c;
                        boolean higher = arg < 0 || msg[at] > msg[(bt * e + arg) * C + c];
                        if (g.target(k) == i && higher) {
                            arg = k;
                        }
                    }
                    if (arg >= 0) {
                        out[(bt * n + i) * C + c] = msg[(bt * e + arg) * C + c];
                        grad[(bt * e + arg) * C + c] = up[(bt * n + i) * C + c];
                    }
                }
            }
        }
        return new float[][] {out, grad};
    }

    @Test
    void maxAgreesWithLoopIncludingGradientsOnRandomGraphs() {
        Random rnd = new Random(35);
        for (int i = 0; i < GRAPHS; i++) {
            EdgeIndex g = randomGraph(rnd);
            float[] msg = random(rnd, B * T * g.numEdges() * C);
            float[] up = random(rnd, B * T * g.numNodes() * C);
            float[][] expected = maxByLoop(msg, up, g);
            float[][] got = forwardBackward(backend(), Aggregation.MAX, g, msg, up);
            assertThat(got[0]).containsExactly(expected[0], withPrecision(1e-6f));
            // the gradient reaches only the edge attaining each maximum
            assertThat(got[1]).containsExactly(expected[1], withPrecision(1e-6f));
        }
    }

    @Test
    void maskedEdgeSoftmaxAgreesWithSegmentSoftmaxIncludingGradients() {
        Random rnd = new Random(36);
        for (int i = 0; i < GRAPHS; i++) {
            EdgeIndex g = randomGraph(rnd);
            float[] scores = random(rnd, B * T * g.numEdges() * 2);
            boolean[] keep = new boolean[B * T * g.numEdges()];
            for (int k = 0; k < keep.length; k++) {
                keep[k] = rnd.nextInt(3) > 0; // a third masked: some targets lose every edge
            }
            float[] up = random(rnd, scores.length);
            float[][] ref = edgeSoftmax(null, g, scores, keep, up);
            float[][] got = edgeSoftmax(backend(), g, scores, keep, up);
            assertClose(got[0], ref[0], "masked softmax weights");
            assertClose(got[1], ref[1], "masked softmax gradient");
        }
    }

    /**
     * Masked edge softmax of {@code [B, T, E, 2]} scores and its gradient; {@code kind == null}
     * runs the segment formulation on dense incidence, the reference.
     */
    private static float[][] edgeSoftmax(
            Backend kind, EdgeIndex g, float[] scoreData, boolean[] keep, float[] upstream) {
        try (NDManager m = NDManager.newBaseManager()) {
            Shape shape = new Shape(B, T, g.numEdges(), 2);
            NDArray scores = m.create(scoreData, shape);
            NDArray mask = m.create(keep, new Shape(B, T, g.numEdges(), 1));
            NDArray up = m.create(upstream, shape);
            scores.setRequiresGradient(true);
            GraphTensors graph = GraphTensors.of(g, scores);
            float[] out;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray alpha =
                        kind == null
                                ? EdgeSoftmax.bySegments(
                                        scores, graph, new DenseIncidenceBackend(), mask)
                                : EdgeSoftmax.softmax(scores, graph, kind.create(graph), mask);
                out = alpha.toFloatArray();
                gc.backward(alpha.mul(up).sum());
            }
            return new float[][] {out, scores.getGradient().toFloatArray()};
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
    void reductionsLeaveTheShapeOfTheirInputAlone() {
        // Shape.getShape() returns the live array of a shape that PtNDArray caches: editing it
        // in place had changed the messages' reported edge count to 1
        EdgeIndex g = EdgeIndex.of(3, new int[] {0, 1, 2}, new int[] {1, 1, 0});
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray msg = m.create(random(new Random(2), 2 * 3 * C), new Shape(2, 3, C));
            GraphTensors graph = GraphTensors.of(g, msg);
            AggregationBackend b = backend().create(graph);
            b.sum(msg, graph);
            b.max(msg, graph);
            EdgeSoftmax.softmax(msg, graph, b);
            assertThat(msg.getShape()).isEqualTo(new Shape(2, 3, C));
        }
    }

    @Test
    void reductionsLeaveNothingInTheGraphCache() {
        // arrays computed from cached tensors land in the cache's manager unless moved to the
        // data's: that would grow by some arrays on every training step
        EdgeIndex g = randomGraph(new Random(3));
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray msg = m.create(random(new Random(4), B * T * g.numEdges() * C),
                    new Shape(B, T, g.numEdges(), C));
            NDArray mask = m.ones(new Shape(B, T, g.numEdges(), 1)).gt(0.5f);
            GraphTensors graph = GraphTensors.of(g, msg);
            AggregationBackend b = backend().create(graph);
            int before = 0;
            for (int step = 0; step < 4; step++) {
                try (NDManager batch = m.newSubManager()) {
                    NDArray x = msg.duplicate();
                    x.attach(batch);
                    for (Aggregation agg : Aggregation.values()) {
                        agg.aggregate(x, graph, b);
                        agg.edgeWeights(x, graph, b);
                    }
                    EdgeSoftmax.softmax(x, graph, b, mask);
                }
                if (step == 0) {
                    before = graph.cachedArrayCount(); // layouts are built on first use
                }
            }
            assertThat(graph.cachedArrayCount()).isEqualTo(before);
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
