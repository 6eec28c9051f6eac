package org.spinj.graph.message;

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
import ai.djl.nn.Activation;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.spinj.graph.EdgeIndex;
import org.spinj.graph.listen.AttentionRecord;
import org.spinj.graph.listen.AttentionRecorder;
import org.spinj.graph.listen.ListenerRegistration;

class SpatialAdditiveAttentionTest {

    private static final EdgeIndex GRAPH =
            EdgeIndex.of(
                    4,
                    new int[] {1, 2, 3, 0, 2, 1},
                    new int[] {0, 0, 0, 1, 1, 3},
                    new float[] {.5f, 1f, .2f, .7f, .9f, .3f});

    private final NDManager manager = NDManager.newBaseManager();

    @BeforeEach
    void seed() {
        Engine.getInstance().setRandomSeed(2);
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private static double[] random(Random rnd, int size) {
        double[] a = new double[size];
        for (int k = 0; k < size; k++) {
            a[k] = rnd.nextGaussian() * 0.7;
        }
        return a;
    }

    /** loss = sum(out * R) of the functional core, in float64. */
    private double loss(NDManager m, double[][] values, Shape[] shapes, double[] r, boolean mask) {
        NDList p = new NDList();
        for (int k = 1; k < values.length; k++) {
            p.add(m.create(values[k], shapes[k]));
        }
        NDArray x = m.create(values[0], shapes[0]);
        GraphTensors g = GraphTensors.of(GRAPH, x);
        NDArray sm = mask ? sourceMask(m, DataType.FLOAT64) : null;
        NDArray out =
                SpatialAdditiveAttention.attention(x, sm, g, Backend.AUTO.create(g), p,
                                g.edgeWeights(), Activation::tanh)
                        .get(0);
        return out.mul(m.create(r, out.getShape())).sum().getDouble();
    }

    private static NDArray sourceMask(NDManager m, DataType type) {
        // node 2 unobserved at every step: edges 2->0 and 2->1 send nothing
        return m.create(new float[] {1, 1, 0, 1, 1, 1, 0, 1}, new Shape(1, 2, 4, 1))
                .toType(type, false);
    }

    @Test
    void gradientsMatchCentralDifferencesInFloat64() {
        // C = 3, D = 4, H = 2, U = 4; x [1, 2, 4, 3]; tolerance 1e-6 relative to max(1, |g|)
        Shape[] shapes = {
            new Shape(1, 2, 4, 3), new Shape(3, 4), new Shape(3, 4), new Shape(4),
            new Shape(4, 2), new Shape(3, 4), new Shape(3, 4), new Shape(4)
        };
        Random rnd = new Random(7);
        double[][] values = new double[shapes.length][];
        for (int k = 0; k < shapes.length; k++) {
            values[k] = random(rnd, (int) shapes[k].size());
        }
        double[] r = random(rnd, 1 * 2 * 4 * 4);
        for (boolean mask : new boolean[] {false, true}) {
            double[][] analytic = new double[shapes.length][];
            try (NDManager m = NDManager.newBaseManager()) {
                NDArray[] params = new NDArray[shapes.length];
                for (int k = 0; k < shapes.length; k++) {
                    params[k] = m.create(values[k], shapes[k]);
                    params[k].setRequiresGradient(true);
                }
                GraphTensors g = GraphTensors.of(GRAPH, params[0]);
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDList p = new NDList();
                    for (int k = 1; k < shapes.length; k++) {
                        p.add(params[k]);
                    }
                    NDArray out =
                            SpatialAdditiveAttention.attention(params[0],
                                            mask ? sourceMask(m, DataType.FLOAT64) : null, g,
                                            Backend.AUTO.create(g), p, g.edgeWeights(),
                                            Activation::tanh)
                                    .get(0);
                    gc.backward(out.mul(m.create(r, out.getShape())).sum());
                }
                for (int k = 0; k < shapes.length; k++) {
                    analytic[k] = params[k].getGradient().toDoubleArray();
                }
            }
            double h = 1e-6;
            try (NDManager m = NDManager.newBaseManager()) {
                for (int k = 0; k < shapes.length; k++) {
                    for (int i = 0; i < values[k].length; i++) {
                        double keep = values[k][i];
                        values[k][i] = keep + h;
                        double up = loss(m, values, shapes, r, mask);
                        values[k][i] = keep - h;
                        double down = loss(m, values, shapes, r, mask);
                        values[k][i] = keep;
                        double numeric = (up - down) / (2 * h);
                        assertThat(analytic[k][i])
                                .as("param %d entry %d (mask %s)", k, i, mask)
                                .isCloseTo(numeric, within(1e-6 * Math.max(1, Math.abs(numeric))));
                    }
                }
            }
        }
    }

    private SpatialAdditiveAttention layer(boolean root, int heads) {
        SpatialAdditiveAttention layer =
                SpatialAdditiveAttention.builder()
                        .setEdgeIndex(GRAPH)
                        .setChannels(3)
                        .optUnits(4)
                        .optHeads(heads)
                        .optRootWeight(root)
                        .optEdgeWeights(true)
                        .optLayerId("sa")
                        .build();
        layer.initialize(manager, DataType.FLOAT32, new Shape(1, 2, 4, 3));
        return layer;
    }

    private NDArray x() {
        float[] v = new float[24];
        for (int k = 0; k < v.length; k++) {
            v[k] = (float) Math.sin(k + 1);
        }
        return manager.create(v, new Shape(1, 2, 4, 3));
    }

