package org.spinj.spin.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;

/**
 * Global-norm gradient clipping, as PyTorch's {@code clip_grad_norm_} and Lightning's default
 * {@code gradient_clip_val}. DJL's built-in optimizer clipping cannot be used: on the PyTorch engine it
 * clamps each element from above only, so negative gradients are never clipped (djl-notes §3.4).
 */
public final class GradientClipping {

    private GradientClipping() {}

    /**
     * Scales every gradient of {@code block} in place by {@code min(1, maxNorm / (norm + 1e-6))},
     * where {@code norm} is the L2 norm of all gradients together.
     *
     * @param block the block whose parameters' gradients are clipped
     * @param maxNorm the largest allowed global norm ({@code > 0})
     * @param scratch a manager for temporaries; the gradient wrappers DJL creates are attached to
     *     a child of it and freed before returning (they would otherwise leak into the model's
     *     manager, djl-notes §3.6)
     * @return the global norm before clipping
     * @throws IllegalStateException if the norm is NaN or infinite (a diverged step)
     */
    public static double clipGlobalNorm(Block block, double maxNorm, NDManager scratch) {
        if (!(maxNorm > 0)) {
            throw new IllegalArgumentException("maxNorm must be > 0, got " + maxNorm);
        }
        try (NDManager tmp = scratch.newSubManager()) {
            List<NDArray> grads = new ArrayList<>();
            NDArray total = null;
            for (Pair<String, Parameter> p : block.getParameters()) {
                NDArray array = p.getValue().getArray();
                if (!array.hasGradient()) {
                    continue;
                }
                NDArray g = array.getGradient();
                g.attach(tmp);
                grads.add(g);
                NDArray sq = g.square().sum();
                total = total == null ? sq : total.add(sq);
            }
            if (total == null) {
                return 0.0;
            }
            double norm = Math.sqrt(total.getFloat());
            if (!Double.isFinite(norm)) {
                throw new IllegalStateException(
                        "gradient norm is " + norm + ": the training step diverged");
            }
            if (norm > maxNorm) {
                float scale = (float) (maxNorm / (norm + 1e-6));
                for (NDArray g : grads) {
                    g.muli(scale);
                }
            }
            return norm;
        }
    }
}
