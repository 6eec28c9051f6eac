package org.spinj.temporal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Objects;

/**
 * The fixed sinusoidal encoding of window positions (Vaswani et al. 2017), as tsl's {@code
 * PositionalEncoding} used by SPIN's input encoder (spin.md §1.2): for position {@code t} and
 * channel pair {@code i}, {@code pe[t, 2i] = sin(t w_i)} and {@code pe[t, 2i+1] = cos(t w_i)}
 * with {@code w_i = exp(-2i ln(10000) / d)}. For an odd {@code d} the last channel is a sine.
 * This is the one implementation of the table: SPIN's models add {@link #table(NDManager, int,
 * int, DataType)} to their input encodings.
 */
public final class PositionalEncoding {

    /** The base of the wavelengths, as in the Transformer paper. */
    public static final double BASE = 10000.0;

    private PositionalEncoding() {}

    /**
     * Computes the table on the Java side.
     *
     * @param steps the number of positions {@code T >= 1}
     * @param channels {@code d >= 1}
     * @return {@code [T][d]}
     * @throws IllegalArgumentException if a size is below 1
     */
    public static float[][] values(int steps, int channels) {
        if (steps < 1 || channels < 1) {
            throw new IllegalArgumentException(
                    "steps and channels must be >= 1, got steps=" + steps + ", channels="
                            + channels);
        }
        float[][] pe = new float[steps][channels];
        for (int t = 0; t < steps; t++) {
            for (int k = 0; k < channels; k += 2) {
                // this exact expression (not 2i ln(BASE) / d) keeps SPIN's float tables unchanged
                double w = Math.exp(-Math.log(BASE) * k / channels);
                pe[t][k] = (float) Math.sin(t * w);
                if (k + 1 < channels) {
                    pe[t][k + 1] = (float) Math.cos(t * w);
                }
            }
        }
        return pe;
    }

    /**
     * Creates the table.
     *
     * @param manager the owner of the new array
     * @param steps {@code T}
     * @param channels {@code d}
     * @return {@code [T, d]} float32
     */
    public static NDArray table(NDManager manager, int steps, int channels) {
        float[][] pe = values(steps, channels);
        float[] flat = new float[steps * channels];
        for (int t = 0; t < steps; t++) {
            System.arraycopy(pe[t], 0, flat, t * channels, channels);
        }
        return manager.create(flat, new Shape(steps, channels));
    }

    /**
     * Creates the table in a given type: the float32 table, converted (so a float64 model sees
     * the same values as a float32 one).
     *
     * @param manager the owner of the new array
     * @param steps {@code T}
     * @param channels {@code d}
     * @param type the data type of the result
     * @return {@code [T, d]} of {@code type}
     */
    public static NDArray table(NDManager manager, int steps, int channels, DataType type) {
        NDArray pe = table(manager, steps, channels);
        return type == DataType.FLOAT32 ? pe : pe.toType(type, false);
    }

    /**
     * Adds the encoding of each window position to a sequence, broadcast over the node axis.
     *
     * @param x {@code [B, T, d]} or {@code [B, T, N, d]}
     * @return {@code x + pe}, same shape, on {@code x}'s manager
     */
    public static NDArray encode(NDArray x) {
        Objects.requireNonNull(x, "x");
        Shape s = x.getShape();
        if (s.dimension() != 3 && s.dimension() != 4) {
            throw new IllegalArgumentException("expected [B, T, d] or [B, T, N, d], got " + s);
        }
        int steps = (int) s.get(1);
        int channels = (int) s.get(s.dimension() - 1);
        NDArray pe = table(x.getManager(), steps, channels, x.getDataType()); // [T, d]
        return x.add(s.dimension() == 4 ? pe.reshape(1, steps, 1, channels) : pe);
    }
}
