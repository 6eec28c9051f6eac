package org.spinj.experiments;

import com.google.gson.JsonObject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.spinj.spin.ImputationTask;
import org.spinj.spin.SpinConfig;
import org.spinj.spin.train.TrainingOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code spinj demo}: the main job on the embedded synthetic dataset. Trains a small SPIN with a
 * budget that finishes in a few minutes on two cores, scores it and every baseline on the test
 * split, prints the table and the path of the SPIN run's {@code report.html}, which {@link
 * RunReport} fills with the trained SPIN's attention plots (temporal attention per layer, a
 * node's signal with its attention band, the locality / symmetry / entropy table, the spatial
 * attention matrix, its top edges and its map on the node coordinates) next to the error
 * figures (per node, on the map, by hour of day).
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        versionProvider = SpinjVersion.class,
        description = {
            "Train SPIN on the embedded synthetic traffic network (a few minutes on 2 cores),",
            "compare it with every baseline and write a run directory with report.html."
        })
public final class DemoCommand implements Callable<Integer> {

    /** The demo's SPIN: {@code d = 16, L = 2, η = 1}. */
    public static final SpinConfig DEMO_CONFIG = SpinConfig.DEFAULT.withHiddenSize(16).withLayers(2, 1);

    /**
     * The demo's evaluation mask: sensor faults of 3 to 12 hours plus 5% points (tsl's block
     * setting), where a missing value must be rebuilt from the neighbours rather than from its
     * own recent past, which is what SPIN's spatial attention is for.
     */
    public static final String DEMO_MASK = "block";

    /** The demo's window length. */
    public static final int DEMO_WINDOW = 12;

    @Spec CommandSpec spec;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "Root of the run directories (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("runs");

    @Option(names = "--epochs", description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs = 12;

    @Option(names = "--steps-per-epoch", description = "Steps per epoch (default: ${DEFAULT-VALUE}).")
    int steps = 50;

    @Option(
            names = "--models",
            paramLabel = "LIST",
            description = "Models to compare, spin first (default: ${DEFAULT-VALUE}).")
    String models = "spin,mean,locf,interp,knn,mice";

    /** @return the demo's training options */
    public TrainingOptions options() {
        if (epochs < 1 || steps < 1) {
            throw new IllegalArgumentException(
                    "--epochs and --steps-per-epoch must be >= 1, got " + epochs + " and " + steps);
        }
        return TrainingOptions.paper().withEpochs(epochs, steps).withPatience(epochs)
                .withLearningRate(2e-3f);
    }

    @Override
    public Integer call() {
        PrintWriter outw = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        GlobalOptions g = GlobalOptions.of(spec);
        TrainingOptions options = options();
        DataSpec data = DataSpec.of("synthetic").withWindow(DEMO_WINDOW).withEvalMask(DEMO_MASK);
        ImputationTask task = TaskPreparation.prepare(data);
        if (!g.quiet()) {
            err.println("demo: SPIN (d=" + DEMO_CONFIG.hiddenSize() + ", L=" + DEMO_CONFIG.layers()
                    + ") on the synthetic network: " + task.series().numSteps() + " steps, "
                    + task.series().numNodes() + " nodes, " + task.graph().numEdges()
                    + " edges; " + options.maxEpochs() + " epochs x " + options.stepsPerEpoch()
                    + " steps");
            err.flush();
        }
        List<Experiment.Outcome> rows = new ArrayList<>();
        List<ModelChoice> choices = ModelChoice.parseList(models);
        if (choices.isEmpty() || !choices.get(0).isNetwork()) {
            throw new IllegalArgumentException(
                    "--models must start with spin (its run holds the report), got " + models);
        }
        var device = EngineSetup.resolveDevice(g.device());
        for (ModelChoice model : choices) {
            String name = model.name();
            JsonObject config = config(name, options);
            Experiment.Plan plan =
                    new Experiment.Plan(task, model, DEMO_CONFIG, options, config, device, false);
            RunDirectory run = RunDirectory.create(out, task.name(), name);
            ProgressMonitor monitor = new ProgressMonitor(err, g.quiet(),
                    ProgressMonitor.isInteractive(), options.maxEpochs());
            Experiment.Outcome o = Experiment.run(plan, run, monitor, model.isNetwork());
            rows.add(o);
            if (o.interrupted()) {
                Experiment.printOutcome(outw, o);
                return TrainCommand.EXIT_INTERRUPTED;
            }
        }
        Comparison.print(outw, rows);
        Path dir = rows.get(0).run().dir();
        Comparison.write(dir, "Test MAE on " + task.name(), rows);
        outw.println("run: " + dir);
        outw.println("report: " + dir.resolve(RunDirectory.REPORT));
        outw.flush();
        return 0;
    }

    private static JsonObject config(String model, TrainingOptions o) {
        JsonObject c = new JsonObject();
        c.addProperty("dataset", "synthetic");
        c.addProperty("model", model);
        c.addProperty("window", DEMO_WINDOW);
        c.addProperty("eval-mask", DEMO_MASK);
        c.addProperty("hidden", DEMO_CONFIG.hiddenSize());
        c.addProperty("layers", DEMO_CONFIG.layers());
        c.addProperty("eta", DEMO_CONFIG.eta());
        c.addProperty("epochs", o.maxEpochs());
        c.addProperty("steps-per-epoch", o.stepsPerEpoch());
        c.addProperty("batch-size", o.batchSize());
        c.addProperty("lr", o.learningRate());
        c.addProperty("patience", o.patience());
        c.addProperty("seed", o.seed());
        return c;
    }
}
