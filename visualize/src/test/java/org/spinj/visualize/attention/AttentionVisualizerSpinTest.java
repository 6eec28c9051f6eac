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
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.spinj.datasets.scale.AffineScaler;
import org.spinj.graph.EdgeIndex;
import org.spinj.graph.listen.AttentionKind;
import org.spinj.graph.listen.AttentionRecord;
import org.spinj.graph.listen.AttentionRecorder;
import org.spinj.graph.listen.ListenerRegistration;
import org.spinj.graph.listen.MessageSource;
import org.spinj.spin.ImputationModel;
import org.spinj.spin.ImputationNetwork;
import org.spinj.spin.SpinConfig;
import org.spinj.spin.SpinHierarchicalModel;
import org.spinj.spin.SpinModel;
import org.spinj.spin.train.WindowBatch;
import org.spinj.temporal.TemporalEdges;

/**
 * The visualiser on real (small, randomly initialised) SPIN and SPIN-H models: B = 2 windows of
 * T = 6 steps over N = 5 nodes on a ring graph (E = 10 edges), about half the inputs observed.
 */
class AttentionVisualizerSpinTest {

    private static final int B = 2;
    private static final int T = 6;
    private static final int N = 5;
    private static final EdgeIndex RING = ring(N);

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (int k = open.size() - 1; k >= 0; k--) {
            open.get(k).close();
        }
    }

    private static EdgeIndex ring(int n) {
        int[] s = new int[2 * n];
        int[] t = new int[2 * n];
        for (int i = 0; i < n; i++) {
            s[2 * i] = i;
            t[2 * i] = (i + 1) % n;
            s[2 * i + 1] = (i + 2) % n;
            t[2 * i + 1] = i;
        }
        return EdgeIndex.of(n, s, t);
    }

    private ImputationModel spin() {
        Engine.getInstance().setRandomSeed(11);
        SpinModel net = SpinModel.builder().setNumNodes(N)
                .optConfig(SpinConfig.DEFAULT.withHiddenSize(8).withLayers(2, 1)).build();
        return model(net);
    }

    private ImputationModel spinH() {
        Engine.getInstance().setRandomSeed(12);
        return model(new SpinHierarchicalModel(N, 8, 8, 2, 2, 1));
    }

    private ImputationModel model(ImputationNetwork net) {
        NDManager m = NDManager.newBaseManager();
        Shape x = new Shape(B, T, N, 1);
        net.initialize(m, DataType.FLOAT32, x, x, new Shape(B, T, 4));
        ImputationModel model = new ImputationModel(net, m, RING,
                new AffineScaler(new double[] {0}, new double[] {1}), T, "ring");
        open.add(model);
        return model;
    }

    private WindowBatch batch(long seed) {
        NDManager m = NDManager.newBaseManager();
        open.add(m);
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] x = new float[B * T * N];
        float[] mask = new float[x.length];
        float[] u = new float[B * T * 4];
        for (int k = 0; k < x.length; k++) {
            mask[k] = rnd.nextDouble() < 0.5 ? 1f : 0f;
            x[k] = mask[k] * (float) rnd.nextGaussian();
        }
        for (int k = 0; k < u.length; k++) {
            u[k] = (float) Math.sin(k);
        }
        Shape s = new Shape(B, T, N, 1);
        NDArray xs = m.create(x, s);
        NDArray ms = m.create(mask, s);
        return new WindowBatch(xs, ms, m.create(u, new Shape(B, T, 4)), xs, ms.neg().add(1f),
                new int[] {0, T});
    }

    private static List<float[]> forward(ImputationModel model, WindowBatch b) {
        try (NDManager scope = b.x().getManager().newSubManager()) {
            NDList in = new NDList(b.x(), b.mask(), b.u());
            in.tempAttach(scope);
            NDList out = model.network().forward(model.parameterStore(), b.x(), b.mask(), b.u(),
                    model.graph(), false);
            List<float[]> values = new ArrayList<>();
            for (NDArray a : out) {
                values.add(a.toFloatArray());
            }
            return values;
        }
    }

    @SuppressWarnings("try")
    private static List<float[]> forwardWithRecorder(ImputationModel model, WindowBatch b) {
        try (ListenerRegistration reg =
                MessageSource.addToTree(model.network(), new AttentionRecorder())) {
            return forward(model, b);
        }
    }

    private static List<float[]> parameters(ImputationModel model) {
        List<float[]> p = new ArrayList<>();
        for (Pair<String, Parameter> e : model.network().getParameters()) {
            p.add(e.getValue().getArray().toFloatArray());
        }
        return p;
    }

    private static void assertBitIdentical(List<float[]> actual, List<float[]> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int k = 0; k < expected.size(); k++) {
            assertThat(actual.get(k)).as("array %d", k).isEqualTo(expected.get(k));
        }
    }

    private void outputsAreBitIdenticalWithAndWithoutTheVisualizer(ImputationModel model) {
        WindowBatch b = batch(3);
        List<float[]> plain = forward(model, b);
        List<float[]> params = parameters(model);

        List<float[]> attached = forwardWithRecorder(model, b);
        AttentionWeights w = new AttentionVisualizer(model).extractWeights(b);
        List<float[]> after = forward(model, b);

        assertThat(w.layers()).isNotEmpty();
        assertBitIdentical(attached, plain);
        assertBitIdentical(after, plain);
        assertBitIdentical(parameters(model), params);
    }

    @Test
    void spinOutputsAreBitIdenticalWithAndWithoutTheVisualizer() {
        outputsAreBitIdenticalWithAndWithoutTheVisualizer(spin());
    }

    @Test
    void spinHOutputsAreBitIdenticalWithAndWithoutTheVisualizer() {
        outputsAreBitIdenticalWithAndWithoutTheVisualizer(spinH());
    }

    @Test
    void spinReturnsCrossAndSelfAttentionOfEveryLayer() {
        ImputationModel model = spin();

        AttentionWeights w = new AttentionVisualizer(model).extractWeights(batch(4));

        assertThat(w.layers()).extracting(AttentionLayer::layerId).containsExactly(
                "layer0.cross", "layer0.self", "layer1.cross", "layer1.self");
        assertThat(w.temporalLayers()).hasSize(4);
        assertThat(w.spatialLayers()).extracting(AttentionLayer::layerId)
                .containsExactly("layer0.cross", "layer1.cross");
        for (int l = 0; l < 2; l++) {
            AttentionRecord cross = w.layer("layer" + l + ".cross").record();
            AttentionRecord self = w.layer("layer" + l + ".self").record();
            assertThat(cross.kind()).isEqualTo(AttentionKind.TEMPORAL);
            assertThat(cross.weightShape()).isEqualTo(new Shape(B, T, T, RING.numEdges()));
            assertThat(cross.spatialIndex()).isEqualTo(RING);
            assertThat(self.weightShape()).isEqualTo(new Shape(B, T, T, N));
            assertThat(self.spatialIndex()).isNull();
        }
        // the unmasked last layer: every self-attention row sums to 1 and skips s = t
        AttentionMatrix self = w.temporalMatrix(3, 1, 2);
        assertThat(self.rowSums()).containsOnly(new double[] {1}, within(1e-5));
        for (int t = 0; t < T; t++) {
            assertThat(self.isAllowed(t, t)).isFalse();
            assertThat(self.get(t, t)).isZero();
        }
        // the cross-attention of the last layer carries mass 1 on every edge
        AttentionMatrix spatial = w.spatialMatrix(1, 0, T - 1);
        for (int e = 0; e < RING.numEdges(); e++) {
            assertThat(spatial.get(RING.target(e), RING.source(e))).isCloseTo(1, within(1e-5));
        }
    }

    @Test
    void spinHReturnsTheSpatialAttentionOfEveryLayer() {
        ImputationModel model = spinH();

        AttentionWeights w = new AttentionVisualizer(model).extractWeights(batch(5));

        assertThat(w.layers()).extracting(AttentionLayer::layerId)
                .containsExactly("layer0.spatial", "layer1.spatial");
        assertThat(w.temporalLayers()).isEmpty();
        for (int l = 0; l < 2; l++) {
            AttentionRecord r = w.spatialLayer(l).record();
            assertThat(r.kind()).isEqualTo(AttentionKind.SPATIAL);
            assertThat(r.weightShape()).isEqualTo(new Shape(B, T, RING.numEdges(), 1));
            AttentionMatrix m = w.spatialMatrix(l, 1, 3);
            // every node has two incoming edges: a softmax over them
            assertThat(m.rowSums()).containsOnly(new double[] {1}, within(1e-5));
        }
    }

    @Test
    void extractionIsRefusedWhileAGradientCollectorIsOpen() {
        ImputationModel model = spin();
        WindowBatch b = batch(6);
        AttentionVisualizer viz = new AttentionVisualizer(model);

        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            assertThatThrownBy(() -> viz.extractWeights(b))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("evaluation mode only")
                    .hasMessageContaining("gradients are being recorded")
                    .hasMessageContaining("GradientCollector is open");
        }
        assertThat(viz.extractWeights(b).layers()).hasSize(4);
    }

    @Test
    void spinRulesAreTheTemporalEdgesSpinLayersUse() {
        ImputationModel model = spin();

        TemporalEdgeRules rules = new AttentionVisualizer(model).rules();

        assertThat(rules.layerIds()).containsExactlyInAnyOrder(
                "layer0.cross", "layer0.self", "layer1.cross", "layer1.self");
        assertThat(rules.expected("layer1.self", T))
                .isEqualTo(TemporalEdges.full(T, false).toEdgeIndex());
        assertThat(rules.expected("layer0.cross", T))
                .isEqualTo(TemporalEdges.full(T, true).toEdgeIndex());
        assertThat(rules.expected("layer0.spatial", T)).isNull();
    }

    @Test
    void temporalEdgesThatDoNotMatchTheLayerConfigurationAreReported() {
        ImputationModel model = spin();
        TemporalEdgeRules wrong = TemporalEdgeRules.of(model.network())
                .with("layer1.self", "TemporalEdges.causal(T, 1)", t -> TemporalEdges.causal(t, 1));

        assertThatThrownBy(() -> new AttentionVisualizer(model, wrong).extractWeights(batch(7)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("temporal edges of layer layer1.self do not match its"
                        + " configuration TemporalEdges.causal(T, 1)")
                .hasMessageContaining("the layer attended from source step 1 to target step 0,"
                        + " the configuration does not allow it")
                .hasMessageContaining("reported TemporalEdges[T=6, pairs=30]")
                .hasMessageContaining("configured TemporalEdges[T=6, pairs=15]");
    }

    @Test
    void repeatedExtractionKeepsTheManagedArrayCountsFlat() {
        ImputationModel model = spin();
        WindowBatch b = batch(8);
        AttentionVisualizer viz = new AttentionVisualizer(model);
        NDManager modelManager = model.network().getParameters().get(0).getValue().getArray()
                .getManager();
        viz.extractWeights(b);
        int modelArrays = ((BaseNDManager) modelManager).getManagedArrays().size();
        int batchArrays = ((BaseNDManager) b.x().getManager()).getManagedArrays().size();

        for (int i = 0; i < 20; i++) {
            viz.extractWeights(b);
        }

        assertThat(((BaseNDManager) modelManager).getManagedArrays()).hasSize(modelArrays);
        assertThat(((BaseNDManager) b.x().getManager()).getManagedArrays()).hasSize(batchArrays);
    }

    @Test
    void aVisualizerMadeFromABlockNeedsItsInputs() {
        ImputationModel model = spin();
        AttentionVisualizer viz = new AttentionVisualizer(model.network());

        assertThatThrownBy(() -> viz.extractWeights(batch(9)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("use extractWeights(parameterStore, inputs)");
    }
}
