package org.spinj.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.spinj.spin.ImputationModel;
import org.spinj.spin.ImputationTask;
import org.spinj.spin.baseline.Imputer;
import org.spinj.spin.baseline.NeighbourRegressionImputer;
import org.spinj.spin.train.SpinTrainer;

/**
 * {@link ImputationModel#setBlend} mixes the network with a baseline at every missing cell, and
 * {@link BlendCheck} picks the mix with the lowest validation error: never worse than the network
 * or any baseline alone, and the error it reports is the one the blended model then scores.
 */
class BlendCheckTest {

    static ImputationTask task;
    static ImputationModel model;
    static int[] windows;

    @BeforeAll
    static void untrainedTinySpin() {
        task = TinySpin.task();
        model = TinySpin.untrained(task);
        windows = SpinTrainer.strided(task.split().validation(), 2);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void weightOneIsTheNetworkAndWeightZeroTheBaseline() {
        Imputer mice = new NeighbourRegressionImputer(task.graph());
        float[] network = model.impute(task.series(), 4, 8);
        float[] baseline = mice.impute(task.series());
        model.setBlend(mice, 1);
        assertThat(model.blendBaseline()).isSameAs(mice);
        float[] one = model.impute(task.series(), 4, 8);
        model.setBlend(mice, 0);
        float[] zero = model.impute(task.series(), 4, 8);
        model.setBlend(mice, 0.25);
        float[] quarter = model.impute(task.series(), 4, 8);
        model.setBlend(null, 0.3);
        assertThat(model.networkWeight()).isEqualTo(1.0);
        boolean[] visible = task.series().trainingMask();
        int mixed = 0;
        for (int i = 0; i < network.length; i++) {
            assertThat(one[i]).isEqualTo(network[i]);
            if (visible[i]) {
                assertThat(zero[i]).isEqualTo(task.series().values()[i]);
                continue;
            }
            // each window's value is mixed before the windows are averaged: linear, so exact
            // up to float rounding of the two terms
            float tol = 1e-5f * (1 + Math.abs(network[i]) + Math.abs(baseline[i]));
            assertThat(zero[i]).isCloseTo(baseline[i], org.assertj.core.data.Offset.offset(tol));
            assertThat(quarter[i]).isCloseTo(0.25f * network[i] + 0.75f * baseline[i],
                    org.assertj.core.data.Offset.offset(tol));
            mixed += network[i] != baseline[i] ? 1 : 0;
        }
        assertThat(mixed).isPositive();
        assertThatThrownBy(() -> model.setBlend(mice, 1.5)).hasMessageContaining("[0, 1]");
    }

    @Test
    void theChosenMixIsNoWorseThanEitherAloneAndScoresAsReported() {
        BlendCheck c = BlendCheck.score(model, task, windows, 8);
        assertThat(c).isNotNull();
        assertThat(c.targets()).isPositive();
        assertThat(c.baselineMae()).containsOnlyKeys(ModelChoice.BASELINES);
        assertThat(c.mae()).isLessThanOrEqualTo(c.networkMae());
        c.baselineMae().values().forEach(b -> assertThat(c.mae()).isLessThanOrEqualTo(b));
        assertThat(model.blendBaseline()).isNull(); // the check leaves the model as it was

        double alone = model.evaluate(task, windows, 8).windows().mae();
        assertThat(c.networkMae()).isCloseTo(alone, org.assertj.core.data.Offset.offset(1e-4 * alone));
        c.apply(model, task.graph());
        try {
            double blended = model.evaluate(task, windows, 8).windows().mae();
            assertThat(blended).isCloseTo(c.mae(), org.assertj.core.data.Offset.offset(1e-4 * c.mae()));
        } finally {
            model.setBlend(null, 1);
        }
    }

    @Test
    void aRecordedMixIsSetBackOnALoadedModel() {
        BlendCheck c = new BlendCheck("mice", 0.35, 1.0, 2.0, java.util.Map.of("mice", 1.5), 10);
        JsonObject meta = new JsonObject();
        meta.add(BlendCheck.KEY, c.toJson());
        try {
            assertThat(BlendCheck.applyRecorded(meta, model)).isEqualTo("0.350 x network + 0.650 x mice");
            assertThat(model.networkWeight()).isEqualTo(0.35);
            assertThat(model.blendBaseline()).isInstanceOf(NeighbourRegressionImputer.class);
            assertThat(BlendCheck.applyRecorded(new JsonObject(), model)).isNull();
            meta.getAsJsonObject(BlendCheck.KEY).addProperty("network_weight", 7);
            assertThatThrownBy(() -> BlendCheck.applyRecorded(meta, model))
                    .hasMessageContaining("network_weight");
        } finally {
            model.setBlend(null, 1);
        }
        BlendCheck alone = new BlendCheck("mice", 1.0, 1.0, 1.0, java.util.Map.of("mice", 1.5), 10);
        JsonObject m2 = new JsonObject();
        m2.add(BlendCheck.KEY, alone.toJson());
        assertThat(BlendCheck.applyRecorded(m2, model)).isNull();
        assertThat(alone.line("spin")).contains("SPIN alone imputes best");
        assertThat(c.line("spin")).contains("0.350 x SPIN + 0.650 x mice");
    }
}
