package org.spinj.experiments;

import com.google.gson.JsonObject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.spinj.spin.ImputationTask;
import org.spinj.spin.Networks;
import org.spinj.spin.SpinConfig;
import org.spinj.spin.train.TrainingOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code spinj train}: trains SPIN (or runs a baseline) on a dataset, scores it on the test split
 * and writes {@code <out>/<dataset>/<model>/<timestamp>/} with the config, metrics, checkpoints
 * and report.
 */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        versionProvider = SpinjVersion.class,
        description = {
            "Train a model, evaluate it on the test split and write a run directory with",
            "config.json, metrics.csv, test-metrics.json, checkpoints/ and report.html.",
            "Options from --config FILE apply where the command line is silent."
        })
public final class TrainCommand implements Callable<Integer> {

    /** Exit code of a run stopped by Ctrl-C after writing its checkpoint. */
    public static final int EXIT_INTERRUPTED = 130;

    @Spec CommandSpec spec;

    @Mixin DataOptions data;

    @Mixin TrainOptions train;

    @Option(
            names = "--model",
            paramLabel = "spin|spin-h|mean|locf|interp|knn|mice",
            description = "The model (default: ${DEFAULT-VALUE}).")
    String model = "spin";

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "Root of the run directories (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("runs");

    @Option(
            names = "--resume",
            paramLabel = "RUN_DIR",
            description = "Continue an interrupted run from its last checkpoint.")
    Path resume;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "JSON or YAML (.yaml, .yml) file of options (keys = long option names); the command line wins.")
    Path config;

    @Override
    public Integer call() {
        RunDirectory run = null;
        if (resume != null) {
            run = RunDirectory.open(resume);
            ConfigFile.apply(spec, run.resolve(RunDirectory.CONFIG));
        }
        if (config != null) {
            ConfigFile.apply(spec, config);
        }
        Experiment.Plan plan = plan(spec, data, train, new ModelChoice(model), resume != null);
        if (run == null) {
            run = RunDirectory.create(out, plan.task().name(), plan.model().name());
        }
        GlobalOptions g = GlobalOptions.of(spec);
        PrintWriter err = spec.commandLine().getErr();
        ProgressMonitor monitor = new ProgressMonitor(err, g.quiet(),
                ProgressMonitor.isInteractive(), plan.options().maxEpochs());
        PrintWriter out = spec.commandLine().getOut();
        if (!g.quiet()) {
            err.println("training " + plan.model().name() + " on " + plan.task().name() + " ("
                    + plan.task().series().numSteps() + " steps, " + plan.task().series().numNodes()
                    + " nodes, " + plan.task().graph().numEdges() + " edges) into " + run.dir()
                    + "; " + budgetLine(plan.options()));
            err.flush();
        }
        Experiment.Outcome o = Experiment.run(plan, run, monitor, true);
        Experiment.printOutcome(out, o);
        return o.interrupted() ? EXIT_INTERRUPTED : 0;
    }

    /**
     * How long a run trains, for its first progress line.
     *
     * @param o the training options
     * @return e.g. {@code "budget 10m of wall time (--budget paper for the reference protocol)"}
     */
    static String budgetLine(TrainingOptions o) {
        if (o.timeBudget() != null) {
            return "budget " + ProgressMonitor.formatSeconds(o.timeBudget().toSeconds())
                    + " of wall time, stopping early after " + o.patience() + " epochs without"
                    + " validation gain (--budget paper for the reference protocol)";
        }
        return "budget " + o.maxEpochs() + " epochs x " + o.stepsPerEpoch() + " steps";
    }

    /**
     * Builds the plan of a command with data and training options, and completes the effective
     * configuration with the values the budget chose.
     *
     * @param spec the parsed command
     * @param data its data options
     * @param train its training options
     * @param model the model
     * @param resume whether the run resumes
     * @return the plan
     */
    static Experiment.Plan plan(
            CommandSpec spec, DataOptions data, TrainOptions train, ModelChoice model,
            boolean resume) {
        TrainingOptions options = train.trainingOptions();
        train.maskEnsemble(); // checks --ensemble and --ensemble-drop before any work
        train.darkSteps();
        train.blend();
        SpinConfig cfg = train.spinConfig(model.name());
        if (cfg.temporalReach() > 0 && !model.name().equals(Networks.SPIN)) {
            throw new IllegalArgumentException("--reach applies to --model spin only (" + model.name()
                    + " has no step-to-step attention), got --reach " + cfg.temporalReach());
        }
        if (cfg.selfReach() > 0 && !model.name().equals(Networks.SPIN)) {
            throw new IllegalArgumentException("--self-reach applies to --model spin only ("
                    + model.name() + " has no step-to-step attention), got --self-reach "
                    + cfg.selfReach());
        }
        ImputationTask task = TaskPreparation.prepare(data.spec());
        JsonObject effective = ConfigFile.effective(spec);
        effective.addProperty("dataset", data.spec().csv() == null ? task.name() : null);
        effective.addProperty("eval-mask", DataProvenance.evalMask(data.spec().evalMask()));
        effective.addProperty("epochs", options.maxEpochs());
        effective.addProperty("steps-per-epoch", options.stepsPerEpoch());
        effective.addProperty("batch-size", options.batchSize());
        effective.addProperty("micro-batches", options.microBatches());
        effective.addProperty("lr", options.learningRate());
        effective.addProperty("patience", options.patience());
        effective.addProperty("seed", options.seed());
        effective.addProperty("hidden", cfg.hiddenSize());
        effective.addProperty("layers", cfg.layers());
        effective.addProperty("eta", cfg.eta());
        effective.addProperty("reach", cfg.temporalReach());
        effective.addProperty("self-reach", cfg.selfReach());
        effective.addProperty("dark-steps", train.darkSteps());
        effective.addProperty("blend", train.blend());
        effective.addProperty("model", model.name());
        return new Experiment.Plan(task, model, cfg, options, effective,
                EngineSetup.resolveDevice(GlobalOptions.of(spec).device()), resume);
    }
}
