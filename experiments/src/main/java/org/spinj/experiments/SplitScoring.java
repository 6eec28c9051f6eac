package org.spinj.experiments;

import org.spinj.datasets.SpatioTemporalSeries;
import org.spinj.datasets.window.WindowSpec;
import org.spinj.spin.ImputationModel;
import org.spinj.spin.eval.ImputationMetrics;

/**
 * Scores a whole-series imputation (a baseline's) on the evaluation targets of some windows with
 * the protocol {@link ImputationModel#evaluate} applies to networks: once per window a point lies
 * in (the paper's "MAE averaged across imputation windows"), and once per point.
 */
public final class SplitScoring {

    private SplitScoring() {}

    /**
     * @param series the series with its evaluation mask
     * @param imputed {@code [T, N, C]} the imputation of the whole series
     * @param spec the windows
     * @param windows the window indices to score (e.g. the test split)
     * @return per-window and per-point metrics
     */
    public static ImputationModel.Evaluation score(
            SpatioTemporalSeries series, float[] imputed, WindowSpec spec, int[] windows) {
        return scoreByStep(series, imputed, spec, windows, new int[series.numSteps()], 1)[0];
    }

    /**
     * {@link #score} with the targets split into groups by the step they sit at, as {@link
     * ImputationModel#evaluateByStep} does for networks.
     *
     * @param series the series with its evaluation mask
     * @param imputed {@code [T, N, C]} the imputation of the whole series
     * @param spec the windows
     * @param windows the window indices to score
     * @param groupOfStep the group of every step, {@code 0..groups - 1}
     * @param groups the number of groups
     * @return per-window and per-point metrics of every group
     * @throws IllegalStateException naming the step and node of a non-finite imputed target
     */
    public static ImputationModel.Evaluation[] scoreByStep(SpatioTemporalSeries series,
            float[] imputed, WindowSpec spec, int[] windows, int[] groupOfStep, int groups) {
        int perStep = series.numNodes() * series.numChannels();
        if (imputed.length != series.numSteps() * perStep) {
            throw new IllegalArgumentException(
                    "imputation has " + imputed.length + " values, the series "
                            + series.numSteps() * perStep);
        }
        ImputationModel.checkGroups(groupOfStep, groups, series.numSteps());
        float[] truth = series.values();
        boolean[] eval = series.evalMask();
        int[] cover = new int[series.numSteps()];
        for (int k : windows) {
            int s0 = spec.start(k);
            for (int t = s0; t < s0 + spec.window(); t++) {
                cover[t]++;
            }
        }
        ImputationMetrics.Accumulator[] perWindow = new ImputationMetrics.Accumulator[groups];
        ImputationMetrics.Accumulator[] perPoint = new ImputationMetrics.Accumulator[groups];
        for (int g = 0; g < groups; g++) {
            perWindow[g] = new ImputationMetrics.Accumulator();
            perPoint[g] = new ImputationMetrics.Accumulator();
        }
        for (int t = 0; t < cover.length; t++) {
            if (cover[t] == 0) {
                continue;
            }
            int g = groupOfStep[t];
            for (int i = t * perStep; i < (t + 1) * perStep; i++) {
                if (eval[i]) {
                    if (!Float.isFinite(imputed[i])) {
                        throw ImputationModel.nonFinite(imputed[i], series, t,
                                (i - t * perStep) / series.numChannels(), "");
                    }
                    perPoint[g].add(imputed[i], truth[i]);
                    for (int c = 0; c < cover[t]; c++) {
                        perWindow[g].add(imputed[i], truth[i]);
                    }
                }
            }
        }
        ImputationModel.Evaluation[] out = new ImputationModel.Evaluation[groups];
        for (int g = 0; g < groups; g++) {
            out[g] = new ImputationModel.Evaluation(perWindow[g].result(), perPoint[g].result());
        }
        return out;
    }
}
