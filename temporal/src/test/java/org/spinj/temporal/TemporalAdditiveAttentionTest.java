package org.spinj.temporal;

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
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.spinj.graph.EdgeIndex;
import org.spinj.graph.listen.AttentionKind;
import org.spinj.graph.listen.AttentionRecord;
import org.spinj.graph.listen.AttentionRecorder;
import org.spinj.graph.listen.ListenerRegistration;
import org.spinj.temporal.TemporalAdditiveAttention.Formulation;
import org.spinj.temporal.TemporalAdditiveAttention.MessageWeights;
import org.spinj.temporal.TemporalAdditiveAttention.Reweight;

class TemporalAdditiveAttentionTest {

    private static final int B = 2;
    private static final int T = 4;
    private static final int M = 3;
    private static final int C = 3;
    private static final int D = 4;

    private NDManager manager;

    @BeforeEach
    void setUp() {
        Engine.getInstance().setRandomSeed(7);
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void tearDown() {
        manager.close();
    }

    private TemporalAdditiveAttention block(Reweight reweight, DataType type) {
        return block(reweight, type, TemporalAdditiveAttention.DEFAULT_CHUNK_ELEMENTS);
    }

    private TemporalAdditiveAttention block(Reweight reweight, DataType type, long chunk) {
        TemporalAdditiveAttention b =
                TemporalAdditiveAttention.builder()
                        .setChannels(D)
                        .optReweight(reweight)
                        .optChunkElements(chunk)
                        .optChunkThreshold(0) // always chunk: the chunked path is under test
                        .build();
        b.initialize(manager, type, new Shape(B, T, M, C), new Shape(B, T, M, C));
        return b;
    }

    private NDArray random(Random rnd, DataType type, long... shape) {
        double[] v = new double[(int) new Shape(shape).size()];
        for (int k = 0; k < v.length; k++) {
            v[k] = rnd.nextGaussian();
        }
        return manager.create(v, new Shape(shape)).toType(type, false);
    }

    /** Batch 0 node 0 has no observed step; batch 1 misses steps 1 and 3 on node 2. */
    private NDArray mask() {
        boolean[] m = new boolean[B * T * M];
        java.util.Arrays.fill(m, true);
        for (int t = 0; t < T; t++) {
            m[(0 * T + t) * M] = false;
        }
        m[(1 * T + 1) * M + 2] = false;
        m[(1 * T + 3) * M + 2] = false;
        return manager.create(m, new Shape(B, T, M, 1));
    }

    /** Output and all gradients (inputs, then parameters in order) of sum(out * probe). */
    private List<double[]> run(TemporalAdditiveAttention block, Formulation f, NDArray s,
            NDArray q, NDArray mask, TemporalEdges edges, NDArray probe) {
        block.setFormulation(f);
        List<double[]> res = new ArrayList<>();
        try (NDManager sub = manager.newSubManager()) {
            NDArray src = s.duplicate();
            NDArray tgt = q.duplicate();
            src.attach(sub);
            tgt.attach(sub);
            src.setRequiresGradient(true);
            tgt.setRequiresGradient(true);
            ParameterStore ps = new ParameterStore(sub, false);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.zeroGradients();
                NDArray out = block.forward(ps, src, tgt, mask, edges, true);
                res.add(out.toType(DataType.FLOAT64, false).toDoubleArray());
                gc.backward(out.mul(probe).sum());
            }
            res.add(grad(src, sub));
            res.add(grad(tgt, sub));
            for (Pair<String, Parameter> p : block.getParameters()) {
                res.add(grad(p.getValue().getArray(), sub));
            }
        }
        return res;
    }

    private static double[] grad(NDArray a, NDManager sub) {
        NDArray g = a.getGradient();
        g.attach(sub);
        double[] v = g.toType(DataType.FLOAT64, false).toDoubleArray();
        g.subi(g); // zero in place for the next run
        return v;
    }

