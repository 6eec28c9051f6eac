package org.spinj.spin;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.spinj.graph.EdgeIndex;
import org.spinj.graph.listen.ListenerRegistration;

class StageProbeTest {

    private static final int N = 5;
    private static final int B = 2;
    private static final int T = 4;

    /** A stage as a probe saw it: detached copies of its inputs and its recompute function. */
    private record Seen(NDList inputs, Function<NDList, NDList> recompute) {}

    private static Map<String, Seen> capture(ImputationNetwork net, StageSource source,
            ParameterStore ps, NDList in, EdgeIndex g, List<NDArray> outputs) {
        Map<String, Seen> seen = new LinkedHashMap<>();
        try (ListenerRegistration reg = source.addStageProbe((name, inputs, f) -> {
            NDList copy = new NDList();
            for (NDArray a : inputs) {
                copy.add(a.duplicate());
            }
            seen.put(name, new Seen(copy, f));
        })) {
            outputs.addAll(net.forward(ps, in.get(0), in.get(1), in.get(2), g, false));
        }
        return seen;
    }

    private static NDList inputs(NDManager m) {
        SplittableRandom rnd = new SplittableRandom(3);
        Shape xs = new Shape(B, T, N, 1);
        return new NDList(SpinModelTest.random(m, rnd, xs),
                SpinModelTest.randomMask(m, rnd, xs, 0.5),
                SpinModelTest.random(m, rnd, new Shape(B, T, 4)));
    }

    @Test
    void spinReportsEveryStageInForwardOrderAndItsOutputsAreUnchanged() {
        Engine.getInstance().setRandomSeed(5);
        try (NDManager m = NDManager.newBaseManager()) {
            SpinModel model = SpinModel.builder().setNumNodes(N)
                    .optConfig(SpinConfig.DEFAULT.withHiddenSize(4).withLayers(2, 1)).build();
            Shape xs = new Shape(B, T, N, 1);
            model.initialize(m, DataType.FLOAT32, xs, xs, new Shape(B, T, 4));
            ParameterStore ps = new ParameterStore(m, false);
            NDList in = inputs(m);
            EdgeIndex g = SpinModelTest.ring(N);
            NDList plain = model.forward(ps, in.get(0), in.get(1), in.get(2), g, false);
            List<NDArray> probed = new ArrayList<>();
            Map<String, Seen> seen = capture(model, model, ps, in, g, probed);

            assertThat(seen.keySet()).containsExactly("encoder", "xskip0", "layer0/spatial",
                    "layer0/temporal", "layer0", "readout0", "xskip1", "layer1/spatial",
                    "layer1/temporal", "layer1", "readout1");
            for (int l = 0; l < 2; l++) {
                assertThat(probed.get(l).toFloatArray())
                        .containsExactly(plain.get(l).toFloatArray());
            }
            // each stage's recompute, fed the inputs it saw, gives the next stage's inputs exactly
            assertSame(seen.get("encoder").recompute().apply(new NDList()).singletonOrThrow(),
                    seen.get("xskip0").inputs().singletonOrThrow());
            assertSame(recompute(seen, "xskip0"), seen.get("layer0").inputs().get(0));
            assertSame(recompute(seen, "layer0"), seen.get("readout0").inputs().get(0));
            assertSame(recompute(seen, "readout0"), plain.get(0));
            assertThat(recompute(seen, "layer1/spatial").getShape()).isEqualTo(
                    new Shape(B, T, N, 4));
        }
    }

    @Test
    void spinHReportsTemporalAndSpatialPartsAndNothingOnceTheProbeIsRemoved() {
        Engine.getInstance().setRandomSeed(6);
        try (NDManager m = NDManager.newBaseManager()) {
            SpinHierarchicalModel model = new SpinHierarchicalModel(N, 4, 6, 2, 2, 1);
            Shape xs = new Shape(B, T, N, 1);
            model.initialize(m, DataType.FLOAT32, xs, xs, new Shape(B, T, 4));
            ParameterStore ps = new ParameterStore(m, false);
            NDList in = inputs(m);
            EdgeIndex g = SpinModelTest.ring(N);
            NDList plain = model.forward(ps, in.get(0), in.get(1), in.get(2), g, false);
            List<NDArray> probed = new ArrayList<>();
            Map<String, Seen> seen = capture(model, model, ps, in, g, probed);

            assertThat(seen.keySet()).containsExactly("encoder", "xskip0", "layer0/temporal",
                    "layer0/spatial", "layer0", "readout0", "xskip1", "layer1/temporal",
                    "layer1/spatial", "layer1", "readout1");
            assertThat(probed.get(1).toFloatArray()).containsExactly(plain.get(1).toFloatArray());
            // the layer's temporal stage maps (h, z) to (Z~ [B, K, N, z], hSelf [B, T, N, h]),
            // which are the spatial stage's inputs
            NDList temporal = seen.get("layer1/temporal").recompute()
                    .apply(seen.get("layer1/temporal").inputs());
            assertSame(temporal.get(0), seen.get("layer1/spatial").inputs().get(0));
            assertSame(temporal.get(1), seen.get("layer1/spatial").inputs().get(1));
            assertThat(temporal.get(0).getShape()).isEqualTo(new Shape(B, 2, N, 6));
            NDList layer0 = seen.get("layer0").recompute().apply(seen.get("layer0").inputs());
            assertSame(layer0.get(0), seen.get("readout0").inputs().get(0));

            List<String> after = new ArrayList<>();
            model.addStageProbe((n, i, f) -> after.add(n)).close();
            model.forward(ps, in.get(0), in.get(1), in.get(2), g, false);
            assertThat(after).isEmpty();
        }
    }

    private static NDArray recompute(Map<String, Seen> seen, String name) {
        Seen s = seen.get(name);
        return s.recompute().apply(s.inputs()).get(0);
    }

    private static void assertSame(NDArray actual, NDArray expected) {
        assertThat(actual.getShape()).isEqualTo(expected.getShape());
        assertThat(actual.toFloatArray()).containsExactly(expected.toFloatArray());
    }
}
