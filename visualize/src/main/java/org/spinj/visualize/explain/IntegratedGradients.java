package org.spinj.visualize.explain;

import java.util.Objects;

/**
 * Integrated gradients (Sundararajan et al. 2017): {@code phi_i = (x_i - x'_i) * integral over
 * a in [0, 1] of df/dx_i(x' + a (x - x'))}, by the midpoint rule with {@code m} steps. By
 * completeness, {@code sum(phi) = f(x) - f(x')} up to the integration error, which {@link
 * Attribution#additivityGap()} reports.
 */
public final class IntegratedGradients {

    private final DifferentiableModel model;

    /** @param model the model */
    public IntegratedGradients(DifferentiableModel model) {
        this.model = Objects.requireNonNull(model, "model");
    }

    /**
     * @param x {@code [F]} the input
     * @param baseline {@code [F]} the reference input {@code x'}
     * @param steps the number of midpoints {@code m >= 1}
     * @return the attributions with base value {@code f(x')}
     */
    public Attribution explain(float[] x, float[] baseline, int steps) {
        if (x.length != baseline.length || steps < 1) {
            throw new IllegalArgumentException("input and baseline must match and steps >= 1, got "
                    + x.length + ", " + baseline.length + ", steps=" + steps);
        }
        float[][] path = new float[steps][x.length];
        for (int k = 0; k < steps; k++) {
            double a = (k + 0.5) / steps;
            for (int i = 0; i < x.length; i++) {
                path[k][i] = (float) (baseline[i] + a * (x[i] - baseline[i]));
            }
        }
        double[][] g = model.gradients(path);
        double[] phi = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double s = 0;
            for (int k = 0; k < steps; k++) {
                s += g[k][i];
            }
            phi[i] = (x[i] - baseline[i]) * s / steps;
        }
        double[] ends = model.outputs(new float[][] {baseline, x});
        return new Attribution(x, phi, ends[0], ends[1]);
    }
}
