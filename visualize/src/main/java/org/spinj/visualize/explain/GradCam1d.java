package org.spinj.visualize.explain;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.function.UnaryOperator;
import org.spinj.graph.tensor.Scalars;

/**
 * Grad-CAM for 1-D convolutional networks (Selvaraju et al. 2017, as seed 003 applies it): the
 * class score's gradient on the last conv block's activations {@code A [1, K, L]}, averaged over
 * steps per channel, weights the channels; the weighted sum goes through a ReLU, is divided by
 * its maximum and is linearly upsampled to the input length (torch's {@code interpolate(mode=
 * "linear", align_corners=False)}).
 *
 * <pre>
 *   w_k = mean_l dScore_c / dA[k, l]        cam = relu(sum_k w_k A[k])  [L] -> /max -> [T]
 * </pre>
 *
 * The network is given as two functions: {@code features} (input to activations) and {@code
 * scores} (activations to class scores {@code [1, classes]}).
 */
public final class GradCam1d {

    private GradCam1d() {}

    /**
     * @param features input {@code [1, ...]} to activations {@code [1, K, L]}
     * @param scores activations to scores {@code [1, classes]}
     * @param x the input, already shaped {@code [1, ...]}
     * @param targetClass the class to explain
     * @param inputLength {@code T}, the length to upsample to
     * @return {@code [T]} the map in [0, 1] (all zeros when no channel pushes the class up)
     */
    public static double[] explain(UnaryOperator<NDArray> features, UnaryOperator<NDArray> scores,
            NDArray x, int targetClass, int inputLength) {
        try (NDManager m = x.getManager().newSubManager()) {
            NDArray a = features.apply(x).stopGradient();
            a.attach(m);
            a.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray s = scores.apply(a);
                long classes = s.getShape().get(1);
                if (targetClass < 0 || targetClass >= classes) {
                    throw new IllegalArgumentException("target class " + targetClass
                            + " is outside [0, " + classes + ")");
                }
                gc.backward(s.get(":, " + targetClass).sum());
            }
            NDArray w = a.getGradient().mean(new int[] {2}, true); // [1, K, 1]
            float[] cam = Scalars.maximum(a.mul(w).sum(new int[] {1}), 0).toFloatArray(); // [L]
            return upsample(normalise(cam), inputLength);
        }
    }

    /**
     * @param cam {@code [L]} non-negative values
     * @return the values divided by their maximum (unchanged when the maximum is 0)
     */
    static double[] normalise(float[] cam) {
        double max = 0;
        for (float v : cam) {
            max = Math.max(max, v);
        }
        double[] out = new double[cam.length];
        for (int i = 0; i < cam.length; i++) {
            out[i] = max > 0 ? cam[i] / max : 0;
        }
        return out;
    }

    /**
     * Linear interpolation with torch's {@code align_corners=False}: output step {@code i} reads
     * the source at {@code (i + 0.5) L / T - 0.5}, clamped to {@code [0, L - 1]}.
     *
     * @param v {@code [L]}
     * @param length {@code T}
     * @return {@code [T]}
     */
    public static double[] upsample(double[] v, int length) {
        double[] out = new double[length];
        double scale = v.length / (double) length;
        for (int i = 0; i < length; i++) {
            double src = Math.max(0, Math.min(v.length - 1, (i + 0.5) * scale - 0.5));
            int lo = (int) Math.floor(src);
            int hi = Math.min(v.length - 1, lo + 1);
            double f = src - lo;
            out[i] = v[lo] * (1 - f) + v[hi] * f;
        }
        return out;
    }
}
