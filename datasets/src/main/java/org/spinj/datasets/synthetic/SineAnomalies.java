package org.spinj.datasets.synthetic;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Sine waves with inserted anomalies, after seed 002 (an attention-based time-series anomaly
 * classifier): {@code amp * sin(freq * t)} on {@code t = linspace(0, 2π, T)}, frequency uniform
 * in {@code [1, 4)}, amplitude uniform in {@code [1, 10)}; half of the samples are normal; an
 * anomaly starts at {@code int(U(0, 0.9) * T)} and lasts {@code int(U(0.1, 0.5) * T)} steps
 * (clipped), one step for a spike.
 *
 * <p>Multivariate samples ({@code C > 1}) stack sine, cosine and a random walk (repeating with
 * phase shifts for {@code C > 3}); the anomaly goes into one random channel.
 */
public final class SineAnomalies {

    /** Default series length (the seed's {@code num_points}). */
    public static final int DEFAULT_LENGTH = 500;
    /** Default share of normal samples. */
    public static final double DEFAULT_NORMAL_RATIO = 0.5;

    private final int length;
    private final int channels;
    private final double normalRatio;
    private final List<AnomalyKind> kinds;
    private final SplittableRandom rng;

    private SineAnomalies(Builder b) {
        this.length = b.length;
        this.channels = b.channels;
        this.normalRatio = b.normalRatio;
        this.kinds = List.copyOf(b.kinds);
        this.rng = new SplittableRandom(b.seed);
    }

    /** @return a builder: univariate, length 500, half normal, all kinds, seed 0 */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param count number of samples
     * @return the next {@code count} samples of this generator's stream
     */
    public List<AnomalySample> generate(int count) {
        List<AnomalySample> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(next());
        }
        return out;
    }

    /** @return the next sample */
    public synchronized AnomalySample next() {
        double freq = 1 + 3 * rng.nextDouble();
        double amp = 1 + 9 * rng.nextDouble();
        float[] v = new float[length * channels];
        double walk = 0;
        for (int t = 0; t < length; t++) {
            double x = length == 1 ? 0 : 2 * Math.PI * t / (length - 1);
            walk += 0.05 * amp * rng.nextGaussian();
            for (int c = 0; c < channels; c++) {
                double shift = (c / 3) * Math.PI / 4;
                double value = switch (channels == 1 ? 0 : c % 3) {
                    case 0 -> amp * Math.sin(freq * x + shift);
                    case 1 -> amp * Math.cos(freq * x + shift);
                    default -> walk;
                };
                v[t * channels + c] = (float) value;
            }
        }
        if (rng.nextDouble() < normalRatio) {
            return new AnomalySample(v, length, channels, AnomalyKind.NONE, -1, -1, -1);
        }
        AnomalyKind kind = kinds.get(rng.nextInt(kinds.size()));
        int channel = rng.nextInt(channels);
        int start = Math.min(length - 1, (int) (0.9 * rng.nextDouble() * length));
        int len = Math.max(1, (int) ((0.1 + 0.4 * rng.nextDouble()) * length));
        int end = kind == AnomalyKind.SPIKE ? start + 1 : Math.min(start + len, length);
        float first = v[start * channels + channel];
        for (int t = start; t < end; t++) {
            int i = t * channels + channel;
            v[i] = switch (kind) {
                case FLAT -> first;
                case ZEROS -> 0f;
                case NOISE -> (float) (amp * rng.nextGaussian());
                case SPIKE -> (float) (v[i] + (rng.nextBoolean() ? 1 : -1) * (2 + 2 * rng.nextDouble()) * amp);
                case NONE -> throw new IllegalStateException("NONE is never drawn as an anomaly");
            };
        }
        return new AnomalySample(v, length, channels, kind, start, end, channel);
    }

    /** Builder: every field is optional. */
    public static final class Builder {
        private int length = DEFAULT_LENGTH;
        private int channels = 1;
        private double normalRatio = DEFAULT_NORMAL_RATIO;
        private Set<AnomalyKind> kinds = EnumSet.complementOf(EnumSet.of(AnomalyKind.NONE));
        private long seed;

        private Builder() {}

        /**
         * @param t series length {@code T >= 2}
         * @return this builder
         */
        public Builder optLength(int t) {
            this.length = t;
            return this;
        }

        /**
         * @param c channels {@code C >= 1} (1 = univariate)
         * @return this builder
         */
        public Builder optChannels(int c) {
            this.channels = c;
            return this;
        }

        /**
         * @param ratio share of normal samples in [0, 1]
         * @return this builder
         */
        public Builder optNormalRatio(double ratio) {
            this.normalRatio = ratio;
            return this;
        }

        /**
         * @param allowed the anomaly kinds to draw from (not NONE)
         * @return this builder
         */
        public Builder optKinds(Set<AnomalyKind> allowed) {
            this.kinds = allowed;
            return this;
        }

        /**
         * @param s the seed
         * @return this builder
         */
        public Builder optSeed(long s) {
            this.seed = s;
            return this;
        }

        /**
         * @return the generator
         * @throws IllegalArgumentException naming every invalid field
         */
        public SineAnomalies build() {
            List<String> errors = new ArrayList<>();
            if (length < 2) {
                errors.add("length=" + length + " (expected >= 2)");
            }
            if (channels < 1) {
                errors.add("channels=" + channels + " (expected >= 1)");
            }
            if (!(normalRatio >= 0 && normalRatio <= 1)) {
                errors.add("normalRatio=" + normalRatio + " (expected in [0, 1])");
            }
            if (kinds == null || kinds.isEmpty() || kinds.contains(AnomalyKind.NONE)) {
                errors.add("kinds=" + kinds + " (expected a non-empty set without NONE)");
            }
            if (!errors.isEmpty()) {
                throw new IllegalArgumentException("invalid SineAnomalies settings: " + errors);
            }
            this.kinds = EnumSet.copyOf(kinds);
            return new SineAnomalies(this);
        }
    }
}
