package org.spinj.temporal.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClassificationMetricsTest {

    // truth     1 1 1 0 0 0 0 1
    // predicted 1 0 1 0 1 0 0 1  -> TP 3, FN 1, FP 1, TN 3
    private static final int[] TRUTH = {1, 1, 1, 0, 0, 0, 0, 1};
    private static final int[] PRED = {1, 0, 1, 0, 1, 0, 0, 1};

    @Test
    void binaryMetricsMatchHandCounts() {
        ConfusionMatrix cm = ConfusionMatrix.of(TRUTH, PRED, 2);
        assertThat(cm.counts()).isDeepEqualTo(new int[][] {{3, 1}, {1, 3}});
        assertThat(cm.accuracy()).isEqualTo(0.75);
        assertThat(cm.precision(1)).isEqualTo(0.75);
        assertThat(cm.recall(1)).isEqualTo(0.75);
        assertThat(cm.f1(1)).isCloseTo(0.75, within(1e-12));
    }

    @Test
    void multiclassReportMatchesScikitLearn() {
        // sklearn: y=[0,0,1,1,2,2], p=[0,1,1,1,2,0]: precision [.5, .6667, 1], recall [.5, 1, .5]
        ConfusionMatrix cm = ConfusionMatrix.of(new int[] {0, 0, 1, 1, 2, 2},
                new int[] {0, 1, 1, 1, 2, 0}, 3);
        assertThat(cm.precision(1)).isCloseTo(2 / 3.0, within(1e-12));
        assertThat(cm.recall(2)).isEqualTo(0.5);
        assertThat(cm.f1(0)).isEqualTo(0.5);
        assertThat(cm.macroF1()).isCloseTo((0.5 + 0.8 + 2 / 3.0) / 3, within(1e-12));
        assertThat(cm.report(List.of("a", "b", "c"))).contains("macro avg").contains("0.6556");
    }

    @Test
    void classWithoutPredictionsHasZeroPrecision() {
        ConfusionMatrix cm = ConfusionMatrix.of(new int[] {0, 1}, new int[] {0, 0}, 2);
        assertThat(cm.precision(1)).isZero();
        assertThat(cm.f1(1)).isZero();
    }

    @Test
    void rocAucCountsTiesAsOneHalf() {
        // positives 0.8, 0.4; negatives 0.4, 0.1: pairs (0.8>0.4)(0.8>0.1)(0.4=0.4)(0.4>0.1) = 3.5/4
        double auc = RocAuc.of(new boolean[] {true, true, false, false}, new double[] {0.8, 0.4, 0.4, 0.1});
        assertThat(auc).isEqualTo(0.875);
        assertThat(RocAuc.of(new boolean[] {false, true}, new double[] {1, 0})).isZero();
    }

    @Test
    void rocAucNeedsBothClasses() {
        assertThatThrownBy(() -> RocAuc.of(new boolean[] {true}, new double[] {1}))
                .hasMessageContaining("1 positives and 0 negatives");
    }

    @Test
    void attentionAccuracyIsTheCoveredShareOfTheAnomaly() {
        float[] alpha = new float[100];
        alpha[50] = 1;
        // focus [40, 60) vs anomaly [45, 85): overlap 15 of 40
        assertThat(AttentionAccuracy.of(alpha, 45, 85, 10)).isEqualTo(15 / 40.0);
        assertThat(AttentionAccuracy.of(alpha, 0, 10, 10)).isZero();
        assertThat(AttentionAccuracy.peakRatio(alpha)).isEqualTo(100);
        assertThat(AttentionAccuracy.normalisedEntropy(alpha)).isZero();
        float[] uniform = new float[4];
        java.util.Arrays.fill(uniform, 0.25f);
        assertThat(AttentionAccuracy.normalisedEntropy(uniform)).isCloseTo(1, within(1e-6));
    }

    @Test
    void confusionMatrixNamesAnOutOfRangeClass() {
        assertThatThrownBy(() -> ConfusionMatrix.of(new int[] {0, 3}, new int[] {0, 1}, 2))
                .hasMessageContaining("sample 1 has truth 3");
    }
}
