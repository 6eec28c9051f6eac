package org.spinj.visualize.plot;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Mean absolute error of an imputation broken down per node and per hour of day, over the
 * evaluation targets only.
 *
 * @param perNode {@code [N]} MAE of every node; NaN for a node without evaluation targets
 * @param perHour {@code [24]} MAE of every hour of day (0-23); NaN for an hour without targets
 * @param count the number of evaluation targets scored
 */
public record ErrorBreakdown(double[] perNode, double[] perHour, long count) {

    /** Validates the lengths and copies the arrays. */
    public ErrorBreakdown {
        Objects.requireNonNull(perNode, "perNode");
        Objects.requireNonNull(perHour, "perHour");
        if (perHour.length != 24) {
            throw new IllegalArgumentException("expected 24 hourly values, got " + perHour.length);
        }
        perNode = perNode.clone();
        perHour = perHour.clone();
    }

    /** @return a copy of the per-node MAE */
    @Override
    public double[] perNode() {
        return perNode.clone();
    }

    /** @return a copy of the per-hour MAE */
    @Override
    public double[] perHour() {
        return perHour.clone();
    }

    /**
     * Computes the breakdown.
     *
     * @param truth {@code [T, N]} ground truth
     * @param prediction {@code [T, N]} imputation
     * @param evaluation {@code [T, N]} {@code true} at the evaluation targets
     * @param timestamps {@code [T]} epoch milliseconds of the steps
     * @param zone the time zone the hours of day are read in
     * @return the breakdown
     * @throws IllegalArgumentException if the shapes disagree or a scored value is not finite
     */
    public static ErrorBreakdown of(double[][] truth, double[][] prediction,
            boolean[][] evaluation, long[] timestamps, ZoneId zone) {
        Objects.requireNonNull(truth, "truth");
        Objects.requireNonNull(prediction, "prediction");
        Objects.requireNonNull(evaluation, "evaluation");
        Objects.requireNonNull(timestamps, "timestamps");
        Objects.requireNonNull(zone, "zone");
        int steps = truth.length;
        if (steps == 0 || prediction.length != steps || evaluation.length != steps
                || timestamps.length != steps) {
            throw new IllegalArgumentException(
                    "expected T > 0 steps everywhere, got truth " + steps + ", prediction "
                            + prediction.length + ", evaluation " + evaluation.length
                            + ", timestamps " + timestamps.length);
        }
        int nodes = truth[0].length;
        double[] nodeSum = new double[nodes];
        long[] nodeCount = new long[nodes];
        double[] hourSum = new double[24];
        long[] hourCount = new long[24];
        long count = 0;
        for (int t = 0; t < steps; t++) {
            if (truth[t].length != nodes || prediction[t].length != nodes
                    || evaluation[t].length != nodes) {
                throw new IllegalArgumentException(
                        "step " + t + " has " + truth[t].length + " truth, "
                                + prediction[t].length + " predicted and " + evaluation[t].length
                                + " evaluation values, expected N = " + nodes);
            }
            int hour = Instant.ofEpochMilli(timestamps[t]).atZone(zone).getHour();
            for (int n = 0; n < nodes; n++) {
                if (!evaluation[t][n]) {
                    continue;
                }
                double err = Math.abs(prediction[t][n] - truth[t][n]);
                if (!Double.isFinite(err)) {
                    throw new IllegalArgumentException(
                            "evaluation target (step " + t + ", node " + n + ") has truth "
                                    + truth[t][n] + " and prediction " + prediction[t][n]
                                    + ", expected finite values");
                }
                nodeSum[n] += err;
                nodeCount[n]++;
                hourSum[hour] += err;
                hourCount[hour]++;
                count++;
            }
        }
        return new ErrorBreakdown(mean(nodeSum, nodeCount), mean(hourSum, hourCount), count);
    }

    private static double[] mean(double[] sum, long[] count) {
        double[] m = new double[sum.length];
        for (int k = 0; k < m.length; k++) {
            m[k] = count[k] == 0 ? Double.NaN : sum[k] / count[k];
        }
        return m;
    }
}