    @ParameterizedTest
    @EnumSource(Reweight.class)
    void denseFormulationsEqualTheEdgeListReferenceInOutputsAndGradients(Reweight reweight) {
        // 300 elements = 2 of the 3 M entries per chunk (B Tt Ts D = 128): uneven chunks
        TemporalAdditiveAttention block = block(reweight, DataType.FLOAT32, 300);
        Random rnd = new Random(11);
        NDArray s = random(rnd, DataType.FLOAT32, B, T, M, C);
        NDArray q = random(rnd, DataType.FLOAT32, B, T, M, C);
        NDArray probe = random(rnd, DataType.FLOAT32, B, T, M, D);
        List<TemporalEdges> pairSets =
                List.of(
                        TemporalEdges.full(T, true),
                        TemporalEdges.full(T, false),
                        TemporalEdges.causal(T, 1).intersect(TemporalEdges.maxDistance(T, 2)));
        for (TemporalEdges edges : pairSets) {
            for (NDArray mask : new NDArray[] {null, mask()}) {
                List<double[]> ref = run(block, Formulation.EDGE_LIST, s, q, mask, edges, probe);
                for (Formulation f : new Formulation[] {Formulation.FACTORED, Formulation.DENSE}) {
                    List<double[]> got = run(block, f, s, q, mask, edges, probe);
                    assertThat(got).hasSameSizeAs(ref);
                    for (int k = 0; k < ref.size(); k++) {
                        assertThat(got.get(k))
                                .as("%s %s %s mask=%s item %d", reweight, f, edges, mask != null, k)
                                .containsExactly(ref.get(k), within(1e-5));
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Reweight.class)
    void bandedPathEqualsTheEdgeListReferenceInOutputsAndGradients(Reweight reweight) {
        // T = 9 steps: bands of reach 1..3 (3..7 offsets) take the banded path (2r + 1 < T);
        // 400 elements = 1 of the 3 M entries per chunk (B Tt (2r+1) D >= 216): chunked too
        int steps = 9;
        Random rnd = new Random(5);
        NDArray s = random(rnd, DataType.FLOAT32, B, steps, M, C);
        NDArray q = random(rnd, DataType.FLOAT32, B, steps, M, C);
        NDArray probe = random(rnd, DataType.FLOAT32, B, steps, M, D);
        boolean[] holes = new boolean[B * steps * M];
        for (int k = 0; k < holes.length; k++) {
            holes[k] = rnd.nextDouble() > 0.4; // ~40% missing, some targets with no valid source
        }
        NDArray mask = manager.create(holes, new Shape(B, steps, M, 1));
        List<TemporalEdges> bands =
                List.of(
                        TemporalEdges.maxDistance(steps, 1),
                        TemporalEdges.maxDistance(steps, 2).withoutSelfPairs(),
                        TemporalEdges.causal(steps, 0).intersect(TemporalEdges.maxDistance(steps, 3)));
        for (long chunk : new long[] {TemporalAdditiveAttention.DEFAULT_CHUNK_ELEMENTS, 400}) {
            TemporalAdditiveAttention block = block(reweight, DataType.FLOAT32, chunk);
            for (TemporalEdges edges : bands) {
                assertThat(TemporalAdditiveAttention.bandReach(edges, steps, steps))
                        .as("%s takes the banded path", edges).isEqualTo(edges.reach());
                for (NDArray m : new NDArray[] {null, mask}) {
                    List<double[]> ref = run(block, Formulation.EDGE_LIST, s, q, m, edges, probe);
                    List<double[]> got = run(block, Formulation.FACTORED, s, q, m, edges, probe);
                    assertThat(got).hasSameSizeAs(ref);
                    for (int k = 0; k < ref.size(); k++) {
                        assertThat(got.get(k))
                                .as("%s reach %d chunk %d mask=%s item %d", reweight,
                                        edges.reach(), chunk, m != null, k)
                                .containsExactly(ref.get(k), within(1e-5));
                    }
                }
            }
        }
    }

    @Test
    void goldenSoftmaxOverTwoSourcesMatchesHandComputation() {
        // D = 1, identity msg_nn on positive inputs: r[s->t] = a_src[s] = 1, 2; gate = r
        // alpha = softmax(1, 2) = (0.268941, 0.731059); out = 0.268941 + 2 * 0.731059 = 1.731059
        NDArray one = manager.create(new float[] {1f}, new Shape(1, 1));
        MessageWeights w =
                new MessageWeights(
                        manager.create(new float[] {0.2f}),
                        one,
                        manager.zeros(new Shape(1)),
                        manager.create(new float[] {0.25f}),
                        one,
                        manager.zeros(new Shape(1)),
                        one,
                        null);
        NDArray aSrc = manager.create(new float[] {1f, 2f}, new Shape(1, 2, 1, 1));
        NDArray aTgt = manager.zeros(new Shape(1, 2, 1, 1));
        for (Formulation f : Formulation.values()) {
            NDList res =
                    TemporalAdditiveAttention.attend(w, aSrc, aTgt, null, TemporalEdges.full(2, true),
                            Reweight.SOFTMAX, f, 1L << 20, true);
            assertThat(res.get(0).toFloatArray())
                    .as("%s", f)
                    .containsExactly(new float[] {1.731059f, 1.731059f}, within(1e-5f));
            assertThat(res.get(1).toFloatArray())
                    .containsExactly(
                            new float[] {0.268941f, 0.731059f, 0.268941f, 0.731059f}, within(1e-6f));
        }
    }

    @ParameterizedTest
    @EnumSource(Reweight.class)
    void maskedSourcesGetZeroWeightAndRowsSumToOneOrZero(Reweight reweight) {
        TemporalAdditiveAttention block = block(reweight, DataType.FLOAT32);
        Random rnd = new Random(3);
        NDArray s = random(rnd, DataType.FLOAT32, B, T, M, C);
        NDArray mask = mask();
        TemporalEdges edges = TemporalEdges.full(T, false);
        AttentionRecorder recorder = new AttentionRecorder();
        block.setLayerId("layer0.self");
        EdgeIndex spatial = EdgeIndex.of(3, new int[] {0, 1, 2}, new int[] {1, 2, 0});
        NDArray out;
        try (ListenerRegistration reg = block.addMessageListener(recorder)) {
            NDArray a = block.projectSource(new ParameterStore(manager, false), s, false);
            NDArray b = block.projectTarget(new ParameterStore(manager, false), s, false);
            out = block.attendProjected(new ParameterStore(manager, false), a, b, mask, edges,
                    spatial, false);
        }
        AttentionRecord rec = recorder.latest("layer0.self").orElseThrow();
        assertThat(rec.kind()).isEqualTo(AttentionKind.TEMPORAL);
        assertThat(rec.edgeIndex()).isEqualTo(edges.toEdgeIndex());
        assertThat(rec.spatialIndex()).isEqualTo(spatial);
        assertThat(rec.weightShape()).isEqualTo(new Shape(B, T, T, M));
        assertThat(rec.messageShape()).isEqualTo(new Shape(B, T * (T - 1), M, D));
        boolean[] observed = mask.toBooleanArray();
        float[] o = out.toFloatArray();
        for (int b = 0; b < B; b++) {
            for (int t = 0; t < T; t++) {
                for (int m = 0; m < M; m++) {
                    double sum = 0;
                    int validCount = 0;
                    for (int src = 0; src < T; src++) {
                        float a = rec.weight(b, t, src, m);
                        boolean valid = src != t && observed[(b * T + src) * M + m];
                        if (!valid) {
                            assertThat(a).as("b%d t%d s%d m%d", b, t, src, m).isZero();
                        } else {
                            validCount++;
                        }
                        sum += a;
                    }
                    if (validCount == 0) {
                        assertThat(sum).isZero();
                        for (int c = 0; c < D; c++) {
                            assertThat(o[((b * T + t) * M + m) * D + c]).isZero();
                        }
                    } else if (reweight == Reweight.SOFTMAX) {
                        assertThat(sum).isCloseTo(1.0, within(1e-6));
                    } else if (reweight == Reweight.L1) {
                        assertThat(sum).isCloseTo(1.0, within(1e-4)).isLessThan(1.0);
                    }
                }
            }
        }
        for (float v : o) {
            assertThat(v).isFinite();
        }
        recorder.clear();
        block.attendProjected(new ParameterStore(manager, false),
                block.projectSource(new ParameterStore(manager, false), s, false),
                block.projectTarget(new ParameterStore(manager, false), s, false),
                mask, edges, null, false);
        assertThat(recorder.records()).as("no report after the registration closed").isEmpty();
    }

    @Test
    void targetWithoutAnyAllowedSourceReceivesExactlyZero() {
        TemporalAdditiveAttention block = block(Reweight.SOFTMAX, DataType.FLOAT32);
        NDArray s = random(new Random(5), DataType.FLOAT32, B, T, M, C);
        for (Formulation f : Formulation.values()) {
            block.setFormulation(f);
            NDArray out =
                    block.forward(new ParameterStore(manager, false), s, s, null,
                            TemporalEdges.causal(T, 1), false);
            float[] first = out.get(":, 0").toFloatArray(); // step 0 has no past
            assertThat(first).as("%s", f).containsOnly(0f);
            assertThat(out.get(":, 1").abs().sum().getFloat()).isPositive();
        }
    }

    @ParameterizedTest
    @EnumSource(Reweight.class)
    void factoredGradientsMatchCentralFiniteDifferencesInFloat64(Reweight reweight) {
        TemporalAdditiveAttention block = block(reweight, DataType.FLOAT64);
        Random rnd = new Random(17);
        NDArray s = random(rnd, DataType.FLOAT64, B, T, M, C);
        NDArray q = random(rnd, DataType.FLOAT64, B, T, M, C);
        NDArray probe = random(rnd, DataType.FLOAT64, B, T, M, D);
        NDArray mask = mask();
        TemporalEdges edges = TemporalEdges.full(T, false);
        List<double[]> analytic = run(block, Formulation.FACTORED, s, q, mask, edges, probe);
        double h = 1e-6;
        // source input: a few entries
        double[] sv = s.toDoubleArray();
        for (int k : new int[] {0, 7, 23, 50, sv.length - 1}) {
            double[] plus = sv.clone();
            double[] minus = sv.clone();
            plus[k] += h;
            minus[k] -= h;
            double fd = (loss(block, manager.create(plus, s.getShape()), q, mask, edges, probe)
                    - loss(block, manager.create(minus, s.getShape()), q, mask, edges, probe))
                    / (2 * h);
            assertThat(analytic.get(1)[k]).as("dS[%d]", k).isCloseTo(fd, within(1e-6));
        }
        // every parameter: its first and last entries
        int pi = 3;
        for (Pair<String, Parameter> p : block.getParameters()) {
            NDArray arr = p.getValue().getArray();
            double[] orig = arr.toDoubleArray();
            for (int k : new int[] {0, orig.length - 1}) {
                double[] v = orig.clone();
                v[k] = orig[k] + h;
                arr.set(v);
                double lp = loss(block, s, q, mask, edges, probe);
                v[k] = orig[k] - h;
                arr.set(v);
                double lm = loss(block, s, q, mask, edges, probe);
                arr.set(orig);
                assertThat(analytic.get(pi)[k])
                        .as("%s[%d]", p.getKey(), k)
                        .isCloseTo((lp - lm) / (2 * h), within(1e-6));
            }
            pi++;
        }
    }

    private double loss(TemporalAdditiveAttention block, NDArray s, NDArray q, NDArray mask,
            TemporalEdges edges, NDArray probe) {
        block.setFormulation(Formulation.FACTORED);
        try (NDManager sub = manager.newSubManager()) {
            NDArray src = s.duplicate();
            src.attach(sub);
            NDArray out = block.forward(new ParameterStore(sub, false), src, q, mask, edges, false);
            return out.mul(probe).sum().getDouble();
        }
    }

    @Test
    void parametersFollowSpinShapesAndInitialisationEvenAfterAnotherInitializer() {
        TemporalAdditiveAttention b =
                TemporalAdditiveAttention.builder().setChannels(8).optReweight(Reweight.L1).build();
        b.setInitializer(new ConstantInitializer(7f), Parameter.Type.WEIGHT);
        b.initialize(manager, DataType.FLOAT32, new Shape(1, 4, 2, 5), new Shape(1, 4, 2, 6));
        var p = b.getParameters();
        assertThat(p.get("lin_src_weight").getArray().getShape()).isEqualTo(new Shape(8, 5));
        assertThat(p.get("lin_tgt_weight").getArray().getShape()).isEqualTo(new Shape(8, 6));
        assertThat(p.get("lin_src_bias").getArray().toFloatArray()).containsOnly(0f);
        assertThat(p.get("msg_prelu1").getArray().toFloatArray()).containsExactly(0.2f);
        assertThat(p.get("msg_prelu2").getArray().toFloatArray()).containsExactly(0.25f);
        assertThat(p.get("msg_gate_weight").getArray().getShape()).isEqualTo(new Shape(1, 8));
        assertThat(p.get("msg_gate_bias").getArray().getShape()).isEqualTo(new Shape(1));
        float glorot = (float) Math.sqrt(6.0 / (5 + 8));
        float[] w = p.get("lin_src_weight").getArray().toFloatArray();
        for (float v : w) {
            assertThat(Math.abs(v)).isLessThanOrEqualTo(glorot);
        }
        assertThat(max(w)).isGreaterThan(0.5f * glorot);
        float torchBound = (float) (1 / Math.sqrt(8));
        for (String name : new String[] {"msg_lin1_weight", "msg_lin2_bias", "msg_gate_weight"}) {
            float[] v = p.get(name).getArray().toFloatArray();
            assertThat(max(v)).as(name).isLessThanOrEqualTo(torchBound).isGreaterThan(0.3f * torchBound);
        }
        TemporalAdditiveAttention softmax = block(Reweight.SOFTMAX, DataType.FLOAT32);
        assertThat(softmax.getParameters().keys()).doesNotContain("msg_gate_bias").hasSize(10);
    }

    private static float max(float[] v) {
        float m = 0;
        for (float x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }

    @Test
    void forwardThroughTheBlockUsesTheEdgeRule() {
        TemporalAdditiveAttention self =
                TemporalAdditiveAttention.builder()
                        .setChannels(D)
                        .optEdges(t -> TemporalEdges.full(t, false))
                        .build();
        NDArray s = random(new Random(2), DataType.FLOAT32, B, T, M, C);
        self.initialize(manager, DataType.FLOAT32, s.getShape(), s.getShape());
        NDArray viaBlock =
                self.forward(new ParameterStore(manager, false), new NDList(s, s, mask()), false)
                        .singletonOrThrow();
        NDArray explicit = self.forward(new ParameterStore(manager, false), s, s, mask(),
                TemporalEdges.full(T, false), false);
        assertThat(viaBlock.toFloatArray()).containsExactly(explicit.toFloatArray());
        assertThat(self.getOutputShapes(new Shape[] {s.getShape(), s.getShape()}))
                .containsExactly(new Shape(B, T, M, D));
    }

    @Test
    void badArgumentsAreRejectedWithClearMessages() {
        assertThatThrownBy(() -> TemporalAdditiveAttention.builder().setChannels(0).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("channels must be >= 1, got 0");
        assertThatThrownBy(() -> TemporalAdditiveAttention.builder().setChannels(2).optLayerId(" ")
                        .build())
                .hasMessageContaining("layerId");
        TemporalAdditiveAttention block = block(Reweight.SOFTMAX, DataType.FLOAT32);
        ParameterStore ps = new ParameterStore(manager, false);
        NDArray a = manager.zeros(new Shape(B, T, M, D));
        assertThatThrownBy(() -> block.attendProjected(ps, a, manager.zeros(new Shape(B, T, M, 3)),
                        null, TemporalEdges.full(T, true), null, false))
                .hasMessageContaining("expected aSrc [B, Ts, M, D] and aTgt [B, Tt, M, D] with D = 4");
        assertThatThrownBy(() -> block.attendProjected(ps, a, a, null, TemporalEdges.full(5, true),
                        null, false))
                .hasMessageContaining("covers T = 5 steps, got Ts = 4");
        assertThatThrownBy(() -> block.attendProjected(ps, a, a, manager.ones(new Shape(B, T, 2, 1)),
                        TemporalEdges.full(T, true), null, false))
                .hasMessageContaining("expected a source mask [B, Ts, M, 1] = [2, 4, 3, 1]");
        EdgeIndex two = EdgeIndex.of(2, new int[] {0}, new int[] {1});
        assertThatThrownBy(() -> block.attendProjected(ps, a, a, null, TemporalEdges.full(T, true),
                        two, false))
                .hasMessageContaining("spatial index has 1 edges, but M = 3");
        assertThatThrownBy(() -> block.setLayerId("")).hasMessageContaining("blank");
        TemporalAdditiveAttention fresh = TemporalAdditiveAttention.builder().setChannels(D).build();
        assertThatThrownBy(() -> fresh.projectSource(ps, a, false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("initialize the block first");
        assertThatThrownBy(() -> TemporalAdditiveAttention.builder().setChannels(2)
                        .optChunkElements(0).build())
                .hasMessageContaining("chunkElements must be >= 1, got 0");
        assertThatThrownBy(() -> TemporalAdditiveAttention.builder().setChannels(2)
                        .optChunkThreshold(-1).build())
                .hasMessageContaining("chunkThreshold must be >= 0, got -1");
    }

    @Test
    void forwardAndBackwardDoNotLeakArraysIntoTheModelManager() {
        TemporalAdditiveAttention block = block(Reweight.SOFTMAX, DataType.FLOAT32);
        NDArray s = random(new Random(9), DataType.FLOAT32, B, T, M, C);
        NDArray mask = mask();
        AttentionRecorder recorder = new AttentionRecorder();
        int before = -1;
        try (ListenerRegistration reg = block.addMessageListener(recorder)) {
            for (int step = 0; step < 60; step++) {
                try (NDManager batch = manager.newSubManager()) {
                    NDArray x = s.duplicate();
                    x.attach(batch);
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        NDArray out = block.forward(new ParameterStore(batch, false), x, x, mask,
                                TemporalEdges.full(T, false), true);
                        gc.backward(out.sum());
                    }
                }
                int now = ((BaseNDManager) manager).getManagedArrays().size();
                if (step == 5) {
                    before = now;
                }
                if (step > 5) {
                    assertThat(now).as("arrays at step %d", step).isEqualTo(before);
                }
            }
        }
        assertThat(recorder.records()).hasSize(60);
    }
}
