package org.spinj.datasets.scale;

/**
 * A per-channel affine scaling {@code x' = (x - offset[c]) / scale[c]} and its inverse, fitted on
 * the observed training entries of a series.
 */
public interface Scaler {

    /** @return the number of channels {@code C} */
    int numChannels();

    /**
     * @param value a value in original units
     * @param channel its channel
     * @return the scaled value
     */
    float transform(float value, int channel);

    /**
     * @param value a scaled value
     * @param channel its channel
     * @return the value in original units
     */
    float inverse(float value, int channel);

    /**
     * Scales a flat {@code [..., C]} array in place.
     *
     * @param data values whose last axis is the channel
     */
    default void transformInPlace(float[] data) {
        int c = numChannels();
        for (int i = 0; i < data.length; i++) {
            data[i] = transform(data[i], i % c);
        }
    }

    /**
     * Unscales a flat {@code [..., C]} array in place.
     *
     * @param data scaled values whose last axis is the channel
     */
    default void inverseInPlace(float[] data) {
        int c = numChannels();
        for (int i = 0; i < data.length; i++) {
            data[i] = inverse(data[i], i % c);
        }
    }
}
