package org.spinj.spin.baseline;

import java.util.Objects;
import org.spinj.datasets.SpatioTemporalSeries;
import org.spinj.graph.EdgeIndex;

/**
 * Spatial nearest neighbours: a missing entry of node {@code i} at step {@code t} is the weighted
 * mean of the visible values of its graph neighbours ({@code j -> i} edges) at the same step,
 * weighted by the edge weights (for a Gaussian-kernel graph, the similarity {@code exp(-(d/θ)²)},
 * which decreases with distance). With no visible neighbour at that step it falls back to linear
 * interpolation in time.
 */
public final class GraphKnnImputer implements Imputer {

    private final EdgeIndex graph;

    /**
     * @param graph the graph whose in-neighbours are used; {@code null} to use the series' own
     */
    public GraphKnnImputer(EdgeIndex graph) {
        this.graph = graph;
    }

    @Override
    public String name() {
        return "knn";
    }

    @Override
    public float[] impute(SpatioTemporalSeries series) {
        EdgeIndex g = graph != null ? graph : series.graph();
        Objects.requireNonNull(g, "the knn imputer needs a graph; the series has none");
        int t = series.numSteps();
        int n = series.numNodes();
        int c = series.numChannels();
        if (g.numNodes() != n) {
            throw new IllegalArgumentException(
                    "graph has " + g.numNodes() + " nodes but the series has " + n);
        }
        float[] values = series.values();
        boolean[] visible = series.trainingMask();
        float[] fallback = LinearInterpolationImputer.interpolate(values, visible, t, n * c, c);
        EdgeIndex sorted = g.withoutSelfLoops().sortedByTarget();
        int[] ptr = sorted.targetPointers();
        float[] out = values.clone();
        for (int s = 0; s < t; s++) {
            for (int i = 0; i < n; i++) {
                for (int ch = 0; ch < c; ch++) {
                    int idx = (s * n + i) * c + ch;
                    if (visible[idx]) {
                        continue;
                    }
                    double sum = 0;
                    double wsum = 0;
                    for (int e = ptr[i]; e < ptr[i + 1]; e++) {
                        int j = (s * n + sorted.source(e)) * c + ch;
                        if (visible[j]) {
                            double w = sorted.weight(e);
                            sum += w * values[j];
                            wsum += w;
                        }
                    }
                    out[idx] = wsum > 0 ? (float) (sum / wsum) : fallback[idx];
                }
            }
        }
        return out;
    }
}
