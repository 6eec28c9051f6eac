package org.spinj.temporal.models;

/**
 * Seed 002's "attention accuracy" and two measures of how peaked an attention distribution is,
 * to compare normal and anomalous series.
 */
public final class AttentionAccuracy {

    /** Seed 002's half width of the focus region around the attention peak. */
    public static final int DEFAULT_HALF_WIDTH = 10;

    private AttentionAccuracy() {}

    /**
     * The share of the anomaly covered by the focus region {@code [argmax - w, argmax + w)}
     * (seed 002: {@code len(focus & anomaly) / len(anomaly)}, the region clipped to the series).
     *
     * @param alpha {@code [T]} attention weights
     * @param start first anomalous step
     * @param end first step after the anomaly, {@code start < end <= T}
     * @param halfWidth {@code w >= 1}
     * @return the overlap in [0, 1]
     */
    public static double of(float[] alpha, int start, int end, int halfWidth) {
        if (!(0 <= start && start < end && end <= alpha.length) || halfWidth < 1) {
            throw new IllegalArgumentException("anomaly [" + start + ", " + end + ") must lie in [0, "
                    + alpha.length + ") and halfWidth=" + halfWidth + " must be >= 1");
        }
        int peak = 0;
        for (int t = 1; t < alpha.length; t++) {
            peak = alpha[t] > alpha[peak] ? t : peak;
        }
        int from = Math.max(start, peak - halfWidth);
        int to = Math.min(end, peak + halfWidth);
        return Math.max(0, to - from) / (double) (end - start);
    }

    /**
     * @param alpha {@code [T]} attention weights summing to 1
     * @return {@code T * max(alpha)}: 1 for uniform attention, {@code T} for a single step
     */
    public static double peakRatio(float[] alpha) {
        float max = 0;
        for (float a : alpha) {
            max = Math.max(max, a);
        }
        return alpha.length * (double) max;
    }

    /**
     * @param alpha {@code [T]} attention weights summing to 1
     * @return the entropy divided by {@code log T}: 1 for uniform attention, 0 for one step
     */
    public static double normalisedEntropy(float[] alpha) {
        double h = 0;
        for (float a : alpha) {
            h -= a > 0 ? a * Math.log(a) : 0;
        }
        return alpha.length < 2 ? 0 : h / Math.log(alpha.length);
    }
}
