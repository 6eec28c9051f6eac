package org.spinj.spin.train;

import java.time.Duration;
import java.util.Arrays;

/**
 * How {@link SpinTrainer} trains (spin.md §2). {@link #paper()} is the reference protocol; {@link
 * #quick()} a reduced one for laptops and CI.
 *
 * @param maxEpochs epochs at most
 * @param stepsPerEpoch optimizer steps per epoch
 * @param batchSize windows per optimizer step
 * @param microBatches micro-batches per step, with gradient accumulation ({@code batchSize} must
 *     be a multiple)
 * @param learningRate Adam's peak learning rate
 * @param gradientClip global-norm clipping threshold
 * @param patience epochs without validation improvement before stopping
 * @param whitenProbabilities the probabilities {@code p} drawn per window for hiding inputs
 * @param evalBatchSize windows per batch at validation and test time
 * @param seed the seed of every random choice (batch order, whitening)
 * @param timeBudget stop training after this much wall time ({@code null}: no limit)
 * @param scheduleEpochs the span of the learning-rate schedule in epochs (usually {@code
 *     maxEpochs})
 * @param budgetPaced whether the time budget paces the learning rate by wall time (warm-up, then
 *     one cosine decay, spread over the budget: {@link CosineRestartsSchedule#budget(float)})
 *     instead of by epoch; {@link #withTimeBudget} turns it on
 * @param validationStride validate on every {@code validationStride}-th validation window
 *     ({@code 1}: all of them)
 * @param injection which inputs a training step hides ({@link Injection#POINTS}: the paper's
 *     whitening)
 * @param lrFloor the floor of the learning-rate multiplier, in {@code (0, 1]} (the paper's 0.1)
 */
