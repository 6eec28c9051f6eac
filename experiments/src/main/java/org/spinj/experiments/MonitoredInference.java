package org.spinj.experiments;

import ai.djl.ndarray.NDManager;
import java.util.Objects;
import org.spinj.datasets.SpatioTemporalSeries;
import org.spinj.datasets.window.ImputationDataset;
import org.spinj.datasets.window.WindowReconstruction;
import org.spinj.datasets.window.WindowSpec;
import org.spinj.spin.ImputationModel;
import org.spinj.spin.ImputationTask;
import org.spinj.spin.eval.ImputationMetrics;
import org.spinj.spin.train.WindowBatch;

/**
 * {@link ImputationModel#evaluate} and {@link ImputationModel#impute} (stride 1) batch by batch,
 * reporting every batch to a {@link StepProgress}: the model's own methods run their loop inside
 * the spin module without a callback, and the command line shows how far they are. The results
 * are those of the model's methods, to the bit ({@code MonitoredInferenceTest} checks it): the
 * same windows, batches, predictions and reconstruction.
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
        SpatioTemporalSeries s = task.series();
        ImputationDataset ds = dataset(model, s, task.split().spec(), windows);
        WindowReconstruction rec =
                new WindowReconstruction(s.numSteps(), s.numNodes(), s.numChannels());
        ImputationMetrics.Accumulator perWindow = new ImputationMetrics.Accumulator();
        long[] idx = indices(windows.length);
        try (NDManager root = NDManager.newBaseManager(model.device())) {
            for (int from = 0; from < idx.length; from += batchSize) {
                int to = Math.min(idx.length, from + batchSize);
                try (NDManager bm = root.newSubManager()) {
                    WindowBatch batch = WindowBatch.of(ds, idx, from, to, bm);
                    float[] pred = model.predict(batch).toFloatArray();
                    float[] y = batch.y().toFloatArray();
                    float[] eval = batch.evalMask().toFloatArray();
                    boolean[] target = new boolean[eval.length];
                    for (int i = 0; i < eval.length; i++) {
                        target[i] = eval[i] > 0.5f;
                    }
                    perWindow.addAll(pred, y, target);
                    rec.addBatch(batch.starts(), pred);
                }
                progress.step(detail);
            }
        }
        float[] series = rec.mean();
        int[] counts = rec.counts();
        float[] truth = s.values();
        boolean[] evalMask = s.evalMask();
        int perStep = s.numNodes() * s.numChannels();
        ImputationMetrics.Accumulator perPoint = new ImputationMetrics.Accumulator();
        for (int i = 0; i < series.length; i++) {
            if (evalMask[i] && counts[i / perStep] > 0) {
                perPoint.add(series[i], truth[i]);
            }
        }
        return new ImputationModel.Evaluation(perWindow.result(), perPoint.result());
    }

    /**
     * @param model the model
     * @param series a series over the model's nodes, at least one window long
     * @param batchSize windows per forward pass
     * @return the number of progress steps {@link #impute} takes
     */
    public static int imputeBatches(ImputationModel model, SpatioTemporalSeries series,
            int batchSize) {
        if (series.numSteps() < model.window()) {
            return 1; // impute rejects the series with its own message
        }
        return batches(new WindowSpec(model.window(), 1).numWindows(series.numSteps()), batchSize);
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
        Objects.requireNonNull(progress, "progress");
        if (series.numNodes() != model.network().numNodes()) {
            throw new IllegalArgumentException(
                    "the series has " + series.numNodes() + " nodes, the model was trained on "
                            + model.network().numNodes());
        }
        if (series.numSteps() < model.window()) {
            throw new IllegalArgumentException(
                    "the series has " + series.numSteps() + " steps, fewer than the window "
                            + model.window());
        }
        WindowSpec spec = new WindowSpec(model.window(), 1);
        int count = spec.numWindows(series.numSteps());
        int[] windows = new int[count];
        for (int k = 0; k < count; k++) {
            windows[k] = k;
        }
        ImputationDataset ds = dataset(model, series, spec, windows);
        WindowReconstruction rec =
                new WindowReconstruction(series.numSteps(), series.numNodes(), series.numChannels());
        long[] idx = indices(count);
        try (NDManager root = NDManager.newBaseManager(model.device())) {
            for (int from = 0; from < count; from += batchSize) {
                int to = Math.min(count, from + batchSize);
                try (NDManager bm = root.newSubManager()) {
                    WindowBatch batch = WindowBatch.of(ds, idx, from, to, bm);
                    rec.addBatch(batch.starts(), model.predict(batch).toFloatArray());
                }
                progress.step("");
            }
        }
        // with stride 1 the last window ends on the last step: no tail window as for larger strides
        float[] out = rec.mean();
        float[] values = series.values();
        boolean[] visible = series.trainingMask();
        for (int i = 0; i < out.length; i++) {
            if (visible[i]) {
                out[i] = values[i];
            }
        }
        return out;
    }

    private static long[] indices(int n) {
        long[] idx = new long[n];
        for (int k = 0; k < n; k++) {
            idx[k] = k;
        }
        return idx;
    }

    private static ImputationDataset dataset(
            ImputationModel model, SpatioTemporalSeries s, WindowSpec spec, int[] windows) {
        return ImputationDataset.builder()
                .setSeries(s)
                .setWindows(spec, windows)
                .optScaler(model.scaler())
                .setSampling(1, false)
                .build();
    }
}
