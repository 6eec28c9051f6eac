package org.spinj.spin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import ai.djl.util.Pair;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.spinj.graph.EdgeIndex;

public class SpinModelTest {

    public static EdgeIndex ring(int n) {
        // i -> i+1 and i -> i+2 (mod n), plus a node (n-1) with no incoming edge from 0's side
        int[] s = new int[2 * n];
        int[] t = new int[2 * n];
        for (int i = 0; i < n; i++) {
            s[2 * i] = i;
            t[2 * i] = (i + 1) % n;
            s[2 * i + 1] = i;
            t[2 * i + 1] = (i + 2) % n;
        }
        return EdgeIndex.of(n, s, t);
    }

    public static NDArray random(NDManager m, SplittableRandom rnd, Shape shape) {
        float[] v = new float[(int) shape.size()];
        for (int k = 0; k < v.length; k++) {
            v[k] = (float) rnd.nextGaussian();
        }
        return m.create(v, shape);
    }

    public static NDArray randomMask(NDManager m, SplittableRandom rnd, Shape shape, double p) {
        float[] v = new float[(int) shape.size()];
        for (int k = 0; k < v.length; k++) {
            v[k] = rnd.nextDouble() < p ? 1f : 0f;
        }
        return m.create(v, shape);
    }

    static SpinModel initialized(NDManager m, int n, int b, int t, SpinConfig cfg) {
        SpinModel model = SpinModel.builder().setNumNodes(n).optConfig(cfg).build();
        model.initialize(
                m, DataType.FLOAT32, new Shape(b, t, n, 1), new Shape(b, t, n, 1), new Shape(b, t, 4));
        return model;
    }

    @Test
    void parameterCountMatchesTheReference() {
        Engine.getInstance().setRandomSeed(1);
        try (NDManager m = NDManager.newBaseManager()) {
            for (int n : new int[] {36, 207}) {
                SpinModel model = initialized(m, n, 1, 3, SpinConfig.DEFAULT);
                long count = 0;
                for (Pair<String, Parameter> p : model.getParameters()) {
                    count += p.getValue().getArray().size();
                }
                assertThat(count).as("N = %d", n).isEqualTo(51_636L + 96L * n);
            }
        }
    }

