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

    // y = 0 0 1 1 2 2; one-vs-rest AUCs by hand: class 0 7/8, class 1 6/8, class 2 7.5/8 (a tie)
    private static final int[] Y3 = {0, 0, 1, 1, 2, 2};
    private static final double[][] P3 = {
        {0.7, 0.2, 0.1}, {0.3, 0.4, 0.3}, {0.2, 0.6, 0.2}, {0.5, 0.3, 0.2}, {0.1, 0.2, 0.7}, {0.2, 0.5, 0.3}
    };

    @Test
    void oneVsRestRocAucIsTheMeanOfThePerClassAucs() {
        assertThat(RocAuc.oneVsRest(Y3, P3)).isCloseTo((0.875 + 0.75 + 0.9375) / 3, within(1e-12));
    }

    @Test
    void oneVsRestRocAucSkipsAClassAbsentFromTheTruth() {
        // class 2 never occurs: only classes 0 (.7,.3 vs .2,.1: 4/4) and 1 (.1,.3 vs .6,.5: 0/4) count
        double auc = RocAuc.oneVsRest(new int[] {0, 0, 1, 1},
                new double[][] {{.7, .6, .1}, {.3, .5, .2}, {.2, .1, .7}, {.1, .3, .6}});
        assertThat(auc).isCloseTo((1.0 + 0.0) / 2, within(1e-12));
        assertThatThrownBy(() -> RocAuc.oneVsRest(new int[] {1, 1}, new double[][] {{.5, .5}, {.5, .5}}))
                .hasMessageContaining("class counts [0, 2]");
    }

    @Test
    void multiclassMetricsAreMacroMeansOfTheArgmaxPredictions() {
        // argmax: 0 1 1 0 2 1 -> rows true 0: [1 1 0], true 1: [1 1 0], true 2: [0 1 1]
        ClassificationMetrics m = ClassificationMetrics.of(Y3, P3, List.of("a", "b", "c"));
        assertThat(m.confusion().counts()).isDeepEqualTo(new int[][] {{1, 1, 0}, {1, 1, 0}, {0, 1, 1}});
        assertThat(m.accuracy()).isEqualTo(0.5);
        assertThat(m.precision()).isCloseTo((0.5 + 1 / 3.0 + 1) / 3, within(1e-12));
        assertThat(m.recall()).isCloseTo(0.5, within(1e-12));
        assertThat(m.rocAuc()).isCloseTo((0.875 + 0.75 + 0.9375) / 3, within(1e-12));
        assertThat(m.summary()).containsOnlyKeys("accuracy", "precision", "recall", "f1", "roc_auc",
                "confusion_matrix");
        assertThat(m.summary().get("confusion_matrix")).isEqualTo("[[1, 1, 0], [1, 1, 0], [0, 1, 1]]");
        // macro avg row: precision 0.6111, recall 0.5000
        assertThat(m.report()).contains("macro avg").contains("0.6111    0.5000");
    }

    @Test
    void binaryMetricsAreThoseOfThePositiveClass() {
        double[][] p = new double[TRUTH.length][];
        double[] score = {0.9, 0.4, 0.8, 0.2, 0.6, 0.3, 0.1, 0.7}; // thresholded at 0.5 gives PRED
        for (int i = 0; i < p.length; i++) {
            p[i] = new double[] {1 - score[i], score[i]};
        }
        ClassificationMetrics m = ClassificationMetrics.of(TRUTH, p, List.of("normal", "anomaly"));
        assertThat(m.confusion().counts()).isDeepEqualTo(new int[][] {{3, 1}, {1, 3}});
        assertThat(m.precision()).isEqualTo(0.75);
        assertThat(m.f1()).isCloseTo(0.75, within(1e-12));
        // positives .9 .4 .8 .7 vs negatives .2 .6 .3 .1: 15 of 16 pairs (.4 < .6)
        assertThat(m.rocAuc()).isEqualTo(15 / 16.0);
        assertThat(m.report()).contains("anomaly").contains("normal");
    }

    @Test
    void attentionAccuracyCeilingIsTheWindowOverTheAnomalyLength() {
        assertThat(AttentionAccuracy.ceiling(100, 300, 10)).isEqualTo(0.1);
        assertThat(AttentionAccuracy.ceiling(0, 15, 10)).isEqualTo(1.0);
        float[] alpha = new float[400];
        alpha[150] = 1;
        // focus [140, 160) inside anomaly [100, 300): seed value 20/200, relative 1
        assertThat(AttentionAccuracy.of(alpha, 100, 300, 10)).isEqualTo(0.1);
        assertThat(AttentionAccuracy.relative(alpha, 100, 300, 10)).isEqualTo(1.0);
        // focus [140, 160) vs anomaly [155, 255): overlap 5 of min(20, 100)
        assertThat(AttentionAccuracy.relative(alpha, 155, 255, 10)).isCloseTo(0.25, within(1e-12));
        assertThat(AttentionAccuracy.peakInside(alpha, 100, 300)).isTrue();
        assertThat(AttentionAccuracy.peakInside(alpha, 151, 300)).isFalse();
        assertThatThrownBy(() -> AttentionAccuracy.ceiling(5, 5, 10)).hasMessageContaining("end=5");
    }

    @Test
    void quartilesInterpolateLikeNumpy() {
        // numpy.percentile([4, 1, 3, 2], [25, 50, 75]) = [1.75, 2.5, 3.25]
        Quartiles q = Quartiles.of(new double[] {4, 1, 3, 2});
        assertThat(new double[] {q.min(), q.q1(), q.median(), q.q3(), q.max()})
                .containsExactly(1, 1.75, 2.5, 3.25, 4);
        assertThat(Quartiles.of(new double[] {7}).median()).isEqualTo(7);
        assertThat(q.text()).isEqualTo("1.7500 / 2.5000 / 3.2500");
        assertThatThrownBy(() -> Quartiles.of(new double[0])).hasMessageContaining("at least one");
    }
}
