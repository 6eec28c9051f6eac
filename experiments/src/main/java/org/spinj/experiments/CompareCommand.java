package org.spinj.experiments;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code spinj compare}: several models on one task, one table (MAE, MSE, MRE, time) printed and
 * written as {@code compare.csv} and {@code compare.png}; each model also gets its run directory.
 */
@Command(
        name = "compare",
        mixinStandardHelpOptions = true,
        versionProvider = SpinjVersion.class,
        description = "Train or run several models on one dataset and tabulate their test errors.")
public final class CompareCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Mixin DataOptions data;

    @Mixin TrainOptions train;

    @Option(
            names = "--models",
            paramLabel = "LIST",
            description = "Comma-separated models (default: ${DEFAULT-VALUE}).")
    String models = "spin,mean,locf,interp,knn,mice";

    @Option(names = "--out", paramLabel = "DIR", description = "Root of the run directories (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("runs");

    @Option(names = "--config", paramLabel = "FILE", description = "JSON or YAML (.yaml, .yml) file of options; the command line wins.")
    Path config;

    @Override
    public Integer call() {
        if (config != null) {
            ConfigFile.apply(spec, config);
        }
        List<ModelChoice> choices = ModelChoice.parseList(models);
        if (choices.isEmpty()) {
            throw new IllegalArgumentException("--models is empty, expected e.g. spin,mean,interp");
        }
        GlobalOptions g = GlobalOptions.of(spec);
        PrintWriter err = spec.commandLine().getErr();
        List<Experiment.Outcome> rows = new ArrayList<>();
        Experiment.Plan base = null;
        for (ModelChoice m : choices) {
            Experiment.Plan plan = base == null
                    ? TrainCommand.plan(spec, data, train, m, false)
                    : new Experiment.Plan(base.task(), m, base.spin(), base.options(),
                            withModel(base, m), base.device(), false);
            base = plan;
            RunDirectory run = RunDirectory.create(out, plan.task().name(), m.name());
            if (!g.quiet()) {
                err.println("compare: " + m.name() + " -> " + run.dir());
                err.flush();
            }
            ProgressMonitor monitor = new ProgressMonitor(err, g.quiet(),
                    ProgressMonitor.isInteractive(), plan.options().maxEpochs());
            Experiment.Outcome o = Experiment.run(plan, run, monitor, true);
            rows.add(o);
            if (o.interrupted()) {
                break;
            }
        }
        PrintWriter o = spec.commandLine().getOut();
        Comparison.print(o, rows);
        Path dir = RunDirectory.create(out, base.task().name(), "compare").dir();
        Path csv = Comparison.write(dir, "Test MAE on " + base.task().name(), rows);
        o.println("table: " + csv);
        o.println("chart: " + dir.resolve("compare.png"));
        o.flush();
        return rows.get(rows.size() - 1).interrupted() ? TrainCommand.EXIT_INTERRUPTED : 0;
    }

    private static com.google.gson.JsonObject withModel(Experiment.Plan p, ModelChoice m) {
        com.google.gson.JsonObject c = p.config().deepCopy();
        c.addProperty("model", m.name());
        return c;
    }
}
