package org.spinj.spin.baseline;

import org.spinj.datasets.SpatioTemporalSeries;

/**
 * Replaces every missing entry with the mean of the node's visible values in that channel (the
 * "Mean" row of SPIN's Table 1). A node with no visible value gets the channel's global mean.
 */
public final class MeanImputer implements Imputer {

    @Override
    public String name() {
        return "mean";
    }

    @Override
    public float[] impute(SpatioTemporalSeries series) {
        int t = series.numSteps();
        int n = series.numNodes();
        int c = series.numChannels();
        float[] values = series.values();
        boolean[] visible = series.trainingMask();
        double[] nodeMeans = nodeMeans(values, visible, t, n, c);
        float[] out = values.clone();
        for (int i = 0; i < out.length; i++) {
            if (!visible[i]) {
                out[i] = (float) nodeMeans[i % (n * c)];
            }
        }
        return out;
    }

    /**
     * Mean of the visible values of every (node, channel), falling back to the channel mean, then
     * to 0 when a channel has no visible value at all.
     *
     * @return {@code [N, C]} row-major
     */
    static double[] nodeMeans(float[] values, boolean[] visible, int t, int n, int c) {
        double[] sum = new double[n * c];
        long[] count = new long[n * c];
        double[] chanSum = new double[c];
        long[] chanCount = new long[c];
        for (int i = 0; i < values.length; i++) {
            if (visible[i]) {
                sum[i % (n * c)] += values[i];
                count[i % (n * c)]++;
                chanSum[i % c] += values[i];
                chanCount[i % c]++;
            }
        }
        double[] mean = new double[n * c];
        for (int k = 0; k < n * c; k++) {
            int ch = k % c;
            mean[k] = count[k] > 0 ? sum[k] / count[k]
                    : chanCount[ch] > 0 ? chanSum[ch] / chanCount[ch] : 0.0;
        }
        return mean;
    }
}
