package org.spinj.spin.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinj.datasets.SpatioTemporalSeries;
import org.spinj.datasets.missing.MissingDataInjector;
import org.spinj.datasets.split.TemporalSplitter;
import org.spinj.datasets.synthetic.SyntheticTraffic;
import org.spinj.datasets.window.ImputationDataset;
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
    void parametersExportedAsNpzReloadIntoAFreshModelExactly(@TempDir Path dir) throws IOException {
        ImputationTask task = task();
        try (SpinTrainer.Result r =
                new SpinTrainer(options(1, 4), TrainingMonitor.NONE)
                        .fit(task, () -> small(task), Device.cpu(), null, false)) {
            Path npz = dir.resolve("params.npz");
            r.model().exportParameters(npz);
            Path file = dir.resolve("model.ckpt");
            r.model().save(file, null);
            int[] test = task.split().test();
            double mae = r.model().evaluate(task, test, 16).windows().mae();
            try (NDManager m = NDManager.newBaseManager()) {
                // named by parameter path, readable back with every array
                java.util.Map<String, ai.djl.ndarray.NDArray> read =
                        org.spinj.spin.io.NpzParameters.read(npz, m);
                assertThat(read.keySet())
                        .containsExactlyInAnyOrderElementsOf(
                                r.model().network().logicalParameters().keySet());
            }
            try (ImputationModel other = ImputationModel.load(file, Device.cpu())) {
                // scramble, then import: the predictions come back exactly
                for (ai.djl.ndarray.NDArray p : other.network().logicalParameters().values()) {
                    p.set(new float[(int) p.size()]);
                }
                assertThat(other.evaluate(task, test, 16).windows().mae()).isNotEqualTo(mae);
                other.importParameters(npz);
                assertThat(other.evaluate(task, test, 16).windows().mae()).isEqualTo(mae);
            }
            // a file of another architecture is refused as a whole, naming the file
            ImputationTask bigger = task();
            try (SpinTrainer.Result wide =
                    new SpinTrainer(options(1, 1), TrainingMonitor.NONE)
                            .fit(bigger, () -> SpinModel.builder()
                                    .setNumNodes(bigger.series().numNodes())
                                    .optConfig(SpinConfig.DEFAULT.withHiddenSize(8).withLayers(2, 1))
                                    .build(), Device.cpu(), null, false)) {
                assertThatThrownBy(() -> wide.model().importParameters(npz))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining(npz.toString())
                        .hasMessageContaining("shape");
            }
            Path junk = dir.resolve("junk.npz");
            Files.writeString(junk, "not an archive");
            assertThatThrownBy(() -> r.model().importParameters(junk))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(junk.toString());
            assertThatThrownBy(() -> r.model().importParameters(dir.resolve("missing.npz")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("does not exist");
        }
    }

    @Test
    void aTimeBudgetPacesTheLearningRateOverTheBudget() {
        CosineRestartsSchedule s = CosineRestartsSchedule.budget(1e-3f);
        // 4% warm-up from the floor, the peak right after, one cosine down to the floor
        assertThat(s.valueAtProgress(0)).isCloseTo(1e-4f, org.assertj.core.api.Assertions.within(1e-9f));
        assertThat(s.valueAtProgress(0.02)).isCloseTo(5e-4f, org.assertj.core.api.Assertions.within(1e-6f));
        assertThat(s.valueAtProgress(0.04)).isCloseTo(1e-3f, org.assertj.core.api.Assertions.within(1e-6f));
        float prev = s.valueAtProgress(0.04);
        for (double p = 0.05; p <= 1.0; p += 0.05) {
            float v = s.valueAtProgress(p);
            assertThat(v).isLessThanOrEqualTo(prev).isGreaterThanOrEqualTo(0.99e-4f);
            prev = v;
        }
        assertThat(s.valueAtProgress(1)).isCloseTo(1e-4f, org.assertj.core.api.Assertions.within(1e-9f));
        assertThat(s.valueAtProgress(2)).isCloseTo(1e-4f, org.assertj.core.api.Assertions.within(1e-9f));
    }

    @Test
    void aValidationStrideKeepsEveryKthWindowFromTheFirst() {
        int[] windows = {10, 11, 12, 13, 14, 15, 16};
        assertThat(SpinTrainer.strided(windows, 1)).containsExactly(windows);
        assertThat(SpinTrainer.strided(windows, 3)).containsExactly(10, 13, 16);
        assertThat(SpinTrainer.strided(windows, 4)).containsExactly(10, 14);
        assertThat(SpinTrainer.strided(windows, 9)).containsExactly(10);
        assertThat(SpinTrainer.strided(new int[0], 4)).isEmpty();
    }

    @Test
    void historicalInjectionHidesExactlyWhatAnotherTrainingWindowLacks() {
        SpatioTemporalSeries s = SyntheticTraffic.builder().optNodes(6).optSteps(400).optSeed(3)
                .build().generate();
        s = MissingDataInjector.block(4).inject(s);
        WindowSpec spec = new WindowSpec(12, 1);
        ImputationTask task = ImputationTask.of(
                "blocks", s, s.graph(), TemporalSplitter.DEFAULT.split(spec, s.numSteps()));
        ImputationDataset train = ImputationDataset.builder()
                .setSeries(task.series())
                .setWindows(spec, task.split().train())
                .setSampling(1, false)
                .build();
        int per = 12 * 6 * s.numChannels();
        boolean[] obs = s.observedMask();
        boolean[] eval = s.evalMask();
        // every training window's available-input pattern, keyed by its contents
        Set<String> patterns = new HashSet<>();
        for (int k = 0; k < train.size(); k++) {
            int start = train.windowStart(k);
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < per; i++) {
                int j = start * 6 * s.numChannels() + i;
                b.append(obs[j] && !eval[j] ? '1' : '0');
            }
            patterns.add(b.toString());
        }
        int[] starts = {train.windowStart(0), train.windowStart(5), train.windowStart(9)};
        TrainingOptions historical = TrainingOptions.paper().withInjection(Injection.HISTORICAL);
        float[] keep = SpinTrainer.injectionKeep(
                historical, train, starts, new SplittableRandom(1));
        assertThat(keep).hasSize(3 * per);
        int hidden = 0;
        for (int w = 0; w < 3; w++) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < per; i++) {
                b.append(keep[w * per + i] == 1f ? '1' : '0');
                hidden += keep[w * per + i] == 0f ? 1 : 0;
            }
            assertThat(patterns).contains(b.toString());
        }
        assertThat(hidden).as("block faults leave gaps to copy").isPositive();

        // hybrid mixes both: over many windows some keeps are training patterns, some are not
        TrainingOptions hybrid = TrainingOptions.paper().withInjection(Injection.HYBRID);
        int[] many = new int[40];
        Arrays.fill(many, train.windowStart(0));
        float[] mixed = SpinTrainer.injectionKeep(
                hybrid, train, many, new SplittableRandom(2));
        int fromPatterns = 0;
        for (int w = 0; w < many.length; w++) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < per; i++) {
                b.append(mixed[w * per + i] == 1f ? '1' : '0');
            }
            fromPatterns += patterns.contains(b.toString()) ? 1 : 0;
        }
        assertThat(fromPatterns).isBetween(8, 32);

        // points: the paper's whitening keeps about 1 - p of the inputs
        TrainingOptions points = TrainingOptions.paper().withWhitening(0.5);
        float[] p = SpinTrainer.injectionKeep(points, train, many, new SplittableRandom(3));
        double kept = 0;
        for (float v : p) {
            kept += v;
        }
        assertThat(kept / p.length).isCloseTo(0.5, within(0.03));
        assertThat(Injection.parse("Hybrid")).isEqualTo(Injection.HYBRID);
        assertThatThrownBy(() -> Injection.parse("blocks"))
                .hasMessageContaining("expected points, historical, hybrid or outages");

        // outages: the same whitening, and in about half of the windows one block of 1..T/2
        // consecutive steps hidden at every node
        TrainingOptions outages = points.withInjection(Injection.OUTAGES);
        int[] lots = new int[400];
        Arrays.fill(lots, train.windowStart(0));
        float[] o = SpinTrainer.injectionKeep(outages, train, lots, new SplittableRandom(4));
        int stepSize = per / 12;
        int withOutage = 0;
        boolean[] lengthSeen = new boolean[13];
        kept = 0;
        for (int w = 0; w < lots.length; w++) {
            boolean[] dark = new boolean[12];
            for (int step = 0; step < 12; step++) {
                dark[step] = true;
                for (int i = 0; i < stepSize; i++) {
                    float v = o[w * per + step * stepSize + i];
                    dark[step] &= v == 0f;
                    kept += v;
                }
            }
            // whitening at 0.5 darkens a step of 6 nodes by chance (1 in 64), so an outage is a
            // run of at least 2 dark steps, or a window whose dark steps form one run
            int first = -1;
            int last = -1;
            int count = 0;
            for (int step = 0; step < 12; step++) {
                if (dark[step]) {
                    first = first < 0 ? step : first;
                    last = step;
                    count++;
                }
            }
            if (count >= 2 && last - first + 1 == count) {
                withOutage++;
                lengthSeen[count] = true;
            }
            assertThat(count).as("no more than T/2 steps plus chance").isLessThanOrEqualTo(9);
        }
        assertThat(withOutage).as("a coin per window, lengths 2..6 counted")
                .isBetween(120, 230);
        assertThat(lengthSeen[2] && lengthSeen[6]).isTrue();
        assertThat(kept / o.length).as("whitening and outages hide more than whitening alone")
                .isBetween(0.36, 0.47);
        assertThat(Injection.parse(" OUTAGES ")).isEqualTo(Injection.OUTAGES);
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
