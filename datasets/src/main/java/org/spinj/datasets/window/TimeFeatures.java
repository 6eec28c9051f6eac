package org.spinj.datasets.window;

/**
 * The graph-level time encoding {@code u} of SPIN (tsl {@code datetime_encoded(['day', 'week'])}):
 * {@code [sin, cos]} of the phase within the day, then within the week, with phase {@code 2π ·
 * unix_time / period}.
 */
public final class TimeFeatures {

    /** Number of features per step. */
    public static final int SIZE = 4;
    /** Seconds in a day. */
    public static final long DAY = 86_400L;
    /** Seconds in a week. */
    public static final long WEEK = 7 * DAY;

    private TimeFeatures() {}

    /**
     * Writes the four features of one instant.
     *
     * @param epochSecond Unix time in seconds
     * @param dst receives {@code [sin_day, cos_day, sin_week, cos_week]}
     * @param offset position in {@code dst}
     */
    public static void encode(long epochSecond, float[] dst, int offset) {
        // reduce modulo the period first: same angle, no loss of precision on 1e9-second times
        double day = 2 * Math.PI * Math.floorMod(epochSecond, DAY) / DAY;
        double week = 2 * Math.PI * Math.floorMod(epochSecond, WEEK) / WEEK;
        dst[offset] = (float) Math.sin(day);
        dst[offset + 1] = (float) Math.cos(day);
        dst[offset + 2] = (float) Math.sin(week);
        dst[offset + 3] = (float) Math.cos(week);
    }
}
