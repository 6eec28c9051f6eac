package org.spinj.temporal.models;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;

/**
 * A classifier's outputs on a data set, with the attention each sample produced.
 *
 * @param scores {@code [N][K]}: for the detector {@code K = 1}, the anomaly probability; for the
 *     hybrid model the softmax class probabilities
 * @param attention {@code [N][*]}: the detector's {@code [T]} weights, or the hybrid model's
 *     {@code [H, L, L]} weights flattened
 */
public record ClassifierPredictions(double[][] scores, float[][] attention) {

    /**
     * Runs a trained classifier in inference mode.
     *
     * @param block an {@link AttentionAnomalyDetector} or {@link HybridCnnLstmAttention}
     * @param manager the manager owning its parameters (batches go to sub-managers)
     * @param data the samples
     * @param batch samples per forward pass
     * @return the predictions
     */
    public static ClassifierPredictions predict(
            CheckpointedModel block, NDManager manager, LabelledSeries data, int batch) {
        double[][] scores = new double[data.size()][];
        float[][] attention = new float[data.size()][];
        boolean detector = block instanceof AttentionAnomalyDetector;
        for (int from = 0; from < data.size(); from += batch) {
            int[] idx = ClassifierTrainer.range(from, Math.min(data.size(), from + batch));
            try (NDManager bm = manager.newSubManager()) {
                NDList out = block.forward(new ParameterStore(bm, false),
                        new NDList(data.inputs(bm, idx, ClassifierTrainer.sampleShape(block, data))),
                        false);
                float[] s = detector ? out.get(0).toFloatArray() : out.get(0).softmax(1).toFloatArray();
                int k = detector ? 1 : (int) out.get(0).getShape().get(1);
                float[] a = out.get(1).toFloatArray();
                int per = a.length / idx.length;
                for (int i = 0; i < idx.length; i++) {
                    scores[from + i] = new double[k];
                    for (int c = 0; c < k; c++) {
                        scores[from + i][c] = s[i * k + c];
                    }
                    attention[from + i] = java.util.Arrays.copyOfRange(a, i * per, (i + 1) * per);
                }
            }
        }
        return new ClassifierPredictions(scores, attention);
    }

    /**
     * @param threshold the decision threshold for the detector's probability
     * @return {@code [N]} predicted classes (argmax, or {@code p > threshold} when {@code K = 1})
     */
    public int[] classes(double threshold) {
        int[] c = new int[scores.length];
        for (int i = 0; i < scores.length; i++) {
            double[] s = scores[i];
            if (s.length == 1) {
                c[i] = s[0] > threshold ? 1 : 0;
            } else {
                int best = 0;
                for (int k = 1; k < s.length; k++) {
                    best = s[k] > s[best] ? k : best;
                }
                c[i] = best;
            }
        }
        return c;
    }

    /**
     * @param k a class
     * @return {@code [N]} the score of class {@code k} (for the detector, {@code k} = 1 gives
     *     the anomaly probability)
     */
    public double[] score(int k) {
        double[] s = new double[scores.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = scores[i].length == 1 ? (k == 1 ? scores[i][0] : 1 - scores[i][0]) : scores[i][k];
        }
        return s;
    }

    /**
     * @return {@code [N][K']} class probabilities: the softmax rows, or {@code [1 - p, p]} for the
     *     detector ({@code K' = 2})
     */
    public double[][] probabilities() {
        double[][] p = new double[scores.length][];
        for (int i = 0; i < p.length; i++) {
            p[i] = scores[i].length == 1 ? new double[] {1 - scores[i][0], scores[i][0]} : scores[i].clone();
        }
        return p;
    }
}
