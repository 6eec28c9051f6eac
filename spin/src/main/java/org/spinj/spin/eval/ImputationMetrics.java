package org.spinj.spin.eval;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Imputation errors over a set of target points, in original units (tsl's {@code MaskedMAE},
 * {@code MaskedMSE}, {@code MaskedMRE}; spin.md §3).
 *
 * @param mae mean absolute error
 * @param mse mean squared error
 * @param rmse root mean squared error
 * @param mre relative error {@code Σ|ŷ - y| / Σ|y|}
 * @param count number of target points
 */
public record ImputationMetrics(double mae, double mse, double rmse, double mre, long count) {

    /** Checks that the count is non-negative. */
    public ImputationMetrics {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, got " + count);
        }
    }

    /** @return the metrics by name ({@code mae, mse, rmse, mre, count}), in that order */
    public Map<String, Double> asMap() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("mae", mae);
        m.put("mse", mse);
        m.put("rmse", rmse);
        m.put("mre", mre);
        m.put("count", (double) count);
        return m;
    }

    /** Sums errors point by point; {@link #result()} turns them into metrics. */
    public static final class Accumulator {
        private double absSum;
        private double sqSum;
        private double targetAbsSum;
        private long count;

        /**
         * Adds one target point.
         *
         * @param prediction the imputed value
         * @param truth the true value
         * @throws IllegalArgumentException if either is not finite
         */
        public void add(double prediction, double truth) {
            if (!Double.isFinite(prediction) || !Double.isFinite(truth)) {
                throw new IllegalArgumentException(
                        "non-finite value in evaluation: prediction="
                                + prediction
                                + ", truth="
                                + truth);
            }
            double e = prediction - truth;
            absSum += Math.abs(e);
            sqSum += e * e;
            targetAbsSum += Math.abs(truth);
            count++;
        }

        /**
         * Adds the points where {@code mask} is true.
         *
         * @param predictions imputed values
         * @param truths true values, same length
         * @param mask which points are targets, same length
         */
        public void addAll(float[] predictions, float[] truths, boolean[] mask) {
            if (predictions.length != truths.length || truths.length != mask.length) {
                throw new IllegalArgumentException(
                        "lengths differ: predictions "
                                + predictions.length
                                + ", truths "
                                + truths.length
                                + ", mask "
                                + mask.length);
            }
            for (int k = 0; k < mask.length; k++) {
                if (mask[k]) {
                    add(predictions[k], truths[k]);
                }
            }
        }

        /** Adds another accumulator's sums. @param other the other accumulator */
        public void merge(Accumulator other) {
            absSum += other.absSum;
            sqSum += other.sqSum;
            targetAbsSum += other.targetAbsSum;
            count += other.count;
        }

        /** @return the number of points added */
        public long count() {
            return count;
        }

        /**
         * @return the metrics; NaN-free: with no point at all every error is reported as 0 and
         *     {@code count} is 0
         */
        public ImputationMetrics result() {
            if (count == 0) {
                return new ImputationMetrics(0, 0, 0, 0, 0);
            }
            double mse = sqSum / count;
            return new ImputationMetrics(
                    absSum / count,
                    mse,
                    Math.sqrt(mse),
                    targetAbsSum == 0 ? 0 : absSum / targetAbsSum,
                    count);
        }
    }
}
