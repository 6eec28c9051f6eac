package org.spinj.datasets.synthetic;

import java.util.Objects;

/**
 * One generated series with its anomaly.
 *
 * @param values flat {@code [T, C]} values
 * @param length {@code T}
 * @param channels {@code C}
 * @param kind the anomaly, {@link AnomalyKind#NONE} for a normal sample
 * @param start first anomalous step, or -1 for a normal sample
 * @param end first step after the anomaly (exclusive), or -1 for a normal sample
 * @param channel the channel the anomaly was inserted into, or -1 for a normal sample
 */
public record AnomalySample(
        float[] values, int length, int channels, AnomalyKind kind, int start, int end, int channel) {

    /** Validates and copies. */
    public AnomalySample {
        Objects.requireNonNull(kind, "kind");
        values = values.clone();
        if (values.length != length * channels) {
            throw new IllegalArgumentException("values must hold T*C = " + length + "*" + channels
                    + " entries, got " + values.length);
        }
        boolean none = kind == AnomalyKind.NONE;
        if (none != (start < 0) || (!none && !(start < end && end <= length && channel >= 0
                && channel < channels))) {
            throw new IllegalArgumentException("anomaly " + kind + " at [" + start + ", " + end
                    + ") in channel " + channel + " is inconsistent with T=" + length + ", C=" + channels);
        }
    }

    @Override
    public float[] values() {
        return values.clone();
    }

    /**
     * @return {@code [T]}: whether each step is inside the anomaly (the label for localisation)
     */
    public boolean[] anomalousSteps() {
        boolean[] m = new boolean[length];
        for (int t = Math.max(0, start); t < end; t++) {
            m[t] = true;
        }
        return m;
    }
}
