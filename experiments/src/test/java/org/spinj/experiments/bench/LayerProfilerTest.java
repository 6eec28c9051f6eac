package org.spinj.experiments.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.spinj.experiments.bench.LayerProfile.Stage;
import org.spinj.graph.EdgeIndex;
import org.spinj.spin.SpinConfig;
import org.spinj.spin.SpinHierarchicalModel;
import org.spinj.spin.SpinModel;

class LayerProfilerTest {

    private static final int N = 4;
    private static final int B = 1;
    private static final int T = 3;

    private static EdgeIndex ring() {
        return EdgeIndex.of(N, new int[] {0, 1, 2, 3, 1, 2, 3, 0},
                new int[] {1, 2, 3, 0, 0, 1, 2, 3});
    }

    /** x (masked), mask, u, injected points, target, as SpinBenchCommand builds them. */
    private static NDList inputs(NDManager m) {
        SplittableRandom rnd = new SplittableRandom(1);
        float[] x = new float[B * T * N];
        float[] mask = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rnd.nextGaussian();
            mask[i] = i % 3 == 0 ? 0f : 1f;
        }
        Shape s = new Shape(B, T, N, 1);
        NDArray target = m.create(x, s);
        NDArray mi = m.create(mask, s);
        NDArray injected = mi.neg().add(1f);
        return new NDList(target.mul(mi), mi, m.zeros(new Shape(B, T, 4)), injected, target);
    }

    @Test
    void everyStageOfSpinIsTimedWithItsMemoryAndNothingIsLeftBehind() {
        Engine.getInstance().setRandomSeed(3);
        try (NDManager root = NDManager.newBaseManager()) {
            SpinModel net = SpinModel.builder().setNumNodes(N)
                    .optConfig(SpinConfig.DEFAULT.withHiddenSize(4).withLayers(2, 1)).build();
            Shape xs = new Shape(B, T, N, 1);
            net.initialize(root, DataType.FLOAT32, xs, xs, new Shape(B, T, 4));
            ParameterStore ps = new ParameterStore(root, false);
            try (NDManager mm = root.newSubManager()) {
                NDList in = inputs(mm);
                float[] before = net.forward(ps, in.get(0), in.get(1), in.get(2), ring(), false)
                        .get(1).toFloatArray();
                int arrays = ((BaseNDManager) mm).getManagedArrays().size();
                LayerProfile p = new LayerProfiler(1, 2, true, LayerProfiler.Clock.CPU).profile(mm, net, ps, in, ring());

                assertThat(p.topLevel()).extracting(Stage::name).containsExactly("encoder",
                        "xskip0", "layer0", "readout0", "xskip1", "layer1", "readout1");
                assertThat(p.parts("layer1")).extracting(Stage::name)
                        .containsExactly("layer1/spatial", "layer1/temporal");
                assertThat(p.topLevel()).allSatisfy(s -> assertThat(s.totalMs()).isPositive());
                // the layer's forward holds its pair tensors [B, T, T, E, d] and more
                Stage layer0 = p.topLevel().get(2);
                assertThat(layer0.forwardMb() * 1024 * 1024)
                        .isGreaterThan(B * T * T * 8 * 4 * 4.0);
                assertThat(p.stepMs()).isPositive();
                // profiling neither leaves arrays behind nor changes the model
                assertThat(((BaseNDManager) mm).getManagedArrays()).hasSize(arrays);
                assertThat(net.forward(ps, in.get(0), in.get(1), in.get(2), ring(), false).get(1)
                        .toFloatArray()).containsExactly(before);
            }
        }
    }

    @Test
    void spinHLayersAreSplitIntoTemporalAndSpatialParts() {
        Engine.getInstance().setRandomSeed(4);
        try (NDManager root = NDManager.newBaseManager()) {
            SpinHierarchicalModel net = new SpinHierarchicalModel(N, 4, 6, 2, 1, 0);
            Shape xs = new Shape(B, T, N, 1);
            net.initialize(root, DataType.FLOAT32, xs, xs, new Shape(B, T, 4));
            ParameterStore ps = new ParameterStore(root, false);
            try (NDManager mm = root.newSubManager()) {
                LayerProfile p = new LayerProfiler(0, 1, false, LayerProfiler.Clock.WALL)
                        .profile(mm, net, ps, inputs(mm), ring());
                assertThat(p.parts("layer0")).extracting(Stage::name)
                        .containsExactly("layer0/temporal", "layer0/spatial");
                // without memory measurement every allocation is reported as 0
                assertThat(p.topLevel()).allSatisfy(s -> assertThat(s.forwardMb()).isZero());
            }
        }
    }

    @Test
    void invalidRepeatsAreRejected() {
        assertThatThrownBy(() -> new LayerProfiler(0, 0, false, LayerProfiler.Clock.WALL))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("repeats=0");
    }
}
