package org.spinj.temporal.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.Objects;

/**
 * Labelled samples for the sequence models: each sample is a flat {@code [T, C]} series (or a
 * feature row with {@code C = 1}) and an integer class.
 *
 * @param samples {@code [N][T * C]} values, finite
 * @param labels {@code [N]} classes in {@code [0, K)}
 * @param length {@code T}
 * @param channels {@code C}
 */
public record LabelledSeries(float[][] samples, int[] labels, int length, int channels) {

    /** Validates the shapes and values (not copied: the arrays can be large). */
    public LabelledSeries {
        Objects.requireNonNull(samples, "samples");
        Objects.requireNonNull(labels, "labels");
        if (samples.length != labels.length) {
            throw new IllegalArgumentException("got " + samples.length + " samples but "
                    + labels.length + " labels");
        }
        if (length < 1 || channels < 1) {
            throw new IllegalArgumentException(
                    "length and channels must be >= 1, got " + length + ", " + channels);
        }
        for (int i = 0; i < samples.length; i++) {
            if (samples[i].length != length * channels) {
                throw new IllegalArgumentException("sample " + i + " has " + samples[i].length
                        + " values, expected T*C = " + length * channels);
            }
            for (float v : samples[i]) {
                if (!Float.isFinite(v)) {
                    throw new IllegalArgumentException("sample " + i + " holds a non-finite value " + v);
                }
            }
            if (labels[i] < 0) {
                throw new IllegalArgumentException("label " + i + " is " + labels[i] + ", expected >= 0");
            }
        }
    }

    /** @return the number of samples {@code N} */
    public int size() {
        return samples.length;
    }

    /** @return the number of classes, {@code max(label) + 1} */
    public int classes() {
        return Arrays.stream(labels).max().orElse(0) + 1;
    }

    /**
     * @param from first sample (inclusive)
     * @param to last sample (exclusive)
     * @return the samples {@code [from, to)}, sharing the arrays
     */
    public LabelledSeries slice(int from, int to) {
        return new LabelledSeries(Arrays.copyOfRange(samples, from, to),
                Arrays.copyOfRange(labels, from, to), length, channels);
    }

    /**
     * Stacks some samples into a batch.
     *
     * @param manager the manager of the batch
     * @param index the samples to take
     * @param sampleShape the shape of one sample, e.g. {@code (T, C)} or {@code (F)}
     * @return {@code [b, sampleShape...]}
     */
    public NDArray inputs(NDManager manager, int[] index, Shape sampleShape) {
        int per = length * channels;
        float[] flat = new float[index.length * per];
        for (int i = 0; i < index.length; i++) {
            System.arraycopy(samples[index[i]], 0, flat, i * per, per);
        }
        return manager.create(flat, new Shape(index.length).addAll(sampleShape));
    }

    /**
     * @param manager the manager of the batch
     * @param index the samples to take
     * @return {@code [b]} int64 labels
     */
    public NDArray targets(NDManager manager, int[] index) {
        long[] y = new long[index.length];
        for (int i = 0; i < index.length; i++) {
            y[i] = labels[index[i]];
        }
        return manager.create(y);
    }
}
