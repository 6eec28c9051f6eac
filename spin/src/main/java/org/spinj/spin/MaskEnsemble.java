package org.spinj.spin;

import java.util.SplittableRandom;

/**
 * Test-time averaging over re-masked inputs: a window's imputation is the mean of the network's
 * outputs for its full input and for {@code samples - 1} copies in which every observed entry is
 * hidden with probability {@code dropRate}, as training hides entries (SPIN's whitening). Each
 * window is still imputed from its own observed values only; the hidden subsets depend on the
 * seed and the window's first step, not on the batch it is in, so the result is reproducible
 * and independent of the batch size. {@link #NONE} (one sample) is the plain forward pass.
 *
 * @param samples forward passes per window, at least 1 (1 = no ensemble)
 * @param dropRate probability of hiding an observed entry in a re-masked copy, in {@code [0, 1)}
 * @param seed the seed of the hidden subsets
 */
public record MaskEnsemble(int samples, double dropRate, long seed) {

    /** The plain forward pass. */
    public static final MaskEnsemble NONE = new MaskEnsemble(1, 0.0, 0L);

    /** The default hiding probability of a re-masked copy. */
    public static final double DEFAULT_DROP_RATE = 0.2;

    /** The default seed of the hidden subsets. */
    public static final long DEFAULT_SEED = 1043L;

    /** Checks the arguments. */
    public MaskEnsemble {
        if (samples < 1) {
            throw new IllegalArgumentException(
                    "ensemble samples must be >= 1 (1 = no ensemble), got " + samples);
        }
        if (!(dropRate >= 0.0 && dropRate < 1.0)) {
            throw new IllegalArgumentException(
                    "ensemble drop rate must be in [0, 1), got " + dropRate);
        }
    }

    /**
     * @param samples forward passes per window
     * @return an ensemble with the default drop rate and seed
     */
    public static MaskEnsemble of(int samples) {
        return samples == 1 ? NONE : new MaskEnsemble(samples, DEFAULT_DROP_RATE, DEFAULT_SEED);
    }

    /** @return whether more than one forward pass is averaged */
    public boolean isActive() {
        return samples > 1;
    }

    /**
     * Which entries of a window copy keep their observed value.
     *
     * @param windowStart the window's first step in its series
     * @param sample the copy, {@code 1..samples-1} (copy 0 is the full input)
     * @param size entries per window ({@code T N C})
     * @return 1 to keep, 0 to hide, per entry
     */
    public float[] keep(int windowStart, int sample, int size) {
        SplittableRandom rnd = new SplittableRandom(
                seed * 0x9E3779B97F4A7C15L + windowStart * 1_000_003L + sample);
        float[] keep = new float[size];
        for (int i = 0; i < size; i++) {
            keep[i] = rnd.nextDouble() < dropRate ? 0f : 1f;
        }
        return keep;
    }

    /** @return a short description, e.g. {@code 8 x drop 0.2} or {@code none} */
    public String label() {
        return isActive() ? samples + " x drop " + dropRate : "none";
    }
}
