package org.spinj.temporal.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Objects;

/**
 * Training samples for {@link SignalEmbeddingNet}: univariate series, a class per series (the
 * metric-learning label) and a keypoint class per pooled step (the keypoint-loss target).
 *
 * <p>Keypoint classes ({@link #KEYPOINT_CLASSES} = 3): {@link #NONE}, {@link #START} (the
 * pooled step holding the anomaly's first step) and {@link #END} (the pooled step holding its last
 * step). Pooled step {@code l} covers input steps {@code [4l, 4l + 4)}, the network's two
 * max-pools.
 *
 * @param series {@code [N][T]} values, finite
 * @param classes {@code [N]} classes {@code >= 0}
 * @param keypoints {@code [N][T / 4]} keypoint classes in {@code [0, 3)}
 */
public record EmbeddingSamples(float[][] series, int[] classes, int[][] keypoints) {

    /** Keypoint class of a step without a boundary. */
    public static final int NONE = 0;
    /** Keypoint class of the step where an anomaly starts. */
    public static final int START = 1;
    /** Keypoint class of the step where an anomaly ends. */
    public static final int END = 2;
    /** The number of keypoint classes. */
    public static final int KEYPOINT_CLASSES = 3;
    /** Input steps per pooled step. */
    public static final int POOL = 4;

    /** Validates the shapes and values (not copied: the arrays can be large). */
    public EmbeddingSamples {
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(classes, "classes");
        Objects.requireNonNull(keypoints, "keypoints");
        if (series.length != classes.length || series.length != keypoints.length) {
            throw new IllegalArgumentException("got " + series.length + " series, " + classes.length
                    + " classes and " + keypoints.length + " keypoint rows; expected the same count");
        }
        if (series.length > 0 && series[0].length < POOL) {
            throw new IllegalArgumentException("series must have >= 4 steps, got " + series[0].length);
        }
        for (int i = 0; i < series.length; i++) {
            if (series[i].length != series[0].length) {
                throw new IllegalArgumentException("series " + i + " has " + series[i].length
                        + " steps, series 0 has " + series[0].length);
            }
            if (keypoints[i].length != series[0].length / POOL) {
                throw new IllegalArgumentException("keypoint row " + i + " has " + keypoints[i].length
                        + " steps, expected T / 4 = " + series[0].length / POOL);
            }
            for (float v : series[i]) {
                if (!Float.isFinite(v)) {
                    throw new IllegalArgumentException("series " + i + " holds a non-finite value " + v);
                }
            }
            for (int k : keypoints[i]) {
                if (k < 0 || k >= KEYPOINT_CLASSES) {
                    throw new IllegalArgumentException("keypoint row " + i + " holds class " + k
                            + ", expected 0, 1 or 2");
                }
            }
            if (classes[i] < 0) {
                throw new IllegalArgumentException("class " + i + " is " + classes[i] + ", expected >= 0");
            }
        }
    }

    /**
     * The keypoint targets of one series.
     *
     * @param length the series length {@code T >= 4}
     * @param start the anomaly's first step, or {@code -1} for a normal series
     * @param end the step after the anomaly ({@code start < end <= T}); ignored when {@code start
     *     < 0}
     * @return {@code [T / 4]} classes: {@link #START} at {@code start / 4}, {@link #END} at {@code
     *     (end - 1) / 4} (a one-cell anomaly is marked as its end), {@link #NONE} elsewhere; steps
     *     beyond {@code 4 * (T / 4)} are clipped to the last cell
     * @throws IllegalArgumentException if the span does not lie in the series
     */
    public static int[] boundaryTargets(int length, int start, int end) {
        if (length < POOL) {
            throw new IllegalArgumentException("length must be >= 4, got " + length);
        }
        int cells = length / POOL;
        int[] k = new int[cells];
        if (start < 0) {
            return k;
        }
        if (!(start < end && end <= length)) {
            throw new IllegalArgumentException("anomaly [" + start + ", " + end + ") must lie in [0, "
                    + length + ")");
        }
        k[Math.min(cells - 1, start / POOL)] = START;
        k[Math.min(cells - 1, (end - 1) / POOL)] = END;
        return k;
    }

    /** @return the number of samples {@code N} */
    public int size() {
        return series.length;
    }

    /** @return the series length {@code T} (0 when empty) */
    public int length() {
        return series.length == 0 ? 0 : series[0].length;
    }

    /**
     * @param from first sample (inclusive)
     * @param to last sample (exclusive)
     * @return the samples {@code [from, to)}, sharing the rows
     */
    public EmbeddingSamples slice(int from, int to) {
        return new EmbeddingSamples(java.util.Arrays.copyOfRange(series, from, to),
                java.util.Arrays.copyOfRange(classes, from, to),
                java.util.Arrays.copyOfRange(keypoints, from, to));
    }

    /**
     * @param manager the manager of the batch
     * @param index the samples to take
     * @return {@code [b, T]} the series
     */
    public NDArray inputs(NDManager manager, int[] index) {
        int t = length();
        float[] flat = new float[index.length * t];
        for (int i = 0; i < index.length; i++) {
            System.arraycopy(series[index[i]], 0, flat, i * t, t);
        }
        return manager.create(flat, new Shape(index.length, t));
    }

    /**
     * @param manager the manager of the batch
     * @param index the samples to take
     * @return {@code [b, T / 4]} int64 keypoint classes
     */
    public NDArray keypointTargets(NDManager manager, int[] index) {
        int l = length() / POOL;
        long[] flat = new long[index.length * l];
        for (int i = 0; i < index.length; i++) {
            for (int s = 0; s < l; s++) {
                flat[i * l + s] = keypoints[index[i]][s];
            }
        }
        return manager.create(flat, new Shape(index.length, l));
    }

    /**
     * @param index the samples to take
     * @return {@code [b]} their classes
     */
    public int[] classesOf(int[] index) {
        int[] c = new int[index.length];
        for (int i = 0; i < index.length; i++) {
            c[i] = classes[index[i]];
        }
        return c;
    }
}
