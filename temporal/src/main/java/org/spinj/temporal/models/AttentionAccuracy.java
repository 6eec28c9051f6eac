package org.spinj.temporal.models;

/**
 * Seed 002's "attention accuracy" and two measures of how peaked an attention distribution is,
 * to compare normal and anomalous series.
 *
 * <p>Seed 002 defines {@code attention_accuracy(att, anomaly_loc)} as {@code len(focus &
 * anomaly) / len(anomaly)} with {@code focus = [argmax - 10, argmax + 10)}: the share of the
 * anomaly that a 20-step window around the attention peak covers. {@link #of} is exactly that.
 * The definition is capped by the anomaly's length: a window of {@code 2w} steps covers at most
 * {@code min(2w, L) / L} of an anomaly of {@code L} steps ({@link #ceiling}), so with the
 * generator's anomalies of 10-50 % of a 500-step series (50-250 steps) the seed's metric cannot
 * exceed 0.4 and averages far lower even for perfect attention. {@link #relative} divides by
 * that ceiling (1 when the window lies wholly inside the anomaly or covers it) and {@link
 * #peakInside} asks only whether the peak falls in the anomaly; both are reported beside the
 * seed's value, which is kept unchanged.
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
        int peak = argmax(alpha);
        int from = Math.max(start, peak - halfWidth);
        int to = Math.min(end, peak + halfWidth);
        return Math.max(0, to - from) / (double) (end - start);
    }

    /**
     * The largest value {@link #of} can take for an anomaly of {@code L = end - start} steps:
     * {@code min(2w, L) / L}.
     *
     * @param start first anomalous step, {@code >= 0}
     * @param end first step after the anomaly, {@code > start}
     * @param halfWidth {@code w >= 1}
     * @return the ceiling in (0, 1]
     */
    public static double ceiling(int start, int end, int halfWidth) {
        if (start < 0 || end <= start || halfWidth < 1) {
            throw new IllegalArgumentException("need 0 <= start < end and halfWidth >= 1, got start="
                    + start + ", end=" + end + ", halfWidth=" + halfWidth);
        }
        int length = end - start;
        return Math.min(2 * halfWidth, length) / (double) length;
    }

    /**
     * Seed 002's attention accuracy divided by its {@link #ceiling}: the overlap of the focus
     * window with the anomaly over {@code min(2w, L)}, 1 when the window lies inside the anomaly
     * (or, for a short anomaly, covers it).
     *
     * @param alpha {@code [T]} attention weights
     * @param start first anomalous step
     * @param end first step after the anomaly, {@code start < end <= T}
     * @param halfWidth {@code w >= 1}
     * @return the relative overlap in [0, 1]
     */
    public static double relative(float[] alpha, int start, int end, int halfWidth) {
        return of(alpha, start, end, halfWidth) / ceiling(start, end, halfWidth);
    }

    /**
     * @param alpha {@code [T]} attention weights
     * @param start first anomalous step
     * @param end first step after the anomaly, {@code start < end <= T}
     * @return whether the attention peak (first argmax) lies in {@code [start, end)}
     */
    public static boolean peakInside(float[] alpha, int start, int end) {
        if (!(0 <= start && start < end && end <= alpha.length)) {
            throw new IllegalArgumentException("anomaly [" + start + ", " + end + ") must lie in [0, "
                    + alpha.length + ")");
        }
        int peak = argmax(alpha);
        return peak >= start && peak < end;
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

    private static int argmax(float[] alpha) {
        int peak = 0;
        for (int t = 1; t < alpha.length; t++) {
            peak = alpha[t] > alpha[peak] ? t : peak;
        }
        return peak;
    }
}
