package org.spinj.spin.nn;

import ai.djl.ndarray.NDArray;

/**
 * The two layer normalisations SPIN uses over the last axis: torch's (eps inside the square
 * root, for the input tokens) and tsl's (eps added to the biased standard deviation, at the end
 * of every SPIN layer; spin.md §1.2).
 */
public enum LayerNorms {
    /** {@code (x - mean) / sqrt(var + 1e-5) * gamma + beta}, as {@code torch.nn.LayerNorm}. */
    TORCH,
    /** {@code (x - mean) / (std + 1e-5) * gamma + beta}, as {@code tsl.nn.layers.LayerNorm}. */
    TSL;

    /** The epsilon both variants use. */
    public static final float EPS = 1e-5f;

    /**
     * Normalises over the last axis.
     *
     * @param x {@code [..., C]}
     * @param gamma {@code [C]}
     * @param beta {@code [C]}
     * @return {@code [..., C]}
     */
    public NDArray apply(NDArray x, NDArray gamma, NDArray beta) {
        NDArray centered = x.sub(x.mean(new int[] {-1}, true));
        NDArray var = centered.square().mean(new int[] {-1}, true);
        NDArray denom = this == TORCH ? var.add(EPS).sqrt() : var.sqrt().add(EPS);
        return centered.div(denom).mul(gamma).add(beta);
    }
}
