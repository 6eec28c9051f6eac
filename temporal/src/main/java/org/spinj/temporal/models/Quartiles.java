package org.spinj.temporal.models;

import java.util.Arrays;

/**
 * The five-number summary of a sample, quantiles by linear interpolation between order
 * statistics ({@code numpy.percentile}'s default): {@code q(p) = x[h] + (h - floor h)(x[h+1] -
 * x[h])} with {@code h = p (n - 1)} on the sorted values.
 *
 * @param min the smallest value
 * @param q1 the 25th percentile
 * @param median the 50th percentile
 * @param q3 the 75th percentile
 * @param max the largest value
 * @param count the number of values
 */
public record Quartiles(double min, double q1, double median, double q3, double max, int count) {

    /** Checks the order {@code min <= q1 <= median <= q3 <= max} and {@code count >= 1}. */
    public Quartiles {
        if (count < 1 || !(min <= q1 && q1 <= median && median <= q3 && q3 <= max)) {
            throw new IllegalArgumentException("need count >= 1 and min <= q1 <= median <= q3 <= max, got "
                    + count + ", " + min + ", " + q1 + ", " + median + ", " + q3 + ", " + max);
        }
    }

    /**
     * @param values {@code [n]} finite values, {@code n >= 1}
     * @return their quartiles
     */
    public static Quartiles of(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("quartiles need at least one value, got none");
        }
        double[] x = values.clone();
        for (double v : x) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("quartiles need finite values, got " + v);
            }
        }
        Arrays.sort(x);
        return new Quartiles(x[0], quantile(x, 0.25), quantile(x, 0.5), quantile(x, 0.75), x[x.length - 1], x.length);
    }

    private static double quantile(double[] sorted, double p) {
        double h = p * (sorted.length - 1);
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    /** @return {@code "q1 / median / q3"} with four decimals */
    public String text() {
        return String.format(java.util.Locale.ROOT, "%.4f / %.4f / %.4f", q1, median, q3);
    }
}
