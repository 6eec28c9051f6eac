package org.spinj.temporal.models;

import java.util.Objects;

/**
 * A confusion matrix with the per-class precision, recall and F1 derived from it; rows are true
 * classes, columns predicted classes (scikit-learn's layout).
 */
public final class ConfusionMatrix {

    private final int[][] counts;
    private final long total;

    private ConfusionMatrix(int[][] counts) {
        this.counts = counts;
        long t = 0;
        for (int[] row : counts) {
            for (int v : row) {
                t += v;
            }
        }
        this.total = t;
    }

    /**
     * @param truth {@code [N]} true classes in {@code [0, K)}
     * @param predicted {@code [N]} predicted classes in {@code [0, K)}
     * @param classes {@code K >= 2}
     * @return the matrix
     * @throws IllegalArgumentException on a length mismatch or a class out of range
     */
    public static ConfusionMatrix of(int[] truth, int[] predicted, int classes) {
        Objects.requireNonNull(truth, "truth");
        Objects.requireNonNull(predicted, "predicted");
        if (truth.length != predicted.length || classes < 2) {
            throw new IllegalArgumentException("need equally long truth and predictions and >= 2"
                    + " classes, got " + truth.length + ", " + predicted.length + ", K=" + classes);
        }
        int[][] c = new int[classes][classes];
        for (int i = 0; i < truth.length; i++) {
            if (truth[i] < 0 || truth[i] >= classes || predicted[i] < 0 || predicted[i] >= classes) {
                throw new IllegalArgumentException("sample " + i + " has truth " + truth[i]
                        + ", prediction " + predicted[i] + ", expected both in [0, " + classes + ")");
            }
            c[truth[i]][predicted[i]]++;
        }
        return new ConfusionMatrix(c);
    }

    /** @return {@code [K][K]} counts, a copy */
    public int[][] counts() {
        int[][] c = new int[counts.length][];
        for (int i = 0; i < c.length; i++) {
            c[i] = counts[i].clone();
        }
        return c;
    }

    /** @return the number of classes {@code K} */
    public int classes() {
        return counts.length;
    }

    /** @return the share of correct predictions, NaN for no samples */
    public double accuracy() {
        long ok = 0;
        for (int k = 0; k < counts.length; k++) {
            ok += counts[k][k];
        }
        return total == 0 ? Double.NaN : (double) ok / total;
    }

    /**
     * @param k a class
     * @return {@code TP / (TP + FP)}, 0 when nothing was predicted as {@code k} (scikit-learn's
     *     zero_division=0)
     */
    public double precision(int k) {
        long col = 0;
        for (int[] row : counts) {
            col += row[k];
        }
        return col == 0 ? 0 : (double) counts[k][k] / col;
    }

    /**
     * @param k a class
     * @return {@code TP / (TP + FN)}, 0 when class {@code k} has no samples
     */
    public double recall(int k) {
        long row = support(k);
        return row == 0 ? 0 : (double) counts[k][k] / row;
    }

    /**
     * @param k a class
     * @return the harmonic mean of precision and recall, 0 when both are 0
     */
    public double f1(int k) {
        double p = precision(k);
        double r = recall(k);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /**
     * @param k a class
     * @return the number of samples whose true class is {@code k}
     */
    public long support(int k) {
        long s = 0;
        for (int v : counts[k]) {
            s += v;
        }
        return s;
    }

    /** @return the unweighted mean precision over the classes */
    public double macroPrecision() {
        double s = 0;
        for (int k = 0; k < counts.length; k++) {
            s += precision(k);
        }
        return s / counts.length;
    }

    /** @return the unweighted mean recall over the classes */
    public double macroRecall() {
        double s = 0;
        for (int k = 0; k < counts.length; k++) {
            s += recall(k);
        }
        return s / counts.length;
    }

    /** @return the unweighted mean F1 over the classes */
    public double macroF1() {
        double s = 0;
        for (int k = 0; k < counts.length; k++) {
            s += f1(k);
        }
        return s / counts.length;
    }

    /** @return the support-weighted mean F1 */
    public double weightedF1() {
        return weighted(this::f1);
    }

    private double weighted(java.util.function.IntToDoubleFunction metric) {
        double s = 0;
        for (int k = 0; k < counts.length; k++) {
            s += metric.applyAsDouble(k) * support(k);
        }
        return total == 0 ? 0 : s / total;
    }

    /**
     * A per-class report in scikit-learn's {@code classification_report} layout.
     *
     * @param names the class names, {@code K} of them
     * @return the report text
     */
    public String report(java.util.List<String> names) {
        if (names.size() != counts.length) {
            throw new IllegalArgumentException("need " + counts.length + " class names, got " + names);
        }
        StringBuilder sb = new StringBuilder(String.format(java.util.Locale.ROOT,
                "%-14s %9s %9s %9s %9s%n", "", "precision", "recall", "f1-score", "support"));
        for (int k = 0; k < counts.length; k++) {
            sb.append(String.format(java.util.Locale.ROOT, "%-14s %9.4f %9.4f %9.4f %9d%n",
                    names.get(k), precision(k), recall(k), f1(k), support(k)));
        }
        sb.append(String.format(java.util.Locale.ROOT, "%-14s %9s %9s %9.4f %9d%n", "accuracy", "",
                "", accuracy(), total));
        sb.append(String.format(java.util.Locale.ROOT, "%-14s %9.4f %9.4f %9.4f %9d%n", "macro avg",
                macroPrecision(), macroRecall(), macroF1(), total));
        sb.append(String.format(java.util.Locale.ROOT, "%-14s %9.4f %9.4f %9.4f %9d%n", "weighted avg",
                weighted(this::precision), weighted(this::recall), weightedF1(), total));
        return sb.toString();
    }
}
