package org.spinj.spin.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinj.datasets.SpatioTemporalSeries;
import org.spinj.datasets.missing.MissingDataInjector;
import org.spinj.datasets.split.TemporalSplitter;
import org.spinj.datasets.synthetic.SyntheticTraffic;
import org.spinj.datasets.window.WindowSpec;
import org.spinj.spin.ImputationModel;
import org.spinj.spin.ImputationNetwork;
import org.spinj.spin.ImputationTask;
import org.spinj.spin.SpinConfig;
import org.spinj.spin.SpinModel;

public class SpinTrainerTest {

    public static ImputationTask task() {
        SpatioTemporalSeries s =
                SyntheticTraffic.builder().optNodes(8).optSteps(600).optSeed(5).build().generate();
        s = MissingDataInjector.point(3).inject(s);
        WindowSpec spec = new WindowSpec(8, 1);
        return ImputationTask.of(
                "synthetic", s, s.graph(), TemporalSplitter.DEFAULT.split(spec, s.numSteps()));
    }

    static ImputationNetwork small(ImputationTask task) {
        return SpinModel.builder()
                .setNumNodes(task.series().numNodes())
                .optConfig(SpinConfig.DEFAULT.withHiddenSize(16).withLayers(2, 1))
                .build();
    }

    public static TrainingOptions options(int epochs, int steps) {
        return TrainingOptions.paper()
                .withEpochs(epochs, steps)
                .withBatch(4, 2)
                .withLearningRate(3e-3f)
                .withPatience(50)
                .withSeed(9);
    }

    static final class Losses implements TrainingMonitor {
        final List<Double> losses = new ArrayList<>();
        int stopAfter = Integer.MAX_VALUE;

        @Override
        public void onStep(int epoch, int step, int stepsPerEpoch, double loss) {
            losses.add(loss);
        }

        @Override
        public boolean stopRequested() {
            return losses.size() >= stopAfter;
        }
    }

    @Test
    void lossDecreasesAndTheSameSeedGivesTheSameCurve() {
        ImputationTask task = task();
        Losses a = new Losses();
        Losses b = new Losses();
        try (SpinTrainer.Result r =
                        new SpinTrainer(options(2, 20), a)
                                .fit(task, () -> small(task), Device.cpu(), null, false);
                SpinTrainer.Result r2 =
                        new SpinTrainer(options(2, 20), b)
                                .fit(task, () -> small(task), Device.cpu(), null, false)) {
            double first = mean(a.losses.subList(0, 5));
            double last = mean(a.losses.subList(a.losses.size() - 5, a.losses.size()));
            assertThat(last).isLessThan(first * 0.9);
            assertThat(b.losses).isEqualTo(a.losses);
            assertThat(r.history()).hasSize(2);
            assertThat(r.history().get(1).valMae()).isEqualTo(r2.history().get(1).valMae());
        }
    }

    @Test
    void checkpointRoundTripGivesIdenticalPredictions(@TempDir Path dir) {
        ImputationTask task = task();
        try (SpinTrainer.Result r =
                new SpinTrainer(options(1, 5), TrainingMonitor.NONE)
                        .fit(task, () -> small(task), Device.cpu(), dir, false)) {
            Path file = dir.resolve("model.ckpt");
            r.model().save(file, null);
            int[] test = task.split().test();
            double mae = r.model().evaluate(task, test, 16).windows().mae();
            try (ImputationModel loaded = ImputationModel.load(file, Device.cpu())) {
                assertThat(loaded.evaluate(task, test, 16).windows().mae()).isEqualTo(mae);
                assertThat(loaded.graph()).isEqualTo(task.graph());
                float[] a = r.model().impute(task.series(), 3, 16);
                float[] b = loaded.impute(task.series(), 3, 16);
                assertThat(b).containsExactly(a);
            }
            assertThat(dir.resolve(SpinTrainer.BEST)).exists();
            assertThat(dir.resolve(SpinTrainer.LAST)).exists();
        }
    }

    @Test
    void resumeAfterInterruptionContinuesWithIdenticalLosses(@TempDir Path dir) {
        ImputationTask task = task();
        Losses full = new Losses();
        try (SpinTrainer.Result r =
                new SpinTrainer(options(3, 6), full)
                        .fit(task, () -> small(task), Device.cpu(), null, false)) {
            assertThat(full.losses).hasSize(18);
        }
        // the first run "crashes" after its first epoch: stop requested at step 6
        Losses first = new Losses();
        first.stopAfter = 6;
        try (SpinTrainer.Result r =
                new SpinTrainer(options(3, 6), first)
                        .fit(task, () -> small(task), Device.cpu(), dir, false)) {
            assertThat(r.stopReason()).isEqualTo("interrupted");
        }
        Losses rest = new Losses();
        try (SpinTrainer.Result r =
                new SpinTrainer(options(3, 6), rest)
                        .fit(task, () -> small(task), Device.cpu(), dir, true)) {
            assertThat(r.history()).hasSize(3);
        }
        List<Double> combined = new ArrayList<>(first.losses);
        combined.addAll(rest.losses);
        assertThat(combined).isEqualTo(full.losses);
    }

    @Test
    void truncatedCheckpointGivesAClearError(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("bad.ckpt");
        Files.write(bad, new byte[] {'P', 'K', 3, 4, 1, 2});
        assertThatThrownBy(() -> ImputationModel.load(bad, Device.cpu()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(bad.toString());
        Path foreign = dir.resolve("foreign.ckpt");
        Files.writeString(foreign, "hello");
        assertThatThrownBy(() -> ImputationModel.load(foreign, Device.cpu()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a spinj checkpoint");
    }

    @Test
    void trainingStepsDoNotLeakArrays() {
        ImputationTask task = task();
        List<Integer> counts = new ArrayList<>();
        NDManager[] root = new NDManager[1];
        TrainingMonitor probe =
                new TrainingMonitor() {
                    @Override
                    public void onStep(int epoch, int step, int steps, double loss) {
                        counts.add(countAll());
                    }
                };
        try (SpinTrainer.Result r =
                new SpinTrainer(options(2, 60), probe)
                        .fit(task, () -> small(task), Device.cpu(), null, false)) {
            // after Adam's state exists (step 1), the count is flat over 100+ steps
            assertThat(counts.subList(2, counts.size())).containsOnly(counts.get(2));
        }
    }

    private static int countAll() {
        return ((BaseNDManager) NDManager.newBaseManager().getParentManager()).getManagedArrays()
                .size();
    }

    private static double mean(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }
}