    @Test
    void blockMatchesItsFunctionalCore() {
        SpatialAdditiveAttention layer = layer(true, 2);
        ParameterStore ps = new ParameterStore(manager, false);
        NDArray out = layer.forward(ps, new NDList(x()), false).head();
        assertThat(out.getShape()).isEqualTo(new Shape(1, 2, 4, 4));
        NDList p = new NDList();
        layer.getParameters().forEach(pair -> p.add(pair.getValue().getArray()));
        GraphTensors g = GraphTensors.of(GRAPH, out);
        NDArray core =
                SpatialAdditiveAttention.attention(x(), null, g, Backend.AUTO.create(g), p,
                                g.edgeWeights(), Activation::tanh)
                        .get(0);
        assertThat(out.toFloatArray()).containsExactly(core.toFloatArray(),
                org.assertj.core.api.Assertions.withPrecision(1e-6f));
    }

    @Test
    void fullyMaskedTargetReceivesExactZeros() {
        // node 3's only source is node 1; masking node 1 leaves node 3 with no valid message
        SpatialAdditiveAttention layer = layer(false, 1);
        NDArray mask = manager.create(new boolean[] {true, false, true, true, true, false, true,
            true}, new Shape(1, 2, 4));
        NDArray out = layer.forward(new ParameterStore(manager, false),
                new NDList(x(), mask), false).head();
        float[] o = out.toFloatArray();
        for (int t = 0; t < 2; t++) {
            for (int c = 0; c < 4; c++) {
                assertThat(o[(t * 4 + 3) * 4 + c]).isZero(); // node 3
                assertThat(o[(t * 4 + 2) * 4 + c]).isZero(); // node 2 has no incoming edge
                assertThat(o[(t * 4) * 4 + c]).isNotNaN();
            }
        }
    }

    @Test
    void listenersObserveUntilClosedAndDoNotChangeOutputs() {
        SpatialAdditiveAttention layer = layer(true, 2);
        ParameterStore ps = new ParameterStore(manager, false);
        float[] silent = layer.forward(ps, new NDList(x()), false).head().toFloatArray();
        AttentionRecorder recorder = new AttentionRecorder();
        float[] observed;
        try (ListenerRegistration reg = layer.addMessageListener(recorder)) {
            observed = layer.forward(ps, new NDList(x()), false).head().toFloatArray();
        }
        layer.forward(ps, new NDList(x()), false);
        assertThat(observed).containsExactly(silent);
        assertThat(recorder.records()).hasSize(1);
        AttentionRecord r = recorder.latest("sa").orElseThrow();
        assertThat(r.weightShape()).isEqualTo(new Shape(1, 2, 6, 2));
        assertThat(r.edgeIndex()).isEqualTo(GRAPH);
        // weights into node 0 (edges 0..2) sum to 1 per step and head; node 3's single edge is 1
        for (int h = 0; h < 2; h++) {
            assertThat(r.weight(0, 1, 0, h) + r.weight(0, 1, 1, h) + r.weight(0, 1, 2, h))
                    .isCloseTo(1f, within(1e-6f));
            assertThat(r.weight(0, 0, 5, h)).isCloseTo(1f, within(1e-6f));
        }
    }

    @Test
    void invalidSettingsAndShapesAreNamed() {
        assertThatThrownBy(
                        () -> SpatialAdditiveAttention.builder().setChannels(0).optUnits(6)
                                .optHeads(4).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "edgeIndex is required (setEdgeIndex); channels must be >= 1, got 0;"
                                + " heads must be >= 1 and divide units = 6, got 4");
        SpatialAdditiveAttention layer = layer(true, 1);
        NDArray wrong = manager.zeros(new Shape(1, 2, 4, 5));
        assertThatThrownBy(
                        () -> layer.forward(new ParameterStore(manager, false), new NDList(wrong),
                                false))
                .hasMessage("x must be [B, T, N, C] or [B, N, C] with N = 4, C = 3, got (1, 2, 4,"
                        + " 5)");
        NDArray badMask = manager.ones(new Shape(1, 3, 4), DataType.BOOLEAN);
        assertThatThrownBy(
                        () -> layer.forward(new ParameterStore(manager, false),
                                new NDList(x(), badMask), false))
                .hasMessage("mask must be [B, T, N] or [B, T, N, 1] matching x (1, 2, 4, 3), got"
                        + " (1, 3, 4)");
    }

    @Test
    void managedArraysStayFlatOver200TrainingSteps() {
        SpatialAdditiveAttention layer = layer(true, 2);
        ParameterStore ps = new ParameterStore(manager, false);
        BaseNDManager root = (BaseNDManager) manager;
        int before = -1;
        for (int step = 0; step < 200; step++) {
            try (NDManager batch = manager.newSubManager()) {
                NDArray x = batch.randomNormal(new Shape(2, 2, 4, 3));
                NDArray mask = batch.ones(new Shape(2, 2, 4), DataType.BOOLEAN);
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray out = layer.forward(ps, new NDList(x, mask), true).head();
                    gc.backward(out.square().mean());
                }
                layer.getParameters().forEach(p -> {
                    NDArray grad = p.getValue().getArray().getGradient();
                    grad.attach(batch);
                    grad.subi(grad);
                });
            }
            if (step == 0) {
                before = root.getManagedArrays().size();
            }
        }
        assertThat(root.getManagedArrays().size()).isEqualTo(before);
    }
}