    @Test
    void logicalNamesDropChildOrderPrefixes() {
        assertThat(SpinModel.logicalName("06layer0_01cross_lin_src_weight"))
                .isEqualTo("layer0.cross.lin_src_weight");
        assertThat(SpinModel.logicalName("01ulin_weight")).isEqualTo("ulin.weight");
        assertThat(SpinModel.logicalName("node_emb")).isEqualTo("node_emb");
        Engine.getInstance().setRandomSeed(2);
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> names = initialized(m, 4, 1, 3, SpinConfig.DEFAULT).logicalParameters();
            assertThat(names)
                    .containsKeys(
                            "ulin.weight", "qmlp.readout.bias", "hmlp.lin1.weight", "hnorm_gamma",
                            "node_emb", "valid_emb", "mask_emb", "xskip3.weight",
                            "layer2.self.msg_gate_weight", "layer0.linskip.bias",
                            "layer1.norm_beta", "readout3.readout.weight");
        }
    }

    @Test
    void forwardAndGradientsEqualTheOracleTranscription() {
        Engine.getInstance().setRandomSeed(7);
        int n = 6;
        int b = 2;
        int t = 5;
        EdgeIndex edges = ring(n);
        SplittableRandom rnd = new SplittableRandom(11);
        try (NDManager m = NDManager.newBaseManager()) {
            SpinModel model = initialized(m, n, b, t, SpinConfig.DEFAULT);
            NDArray x = random(m, rnd, new Shape(b, t, n, 1));
            NDArray mask = randomMask(m, rnd, new Shape(b, t, n, 1), 0.5);
            // node 0 fully missing in batch 0: exercises fully masked groups
            mask.set(new ai.djl.ndarray.index.NDIndex("0, :, 0, :"), 0f);
            NDArray u = random(m, rnd, new Shape(b, t, 4));
            NDArray probe = random(m, rnd, new Shape(b, t, n, 1));
            ParameterStore ps = new ParameterStore(m, false);

            float[][] fast;
            Map<String, float[]> fastGrads = new HashMap<>();
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDList out = model.forward(ps, x, mask, u, edges, true);
                gc.backward(weightedSum(out, probe));
                fast = toArrays(out);
            }
            Map<String, NDArray> params = model.logicalParameters();
            params.forEach((k, a) -> fastGrads.put(k, takeGradient(a)));

            float[][] oracle;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDList out = new SpinOracle(params, 4, 3).forward(x, mask, u, edges);
                gc.backward(weightedSum(out, probe));
                oracle = toArrays(out);
            }
            for (int l = 0; l < fast.length; l++) {
                assertClose("readout " + l, fast[l], oracle[l], 1e-4);
            }
            for (Map.Entry<String, NDArray> e : params.entrySet()) {
                assertClose(
                        "grad " + e.getKey(),
                        fastGrads.get(e.getKey()),
                        takeGradient(e.getValue()),
                        1e-4);
            }
        }
    }

    @Test
    void inferenceInEdgeChunksEqualsOnePass() {
        Engine.getInstance().setRandomSeed(3);
        int n = 7;
        SplittableRandom rnd = new SplittableRandom(5);
        try (NDManager m = NDManager.newBaseManager()) {
            SpinModel model = initialized(m, n, 2, 4, SpinConfig.DEFAULT);
            NDArray x = random(m, rnd, new Shape(2, 4, n, 1));
            NDArray mask = randomMask(m, rnd, new Shape(2, 4, n, 1), 0.7);
            NDArray u = random(m, rnd, new Shape(2, 4, 4));
            ParameterStore ps = new ParameterStore(m, false);
            float[] whole = model.forward(ps, x, mask, u, ring(n), false).get(3).toFloatArray();
            model.layers().forEach(l -> l.setInferenceEdgeChunk(3));
            int before = ((BaseNDManager) m).getManagedArrays().size();
            float[] chunked;
            try (NDManager out = m.newSubManager()) {
                x.tempAttach(out);
                mask.tempAttach(out);
                u.tempAttach(out);
                chunked = model.forward(ps, x, mask, u, ring(n), false).get(3).toFloatArray();
            }
            assertClose("chunked inference", chunked, whole, 1e-5);
            assertThat(((BaseNDManager) m).getManagedArrays().size()).isEqualTo(before);
        }
    }

    /**
     * The first readout of {@code model} on the ring after node 0's input at {@code step} is raised
     * by 3 and marked observed in every window of the batch.
     */
    static float[] forwardWithNodeZeroRaised(SpinModel model, ParameterStore ps, NDManager m,
            NDArray x, NDArray mask, NDArray u, int step) {
        int batch = (int) x.getShape().get(0);
        int t = (int) x.getShape().get(1);
        int n = (int) x.getShape().get(2);
        float[] xv = x.toFloatArray();
        float[] mv = mask.toFloatArray();
        for (int b = 0; b < batch; b++) {
            xv[(b * t + step) * n] += 3f;
            mv[(b * t + step) * n] = 1f;
        }
        return model.forward(ps, m.create(xv, x.getShape()), m.create(mv, mask.getShape()), u,
                ring(n), false).get(0).toFloatArray();
    }

    @Test
    void temporalReachIsExactAndBoundsWhichNeighbourStepsAnInputReaches() {
        // T = 12, reach 1: the banded cross-attention (3 of 12 offsets) against the edge-list
        // reference on the same parameters, L = 3
        Engine.getInstance().setRandomSeed(4);
        int n = 6;
        int t = 12;
        SplittableRandom rnd = new SplittableRandom(8);
        SpinConfig cfg = SpinConfig.DEFAULT.withHiddenSize(8).withLayers(3, 2).withTemporalReach(1);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = random(m, rnd, new Shape(2, t, n, 1));
            NDArray mask = randomMask(m, rnd, new Shape(2, t, n, 1), 0.7);
            NDArray u = random(m, rnd, new Shape(2, t, 4));
            ParameterStore ps = new ParameterStore(m, false);
            SpinModel model = initialized(m, n, 2, t, cfg);
            float[] banded = model.forward(ps, x, mask, u, ring(n), false).get(2).toFloatArray();
            model.layers().forEach(l -> l.crossAttention().setFormulation(
                    org.spinj.temporal.TemporalAdditiveAttention.Formulation.EDGE_LIST));
            float[] reference = model.forward(ps, x, mask, u, ring(n), false).get(2).toFloatArray();
            assertClose("banded vs edge list", banded, reference, 1e-5);
            assertThat(model.layers().get(0).selfPairs(t)).isEqualTo(
                    org.spinj.temporal.TemporalEdges.full(t, false));

            // one layer: node 0's input at step 2 reaches its neighbours 1 and 2 (ring edges
            // 0 -> 1, 0 -> 2) at steps 1..3 only; its own steps all move (the temporal
            // self-attention spans the window); nodes 3..5 do not move at all
            SpinModel one = initialized(m, n, 2, t, cfg.withLayers(1, 1));
            float[] before = one.forward(ps, x, mask, u, ring(n), false).get(0).toFloatArray();
            int step = 2;
            float[] after = forwardWithNodeZeroRaised(one, ps, m, x, mask, u, step);
            for (int b = 0; b < 2; b++) {
                for (int s = 0; s < t; s++) {
                    for (int i = 1; i < n; i++) {
                        int k = (b * t + s) * n + i;
                        boolean reached = i <= 2 && Math.abs(s - step) <= 1;
                        if (reached) {
                            assertThat(Math.abs(after[k] - before[k]))
                                    .as("b %d step %d node %d moves", b, s, i).isGreaterThan(0f);
                        } else {
                            assertThat(after[k]).as("b %d step %d node %d", b, s, i)
                                    .isEqualTo(before[k]);
                        }
                    }
                }
            }
        }
    }

    @Test
    void temporalReachTravelsWithTheHyperparametersAndOldCheckpointsAttendToEveryStep() {
        SpinConfig cfg = SpinConfig.DEFAULT.withHiddenSize(8).withTemporalReach(2);
        SpinModel model = SpinModel.builder().setNumNodes(3).optConfig(cfg).build();
        com.google.gson.JsonObject hp = model.hyperparameters();
        assertThat(hp.get("temporal_reach").getAsInt()).isEqualTo(2);
        assertThat(((SpinModel) Networks.fromHyperparameters(hp)).config()).isEqualTo(cfg);
        assertThat(model.layers()).allSatisfy(l -> assertThat(l.temporalReach()).isEqualTo(2));
        hp.remove("temporal_reach");
        assertThat(((SpinModel) Networks.fromHyperparameters(hp)).config().temporalReach())
                .isZero();
        assertThatThrownBy(() -> cfg.withTemporalReach(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("temporalReach=-1");
    }

    @Test
    void selfReachIsExactLimitsOnlyTheLayersBelowEtaAndTravelsWithTheHyperparameters() {
        Engine.getInstance().setRandomSeed(5);
        int n = 6;
        int t = 12;
        SplittableRandom rnd = new SplittableRandom(9);
        SpinConfig cfg = SpinConfig.DEFAULT.withHiddenSize(8).withLayers(3, 2).withTemporalReach(1)
                .withSelfReach(2);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = random(m, rnd, new Shape(2, t, n, 1));
            NDArray mask = randomMask(m, rnd, new Shape(2, t, n, 1), 0.7);
            NDArray u = random(m, rnd, new Shape(2, t, 4));
            ParameterStore ps = new ParameterStore(m, false);
            SpinModel model = initialized(m, n, 2, t, cfg);
            // layers 0 and 1 (below eta = 2) see the other steps at most 2 away, layer 2 all
            org.spinj.temporal.TemporalEdges band = model.layers().get(0).selfPairs(t);
            assertThat(band.reach()).isEqualTo(2);
            assertThat(band.numPairs()).isEqualTo(2 * (2 * t - 3)); // |s - t| = 1 or 2, s != t
            assertThat(model.layers().get(1).selfPairs(t)).isEqualTo(band);
            assertThat(model.layers().get(2).selfPairs(t)).isEqualTo(
                    org.spinj.temporal.TemporalEdges.full(t, false));
            assertThat(model.layers().get(2).selfReach()).isZero();
            // exact: the banded self-attention against the edge-list reference
            float[] banded = model.forward(ps, x, mask, u, ring(n), false).get(2).toFloatArray();
            model.layers().forEach(l -> {
                l.selfAttention().setFormulation(
                        org.spinj.temporal.TemporalAdditiveAttention.Formulation.EDGE_LIST);
                l.crossAttention().setFormulation(
                        org.spinj.temporal.TemporalAdditiveAttention.Formulation.EDGE_LIST);
            });
            float[] reference = model.forward(ps, x, mask, u, ring(n), false).get(2).toFloatArray();
            assertClose("banded self vs edge list", banded, reference, 1e-5);

            // one layer below eta: node 0's input at step 2 moves its own steps 0..4 only
            SpinConfig oneCfg = cfg.withLayers(1, 1);
            SpinModel one = initialized(m, n, 2, t, oneCfg);
            float[] before = one.forward(ps, x, mask, u, ring(n), false).get(0).toFloatArray();
            float[] after = forwardWithNodeZeroRaised(one, ps, m, x, mask, u, 2);
            for (int b = 0; b < 2; b++) {
                for (int s = 0; s < t; s++) {
                    int k = (b * t + s) * n;
                    if (s <= 4) {
                        assertThat(Math.abs(after[k] - before[k]))
                                .as("b %d step %d of node 0 moves", b, s).isGreaterThan(0f);
                    } else {
                        assertThat(after[k]).as("b %d step %d of node 0", b, s)
                                .isEqualTo(before[k]);
                    }
                }
            }
        }
        com.google.gson.JsonObject hp =
                SpinModel.builder().setNumNodes(3).optConfig(cfg).build().hyperparameters();
        assertThat(hp.get("self_reach").getAsInt()).isEqualTo(2);
        assertThat(((SpinModel) Networks.fromHyperparameters(hp)).config()).isEqualTo(cfg);
        hp.remove("self_reach");
        assertThat(((SpinModel) Networks.fromHyperparameters(hp)).config().selfReach()).isZero();
        assertThatThrownBy(() -> cfg.withSelfReach(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("selfReach=-1");
    }

    @Test
    void allMissingWindowGivesFiniteOutput() {
        Engine.getInstance().setRandomSeed(10);
        try (NDManager m = NDManager.newBaseManager()) {
            SpinModel model = initialized(m, 5, 1, 4, SpinConfig.DEFAULT);
            NDArray x = m.zeros(new Shape(1, 4, 5, 1));
            NDArray mask = m.zeros(new Shape(1, 4, 5, 1));
            NDArray u = m.zeros(new Shape(1, 4, 4));
            NDList out = model.forward(new ParameterStore(m, false), x, mask, u, ring(5), false);
            for (NDArray o : out) {
                assertThat(o.isNaN().any().getBoolean()).isFalse();
                assertThat(o.isInfinite().any().getBoolean()).isFalse();
            }
        }
    }

    @Test
    void badShapesAreRejectedWithTheExpectedShape() {
        Engine.getInstance().setRandomSeed(11);
        try (NDManager m = NDManager.newBaseManager()) {
            SpinModel model = initialized(m, 5, 1, 4, SpinConfig.DEFAULT);
            ParameterStore ps = new ParameterStore(m, false);
            NDArray x = m.zeros(new Shape(1, 4, 6, 1));
            assertThatThrownBy(() -> model.forward(ps, x, x, m.zeros(new Shape(1, 4, 4)), ring(5), false))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("expected x [B, T, N=5, C=1], got (1, 4, 6, 1)");
            NDArray x5 = m.zeros(new Shape(1, 4, 5, 1));
            assertThatThrownBy(() -> model.forward(ps, x5, x5, m.zeros(new Shape(1, 4, 3)), ring(5), false))
                    .hasMessageContaining("expected u [B=1, T=4, U=4]");
            assertThatThrownBy(() -> model.forward(ps, x5, x5, m.zeros(new Shape(1, 4, 4)), ring(6), false))
                    .hasMessageContaining("the graph has 6 nodes, the model 5");
        }
    }

    @Test
    void forwardAndBackwardDoNotLeakArrays() {
        Engine.getInstance().setRandomSeed(12);
        try (NDManager m = NDManager.newBaseManager()) {
            SpinModel model = initialized(m, 5, 2, 4, SpinConfig.DEFAULT);
            SplittableRandom rnd = new SplittableRandom(3);
            ParameterStore ps = new ParameterStore(m, false);
            int before = -1;
            for (int step = 0; step < 60; step++) {
                try (NDManager batch = m.newSubManager()) {
                    NDArray x = random(batch, rnd, new Shape(2, 4, 5, 1));
                    NDArray mask = randomMask(batch, rnd, new Shape(2, 4, 5, 1), 0.6);
                    NDArray u = random(batch, rnd, new Shape(2, 4, 4));
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        NDList out = model.forward(ps, x, mask, u, ring(5), true);
                        gc.backward(out.get(3).abs().mean());
                    }
                    for (NDArray p : model.logicalParameters().values()) {
                        NDArray g = p.getGradient();
                        g.attach(batch);
                        g.subi(g);
                    }
                }
                int count = ((BaseNDManager) m).getManagedArrays().size();
                if (step == 5) {
                    before = count;
                }
                if (step > 5) {
                    assertThat(count).as("managed arrays at step %d", step).isEqualTo(before);
                }
            }
        }
    }

    private static NDArray weightedSum(NDList outs, NDArray probe) {
        NDArray total = null;
        for (int l = 0; l < outs.size(); l++) {
            NDArray term = outs.get(l).mul(probe).sum().mul(l + 1f);
            total = total == null ? term : total.add(term);
        }
        return total;
    }

    private static float[][] toArrays(NDList outs) {
        float[][] r = new float[outs.size()][];
        for (int l = 0; l < outs.size(); l++) {
            r[l] = outs.get(l).toFloatArray();
        }
        return r;
    }

    private static float[] takeGradient(NDArray param) {
        NDArray g = param.getGradient();
        float[] v = g.toFloatArray();
        g.subi(g);
        g.close();
        return v;
    }

    private static void assertClose(String what, float[] actual, float[] expected, double tol) {
        assertThat(actual).as(what).hasSameSizeAs(expected);
        double scale = 1;
        for (float e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        for (int k = 0; k < actual.length; k++) {
            assertThat((double) Math.abs(actual[k] - expected[k]))
                    .as("%s[%d]: %s vs %s", what, k, actual[k], expected[k])
                    .isLessThanOrEqualTo(tol * scale);
        }
    }
}
