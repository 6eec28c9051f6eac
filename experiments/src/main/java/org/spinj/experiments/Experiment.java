package org.spinj.experiments;

import ai.djl.Device;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.spinj.datasets.SpatioTemporalSeries;
import org.spinj.spin.ImputationModel;
import org.spinj.spin.ImputationTask;
import org.spinj.spin.MaskEnsemble;
import org.spinj.spin.SpinConfig;
import org.spinj.spin.SpinHierarchicalModel;
import org.spinj.spin.SpinModel;
import org.spinj.spin.Networks;
import org.spinj.spin.baseline.Imputer;
import org.spinj.spin.train.SpinTrainer;
import org.spinj.spin.train.TrainingOptions;

/**
 * One model on one task, end to end: trains SPIN (or runs a baseline), scores it on the test
 * windows, and writes the run directory ({@link RunDirectory}) with its report. Shared by {@code
 * train}, {@code compare}, {@code demo} and {@link RunImputation}.
 */
public final class Experiment {

    private Experiment() {}

    /**
     * What a run achieved.
     *
     * @param model the model name
     * @param test test metrics (per window and per point)
     * @param seconds wall time of training (or imputing) in seconds
     * @param run the run directory
     * @param stopReason why training ended ({@code baseline} for a baseline)
     */
    public record Outcome(
            String model, ImputationModel.Evaluation test, double seconds, RunDirectory run,
            String stopReason) {

        /** @return whether training was interrupted (Ctrl-C) before it finished */
        public boolean interrupted() {
            return "interrupted".equals(stopReason);
        }
    }

    /**
     * Everything a run needs.
     *
     * @param task the data
     * @param model the model
     * @param spin SPIN's configuration (networks only)
     * @param options how to train (networks only)
     * @param config the effective options, saved as {@code config.json}
     * @param device where to compute
     * @param resume whether to continue the run's last checkpoint
     */
    public record Plan(
            ImputationTask task, ModelChoice model, SpinConfig spin, TrainingOptions options,
            JsonObject config, Device device, boolean resume) {}

    /**
     * Runs a plan into a run directory.
     *
     * @param plan what to run
     * @param run where to write
     * @param monitor training progress and stop switch
     * @param report whether to write {@code report.html}
     * @return the outcome
     */
    public static Outcome run(Plan plan, RunDirectory run, ProgressMonitor monitor, boolean report) {
        run.writeConfig(plan.config());
        return plan.model().isNetwork()
                ? trainNetwork(plan, run, monitor, report)
                : runBaseline(plan, run, report);
    }

    /**
     * SPIN-H with the paper's sizes, unless the user changed the model options: then {@code
     * --hidden} sets {@code h} (hubs of {@code 4h}), and {@code --layers}/{@code --eta} the depth.
     */
    public static SpinHierarchicalModel hierarchical(int n, SpinConfig c) {
        if (c.equals(SpinConfig.DEFAULT)) {
            return SpinHierarchicalModel.paper(n);
        }
        return new SpinHierarchicalModel(n, c.hiddenSize(), 4 * c.hiddenSize(),
                SpinHierarchicalModel.DEFAULT_HUBS, c.layers(), c.eta());
    }

