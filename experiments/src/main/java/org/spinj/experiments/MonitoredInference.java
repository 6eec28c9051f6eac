package org.spinj.experiments;

import java.util.Objects;
import org.spinj.datasets.SpatioTemporalSeries;
import org.spinj.spin.ImputationModel;
import org.spinj.spin.ImputationTask;

/**
 * {@link ImputationModel#evaluate} and {@link ImputationModel#impute} (stride 1) with every
 * forward pass reported to a {@link StepProgress}, so the command line shows how far they are.
 * The results are the model's own ({@code MonitoredInferenceTest} checks them to the bit).
 */
public final class MonitoredInference {

    private MonitoredInference() {}

    /**
     * @param windows windows to run
     * @param batchSize windows per forward pass
     * @return the number of batches, i.e. of progress steps
     */
    public static int batches(int windows, int batchSize) {
        return (windows + batchSize - 1) / batchSize;
    }

    /**
     * Evaluates on some windows of a task, as {@link ImputationModel#evaluate}.
     *
     * @param model the model
     * @param task the task (its series and eval mask)
     * @param windows window indices of the task's split
     * @param batchSize windows per forward pass
     * @param progress told after every batch
     * @param detail what the progress line says the batches belong to, or empty
     * @return the metrics over windows and over the reconstructed series
     */
    public static ImputationModel.Evaluation evaluate(ImputationModel model, ImputationTask task,
            int[] windows, int batchSize, StepProgress progress, String detail) {
        Objects.requireNonNull(progress, "progress");
        return model.evaluate(task, windows, batchSize, done -> progress.step(detail));
    }

    /**
     * @param model the model
     * @param series a series over the model's nodes
     * @param batchSize windows per forward pass
     * @return the number of progress steps {@link #impute} takes
     */
    public static int imputeBatches(ImputationModel model, SpatioTemporalSeries series,
            int batchSize) {
        return imputeBatches(model, series, 1, batchSize);
    }

    /**
     * @param model the model
     * @param series a series over the model's nodes
     * @param stride steps between windows ({@code 1..T})
     * @param batchSize windows per forward pass
     * @return the number of progress steps {@link #impute(ImputationModel,
     *     SpatioTemporalSeries, int, int, StepProgress)} takes
     */
    public static int imputeBatches(ImputationModel model, SpatioTemporalSeries series,
            int stride, int batchSize) {
        if (series.numSteps() < model.window() || stride < 1 || stride > model.window()) {
            return 1; // impute rejects the series or the stride with its own message
        }
        return model.imputeBatches(series, stride, batchSize);
    }

    /**
     * Imputes a whole series with overlapping windows (stride 1) averaged per step, as {@code
     * ImputationModel.impute(series, 1, batchSize)}; observed entries pass through unchanged.
     *
     * @param model the model
     * @param series a series over the model's nodes
     * @param batchSize windows per forward pass
     * @param progress told after every batch
     * @return values {@code [T, N, C]}
     * @throws IllegalArgumentException if the node count differs from the model's or the series
     *     is shorter than a window
     */
    public static float[] impute(ImputationModel model, SpatioTemporalSeries series,
            int batchSize, StepProgress progress) {
        return impute(model, series, 1, batchSize, progress);
    }

    /**
     * Imputes a whole series with windows {@code stride} steps apart, every step the mean of the
     * windows that cover it, as {@code ImputationModel.impute(series, stride, batchSize)}.
     *
     * @param model the model
     * @param series a series over the model's nodes
     * @param stride steps between windows ({@code 1..T})
     * @param batchSize windows per forward pass
     * @param progress told after every batch
     * @return values {@code [T, N, C]}
     */
    public static float[] impute(ImputationModel model, SpatioTemporalSeries series,
            int stride, int batchSize, StepProgress progress) {
        Objects.requireNonNull(progress, "progress");
        return model.impute(series, stride, batchSize, done -> progress.step(""));
    }
}
