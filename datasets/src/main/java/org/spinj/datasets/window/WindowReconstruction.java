package org.spinj.datasets.window;

import java.util.Objects;

/**
 * Rebuilds a full series from overlapping window predictions: each entry is the mean of the
 * predictions of every window that covers its step, and {@link #counts()} tells how many did.
 */
public final class WindowReconstruction {

    private final int steps;
    private final int stepSize;
    private final double[] sum;
    private final int[] counts;

    /**
     * @param steps {@code T} of the full series
     * @param nodes {@code N}
     * @param channels {@code C}
     */
    public WindowReconstruction(int steps, int nodes, int channels) {
        if (steps < 1 || nodes < 1 || channels < 1) {
            throw new IllegalArgumentException("shape must be positive, got [" + steps + ", " + nodes
                    + ", " + channels + "]");
        }
        this.steps = steps;
        this.stepSize = nodes * channels;
        this.sum = new double[Math.multiplyExact(steps, stepSize)];
        this.counts = new int[steps];
    }

    /**
     * Adds one window's prediction.
     *
     * @param start the window's first step
     * @param window flat {@code [Tw, N, C]} prediction
     */
    public void add(int start, float[] window) {
        Objects.requireNonNull(window, "window");
        if (window.length % stepSize != 0) {
            throw new IllegalArgumentException("window has " + window.length
                    + " values, expected a multiple of N*C = " + stepSize);
        }
        int len = window.length / stepSize;
        Objects.checkFromIndexSize(start, len, steps);
        int base = start * stepSize;
        for (int i = 0; i < window.length; i++) {
            sum[base + i] += window[i];
        }
        for (int s = start; s < start + len; s++) {
            counts[s]++;
        }
    }

    /**
     * Adds a batch of window predictions.
     *
     * @param starts {@code [B]} first step of each window
     * @param batch flat {@code [B, Tw, N, C]} predictions
     */
    public void addBatch(int[] starts, float[] batch) {
        if (batch.length % starts.length != 0) {
            throw new IllegalArgumentException("batch of " + batch.length + " values does not split into "
                    + starts.length + " windows");
        }
        int per = batch.length / starts.length;
        float[] one = new float[per];
        for (int b = 0; b < starts.length; b++) {
            System.arraycopy(batch, b * per, one, 0, per);
            add(starts[b], one);
        }
    }

    /** @return {@code [T]}: how many windows covered each step */
    public int[] counts() {
        return counts.clone();
    }

    /** @return flat {@code [T, N, C]}: mean over the covering windows, NaN where none covered */
    public float[] mean() {
        float[] out = new float[sum.length];
        for (int i = 0; i < out.length; i++) {
            int k = counts[i / stepSize];
            out[i] = k == 0 ? Float.NaN : (float) (sum[i] / k);
        }
        return out;
    }
}
