package org.spinj.spin.baseline;

import java.util.Objects;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.spinj.datasets.SpatioTemporalSeries;
import org.spinj.graph.EdgeIndex;

/**
 * MICE-style chained ridge regressions: start from linear interpolation in time, then for a few
 * rounds regress each node on its graph neighbours (and its own interpolated value) over the steps
 * where the node is visible, and re-predict its missing entries from the current estimates of the
 * neighbours. Ridge regularisation ({@code lambda}) keeps the fit stable with few observations.
 */
public final class NeighbourRegressionImputer implements Imputer {

    /** Default number of chained rounds. */
    public static final int DEFAULT_ROUNDS = 3;
    /** Default ridge penalty, relative to the number of fitted steps. */
    public static final double DEFAULT_LAMBDA = 1e-2;

    private final EdgeIndex graph;
    private final int rounds;
    private final double lambda;

    /**
     * @param graph neighbours to regress on; {@code null} to use the series' own graph
     * @param rounds chained rounds ({@code >= 1})
     * @param lambda ridge penalty ({@code >= 0})
     */
    public NeighbourRegressionImputer(EdgeIndex graph, int rounds, double lambda) {
        if (rounds < 1 || !(lambda >= 0)) {
            throw new IllegalArgumentException(
                    "expected rounds >= 1 and lambda >= 0, got rounds=" + rounds + ", lambda="
                            + lambda);
        }
        this.graph = graph;
        this.rounds = rounds;
        this.lambda = lambda;
    }

    /** @param graph neighbours to regress on, or {@code null} for the series' graph */
    public NeighbourRegressionImputer(EdgeIndex graph) {
        this(graph, DEFAULT_ROUNDS, DEFAULT_LAMBDA);
    }

    @Override
    public String name() {
        return "mice";
    }

    @Override
    public float[] impute(SpatioTemporalSeries series) {
        EdgeIndex g = graph != null ? graph : series.graph();
        Objects.requireNonNull(g, "the mice imputer needs a graph; the series has none");
        int t = series.numSteps();
        int n = series.numNodes();
        int c = series.numChannels();
        float[] values = series.values();
        boolean[] visible = series.trainingMask();
        float[] current = LinearInterpolationImputer.interpolate(values, visible, t, n * c, c);
        // the node's own feature at a visible step must not be its value: interpolate without it
        float[] interp = leaveOneOutInterpolation(values, visible, current, t, n * c);
        EdgeIndex sorted = g.withoutSelfLoops().sortedByTarget();
        int[] ptr = sorted.targetPointers();
        for (int round = 0; round < rounds; round++) {
            float[] next = current.clone();
            for (int i = 0; i < n; i++) {
                int deg = ptr[i + 1] - ptr[i];
                for (int ch = 0; ch < c; ch++) {
                    // features: 1, own interpolation, neighbours' current estimates
                    int p = 2 + deg;
                    double[][] xtx = new double[p][p];
                    double[] xty = new double[p];
                    double[] row = new double[p];
                    long fitted = 0;
                    for (int s = 0; s < t; s++) {
                        int idx = (s * n + i) * c + ch;
                        if (!visible[idx]) {
                            continue;
                        }
                        features(row, interp, current, sorted, ptr, i, s, n, c, ch);
                        for (int a = 0; a < p; a++) {
                            xty[a] += row[a] * values[idx];
                            for (int b = 0; b < p; b++) {
                                xtx[a][b] += row[a] * row[b];
                            }
                        }
                        fitted++;
                    }
                    if (fitted < p) {
                        continue; // too few observations: keep the interpolation
                    }
                    for (int a = 1; a < p; a++) {
                        xtx[a][a] += lambda * fitted;
                    }
                    xtx[0][0] += 1e-9 * fitted;
                    double[] beta;
                    try {
                        RealMatrix m = new Array2DRowRealMatrix(xtx, false);
                        RealVector sol = new CholeskyDecomposition(m, 1e-12, 1e-14)
                                .getSolver().solve(new ArrayRealVector(xty, false));
                        beta = sol.toArray();
                    } catch (RuntimeException singular) {
                        continue; // degenerate design: keep the interpolation
                    }
                    for (int s = 0; s < t; s++) {
                        int idx = (s * n + i) * c + ch;
                        if (visible[idx]) {
                            continue;
                        }
                        features(row, interp, current, sorted, ptr, i, s, n, c, ch);
                        double y = 0;
                        for (int a = 0; a < p; a++) {
                            y += beta[a] * row[a];
                        }
                        if (Double.isFinite(y)) {
                            next[idx] = (float) y;
                        }
                    }
                }
            }
            current = next;
        }
        return current;
    }

    /**
     * At unknown entries the ordinary interpolation; at known entries the interpolation between
     * the previous and the next known entries, as if that entry were missing, so that a
     * regression fitted on known entries sees the same kind of feature it is applied to.
     */
    static float[] leaveOneOutInterpolation(
            float[] values, boolean[] visible, float[] interpolated, int steps, int cols) {
        float[] out = interpolated.clone();
        for (int col = 0; col < cols; col++) {
            int prev = -1;
            for (int s = 0; s < steps; s++) {
                int i = s * cols + col;
                if (!visible[i]) {
                    continue;
                }
                int next = -1;
                for (int u = s + 1; u < steps; u++) {
                    if (visible[u * cols + col]) {
                        next = u;
                        break;
                    }
                }
                if (prev >= 0 && next >= 0) {
                    double w = (double) (s - prev) / (next - prev);
                    out[i] = (float) ((1 - w) * values[prev * cols + col]
                            + w * values[next * cols + col]);
                } else if (prev >= 0) {
                    out[i] = values[prev * cols + col];
                } else if (next >= 0) {
                    out[i] = values[next * cols + col];
                }
                prev = s;
            }
        }
        return out;
    }

    private static void features(
            double[] row, float[] interp, float[] current, EdgeIndex sorted, int[] ptr,
            int i, int s, int n, int c, int ch) {
        row[0] = 1;
        row[1] = interp[(s * n + i) * c + ch];
        for (int e = ptr[i]; e < ptr[i + 1]; e++) {
            row[2 + e - ptr[i]] = current[(s * n + sorted.source(e)) * c + ch];
        }
    }
}
