package org.spinj.temporal.models;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.util.Arrays;

/**
 * A {@link SignalEmbeddingNet}'s outputs on a data set.
 *
 * @param embeddings {@code [N][E]} unit-norm embeddings
 * @param keypoints {@code [N][L][P]} keypoint probabilities per pooled step
 * @param attention {@code [N][L]} attention weights over the pooled steps
 */
public record EmbeddingPredictions(float[][] embeddings, float[][][] keypoints, float[][] attention) {

    /**
     * Runs a trained network in inference mode.
     *
     * @param net the network
     * @param manager the manager owning its parameters (batches go to sub-managers)
     * @param data the samples
     * @param batch series per forward pass
     * @return the predictions
     */
    public static EmbeddingPredictions predict(
            SignalEmbeddingNet net, NDManager manager, EmbeddingSamples data, int batch) {
        int n = data.size();
        float[][] emb = new float[n][];
        float[][][] kp = new float[n][][];
        float[][] att = new float[n][];
        for (int from = 0; from < n; from += batch) {
            int[] idx = ClassifierTrainer.range(from, Math.min(n, from + batch));
            try (NDManager bm = manager.newSubManager()) {
                NDList out = net.forward(new ParameterStore(bm, false), new NDList(data.inputs(bm, idx)), false);
                float[] e = out.get(0).toFloatArray();
                float[] k = out.get(1).softmax(2).toFloatArray();
                float[] a = out.get(2).toFloatArray();
                int d = e.length / idx.length;
                int l = a.length / idx.length;
                int p = k.length / (idx.length * l);
                for (int i = 0; i < idx.length; i++) {
                    emb[from + i] = Arrays.copyOfRange(e, i * d, (i + 1) * d);
                    att[from + i] = Arrays.copyOfRange(a, i * l, (i + 1) * l);
                    kp[from + i] = new float[l][];
                    for (int s = 0; s < l; s++) {
                        int at = (i * l + s) * p;
                        kp[from + i][s] = Arrays.copyOfRange(k, at, at + p);
                    }
                }
            }
        }
        return new EmbeddingPredictions(emb, kp, att);
    }

    /**
     * @param sample a series
     * @param keypoint a keypoint class
     * @return the pooled step where that class is most probable
     */
    public int peakStep(int sample, int keypoint) {
        float[][] k = keypoints[sample];
        int best = 0;
        for (int s = 1; s < k.length; s++) {
            best = k[s][keypoint] > k[best][keypoint] ? s : best;
        }
        return best;
    }

    /**
     * Nearest-neighbour classification of query embeddings against reference embeddings
     * (squared Euclidean distance, first reference on ties).
     *
     * @param reference {@code [R][E]} embeddings with known classes
     * @param referenceClasses {@code [R]}
     * @param query {@code [Q][E]}
     * @param queryClasses {@code [Q]} true classes
     * @return the share of queries whose nearest reference has their class
     * @throws IllegalArgumentException if a set is empty or the counts differ
     */
    public static double nearestNeighbourAccuracy(float[][] reference, int[] referenceClasses,
            float[][] query, int[] queryClasses) {
        if (reference.length == 0 || query.length == 0 || reference.length != referenceClasses.length
                || query.length != queryClasses.length) {
            throw new IllegalArgumentException("need non-empty sets with one class each, got "
                    + reference.length + "/" + referenceClasses.length + " references and "
                    + query.length + "/" + queryClasses.length + " queries");
        }
        int correct = 0;
        for (int q = 0; q < query.length; q++) {
            correct += referenceClasses[nearest(reference, query[q], -1)] == queryClasses[q] ? 1 : 0;
        }
        return (double) correct / query.length;
    }

    /**
     * Leave-one-out nearest-neighbour accuracy within one set.
     *
     * @param embeddings {@code [N][E]}, {@code N >= 2}
     * @param classes {@code [N]}
     * @return the share of samples whose nearest other sample has their class
     * @throws IllegalArgumentException if fewer than 2 samples or the counts differ
     */
    public static double leaveOneOutAccuracy(float[][] embeddings, int[] classes) {
        if (embeddings.length < 2 || embeddings.length != classes.length) {
            throw new IllegalArgumentException("need >= 2 embeddings with one class each, got "
                    + embeddings.length + " and " + classes.length);
        }
        int correct = 0;
        for (int i = 0; i < embeddings.length; i++) {
            correct += classes[nearest(embeddings, embeddings[i], i)] == classes[i] ? 1 : 0;
        }
        return (double) correct / embeddings.length;
    }

    private static int nearest(float[][] reference, float[] q, int skip) {
        int best = -1;
        double bestD = Double.POSITIVE_INFINITY;
        for (int r = 0; r < reference.length; r++) {
            if (r == skip) {
                continue;
            }
            double d = 0;
            for (int j = 0; j < q.length; j++) {
                double diff = reference[r][j] - q[j];
                d += diff * diff;
            }
            if (d < bestD) {
                bestD = d;
                best = r;
            }
        }
        return best;
    }
}
