package org.spinj.experiments;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.spinj.datasets.SpatioTemporalSeries;
import org.spinj.spin.ImputationModel;
import org.spinj.spin.ImputationTask;
import org.spinj.spin.baseline.MeanImputer;

/**
 * No score is computed from a non-finite imputation: the evaluation stops at the first one and
 * names its step, time, window and node.
 */
class NonFiniteImputationTest {

    @Test
    void aBaselineScoreNamesTheStepAndNodeOfANonFiniteTarget() {
        ImputationTask task = TinySpin.task();
        SpatioTemporalSeries s = task.series();
        float[] imputed = new MeanImputer().impute(s);
        boolean[] eval = s.evalMask();
        int[] test = task.split().test();
        int first = task.split().spec().start(test[0]) * s.numNodes();
        int target = first;
        while (!eval[target]) {
            target++;
        }
        imputed[target] = Float.POSITIVE_INFINITY;
        int step = target / s.numNodes();
        String node = s.nodeIds().get(target % s.numNodes());
        assertThatThrownBy(() -> SplitScoring.score(s, imputed, task.split().spec(), test))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("the imputation is Infinity at step " + step + " ("
                        + s.timeIndex().at(step) + ") for node '" + node + "'");
    }

    @Test
    void aNetworkWithNonFiniteParametersIsNotScored() {
        ImputationTask task = TinySpin.task();
        try (ImputationModel model = TinySpin.untrained(task)) {
            for (NDArray p : model.network().logicalParameters().values()) {
                float[] v = new float[(int) p.size()];
                Arrays.fill(v, Float.NaN);
                p.set(v);
            }
            int[] windows = Arrays.copyOf(task.split().test(), 3);
            assertThatThrownBy(() -> model.evaluate(task, windows, 2))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("the imputation is NaN at step")
                    .hasMessageContaining(" in window " + windows[0] + " for node '")
                    .hasMessageNotContaining("\n");
        }
    }
}
