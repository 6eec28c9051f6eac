package org.spinj.spin.train;

import ai.djl.training.tracker.Tracker;

/**
 * SPIN's learning-rate schedule ({@code spin/scheduler.py}, {@code CosineSchedulerWithRestarts}),
 * stepped once per epoch: a linear warm-up floored at {@code minFactor}, then cosine cycles with
 * hard restarts multiplied by a linear decay, floored at {@code minFactor}, and 0 after the last
 * epoch.
 *
 * <pre>
 *   e &lt; W:   f = max(min, e / W)
 *   else:    p = (e - W) / (E - W);  f = p &gt;= 1 ? 0 : max(min, cos01((K * p) mod 1) * (1 - decay * p))
 *            with cos01(a) = (1 + cos(pi a)) / 2
 *   lr = base * f
 * </pre>
 *
 * <p>The paper's protocol is {@code W = 12, E = 300, K = 3, decay = 0.67, min = 0.1, base =
 * 8e-4}. DJL trackers count optimizer updates, so the epoch is {@code update / stepsPerEpoch}.
 */
public final class CosineRestartsSchedule implements Tracker {

    private final float baseValue;
    private final int warmupEpochs;
    private final int totalEpochs;
    private final int cycles;
    private final double linearDecay;
    private final double minFactor;
    private final int stepsPerEpoch;

    /**
     * @param baseValue the peak learning rate
     * @param warmupEpochs epochs of linear warm-up ({@code >= 0})
     * @param totalEpochs the number of epochs the schedule spans ({@code > warmupEpochs})
     * @param cycles number of cosine cycles after warm-up ({@code >= 1})
     * @param linearDecay slope of the linear decay over the post-warm-up progress
     * @param minFactor floor of the multiplier
     * @param stepsPerEpoch optimizer updates per epoch ({@code >= 1})
     */
    public CosineRestartsSchedule(
            float baseValue,
            int warmupEpochs,
            int totalEpochs,
            int cycles,
            double linearDecay,
            double minFactor,
            int stepsPerEpoch) {
        if (!(baseValue > 0) || warmupEpochs < 0 || totalEpochs <= warmupEpochs || cycles < 1
                || stepsPerEpoch < 1 || minFactor < 0 || minFactor > 1) {
            throw new IllegalArgumentException(
                    "invalid schedule: base="
                            + baseValue
                            + ", warmupEpochs="
                            + warmupEpochs
                            + ", totalEpochs="
                            + totalEpochs
                            + ", cycles="
                            + cycles
                            + ", minFactor="
                            + minFactor
                            + ", stepsPerEpoch="
                            + stepsPerEpoch
                            + "; expected base > 0, 0 <= warmup < total, cycles >= 1,"
                            + " 0 <= minFactor <= 1, stepsPerEpoch >= 1");
        }
        this.baseValue = baseValue;
        this.warmupEpochs = warmupEpochs;
        this.totalEpochs = totalEpochs;
        this.cycles = cycles;
        this.linearDecay = linearDecay;
        this.minFactor = minFactor;
        this.stepsPerEpoch = stepsPerEpoch;
    }

    /**
     * The paper's schedule for a run of {@code totalEpochs}: 12 warm-up epochs (scaled down for
     * short runs to 4% of the epochs, at least 1), 3 cycles, decay 0.67, floor 0.1.
     *
     * @param baseValue the peak learning rate (8e-4 in the paper)
     * @param totalEpochs epochs of the run
     * @param stepsPerEpoch optimizer updates per epoch
     * @return the schedule
     */
    public static CosineRestartsSchedule paper(float baseValue, int totalEpochs, int stepsPerEpoch) {
        return paper(baseValue, totalEpochs, stepsPerEpoch, 0.1);
    }

    /**
     * {@link #paper(float, int, int)} with another floor of the multiplier.
     *
     * @param baseValue the peak learning rate
     * @param totalEpochs epochs of the run
     * @param stepsPerEpoch optimizer updates per epoch
     * @param minFactor the floor, in {@code [0, 1]} (the paper's 0.1)
     * @return the schedule
     */
    public static CosineRestartsSchedule paper(
            float baseValue, int totalEpochs, int stepsPerEpoch, double minFactor) {
        int warmup = totalEpochs >= 300 ? 12 : Math.max(1, Math.min(12, totalEpochs / 25));
        if (warmup >= totalEpochs) {
            warmup = 0;
        }
        return new CosineRestartsSchedule(
                baseValue, warmup, totalEpochs, 3, 0.67, minFactor, stepsPerEpoch);
    }

    /**
     * @param epoch a zero-based epoch
     * @return the multiplier of the base learning rate in that epoch
     */
    public double factor(int epoch) {
        return factor((double) epoch);
    }

    /**
     * The multiplier at a fractional epoch: the same curve, continuous in {@code epoch}.
     *
     * @param epoch a zero-based epoch, possibly fractional
     * @return the multiplier of the base learning rate there
     */
    public double factor(double epoch) {
        if (epoch < warmupEpochs) {
            return Math.max(minFactor, epoch / Math.max(1, warmupEpochs));
        }
        double progress = (epoch - warmupEpochs) / Math.max(1, totalEpochs - warmupEpochs);
        if (progress >= 1.0) {
            return 0.0;
        }
        double phase = (cycles * progress) % 1.0;
        double cos = 0.5 * (1.0 + Math.cos(Math.PI * phase));
        double lin = 1.0 - progress * linearDecay;
        return Math.max(minFactor, cos * lin);
    }

    /**
     * @param epoch a zero-based epoch
     * @return the learning rate in that epoch
     */
    public float valueAtEpoch(int epoch) {
        return (float) (baseValue * factor(epoch));
    }

    /**
     * The learning rate at a fraction of the whole schedule, for runs paced by wall time: {@code
     * progress = elapsed / budget} maps the schedule's {@code totalEpochs} onto the budget.
     *
     * @param progress in {@code [0, 1]}; values outside are clamped
     * @return the learning rate there (the floor, not 0, at the very end)
     */
    public float valueAtProgress(double progress) {
        double p = Math.min(Math.max(progress, 0), 1);
        double f = factor(p * totalEpochs);
        return (float) (baseValue * (p >= 1 ? minFactor : f));
    }

    /**
     * The schedule of a run limited by wall time: the paper's shape spread over the budget, with
     * the paper's share of warm-up (12 of 300 epochs, 4%) and a single cosine decay to the floor,
     * because hard restarts only pay off over hundreds of epochs.
     *
     * @param baseValue the peak learning rate
     * @return the schedule, to be read with {@link #valueAtProgress(double)}
     */
    public static CosineRestartsSchedule budget(float baseValue) {
        return budget(baseValue, 0.1);
    }

    /**
     * {@link #budget(float)} with another floor: the multiplier never falls below {@code
     * minFactor}.
     *
     * @param baseValue the peak learning rate
     * @param minFactor the floor of the multiplier, in {@code [0, 1]} (0.1 in the paper)
     * @return the schedule, to be read with {@link #valueAtProgress(double)}
     */
    public static CosineRestartsSchedule budget(float baseValue, double minFactor) {
        return new CosineRestartsSchedule(baseValue, 12, 300, 1, 0.67, minFactor, 1);
    }

    @Override
    public float getNewValue(int numUpdate) {
        return valueAtEpoch(numUpdate / stepsPerEpoch);
    }
}
