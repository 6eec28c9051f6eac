package org.spinj.datasets.scale;

import java.util.Arrays;
import java.util.Objects;
import org.spinj.datasets.SpatioTemporalSeries;

/**
 * A fitted per-channel affine scaler {@code x' = (x - offset[c]) / scale[c]}: {@link
 * #standard(SpatioTemporalSeries, boolean[])} (mean/std, tsl {@code StandardScaler(axis=(0, 1))})
 * or {@link #minMax(SpatioTemporalSeries, boolean[])} (to [0, 1]).
 *
 * <p>Statistics use only training entries ({@code observed && !eval}) of the selected steps. A
 * zero scale becomes 1 (tsl {@code zeros_to_one}). tsl's extra {@code 5e-8} added after scaling
 * is omitted: it changes values by less than float precision matters here.
 *
 * @param offset {@code [C]} subtracted first
 * @param scale {@code [C]} divided by next, all positive
 */
public record AffineScaler(double[] offset, double[] scale) implements Scaler {

    /** Validates and copies. */
    public AffineScaler {
        offset = offset.clone();
        scale = scale.clone();
        if (offset.length != scale.length || offset.length == 0) {
            throw new IllegalArgumentException("offset and scale need the same positive length, got "
                    + offset.length + " and " + scale.length);
        }
        for (int c = 0; c < scale.length; c++) {
            if (!(scale[c] > 0) || !Double.isFinite(scale[c]) || !Double.isFinite(offset[c])) {
                throw new IllegalArgumentException("channel " + c + " has offset " + offset[c]
                        + " and scale " + scale[c] + ", expected finite values and scale > 0");
            }
        }
    }

    /**
     * Fits mean and (population) standard deviation per channel.
     *
     * @param series the series
     * @param steps {@code [T]}: the steps to fit on (the training windows' steps), or null for all
     * @return the scaler
     */
    public static AffineScaler standard(SpatioTemporalSeries series, boolean[] steps) {
        int cs = series.numChannels();
        double[] sum = new double[cs];
        double[] sq = new double[cs];
        long[] count = new long[cs];
        visit(series, steps, (c, v) -> {
            sum[c] += v;
            count[c]++;
        });
        double[] mean = new double[cs];
        for (int c = 0; c < cs; c++) {
            mean[c] = sum[c] / count[c];
        }
        visit(series, steps, (c, v) -> sq[c] += (v - mean[c]) * (v - mean[c]));
        double[] std = new double[cs];
        for (int c = 0; c < cs; c++) {
            double s = Math.sqrt(sq[c] / count[c]);
            std[c] = s > 0 ? s : 1;
        }
        return new AffineScaler(mean, std);
    }

    /**
     * Fits the minimum and range per channel, mapping the training values to {@code [0, 1]}.
     *
     * @param series the series
     * @param steps {@code [T]}: the steps to fit on, or null for all
     * @return the scaler
     */
    public static AffineScaler minMax(SpatioTemporalSeries series, boolean[] steps) {
        int cs = series.numChannels();
        double[] min = new double[cs];
        double[] max = new double[cs];
        Arrays.fill(min, Double.POSITIVE_INFINITY);
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
        long[] count = new long[cs];
        visit(series, steps, (c, v) -> {
            min[c] = Math.min(min[c], v);
            max[c] = Math.max(max[c], v);
            count[c]++;
        });
        double[] range = new double[cs];
        for (int c = 0; c < cs; c++) {
            range[c] = max[c] > min[c] ? max[c] - min[c] : 1;
        }
        return new AffineScaler(min, range);
    }

    private interface Visitor {
        void accept(int channel, double value);
    }

    private static void visit(SpatioTemporalSeries series, boolean[] steps, Visitor visitor) {
        Objects.requireNonNull(series, "series");
        int t = series.numSteps();
        if (steps != null && steps.length != t) {
            throw new IllegalArgumentException("steps must have length T = " + t + ", got " + steps.length);
        }
        int cs = series.numChannels();
        int stride = series.numNodes() * cs;
        float[] v = series.values();
        boolean[] m = series.trainingMask();
        long[] count = new long[cs];
        for (int s = 0; s < t; s++) {
            if (steps != null && !steps[s]) {
                continue;
            }
            for (int i = s * stride; i < (s + 1) * stride; i++) {
                if (m[i]) {
                    visitor.accept(i % cs, v[i]);
                    count[i % cs]++;
                }
            }
        }
        for (int c = 0; c < cs; c++) {
            if (count[c] == 0) {
                throw new IllegalArgumentException(
                        "channel " + c + " has no training entry in the selected steps, cannot fit a scaler");
            }
        }
    }

    @Override
    public double[] offset() {
        return offset.clone();
    }

    @Override
    public double[] scale() {
        return scale.clone();
    }

    @Override
    public int numChannels() {
        return scale.length;
    }

    @Override
    public float transform(float value, int channel) {
        return (float) ((value - offset[channel]) / scale[channel]);
    }

    @Override
    public float inverse(float value, int channel) {
        return (float) (value * scale[channel] + offset[channel]);
    }
}
