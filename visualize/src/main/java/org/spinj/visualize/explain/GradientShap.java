package org.spinj.visualize.explain;

import java.util.Objects;
import java.util.Random;

/**
 * Gradient SHAP / expected gradients (Erion et al. 2021): integrated gradients averaged over
 * baselines drawn from a background sample, one random point per draw: {@code phi = E_{b, a}[(x
 * - b) * grad f(b + a (x - b))]}. Its base value is the mean output over the background;
 * additivity holds in expectation, so the gap shrinks with more samples.
 */
public final class GradientShap {

    private final DifferentiableModel model;
    private final float[][] background;

    /**
     * @param model the model
     * @param background {@code [N][F]} background rows, {@code N >= 1}
     */
    public GradientShap(DifferentiableModel model, float[][] background) {
        this.model = Objects.requireNonNull(model, "model");
        if (background.length == 0) {
            throw new IllegalArgumentException("Gradient SHAP needs at least one background row");
        }
        this.background = background.clone();
    }

    /**
     * @param x {@code [F]} the input
     * @param samples draws {@code >= 1}
     * @param seed the seed of the draws
     * @return the attributions
     */
    public Attribution explain(float[] x, int samples, long seed) {
        if (samples < 1) {
            throw new IllegalArgumentException("samples must be >= 1, got " + samples);
        }
        Random rng = new Random(seed);
        float[][] points = new float[samples][x.length];
        float[][] bases = new float[samples][];
        for (int s = 0; s < samples; s++) {
            float[] b = background[rng.nextInt(background.length)];
            double a = rng.nextDouble();
            bases[s] = b;
            for (int i = 0; i < x.length; i++) {
                points[s][i] = (float) (b[i] + a * (x[i] - b[i]));
            }
        }
        double[][] g = model.gradients(points);
        double[] phi = new double[x.length];
        for (int s = 0; s < samples; s++) {
            for (int i = 0; i < x.length; i++) {
                phi[i] += (x[i] - bases[s][i]) * g[s][i] / samples;
            }
        }
        double base = 0;
        for (double v : model.outputs(background)) {
            base += v / background.length;
        }
        return new Attribution(x, phi, base, model.outputs(new float[][] {x})[0]);
    }
}
