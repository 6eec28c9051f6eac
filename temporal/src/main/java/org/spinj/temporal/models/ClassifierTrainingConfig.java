package org.spinj.temporal.models;

/**
 * A classifier training recipe.
 *
 * @param epochs maximum epochs {@code >= 1}
 * @param batchSize samples per step {@code >= 1} (seed 002: 32)
 * @param learningRate Adam's learning rate {@code > 0} (seed 002: 1e-3)
 * @param patience epochs without a better validation loss before stopping {@code >= 1} (seed 002:
 *     5)
 * @param stepSize StepLR period in epochs, 0 for a constant rate
 * @param gamma StepLR factor in {@code (0, 1]}
 * @param seed seeds DJL's engine (initialisation) and the shuffling
 */
public record ClassifierTrainingConfig(
        int epochs, int batchSize, float learningRate, int patience, int stepSize, double gamma,
        long seed) {

    /** Validates every field. */
    public ClassifierTrainingConfig {
        if (epochs < 1 || batchSize < 1 || !(learningRate > 0) || patience < 1 || stepSize < 0
                || !(gamma > 0 && gamma <= 1)) {
            throw new IllegalArgumentException("invalid training config: epochs=" + epochs
                    + " (>= 1), batchSize=" + batchSize + " (>= 1), learningRate=" + learningRate
                    + " (> 0), patience=" + patience + " (>= 1), stepSize=" + stepSize
                    + " (>= 0), gamma=" + gamma + " (in (0, 1])");
        }
    }

    /**
     * Seed 002's recipe: Adam 1e-3, batch 32, patience 5, constant rate.
     *
     * @param epochs maximum epochs
     * @param seed the seed
     * @return the config
     */
    public static ClassifierTrainingConfig seed002(int epochs, long seed) {
        return new ClassifierTrainingConfig(epochs, 32, 1e-3f, 5, 0, 1.0, seed);
    }
}
