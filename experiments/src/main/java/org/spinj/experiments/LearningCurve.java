package org.spinj.experiments;

import com.google.gson.JsonElement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.spinj.spin.ImputationTask;
import org.spinj.spin.train.SpinTrainer;
import org.spinj.visualize.plot.PlotSize;
import org.spinj.visualize.plot.PngFile;
import org.spinj.visualize.plot.TrainingCurvesChart;
import org.spinj.visualize.plot.TrainingHistory;

/**
 * A run's validation MAE against wall time, with linear interpolation and mice scored on the
 * same validation windows (every {@code val-stride}-th when the run set one) as reference lines: {@code learning-curve.png} in the run directory.
 */
final class LearningCurve {

    /** The file name in the run directory. */
    static final String FILE = "learning-curve.png";

    private LearningCurve() {}

    /**
     * Writes the curve if the run has validation metrics.
     *
     * @param run the run
     * @param task its task (for the reference scores)
     * @param title the chart title
     * @return the PNG, or null when there is nothing to plot
     */
    static Path write(RunDirectory run, ImputationTask task, String title) {
        return write(run, task, title, run.resolve(FILE), PlotSize.DEFAULT);
    }

    /**
     * Writes the curve to a chosen file and size.
     *
     * @param run the run
     * @param task its task
     * @param title the chart title
     * @param png the file to write
     * @param size the image size
     * @return {@code png}, or null when there is nothing to plot
     */
    static Path write(RunDirectory run, ImputationTask task, String title, Path png,
            PlotSize size) {
        Path csv = run.resolve(SpinTrainer.METRICS);
        if (!Files.isRegularFile(csv)) {
            return null;
        }
        TrainingHistory h = TrainingHistory.read(csv);
        if (h.size() == 0 || task.split().validation().length == 0) {
            return null;
        }
        // the references are scored on the windows the run validated on (--val-stride)
        JsonElement stride = run.config().get("val-stride");
        int[] windows = SpinTrainer.strided(task.split().validation(),
                stride == null || stride.isJsonNull() ? 1 : stride.getAsInt());
        Map<String, Double> refs = new LinkedHashMap<>();
        for (String name : new String[] {"interp", "mice"}) {
            float[] imputed = new ModelChoice(name).imputer(task.graph()).impute(task.series());
            refs.put(name, SplitScoring.score(task.series(), imputed, task.split().spec(),
                    windows).windows().mae());
        }
        return PngFile.write(TrainingCurvesChart.learningCurve(h, title, refs), size, png);
    }
}
