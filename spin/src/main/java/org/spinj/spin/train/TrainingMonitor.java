package org.spinj.spin.train;

/**
 * Observes training (progress bars, logs) and may ask it to stop early, e.g. on Ctrl-C. All
 * methods have no-op defaults.
 */
public interface TrainingMonitor {

    /** A monitor that does nothing. */
    TrainingMonitor NONE = new TrainingMonitor() {};

    /**
     * Called after every optimizer step.
     *
     * @param epoch zero-based epoch
     * @param step zero-based step within the epoch
     * @param stepsPerEpoch steps in the epoch
     * @param loss the step's loss
     */
    default void onStep(int epoch, int step, int stepsPerEpoch, double loss) {}

    /** @param metrics what the finished epoch achieved */
    default void onEpoch(EpochMetrics metrics) {}

    /**
     * Asked after every step; when true, training stops after writing a checkpoint.
     *
     * @return whether to stop now
     */
    default boolean stopRequested() {
        return false;
    }
}
