package org.spinj.temporal.models;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Model;
import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDManager;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ClassifierTrainerTest {

    /** Series of length t: class 1 holds a flat segment in the middle of a sine. */
    static LabelledSeries flatSegments(int n, int t, long seed) {
        Random rng = new Random(seed);
        float[][] x = new float[n][t];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            double f = 1 + 3 * rng.nextDouble();
            for (int s = 0; s < t; s++) {
                x[i][s] = (float) Math.sin(f * 2 * Math.PI * s / (t - 1));
            }
            y[i] = i % 2;
            if (y[i] == 1) {
                int a = rng.nextInt(t / 2);
                for (int s = a; s < a + t / 3; s++) {
                    x[i][s] = x[i][a];
                }
            }
        }
        return new LabelledSeries(x, y, t, 1);
    }

    @Test
    void detectorLearnsFlatSegmentsAndRestoresTheBestEpoch() {
        LabelledSeries train = flatSegments(96, 32, 1);
        LabelledSeries val = flatSegments(32, 32, 2);
        try (Model model = Model.newInstance("detector")) {
            model.setBlock(AttentionAnomalyDetector.builder().optLength(32).optHidden(8).build());
            TrainingResult r = new ClassifierTrainer(new ClassifierTrainingConfig(8, 16, 1e-2f, 3, 0, 1, 7))
                    .fit(model, train, val);
            assertThat(r.history().get(r.history().size() - 1).trainLoss())
                    .isLessThan(r.history().get(0).trainLoss());
            ClassifierPredictions p = ClassifierPredictions.predict(
                    (CheckpointedModel) model.getBlock(), model.getNDManager(), val, 16);
            double[] proba = p.score(1);
            boolean[] pos = new boolean[val.size()];
            for (int i = 0; i < pos.length; i++) {
                pos[i] = val.labels()[i] == 1;
            }
            double valLoss = r.best().valLoss();
            assertThat(RocAuc.of(pos, proba)).isGreaterThan(0.6);
            assertThat(valLoss).isEqualTo(r.history().stream().mapToDouble(EpochRecord::valLoss).min().orElseThrow());
        }
    }

    @Test
    void sameSeedGivesTheSameHistory() {
        LabelledSeries train = flatSegments(32, 16, 3);
        double[] first = null;
        for (int run = 0; run < 2; run++) {
            try (Model model = Model.newInstance("hybrid")) {
                model.setBlock(new HybridCnnLstmAttention(16, 2, 4, 4));
                TrainingResult r = new ClassifierTrainer(new ClassifierTrainingConfig(2, 8, 1e-3f, 5, 1, 0.5, 11))
                        .fit(model, train, train);
                double[] losses = r.history().stream().mapToDouble(EpochRecord::trainLoss).toArray();
                assertThat(r.history().get(1).learningRate()).isCloseTo(2.5e-4, org.assertj.core.api.Assertions.within(1e-9));
                if (first == null) {
                    first = losses;
                } else {
                    assertThat(losses).containsExactly(first);
                }
            }
        }
    }

    @Test
    void trainingDoesNotLeakArraysIntoTheModelManager() {
        LabelledSeries data = flatSegments(16, 16, 4);
        int[] counts = new int[2];
        for (int run = 0; run < 2; run++) {
            try (Model model = Model.newInstance("leak")) {
                model.setBlock(AttentionAnomalyDetector.builder().optLength(16).optHidden(4).build());
                new ClassifierTrainer(new ClassifierTrainingConfig(run == 0 ? 2 : 12, 4, 1e-3f, 50, 0, 1, 5))
                        .fit(model, data, data);
                NDManager m = model.getNDManager();
                counts[run] = ((BaseNDManager) m).getManagedArrays().size();
            }
        }
        // 2 epochs (8 steps) and 12 epochs (48 steps) leave the same number of arrays behind
        assertThat(counts[1]).isEqualTo(counts[0]);
    }
}
