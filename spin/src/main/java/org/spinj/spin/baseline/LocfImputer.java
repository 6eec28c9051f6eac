package org.spinj.spin.baseline;

import org.spinj.datasets.SpatioTemporalSeries;

/**
 * Last observation carried forward: each missing entry takes the node's most recent visible value;
 * a leading gap takes the first visible value (next observation carried backward), and a node
 * with no visible value the channel mean.
 */
public final class LocfImputer implements Imputer {

    @Override
    public String name() {
        return "locf";
    }

    @Override
    public float[] impute(SpatioTemporalSeries series) {
        int t = series.numSteps();
        int n = series.numNodes();
        int c = series.numChannels();
        float[] values = series.values();
        boolean[] visible = series.trainingMask();
        double[] means = MeanImputer.nodeMeans(values, visible, t, n, c);
        float[] out = values.clone();
        int stride = n * c;
        for (int col = 0; col < stride; col++) {
            int first = -1;
            for (int s = 0; s < t; s++) {
                if (visible[s * stride + col]) {
                    first = s;
                    break;
                }
            }
            if (first < 0) {
                for (int s = 0; s < t; s++) {
                    out[s * stride + col] = (float) means[col];
                }
                continue;
            }
            float last = values[first * stride + col];
            for (int s = 0; s < t; s++) {
                int i = s * stride + col;
                if (visible[i]) {
                    last = values[i];
                } else {
                    out[i] = last;
                }
            }
        }
        return out;
    }
}
