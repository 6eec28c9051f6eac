package org.spinj.temporal.models;

/**
 * A {@link SignalEmbeddingNet} training recipe: batch-hard triplet loss on the embeddings plus a
 * weighted keypoint cross-entropy, Adam, early stopping on the validation loss.
 *
 * @param epochs maximum epochs {@code >= 1}
 * @param batchSize series per step {@code >= 2}
 * @param learningRate Adam's learning rate {@code > 0}
 * @param margin the triplet margin {@code > 0}, on squared distances of unit vectors (in [0, 4])
 * @param keypointWeight the keypoint loss's weight in the total {@code >= 0}
 * @param boundaryWeight the weight of a boundary step relative to a {@code NONE} step in the
 *     keypoint loss {@code >= 1} (boundaries are 2 steps of {@code T / 4})
 * @param patience epochs without a better validation loss before stopping {@code >= 1}
 * @param seed seeds DJL's engine (initialisation) and the shuffling
 */
public record EmbeddingTrainingConfig(
        int epochs, int batchSize, float learningRate, float margin, float keypointWeight,
        float boundaryWeight, int patience, long seed) {

    /** Validates every field. */
    public EmbeddingTrainingConfig {
        if (epochs < 1 || batchSize < 2 || !(learningRate > 0) || !(margin > 0)
                || !(keypointWeight >= 0) || !(boundaryWeight >= 1) || patience < 1) {
            throw new IllegalArgumentException("invalid embedding training config: epochs=" + epochs
                    + " (>= 1), batchSize=" + batchSize + " (>= 2), learningRate=" + learningRate
                    + " (> 0), margin=" + margin + " (> 0), keypointWeight=" + keypointWeight
                    + " (>= 0), boundaryWeight=" + boundaryWeight + " (>= 1), patience=" + patience
                    + " (>= 1)");
        }
    }

    /**
     * Defaults: batch 32, Adam 1e-3, margin 0.2, keypoint weight 1, boundary weight 10, patience 5.
     *
     * @param epochs maximum epochs
     * @param seed the seed
     * @return the config
     */
    public static EmbeddingTrainingConfig defaults(int epochs, long seed) {
        return new EmbeddingTrainingConfig(epochs, 32, 1e-3f, 0.2f, 1f, 10f, 5, seed);
    }
}
