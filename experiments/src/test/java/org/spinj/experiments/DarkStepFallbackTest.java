package org.spinj.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.spinj.datasets.SpatioTemporalSeries;
import org.spinj.spin.ImputationModel;
import org.spinj.spin.ImputationTask;
import org.spinj.spin.baseline.LinearInterpolationImputer;
import org.spinj.spin.train.SpinTrainer;

/**
 * {@link ImputationModel#setDarkStepFallback}: at steps where no input of the network is visible
 * the fallback's values replace the network's, every other step is the network's, and {@link
 * DarkStepCheck} scores both on outages simulated in the validation windows.
 */
class DarkStepFallbackTest {

    static ImputationTask task;
    static ImputationModel model;

    @BeforeAll
    static void untrainedTinySpin() {
        task = TinySpin.task();
        model = TinySpin.untrained(task);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void darkStepsTakeTheFallbackAndLitStepsTheNetwork() {
        SpatioTemporalSeries s = task.series().sliceTime(0, 60);
        int perStep = s.numNodes() * s.numChannels();
        boolean[] observed = s.observedMask();
        boolean[] eval = new boolean[observed.length];
        for (int i = 30 * perStep; i < 36 * perStep; i++) {
            eval[i] = observed[i]; // steps 30..35: nothing visible network-wide
        }
        SpatioTemporalSeries dark = s.withEvalMask(eval);
        model.setDarkStepFallback(null);
        float[] plain = model.impute(dark, 1, 8);
        LinearInterpolationImputer interp = new LinearInterpolationImputer();
        model.setDarkStepFallback(interp);
        float[] mixed;
        try {
            mixed = model.impute(dark, 1, 8);
        } finally {
            model.setDarkStepFallback(null);
        }
        float[] reference = interp.impute(dark);
        boolean[] visible = dark.trainingMask();
        int changed = 0;
        for (int i = 0; i < mixed.length; i++) {
            int step = i / perStep;
            if (step >= 30 && step < 36) {
                assertThat(mixed[i]).as("dark step %d", step).isEqualTo(reference[i]);
                changed += mixed[i] != plain[i] ? 1 : 0;
            } else {
                assertThat(mixed[i]).as("lit step %d", step).isEqualTo(plain[i]);
            }
            if (visible[i]) {
                assertThat(mixed[i]).isEqualTo(dark.values()[i]);
            }
        }
        assertThat(changed).isPositive();
    }

    @Test
    void theCheckScoresSimulatedOutagesOnValidationOnly() {
        int[] windows = SpinTrainer.strided(task.split().validation(), 2);
        DarkStepCheck c = DarkStepCheck.score(model, task, windows, 8);
        assertThat(c).isNotNull();
        assertThat(c.targets()).isPositive();
        assertThat(c.networkMae()).isFinite().isPositive();
        assertThat(c.candidates()).containsOnlyKeys(DarkStepCheck.CANDIDATES);
        String choice = c.choice();
        double best = c.candidates().values().stream().mapToDouble(Double::doubleValue).min()
                .orElseThrow();
        if (best < c.networkMae()) {
            assertThat(c.candidates().get(choice)).isEqualTo(best);
        } else {
            assertThat(choice).isNull();
        }
        assertThat(DarkStepCheck.recorded(wrap(c))).isEqualTo(choice);
        assertThat(model.darkStepFallback()).isNull(); // the check leaves the model as it was
    }

    private static com.google.gson.JsonObject wrap(DarkStepCheck c) {
        com.google.gson.JsonObject meta = new com.google.gson.JsonObject();
        meta.add(DarkStepCheck.KEY, c.toJson());
        return meta;
    }
}
