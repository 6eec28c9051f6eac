package org.spinj.datasets.missing;

import java.util.Objects;
import java.util.SplittableRandom;
import org.spinj.datasets.SpatioTemporalSeries;

/**
 * Draws synthetic missing data with the semantics of tsl 0.1.1 {@code sample_mask} (used by SPIN,
 * GRIN and PriSTI), with our own seeded {@link SplittableRandom} so that a seed gives the same
 * mask on every run and platform (the NumPy PCG64 stream itself is not reproduced).
 *
 * <ol>
 *   <li>fault starts: every entry {@code (t, n, c)} starts a fault with probability {@code pFault};
 *   <li>every node with at least one start draws <b>one</b> length {@code L} uniform in {@code
 *       [minLength, maxLength)} and marks {@code [start, start + L)} (clipped to the series) of
 *       all its channels after each start;
 *   <li>independent point noise: every entry is also marked with probability {@code pNoise}.
 * </ol>
 *
 * <p>Draw order: all fault uniforms in {@code [T, N, C]} order, then one length per faulty node
 * in node order, then all noise uniforms. With {@code C > 1} a start in any channel marks every
 * channel, where tsl's {@code flatnonzero} on a {@code [T, C]} column would mix steps and
 * channels. Point missing (SPIN): {@link #point(long)}; block missing: {@link #block(long)}.
 *
 * @param pFault probability that an entry starts a fault, in {@code [0, 1]}
 * @param pNoise probability of point noise per entry, in {@code [0, 1]}
 * @param minLength shortest fault, {@code >= 1}
 * @param maxLength exclusive upper bound of fault lengths, {@code >= minLength}; equal to {@code
 *     minLength} means every fault has length {@code minLength}
 * @param seed the random seed
 */
public record MissingDataInjector(
        double pFault, double pNoise, int minLength, int maxLength, long seed) {

    /** Point-missing noise rate of the SPIN/GRIN traffic benchmarks. */
    public static final double POINT_P_NOISE = 0.25;
    /** Fault-start probability of the block-missing setting. */
    public static final double BLOCK_P_FAULT = 0.0015;
    /** Point noise added in the block-missing setting. */
    public static final double BLOCK_P_NOISE = 0.05;
    /** Shortest block fault (steps). */
    public static final int DEFAULT_MIN_LENGTH = 12;
    /** Exclusive upper bound of block fault lengths: lengths are 12..47. */
    public static final int DEFAULT_MAX_LENGTH = 48;

    /** Validates. */
    public MissingDataInjector {
        if (!(pFault >= 0 && pFault <= 1) || !(pNoise >= 0 && pNoise <= 1)) {
            throw new IllegalArgumentException(
                    "probabilities must be in [0, 1], got pFault=" + pFault + ", pNoise=" + pNoise);
        }
        if (minLength < 1 || maxLength < minLength) {
            throw new IllegalArgumentException(
                    "fault lengths need 1 <= minLength <= maxLength, got minLength=" + minLength
                            + ", maxLength=" + maxLength);
        }
    }

    /**
     * @param seed random seed
     * @return the point-missing setting: no faults, {@code pNoise = 0.25}
     */
    public static MissingDataInjector point(long seed) {
        return new MissingDataInjector(0, POINT_P_NOISE, DEFAULT_MIN_LENGTH, DEFAULT_MAX_LENGTH, seed);
    }

    /**
     * @param seed random seed
     * @return the block-missing setting: {@code pFault = 0.0015}, lengths 12..47, {@code pNoise =
     *     0.05}
     */
    public static MissingDataInjector block(long seed) {
        return new MissingDataInjector(
                BLOCK_P_FAULT, BLOCK_P_NOISE, DEFAULT_MIN_LENGTH, DEFAULT_MAX_LENGTH, seed);
    }

    /**
     * @param newSeed the seed
     * @return this setting with another seed
     */
    public MissingDataInjector withSeed(long newSeed) {
        return new MissingDataInjector(pFault, pNoise, minLength, maxLength, newSeed);
    }

    /**
     * Samples a mask.
     *
     * @param steps {@code T}
     * @param nodes {@code N}
     * @param channels {@code C}
     * @return flat {@code [T, N, C]} mask, {@code true} = injected missing
     */
    public boolean[] sample(int steps, int nodes, int channels) {
        if (steps < 1 || nodes < 1 || channels < 1) {
            throw new IllegalArgumentException("shape must be positive, got [" + steps + ", " + nodes
                    + ", " + channels + "]");
        }
        SplittableRandom rng = new SplittableRandom(seed);
        int size = Math.multiplyExact(Math.multiplyExact(steps, nodes), channels);
        boolean[] starts = new boolean[size];
        for (int i = 0; i < size; i++) {
            starts[i] = rng.nextDouble() < pFault;
        }
        boolean[] mask = new boolean[size];
        int stride = nodes * channels;
        for (int n = 0; n < nodes; n++) {
            int length = -1;
            for (int t = 0; t < steps; t++) {
                boolean start = false;
                for (int c = 0; c < channels; c++) {
                    start |= starts[t * stride + n * channels + c];
                }
                if (!start) {
                    continue;
                }
                if (length < 0) {
                    length = maxLength > minLength ? minLength + rng.nextInt(maxLength - minLength) : minLength;
                }
                int end = Math.min(steps, t + length);
                for (int s = t; s < end; s++) {
                    for (int c = 0; c < channels; c++) {
                        mask[s * stride + n * channels + c] = true;
                    }
                }
            }
        }
        for (int i = 0; i < size; i++) {
            if (rng.nextDouble() < pNoise) {
                mask[i] = true;
            }
        }
        return mask;
    }

    /**
     * Injects missing data: the evaluation mask becomes {@code sampled && observed}, replacing any
     * previous one, so the training mask loses those entries.
     *
     * @param series the series
     * @return the series with the injected evaluation mask
     */
    public SpatioTemporalSeries inject(SpatioTemporalSeries series) {
        Objects.requireNonNull(series, "series");
        boolean[] m = sample(series.numSteps(), series.numNodes(), series.numChannels());
        boolean[] obs = series.observedMask();
        for (int i = 0; i < m.length; i++) {
            m[i] &= obs[i];
        }
        return series.withEvalMask(m);
    }
}