public record TrainingOptions(
        int maxEpochs,
        int stepsPerEpoch,
        int batchSize,
        int microBatches,
        float learningRate,
        double gradientClip,
        int patience,
        double[] whitenProbabilities,
        int evalBatchSize,
        long seed,
        Duration timeBudget,
        int scheduleEpochs,
        boolean budgetPaced,
        int validationStride,
        Injection injection,
        double lrFloor) {

    /** Validates every field. */
    public TrainingOptions {
        if (maxEpochs < 1 || stepsPerEpoch < 1 || batchSize < 1 || microBatches < 1
                || batchSize % microBatches != 0 || !(learningRate > 0) || !(gradientClip > 0)
                || patience < 1 || evalBatchSize < 1 || scheduleEpochs < 1
                || validationStride < 1) {
            throw new IllegalArgumentException(
                    "invalid training options: " + "maxEpochs=" + maxEpochs + ", stepsPerEpoch="
                            + stepsPerEpoch + ", batchSize=" + batchSize + ", microBatches="
                            + microBatches + ", learningRate=" + learningRate + ", gradientClip="
                            + gradientClip + ", patience=" + patience + ", evalBatchSize="
                            + evalBatchSize + ", scheduleEpochs=" + scheduleEpochs
                            + ", validationStride=" + validationStride
                            + "; expected positive values and batchSize a multiple of"
                            + " microBatches");
        }
        if (whitenProbabilities == null || whitenProbabilities.length == 0) {
            throw new IllegalArgumentException("whitenProbabilities must not be empty");
        }
        for (double p : whitenProbabilities) {
            if (!(p >= 0 && p < 1)) {
                throw new IllegalArgumentException(
                        "whitening probabilities must be in [0, 1), got " + p);
            }
        }
        whitenProbabilities = whitenProbabilities.clone();
        if (!(lrFloor > 0 && lrFloor <= 1)) {
            throw new IllegalArgumentException(
                    "lrFloor must be in (0, 1], got " + lrFloor);
        }
        if (injection == null) {
            throw new IllegalArgumentException("injection must not be null");
        }
        if (timeBudget != null && (timeBudget.isNegative() || timeBudget.isZero())) {
            throw new IllegalArgumentException("timeBudget must be positive, got " + timeBudget);
        }
    }

    /**
     * The paper's protocol: 300 × 300 steps, batch 8, lr 8e-4, clip 5, patience 40. The batch of
     * 8 runs as 4 micro-batches of 2 with gradient accumulation (the reference uses 2 of 4): the
     * same gradients, a third of the peak memory of one pass, and the fastest step we measured
     * on CPU (README, Performance).
     *
     * @return the options
     */
    public static TrainingOptions paper() {
        return new TrainingOptions(
                300, 300, 8, 4, 8e-4f, 5.0, 40, new double[] {0.2, 0.5, 0.8}, 32, 42L, null, 300,
                false, 1, Injection.POINTS, 0.1);
    }

    /** @return a reduced protocol: 20 epochs of 50 steps, patience 10 */
    public static TrainingOptions quick() {
        return paper().withEpochs(20, 50).withPatience(10);
    }

    /** @return a copy of the whitening probabilities */
    @Override
    public double[] whitenProbabilities() {
        return whitenProbabilities.clone();
    }

    /**
     * @param epochs new maximum (the schedule spans it too)
     * @param steps new steps per epoch
     * @return the changed options
     */
    public TrainingOptions withEpochs(int epochs, int steps) {
        return new TrainingOptions(epochs, steps, batchSize, microBatches, learningRate,
                gradientClip, patience, whitenProbabilities, evalBatchSize, seed, timeBudget,
                epochs, budgetPaced, validationStride, injection, lrFloor);
    }

    /** @param newPatience epochs without improvement @return the changed options */
    public TrainingOptions withPatience(int newPatience) {
        return new TrainingOptions(maxEpochs, stepsPerEpoch, batchSize, microBatches,
                learningRate, gradientClip, newPatience, whitenProbabilities, evalBatchSize, seed,
                timeBudget, scheduleEpochs, budgetPaced, validationStride, injection, lrFloor);
    }

    /** @param newSeed the seed @return the changed options */
    public TrainingOptions withSeed(long newSeed) {
        return new TrainingOptions(maxEpochs, stepsPerEpoch, batchSize, microBatches,
                learningRate, gradientClip, patience, whitenProbabilities, evalBatchSize, newSeed,
                timeBudget, scheduleEpochs, budgetPaced, validationStride, injection, lrFloor);
    }

    /** @param budget wall-time limit, or null @return the changed options */
    public TrainingOptions withTimeBudget(Duration budget) {
        return new TrainingOptions(maxEpochs, stepsPerEpoch, batchSize, microBatches,
                learningRate, gradientClip, patience, whitenProbabilities, evalBatchSize, seed,
                budget, scheduleEpochs, budget != null, validationStride, injection, lrFloor);
    }

    /**
     * @param batch windows per step
     * @param micro micro-batches per step
     * @return the changed options
     */
    public TrainingOptions withBatch(int batch, int micro) {
        return new TrainingOptions(maxEpochs, stepsPerEpoch, batch, micro, learningRate,
                gradientClip, patience, whitenProbabilities, evalBatchSize, seed, timeBudget,
                scheduleEpochs, budgetPaced, validationStride, injection, lrFloor);
    }

    /** @param lr peak learning rate @return the changed options */
    public TrainingOptions withLearningRate(float lr) {
        return new TrainingOptions(maxEpochs, stepsPerEpoch, batchSize, microBatches, lr,
                gradientClip, patience, whitenProbabilities, evalBatchSize, seed, timeBudget,
                scheduleEpochs, budgetPaced, validationStride, injection, lrFloor);
    }

    /**
     * @param paced whether a time budget paces the learning rate by wall time ({@code false}:
     *     the schedule spans {@code scheduleEpochs} and the budget only stops training)
     * @return the changed options
     */
    public TrainingOptions withBudgetPacing(boolean paced) {
        return new TrainingOptions(maxEpochs, stepsPerEpoch, batchSize, microBatches,
                learningRate, gradientClip, patience, whitenProbabilities, evalBatchSize, seed,
                timeBudget, scheduleEpochs, paced, validationStride, injection, lrFloor);
    }

    /**
     * @param probabilities the whitening probabilities drawn per training window, each in
     *     {@code [0, 1)}
     * @return the changed options
     */
    public TrainingOptions withWhitening(double... probabilities) {
        return new TrainingOptions(maxEpochs, stepsPerEpoch, batchSize, microBatches,
                learningRate, gradientClip, patience, probabilities, evalBatchSize, seed,
                timeBudget, scheduleEpochs, budgetPaced, validationStride, injection, lrFloor);
    }

    /**
     * @param stride validate on every {@code stride}-th validation window ({@code 1}: all); a
     *     stride of 4 cuts the validation time of a budgeted run by four while the windows still
     *     span the whole validation period
     * @return the changed options
     */
    public TrainingOptions withValidationStride(int stride) {
        return new TrainingOptions(maxEpochs, stepsPerEpoch, batchSize, microBatches,
                learningRate, gradientClip, patience, whitenProbabilities, evalBatchSize, seed,
                timeBudget, scheduleEpochs, budgetPaced, stride, injection, lrFloor);
    }

    /**
     * @param newInjection which inputs a training step hides
     * @return the changed options
     */
    public TrainingOptions withInjection(Injection newInjection) {
        return new TrainingOptions(maxEpochs, stepsPerEpoch, batchSize, microBatches,
                learningRate, gradientClip, patience, whitenProbabilities, evalBatchSize, seed,
                timeBudget, scheduleEpochs, budgetPaced, validationStride, newInjection, lrFloor);
    }

    /**
     * @param floor the floor of the learning-rate multiplier, in {@code (0, 1]}: a budgeted run
     *     that ends far from convergence keeps learning at {@code floor x lr} instead of the
     *     paper's tenth
     * @return the changed options
     */
    public TrainingOptions withLrFloor(double floor) {
        return new TrainingOptions(maxEpochs, stepsPerEpoch, batchSize, microBatches,
                learningRate, gradientClip, patience, whitenProbabilities, evalBatchSize, seed,
                timeBudget, scheduleEpochs, budgetPaced, validationStride, injection, floor);
    }

    @Override
    public String toString() {
        return "TrainingOptions[maxEpochs=" + maxEpochs + ", stepsPerEpoch=" + stepsPerEpoch
                + ", batchSize=" + batchSize + ", microBatches=" + microBatches + ", lr="
                + learningRate + ", clip=" + gradientClip + ", patience=" + patience
                + ", whiten=" + Arrays.toString(whitenProbabilities) + ", evalBatch="
                + evalBatchSize + ", seed=" + seed + ", budget=" + timeBudget
                + (budgetPaced ? " (paced)" : "") + ", validationStride=" + validationStride
                + ", injection=" + injection.label() + ", lrFloor=" + lrFloor + "]";
    }
}
