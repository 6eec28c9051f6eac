package org.spinj.temporal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Objects;

/**
 * SPIN's graph-level time encoding {@code u [T, 4]} (spin.md §1.1; tsl {@code
 * datetime_encoded(['day', 'week'])}): {@code [sin, cos]} of the phase in the day, then in the
 * week, with phase {@code 2 pi (unix time) / period}. Timestamps are epoch nanoseconds, read as
 * pandas reads a naive index (no time zone shift). The phase is reduced modulo the period in
 * integer arithmetic first, which is exact and equal to the reference's phase modulo {@code 2
 * pi}.
 */
public final class TimeFeatures {

    /** The number of features: day sin, day cos, week sin, week cos. */
    public static final int NUM_FEATURES = 4;

    /** One day in nanoseconds. */
    public static final long DAY_NANOS = 86_400_000_000_000L;

    /** One week in nanoseconds. */
    public static final long WEEK_NANOS = 7 * DAY_NANOS;

    private TimeFeatures() {}

    /**
     * Computes the features on the Java side.
     *
     * @param epochNanos one timestamp per step, nanoseconds since 1970-01-01T00:00
     * @return {@code [T][4]}: sin/cos of the day phase, sin/cos of the week phase
     */
    public static float[][] values(long[] epochNanos) {
        Objects.requireNonNull(epochNanos, "epochNanos");
        float[][] u = new float[epochNanos.length][NUM_FEATURES];
        for (int t = 0; t < epochNanos.length; t++) {
            double day = 2 * Math.PI * Math.floorMod(epochNanos[t], DAY_NANOS) / DAY_NANOS;
            double week = 2 * Math.PI * Math.floorMod(epochNanos[t], WEEK_NANOS) / WEEK_NANOS;
            u[t][0] = (float) Math.sin(day);
            u[t][1] = (float) Math.cos(day);
            u[t][2] = (float) Math.sin(week);
            u[t][3] = (float) Math.cos(week);
        }
        return u;
    }

    /**
     * Creates the features.
     *
     * @param manager the owner of the new array
     * @param epochNanos one timestamp per step
     * @return {@code [T, 4]} float32
     */
    public static NDArray encode(NDManager manager, long[] epochNanos) {
        float[][] u = values(epochNanos);
        float[] flat = new float[u.length * NUM_FEATURES];
        for (int t = 0; t < u.length; t++) {
            System.arraycopy(u[t], 0, flat, t * NUM_FEATURES, NUM_FEATURES);
        }
        return manager.create(flat, new Shape(u.length, NUM_FEATURES));
    }

    /**
     * Converts epoch seconds to the nanoseconds {@link #values} expects.
     *
     * @param epochSeconds seconds since the epoch
     * @return nanoseconds since the epoch
     */
    public static long[] fromEpochSeconds(long[] epochSeconds) {
        long[] n = new long[epochSeconds.length];
        for (int t = 0; t < n.length; t++) {
            n[t] = Math.multiplyExact(epochSeconds[t], 1_000_000_000L);
        }
        return n;
    }
}
