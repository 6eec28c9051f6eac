package org.spinj.spin;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.spinj.graph.EdgeIndex;
import org.spinj.graph.listen.AttentionKind;
import org.spinj.graph.listen.AttentionRecord;
import org.spinj.graph.listen.AttentionRecorder;
import org.spinj.graph.listen.ListenerRegistration;
import org.spinj.spin.train.SpinTrainer;
import org.spinj.spin.train.SpinTrainerTest;
import org.spinj.spin.train.TrainingMonitor;

class SpinHierarchicalModelTest {

    private static SpinHierarchicalModel initialized(NDManager m, SpinHierarchicalModel model,
            int n, int b, int t) {
        Shape x = new Shape(b, t, n, 1);
        model.initialize(m, DataType.FLOAT32, x, x, new Shape(b, t, 4));
        return model;
    }

    @Test
    void parameterCountMatchesTheReferenceLessTheUnusedHubGate() {
        Engine.getInstance().setRandomSeed(1);
        // reference: 515,624 + 672 N, of which lin_alpha_z (128 per layer, 5 layers) is unused
        try (NDManager m = NDManager.newBaseManager()) {
            for (int n : new int[] {36, 207}) {
                SpinHierarchicalModel model = initialized(m, SpinHierarchicalModel.paper(n), n, 1, 3);
                long count = 0;
                for (Pair<String, Parameter> p : model.getParameters()) {
                    count += p.getValue().getArray().size();
                }
                assertThat(count).as("N = %d", n).isEqualTo(515_624L - 5 * 128 + 672L * n);
            }
        }
    }

    @Test
    void forwardIsFiniteGradientsReachEveryParameterAndSpatialWeightsAreReported() {
        Engine.getInstance().setRandomSeed(2);
        int n = 6;
        SplittableRandom rnd = new SplittableRandom(4);
        try (NDManager m = NDManager.newBaseManager()) {
            SpinHierarchicalModel model =
                    initialized(m, new SpinHierarchicalModel(n, 8, 16, 2, 2, 1), n, 2, 5);
            NDArray x = SpinModelTest.random(m, rnd, new Shape(2, 5, n, 1));
            NDArray mask = SpinModelTest.randomMask(m, rnd, new Shape(2, 5, n, 1), 0.5);
            NDArray u = SpinModelTest.random(m, rnd, new Shape(2, 5, 4));
            EdgeIndex g = SpinModelTest.ring(n);
            ParameterStore ps = new ParameterStore(m, false);
            AttentionRecorder rec = new AttentionRecorder();
            try (ListenerRegistration reg = model.addMessageListener(rec);
                    GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDList out = model.forward(ps, x, mask, u, g, true);
                assertThat(out).hasSize(2);
                assertThat(out.get(1).isNaN().any().getBoolean()).isFalse();
                gc.backward(out.get(1).abs().mean().add(out.get(0).abs().mean()));
            }
            List<String> noGradient = new ArrayList<>();
            for (Pair<String, Parameter> p : model.getParameters()) {
                NDArray grad = p.getValue().getArray().getGradient();
                if (grad.abs().sum().getFloat() == 0f) {
                    noGradient.add(p.getKey());
                }
                grad.close();
            }
            // the last layer's hub update (z-skip and z-norm) feeds nothing, as in the reference
            assertThat(noGradient)
                    .containsExactlyInAnyOrder("09layer1_znorm_gamma", "09layer1_znorm_beta",
                            "09layer1_08zskip_weight", "09layer1_08zskip_bias");
            assertThat(rec.records()).hasSize(2);
            AttentionRecord r = rec.records().get(0);
            assertThat(r.kind()).isEqualTo(AttentionKind.SPATIAL);
            // softmax over each target's incoming edges: ring(6) gives every node 2 in-edges
            float[] w = r.weightData();
            int e = g.numEdges();
            for (int bt = 0; bt < 2 * 5; bt++) {
                double[] perTarget = new double[n];
                for (int k = 0; k < e; k++) {
                    perTarget[g.target(k)] += w[bt * e + k];
                }
                for (double s : perTarget) {
                    assertThat(s).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-5));
                }
            }
        }
    }

    @Test
    void trainsAndTheLossDecreases() {
        var task = SpinTrainerTest.task();
        List<Double> losses = new ArrayList<>();
        TrainingMonitor mon = new TrainingMonitor() {
            @Override
            public void onStep(int epoch, int step, int steps, double loss) {
                losses.add(loss);
            }
        };
        try (SpinTrainer.Result r = new SpinTrainer(SpinTrainerTest.options(3, 20), mon)
                .fit(task, () -> new SpinHierarchicalModel(task.series().numNodes(), 8, 16, 2, 2,
                        1), Device.cpu(), null, false)) {
            double first = losses.subList(0, 5).stream().mapToDouble(d -> d).average().orElse(0);
            double last = losses.subList(losses.size() - 5, losses.size()).stream()
                    .mapToDouble(d -> d).average().orElse(0);
            assertThat(last).isLessThan(first * 0.92);
            assertThat(r.model().network().hyperparameters().get("kind").getAsString())
                    .isEqualTo("spin-h");
        }
    }
}
