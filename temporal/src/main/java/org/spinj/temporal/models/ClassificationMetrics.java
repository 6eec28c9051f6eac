package org.spinj.temporal.models;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The evaluation every classifier command prints: accuracy, precision, recall,
 * F1, ROC-AUC, the confusion matrix and the per-class report. For two classes precision, recall,
 * F1 and ROC-AUC are those of class 1 (the positive class, scikit-learn's binary default); for
 * more, the unweighted (macro) means and the one-vs-rest macro ROC-AUC.
 *
 * @param confusion the confusion matrix of the argmax predictions
 * @param rocAuc ROC-AUC (binary) or one-vs-rest macro ROC-AUC
 * @param classNames {@code [K]} class names, for the report
 */
public record ClassificationMetrics(ConfusionMatrix confusion, double rocAuc, List<String> classNames) {

    /** Validates and copies the class names. */
    public ClassificationMetrics {
        Objects.requireNonNull(confusion, "confusion");
        classNames = List.copyOf(classNames);
        if (classNames.size() != confusion.classes()) {
            throw new IllegalArgumentException("need " + confusion.classes() + " class names, got " + classNames);
        }
        if (!(rocAuc >= 0 && rocAuc <= 1)) {
            throw new IllegalArgumentException("rocAuc must lie in [0, 1], got " + rocAuc);
        }
    }

    /**
     * @param truth {@code [N]} true classes in {@code [0, K)}
     * @param probabilities {@code [N][K]} class probabilities (the prediction is the argmax, the
     *     lower class on a tie, so a binary {@code [1 - p, p]} predicts 1 when {@code p > 0.5})
     * @param classNames {@code [K]} class names
     * @return the metrics
     * @throws IllegalArgumentException on mismatched sizes or when ROC-AUC is undefined (one class)
     */
    public static ClassificationMetrics of(int[] truth, double[][] probabilities, List<String> classNames) {
        int k = classNames.size();
        if (probabilities.length != truth.length) {
            throw new IllegalArgumentException("got " + truth.length + " labels but "
                    + probabilities.length + " probability rows");
        }
        int[] predicted = new int[truth.length];
        for (int i = 0; i < truth.length; i++) {
            double[] p = probabilities[i];
            if (p.length != k) {
                throw new IllegalArgumentException("row " + i + " has " + p.length + " probabilities, expected "
                        + k + " (one per class name)");
            }
            for (int c = 1; c < k; c++) {
                predicted[i] = p[c] > p[predicted[i]] ? c : predicted[i];
            }
        }
        ConfusionMatrix cm = ConfusionMatrix.of(truth, predicted, k);
        double auc;
        if (k == 2) {
            boolean[] positive = new boolean[truth.length];
            double[] score = new double[truth.length];
            for (int i = 0; i < truth.length; i++) {
                positive[i] = truth[i] == 1;
                score[i] = probabilities[i][1];
            }
            auc = RocAuc.of(positive, score);
        } else {
            auc = RocAuc.oneVsRest(truth, probabilities);
        }
        return new ClassificationMetrics(cm, auc, classNames);
    }

    /** @return the share of correct predictions */
    public double accuracy() {
        return confusion.accuracy();
    }

    /** @return class 1's precision for two classes, else the macro precision */
    public double precision() {
        return binary() ? confusion.precision(1) : confusion.macroPrecision();
    }

    /** @return class 1's recall for two classes, else the macro recall */
    public double recall() {
        return binary() ? confusion.recall(1) : confusion.macroRecall();
    }

    /** @return class 1's F1 for two classes, else the macro F1 */
    public double f1() {
        return binary() ? confusion.f1(1) : confusion.macroF1();
    }

    /**
     * @return the printed metrics in order: {@code accuracy, precision, recall, f1, roc_auc}
     *     (doubles) and {@code confusion_matrix} (rows true, columns predicted)
     */
    public Map<String, Object> summary() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("accuracy", accuracy());
        m.put("precision", precision());
        m.put("recall", recall());
        m.put("f1", f1());
        m.put("roc_auc", rocAuc);
        m.put("confusion_matrix", Arrays.deepToString(confusion.counts()));
        return m;
    }

    /** @return the per-class report (scikit-learn's {@code classification_report} layout) */
    public String report() {
        return confusion.report(classNames);
    }

    private boolean binary() {
        return confusion.classes() == 2;
    }
}
