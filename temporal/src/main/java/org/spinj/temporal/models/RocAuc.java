package org.spinj.temporal.models;

import java.util.Arrays;
import java.util.Comparator;

/** The area under the ROC curve, computed exactly as the Mann-Whitney U statistic. */
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
}
