package org.spinj.spin.baseline;

import org.spinj.datasets.SpatioTemporalSeries;

/**
 * Linear interpolation in time between the nearest visible values before and after each gap, per
 * node and channel; the ends of the series take the nearest visible value, and a node with no
 * visible value the channel mean.
 */
public final class LinearInterpolationImputer implements Imputer {

    @Override
    public String name() {
        return "interp";
    }

    @Override
    public float[] impute(SpatioTemporalSeries series) {
        return interpolate(
                series.values(),
                series.trainingMask(),
                series.numSteps(),
                series.numNodes() * series.numChannels(),
                series.numChannels());
    }

    /**
     * Interpolates every column of a {@code [T, cols]} row-major array.
     *
     * @param values the values
     * @param visible which entries are known
     * @param steps {@code T}
     * @param cols columns ({@code N * C})
     * @param channels {@code C}, for the fallback mean of an empty column
     * @return a new array with every unknown entry filled
     */
    static float[] interpolate(float[] values, boolean[] visible, int steps, int cols, int channels) {
        double[] means = MeanImputer.nodeMeans(values, visible, steps, cols / channels, channels);
        float[] out = values.clone();
        for (int col = 0; col < cols; col++) {
            int prev = -1;
            for (int s = 0; s <= steps; s++) {
                if (s < steps && !visible[s * cols + col]) {
                    continue;
                }
                // fill the gap (prev, s)
                for (int g = prev + 1; g < s; g++) {
                    int i = g * cols + col;
                    if (prev < 0 && s == steps) {
                        out[i] = (float) means[col];
                    } else if (prev < 0) {
                        out[i] = values[s * cols + col];
                    } else if (s == steps) {
                        out[i] = values[prev * cols + col];
                    } else {
                        double w = (double) (g - prev) / (s - prev);
                        out[i] = (float) ((1 - w) * values[prev * cols + col]
                                + w * values[s * cols + col]);
                    }
                }
                prev = s;
            }
        }
        return out;
    }
}