    private static Outcome trainNetwork(
            Plan plan, RunDirectory run, ProgressMonitor monitor, boolean report) {
        ImputationTask task = plan.task();
        int n = task.series().numNodes();
        SpinTrainer trainer = new SpinTrainer(plan.options(), monitor);
        long t0 = System.nanoTime();
        SpinTrainer.Result result;
        try (InterruptHook hook = new InterruptHook(monitor)) {
            result = trainer.fit(task,
                    () -> plan.model().name().equals(Networks.SPIN_H)
                            ? hierarchical(n, plan.spin())
                            : SpinModel.builder().setNumNodes(n).optConfig(plan.spin()).build(),
                    plan.device(), run.dir(), plan.resume());
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        try (SpinTrainer.Result r = result) {
            if (r.stopReason().equals("interrupted")) {
                return new Outcome(plan.model().name(), null, seconds, run, r.stopReason());
            }
            ImputationModel model = r.model();
            // the network against every baseline on the windows it was selected on
            int[] valWindows = SpinTrainer.strided(task.split().validation(),
                    plan.options().validationStride());
            BaselineCheck check = valWindows.length == 0 ? null
                    : BaselineCheck.score(task, valWindows, plan.model().name(), r.bestValMae());
            boolean blendAuto = !(plan.config().has("blend")
                    && !plan.config().get("blend").isJsonNull()
                    && plan.config().get("blend").getAsString().equals("off"));
            if (check != null) {
                monitor.note(plan.model().name() + ": " + check.line(!blendAuto));
            }
            // the steps with no visible input: the network or a baseline, chosen on validation
            String darkOption = plan.config().has("dark-steps")
                    && !plan.config().get("dark-steps").isJsonNull()
                    ? plan.config().get("dark-steps").getAsString() : "auto";
            // the simulated outages cost a validation pass: only when the choice is left open
            DarkStepCheck dark = valWindows.length == 0 || !darkOption.equals("auto") ? null
                    : DarkStepCheck.score(model, task, valWindows, plan.options().evalBatchSize());
            if (dark != null && darkOption.equals("auto")) {
                monitor.note(plan.model().name() + ": " + dark.line());
            }
            String darkUse = darkOption.equals("auto")
                    ? (dark == null ? null : dark.choice()) : darkOption;
            model.setDarkStepFallback(darkUse == null || darkUse.equals("network") ? null
                    : new ModelChoice(darkUse).imputer(task.graph()));
            // the network mixed with a baseline, weight and baseline chosen on validation
            BlendCheck blend = valWindows.length == 0 || !blendAuto ? null
                    : BlendCheck.score(model, task, valWindows, plan.options().evalBatchSize());
            if (blend != null) {
                monitor.note(plan.model().name() + ": " + blend.line(plan.model().name()));
                blend.apply(model, task.graph());
            }
            MaskEnsemble averaging = ensemble(plan.config());
            model.setEnsemble(averaging);
            ImputationModel.Evaluation test =
                    model.evaluate(task, task.split().test(), plan.options().evalBatchSize());
            JsonObject metrics = testMetrics(plan, test, seconds);
            metrics.addProperty("best_epoch", r.bestEpoch());
            metrics.addProperty("best_val_mae", r.bestValMae());
            metrics.addProperty("epochs", r.history().size());
            metrics.addProperty("stop_reason", r.stopReason());
            metrics.addProperty("ensemble", averaging.label());
            if (check != null) {
                metrics.add(BaselineCheck.KEY, check.toJson());
            }
            JsonObject darkJson = darkJson(dark, darkUse);
            metrics.add(DarkStepCheck.KEY, darkJson);
            if (blend != null) {
                metrics.add(BlendCheck.KEY, blend.toJson());
            }
            run.writeJson(RunDirectory.TEST_METRICS, metrics);
            if (report) {
                LearningCurve.write(run, task, title(plan) + ": validation MAE vs wall time");
            }
            JsonObject extra = checkpointExtra(task.series());
            extra.add("test_metrics", metrics);
            if (check != null) {
                extra.add(BaselineCheck.KEY, check.toJson());
            }
            extra.add(DarkStepCheck.KEY, darkJson);
            if (blend != null) {
                extra.add(BlendCheck.KEY, blend.toJson());
            }
            // so that evaluate rebuilds this task from the checkpoint alone (CSV, mask, window)
            extra.add(DataProvenance.KEY,
                    new DataProvenance(DataSpec.fromConfig(plan.config())).toJson());
            model.save(run.resolve(RunDirectory.MODEL), extra);
            if (report) {
                int[] block = RunReport.testBlock(task);
                float[] imputed = model.impute(task.series().sliceTime(block[0], block[1]), 1,
                        plan.options().evalBatchSize());
                Map<String, String> m = reportMetrics(test, seconds);
                m.put("best epoch", Integer.toString(r.bestEpoch()));
                m.put("epochs trained", Integer.toString(r.history().size()));
                m.put("stop reason", r.stopReason());
                RunReport.write(run, task, title(plan), m, imputed, model);
            }
            return new Outcome(plan.model().name(), test, seconds, run, r.stopReason());
        }
    }

    /** What imputes dark steps, as recorded: the check's figures with the option's choice. */
    private static JsonObject darkJson(DarkStepCheck dark, String use) {
        JsonObject o = dark == null ? new JsonObject() : dark.toJson();
        o.addProperty("use", use == null ? "network" : use);
        return o;
    }

    private static Outcome runBaseline(Plan plan, RunDirectory run, boolean report) {
        ImputationTask task = plan.task();
        Imputer imputer = plan.model().imputer(task.graph());
        long t0 = System.nanoTime();
        float[] imputed = imputer.impute(task.series());
        double seconds = (System.nanoTime() - t0) / 1e9;
        ImputationModel.Evaluation test = SplitScoring.score(task.series(), imputed,
                task.split().spec(), task.split().test());
        run.writeJson(RunDirectory.TEST_METRICS, testMetrics(plan, test, seconds));
        if (report) {
            int[] block = RunReport.testBlock(task);
            int perStep = task.series().numNodes() * task.series().numChannels();
            float[] slice = java.util.Arrays.copyOfRange(imputed, block[0] * perStep,
                    block[1] * perStep);
            RunReport.write(run, task, title(plan), reportMetrics(test, seconds), slice, null);
        }
        return new Outcome(plan.model().name(), test, seconds, run, "baseline");
    }

    private static String title(Plan plan) {
        return plan.model().name().toUpperCase(Locale.ROOT) + " on " + plan.task().name();
    }

    /**
     * The test-time averaging a run's configuration asks for ({@code ensemble}, {@code
     * ensemble-drop}); the plain pass when the keys are absent (an older run, the demo).
     *
     * @param config the effective configuration
     * @return the averaging
     */
    static MaskEnsemble ensemble(JsonObject config) {
        int samples = config.has("ensemble") && !config.get("ensemble").isJsonNull()
                ? config.get("ensemble").getAsInt() : 1;
        double drop = config.has("ensemble-drop") && !config.get("ensemble-drop").isJsonNull()
                ? config.get("ensemble-drop").getAsDouble() : MaskEnsemble.DEFAULT_DROP_RATE;
        return EvaluateCommand.ensembleOption(samples, drop);
    }

    private static JsonObject testMetrics(Plan plan, ImputationModel.Evaluation test, double s) {
        JsonObject o = new JsonObject();
        o.addProperty("dataset", plan.task().name());
        o.addProperty("model", plan.model().name());
        o.add("test", RunDirectory.toJson(test.windows()));
        o.add("test_per_point", RunDirectory.toJson(test.series()));
        o.addProperty("seconds", s);
        return o;
    }

    private static Map<String, String> reportMetrics(ImputationModel.Evaluation test, double s) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("test MAE (per window)", format(test.windows().mae()));
        m.put("test MSE (per window)", format(test.windows().mse()));
        m.put("test MRE (per window)", format(test.windows().mre()));
        m.put("test MAE (per point)", format(test.series().mae()));
        m.put("evaluation targets", Long.toString(test.series().count()));
        m.put("time", ProgressMonitor.formatSeconds(s));
        return m;
    }

