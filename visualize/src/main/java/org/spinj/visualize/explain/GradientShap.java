package org.spinj.visualize.explain;

import java.util.Objects;
import java.util.Random;

/**
 * Gradient SHAP / expected gradients (Erion et al. 2021): integrated gradients averaged over
 * baselines from a background sample, one point on the path per draw: {@code phi = E_{b, a}[(x -
 * b) * grad f(b + a (x - b))]}, {@code b} uniform over the background, {@code a ~ U(0, 1)}. Its
 * base value is the mean output over the background; additivity holds in expectation.
 *
 * <p>The draws are stratified, which keeps the estimate unbiased and shrinks its variance: the
 * {@code S} draws go round the background rows in a random order, so every row is used {@code
 * floor(S/N)} or {@code ceil(S/N)} times, and the {@code c} draws of one row put {@code a} in
 * the strata {@code [j/c, (j+1)/c)}, one each. With {@code S} a multiple of {@code N} the
 * baselines' share of the additivity gap vanishes and only the path-integration error is left.
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
        int n = background.length;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        float[][] points = new float[samples][x.length];
        float[][] bases = new float[samples][];
        for (int s = 0; s < samples; s++) {
            int row = order[s % n];
            // uses of this row: samples / n, plus one for the first samples % n rows of the order
            int uses = samples / n + (s % n < samples % n ? 1 : 0);
            float[] b = background[row];
            double a = (s / n + rng.nextDouble()) / uses;
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
