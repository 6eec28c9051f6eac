package org.spinj.temporal.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Model;
import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SignalEmbeddingTrainerTest {

    /** Class 0: a sine; class 1: the same with a flat segment, whose boundaries are the keypoints. */
    static EmbeddingSamples sinesAndFlats(int n, int t, long seed) {
        Random rng = new Random(seed);
        float[][] x = new float[n][t];
        int[] c = new int[n];
        int[][] k = new int[n][];
        for (int i = 0; i < n; i++) {
            double f = 1 + 2 * rng.nextDouble();
            for (int s = 0; s < t; s++) {
                x[i][s] = (float) Math.sin(f * 2 * Math.PI * s / (t - 1));
            }
            c[i] = i % 2;
            int start = -1;
            int end = -1;
            if (c[i] == 1) {
                start = rng.nextInt(t / 2);
                end = start + t / 3;
                for (int s = start; s < end; s++) {
                    x[i][s] = x[i][start];
                }
            }
            k[i] = EmbeddingSamples.boundaryTargets(t, start, end);
        }
        return new EmbeddingSamples(x, c, k);
    }

    @Test
    void tripletLossMatchesHandComputedHardestPairs() {
        try (NDManager m = NDManager.newBaseManager()) {
            // squared distances: d01 = 0.8, d02 = 4, d03 = 2, d12 = 3.2, d13 = 0.4, d23 = 2
            float[] e = {1, 0, 0.6f, 0.8f, -1, 0, 0, 1};
            int[] classes = {0, 0, 1, 2};
            // anchor 0: max(0, 0.8 - 2 + 0.5) = 0; anchor 1: 0.8 - 0.4 + 0.5 = 0.9;
            // anchors 2 and 3 have no positive: mean over 2 valid anchors = 0.45
            float loss = SignalEmbeddingTrainer.batchHardTripletLoss(
                    m.create(e, new Shape(4, 2)), classes, 0.5f).getFloat();
            assertThat(loss).isCloseTo(0.45f, within(1e-5f));
        }
    }

    @Test
    void tripletLossIsZeroWhenNoAnchorHasAPositiveAndANegative() {
        try (NDManager m = NDManager.newBaseManager()) {
            float loss = SignalEmbeddingTrainer.batchHardTripletLoss(
                    m.create(new float[] {1, 0, 0, 1}, new Shape(2, 2)), new int[] {0, 1}, 0.2f).getFloat();
            assertThat(loss).isZero();
        }
    }

    @Test
    void keypointLossWeighsBoundaryStepsMore() {
        try (NDManager m = NDManager.newBaseManager()) {
            // step 0: uniform logits, target NONE: nll ln 3, weight 1;
            // step 1: softmax (1/2, 1/4, 1/4), target START: nll ln 4, weight 3
            float[] logits = {0, 0, 0, (float) Math.log(2), 0, 0};
            float loss = SignalEmbeddingTrainer.keypointLoss(m.create(logits, new Shape(1, 2, 3)),
                    m.create(new long[] {0, 1}, new Shape(1, 2)), 3f).getFloat();
            assertThat(loss).isCloseTo((float) ((Math.log(3) + 3 * Math.log(4)) / 4), within(1e-5f));
        }
    }

    @Test
    void boundaryTargetsMarkTheStartAndEndCells() {
        assertThat(EmbeddingSamples.boundaryTargets(16, 5, 11)).containsExactly(0, 1, 2, 0);
        assertThat(EmbeddingSamples.boundaryTargets(16, -1, -1)).containsExactly(0, 0, 0, 0);
        assertThat(EmbeddingSamples.boundaryTargets(16, 6, 7)).containsExactly(0, 2, 0, 0);
        assertThatThrownBy(() -> EmbeddingSamples.boundaryTargets(16, 10, 17))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[10, 17)");
    }

    @Test
    void nearestNeighbourAccuracyCountsQueriesWhoseNearestReferenceShareTheirClass() {
        float[][] ref = {{0, 0}, {10, 0}};
        float[][] query = {{1, 0}, {9, 0}, {2, 0}};
        assertThat(EmbeddingPredictions.nearestNeighbourAccuracy(ref, new int[] {0, 1}, query,
                new int[] {0, 1, 1})).isCloseTo(2 / 3.0, within(1e-12));
        assertThat(EmbeddingPredictions.leaveOneOutAccuracy(new float[][] {{0}, {1}, {10}, {11}},
                new int[] {0, 0, 1, 0})).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void trainingSeparatesTheClassesAndRestoresTheBestEpoch() {
        EmbeddingSamples train = sinesAndFlats(48, 32, 1);
        EmbeddingSamples val = sinesAndFlats(16, 32, 2);
        try (Model model = Model.newInstance("embedding")) {
            SignalEmbeddingNet net = new SignalEmbeddingNet(32, 8, 8, EmbeddingSamples.KEYPOINT_CLASSES);
            model.setBlock(net);
            TrainingResult r = new SignalEmbeddingTrainer(new EmbeddingTrainingConfig(
                    8, 16, 5e-3f, 0.2f, 1f, 5f, 8, 3)).fit(model, train, val);
            assertThat(r.history().get(r.history().size() - 1).trainLoss())
                    .isLessThan(r.history().get(0).trainLoss());
            assertThat(r.best().valLoss())
                    .isEqualTo(r.history().stream().mapToDouble(EpochRecord::valLoss).min().orElseThrow());
            EmbeddingPredictions p = EmbeddingPredictions.predict(net, model.getNDManager(), val, 8);
            assertThat(p.embeddings()[0]).hasSize(8);
            double norm = 0;
            for (float v : p.embeddings()[0]) {
                norm += v * v;
            }
            assertThat(norm).isCloseTo(1.0, within(1e-4));
            assertThat(p.keypoints()[0]).hasNumberOfRows(8);
            EmbeddingPredictions pt = EmbeddingPredictions.predict(net, model.getNDManager(), train, 16);
            assertThat(EmbeddingPredictions.nearestNeighbourAccuracy(pt.embeddings(), train.classes(),
                    p.embeddings(), val.classes())).isGreaterThan(0.6);
        }
    }

    @Test
    void trainingDoesNotLeakArraysIntoTheModelManager() {
        EmbeddingSamples data = sinesAndFlats(8, 16, 4);
        int[] counts = new int[2];
        for (int run = 0; run < 2; run++) {
            try (Model model = Model.newInstance("leak")) {
                model.setBlock(new SignalEmbeddingNet(16, 4, 4, EmbeddingSamples.KEYPOINT_CLASSES));
                new SignalEmbeddingTrainer(new EmbeddingTrainingConfig(run == 0 ? 2 : 10, 4, 1e-3f,
                        0.2f, 1f, 5f, 50, 5)).fit(model, data, data);
                counts[run] = ((BaseNDManager) model.getNDManager()).getManagedArrays().size();
            }
        }
        // 2 epochs (4 steps) and 10 epochs (20 steps) leave the same number of arrays behind
        assertThat(counts[1]).isEqualTo(counts[0]);
    }

    @Test
    void invalidConfigNamesTheValues() {
        assertThatThrownBy(() -> new EmbeddingTrainingConfig(1, 1, 1e-3f, 0.2f, 1f, 5f, 1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("batchSize=1");
    }
}
