package org.spinj.temporal.models;

import java.util.Random;

/**
 * Multinomial logistic regression trained by full-batch gradient descent on standardised
 * features, the linear baseline the hybrid model has to beat.
 *
 * <pre>
 *   p(k | x) = softmax_k(W z + b),  z = (x - mean) / std        W [K, F], b [K]
 *   loss     = mean cross-entropy + l2 / 2 * |W|^2
 * </pre>
 */
public final class LogisticRegression {

    private final double[][] weights;
    private final double[] bias;
    private final double[] mean;
    private final double[] std;

    private LogisticRegression(double[][] w, double[] b, double[] mean, double[] std) {
        this.weights = w;
        this.bias = b;
        this.mean = mean;
        this.std = std;
    }

    /**
     * Fits the model.
     *
     * @param data rows {@code [N][F]} ({@code channels = 1}) and labels
     * @param iterations gradient steps {@code >= 1}
     * @param learningRate step size {@code > 0}
     * @param l2 weight decay {@code >= 0}
     * @param seed seeds the (small) random initial weights
     * @return the fitted model
     */
    public static LogisticRegression fit(
            LabelledSeries data, int iterations, double learningRate, double l2, long seed) {
        if (iterations < 1 || !(learningRate > 0) || !(l2 >= 0)) {
            throw new IllegalArgumentException("iterations=" + iterations + " (>= 1), learningRate="
                    + learningRate + " (> 0), l2=" + l2 + " (>= 0)");
        }
        int n = data.size();
        int f = data.length() * data.channels();
        int k = Math.max(2, data.classes());
        double[] mean = new double[f];
        double[] std = new double[f];
        for (float[] row : data.samples()) {
            for (int j = 0; j < f; j++) {
                mean[j] += row[j] / (double) n;
            }
        }
        for (float[] row : data.samples()) {
            for (int j = 0; j < f; j++) {
                std[j] += (row[j] - mean[j]) * (row[j] - mean[j]) / n;
            }
        }
        for (int j = 0; j < f; j++) {
            std[j] = Math.sqrt(std[j]) + 1e-8;
        }
        Random rng = new Random(seed);
        double[][] w = new double[k][f];
        for (double[] row : w) {
            for (int j = 0; j < f; j++) {
                row[j] = 0.01 * rng.nextGaussian();
            }
        }
        double[] b = new double[k];
        LogisticRegression model = new LogisticRegression(w, b, mean, std);
        double[][] z = new double[n][];
        for (int i = 0; i < n; i++) {
            z[i] = model.standardise(data.samples()[i]);
        }
        for (int it = 0; it < iterations; it++) {
            double[][] gw = new double[k][f];
            double[] gb = new double[k];
            for (int i = 0; i < n; i++) {
                double[] p = model.softmax(z[i]);
                p[data.labels()[i]] -= 1;
                for (int c = 0; c < k; c++) {
                    gb[c] += p[c] / n;
                    for (int j = 0; j < f; j++) {
                        gw[c][j] += p[c] * z[i][j] / n;
                    }
                }
            }
            for (int c = 0; c < k; c++) {
                b[c] -= learningRate * gb[c];
                for (int j = 0; j < f; j++) {
                    w[c][j] -= learningRate * (gw[c][j] + l2 * w[c][j]);
                }
            }
        }
        return model;
    }

    private double[] standardise(float[] x) {
        double[] z = new double[x.length];
        for (int j = 0; j < x.length; j++) {
            z[j] = (x[j] - mean[j]) / std[j];
        }
        return z;
    }

    private double[] softmax(double[] z) {
        double[] s = new double[weights.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < s.length; c++) {
            double v = bias[c];
            for (int j = 0; j < z.length; j++) {
                v += weights[c][j] * z[j];
            }
            s[c] = v;
            max = Math.max(max, v);
        }
        double sum = 0;
        for (int c = 0; c < s.length; c++) {
            s[c] = Math.exp(s[c] - max);
            sum += s[c];
        }
        for (int c = 0; c < s.length; c++) {
            s[c] /= sum;
        }
        return s;
    }

    /**
     * @param x {@code [F]} a feature row
     * @return {@code [K]} class probabilities
     */
    public double[] probabilities(float[] x) {
        if (x.length != mean.length) {
            throw new IllegalArgumentException("expected " + mean.length + " features, got " + x.length);
        }
        return softmax(standardise(x));
    }

    /**
     * @param data rows to classify
     * @return {@code [N]} the most probable class of each row
     */
    public int[] predict(LabelledSeries data) {
        int[] out = new int[data.size()];
        for (int i = 0; i < out.length; i++) {
            double[] p = probabilities(data.samples()[i]);
            int best = 0;
            for (int c = 1; c < p.length; c++) {
                best = p[c] > p[best] ? c : best;
            }
            out[i] = best;
        }
        return out;
    }
}
