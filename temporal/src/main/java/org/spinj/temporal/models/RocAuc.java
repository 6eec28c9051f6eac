package org.spinj.temporal.models;

import java.util.Arrays;
import java.util.Comparator;

/**
 * The area under the ROC curve, computed exactly as the Mann-Whitney U statistic; for several
 * classes, the one-vs-rest macro average.
 */
public final class RocAuc {

    private RocAuc() {}

    /**
     * {@code AUC = (sum of the positives' ranks - P(P+1)/2) / (P N)}, with tied scores sharing
     * their mean rank (so ties count one half, as scikit-learn's {@code roc_auc_score}).
     *
     * @param positive {@code [n]} whether each sample is positive
     * @param scores {@code [n]} scores, higher meaning more positive; finite
     * @return the AUC in [0, 1]
     * @throws IllegalArgumentException on a length mismatch, a non-finite score, or when one
     *     class is absent
     */
    public static double of(boolean[] positive, double[] scores) {
        if (positive.length != scores.length) {
            throw new IllegalArgumentException("got " + positive.length + " labels but "
                    + scores.length + " scores");
        }
        int n = scores.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(scores[i])) {
                throw new IllegalArgumentException("score " + i + " is " + scores[i] + ", expected finite");
            }
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
        double rankSum = 0;
        long pos = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            double midRank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (positive[order[k]]) {
                    rankSum += midRank;
                    pos++;
                }
            }
            i = j + 1;
        }
        long neg = n - pos;
        if (pos == 0 || neg == 0) {
            throw new IllegalArgumentException("ROC-AUC needs both classes, got " + pos
                    + " positives and " + neg + " negatives");
        }
        return (rankSum - pos * (pos + 1) / 2.0) / ((double) pos * neg);
    }

    /**
     * One-vs-rest macro ROC-AUC (scikit-learn's {@code roc_auc_score(y, p, multi_class="ovr",
     * average="macro")}): the unweighted mean over classes {@code k} of the AUC of class {@code
     * k} against the rest, scored by {@code scores[i][k]}. A class that is absent from {@code
     * truth} (or is every sample) has no AUC and is left out of the mean; scikit-learn refuses such
     * input instead.
     *
     * @param truth {@code [N]} true classes in {@code [0, K)}
     * @param scores {@code [N][K]} class scores (probabilities), {@code K >= 2}
     * @return the macro AUC in [0, 1]
     * @throws IllegalArgumentException on mismatched lengths, a class out of range, or when no
     *     class has both positives and negatives
     */
    public static double oneVsRest(int[] truth, double[][] scores) {
        if (truth.length != scores.length || scores.length == 0) {
            throw new IllegalArgumentException("got " + truth.length + " labels but " + scores.length
                    + " score rows, expected equal and non-zero");
        }
        int k = scores[0].length;
        if (k < 2) {
            throw new IllegalArgumentException("one-vs-rest AUC needs >= 2 class scores per row, got " + k);
        }
        int[] count = new int[k];
        for (int i = 0; i < truth.length; i++) {
            if (scores[i].length != k || truth[i] < 0 || truth[i] >= k) {
                throw new IllegalArgumentException("row " + i + " has class " + truth[i] + " and "
                        + scores[i].length + " scores, expected a class in [0, " + k + ") and " + k + " scores");
            }
            count[truth[i]]++;
        }
        double sum = 0;
        int used = 0;
        for (int c = 0; c < k; c++) {
            if (count[c] == 0 || count[c] == truth.length) {
                continue;
            }
            boolean[] positive = new boolean[truth.length];
            double[] s = new double[truth.length];
            for (int i = 0; i < truth.length; i++) {
                positive[i] = truth[i] == c;
                s[i] = scores[i][c];
            }
            sum += of(positive, s);
            used++;
        }
        if (used == 0) {
            throw new IllegalArgumentException("one-vs-rest AUC needs a class with both positives and"
                    + " negatives, got class counts " + Arrays.toString(count));
        }
        return sum / used;
    }
}