    /**
     * The metadata {@code impute} checks a user's CSV against.
     *
     * @param s the training series
     * @return node ids, step in seconds and time zone
     */
    public static JsonObject checkpointExtra(SpatioTemporalSeries s) {
        JsonObject o = new JsonObject();
        JsonArray ids = new JsonArray();
        s.nodeIds().forEach(ids::add);
        o.add("node_ids", ids);
        o.addProperty("step_seconds", s.timeIndex().step().getSeconds());
        o.addProperty("time_zone", s.timeIndex().zone().getId());
        return o;
    }

    /**
     * @param v a value
     * @return it with 4 significant decimals
     */
    public static String format(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    /**
     * The test scores in one line: MAE over every target of every test window (the paper's
     * protocol) and per point of the reconstructed series, with the targets each counts, then
     * the per-window MSE and MRE.
     *
     * @param e the test evaluation
     * @return e.g. {@code test MAE 15.7291 per window, 13.3433 per point (472174 window
     *     targets, 20434 points)  MSE 784.5121  MRE 0.2221}
     */
    static String testLine(ImputationModel.Evaluation e) {
        return scoreLine("test", e);
    }

    /**
     * One line of metrics for a split.
     *
     * @param split the split's name, e.g. {@code test} or {@code val}
     * @param e the evaluation
     * @return {@code <split> MAE ... per window, ... per point (...)  MSE ...  MRE ...}
     */
    static String scoreLine(String split, ImputationModel.Evaluation e) {
        return String.format(Locale.ROOT, "%s MAE %.4f per window, %.4f per point (%d window"
                        + " targets, %d points)  MSE %.4f  MRE %.4f", split,
                e.windows().mae(), e.series().mae(), e.windows().count(), e.series().count(),
                e.windows().mse(), e.windows().mre());
    }

    /**
     * Prints the one-line summary of a finished run.
     *
     * @param out where to print
     * @param o the outcome
     */
    public static void printOutcome(PrintWriter out, Outcome o) {
        if (o.interrupted()) {
            out.println("interrupted: checkpoint written to "
                    + o.run().resolve(SpinTrainer.LAST) + "; continue with --resume "
                    + o.run().dir());
        } else {
            out.println(testLine(o.test()) + "  in " + ProgressMonitor.formatSeconds(o.seconds()));
            out.println("run: " + o.run().dir());
            Path report = o.run().resolve(RunDirectory.REPORT);
            if (java.nio.file.Files.exists(report)) {
                out.println("report: " + report);
            }
        }
        out.flush();
    }
}
