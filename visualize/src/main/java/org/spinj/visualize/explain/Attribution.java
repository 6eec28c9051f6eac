package org.spinj.visualize.explain;

/**
 * Per-feature attributions of one model output: {@code output ~ baseValue + sum(values)} (exact
 * for Kernel SHAP, up to the integration error for integrated gradients and Gradient SHAP).
 *
 * @param input {@code [F]} the explained input
 * @param values {@code [M]} one attribution per feature (or per feature group)
 * @param baseValue the expected output over the background, or the output at the baseline
 * @param output the model output at {@code input}
 */
public record Attribution(float[] input, double[] values, double baseValue, double output) {

    /** Copies the arrays. */
    public Attribution {
        input = input.clone();
        values = values.clone();
    }

    @Override
    public float[] input() {
        return input.clone();
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    /** @return {@code |baseValue + sum(values) - output|}: additivity / completeness error */
    public double additivityGap() {
        double s = baseValue;
        for (double v : values) {
            s += v;
        }
        return Math.abs(s - output);
    }
}
