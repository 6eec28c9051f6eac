package org.spinj.experiments;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.spinj.datasets.DataDirectory;
import org.spinj.datasets.Datasets;
import org.spinj.datasets.SpatioTemporalSeries;
import org.spinj.graph.EdgeIndex;
import org.spinj.spin.ImputationTask;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code spinj datasets}: the known datasets, where each is looked for and whether it is there. */
@Command(
        name = "datasets",
        mixinStandardHelpOptions = true,
        versionProvider = SpinjVersion.class,
        description = "List the known datasets, where each is looked for, and whether it was found.",
        subcommands = DatasetsCommand.Describe.class)
public final class DatasetsCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "An explicit data directory.")
    Path dataDir;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        DataDirectory dirs = DataDirectory.resolve(dataDir);
        out.println("looking in: " + dirs.candidates().stream()
                .map(c -> c.dir().toAbsolutePath().normalize() + " (" + c.origin() + ")")
                .toList());
        for (String name : Datasets.NAMES) {
            List<String> files = Datasets.files(name);
            if (files.isEmpty()) {
                out.println(name + ": found (embedded, generated from a seed)");
                continue;
            }
            String where = null;
            for (DataDirectory.Candidate c : dirs.candidates()) {
                if (files.stream().allMatch(f -> Files.isRegularFile(c.dir().resolve(f)))) {
                    where = c.dir().resolve(files.get(0)).getParent().toAbsolutePath().normalize().toString();
                    break;
                }
            }
            out.println(name + ": " + (where != null ? "found at " + where
                    : "not found (needs " + files + ")"));
        }
        out.flush();
        return 0;
    }

    /** {@code spinj datasets describe}: the statistics of one dataset or a user CSV. */
    @Command(
            name = "describe",
            mixinStandardHelpOptions = true,
            versionProvider = SpinjVersion.class,
            description = "Steps, nodes, frequency, missing share, evaluation targets, graph edges"
                    + " and degrees of a dataset (or of --csv with --nodes/--adjacency/--distances).")
    public static final class Describe implements Callable<Integer> {

        @Spec CommandSpec spec;

        @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "A known dataset (see spinj datasets).")
        String name;

        @Mixin DataOptions data;

        @Override
        public Integer call() {
            if (name != null) {
                if (data.dataset != null && !data.dataset.equals(name)) {
                    throw new IllegalArgumentException("give the dataset once: " + name + " or --dataset " + data.dataset);
                }
                data.dataset = name;
            }
            DataSpec ds = data.spec();
            ImputationTask task = TaskPreparation.prepare(ds);
            SpatioTemporalSeries s = task.series();
            EdgeIndex g = task.graph();
            int[] deg = g.inDegree();
            PrintWriter out = spec.commandLine().getOut();
            out.println("dataset: " + task.name());
            out.println("steps: " + s.numSteps());
            out.println("nodes: " + s.numNodes());
            out.println("channels: " + s.numChannels());
            out.println("frequency: " + s.timeIndex().frequency());
            out.println("start: " + s.timeIndex().start() + " " + s.timeIndex().zone());
            out.println("end: " + s.timeIndex().at(s.numSteps() - 1));
            out.println(String.format(Locale.ROOT, "missing: %.2f%%", 100 * s.missingRate()));
            long entries = (long) s.numSteps() * s.numNodes() * s.numChannels();
            out.println(String.format(Locale.ROOT, "eval_targets: %d (%.2f%% of entries)",
                    s.countEval(), 100.0 * s.countEval() / entries));
            out.println("edges: " + g.numEdges());
            out.println(String.format(Locale.ROOT, "in_degree: min %d, mean %.2f, max %d",
                    Arrays.stream(deg).min().orElse(0), Arrays.stream(deg).average().orElse(0),
                    Arrays.stream(deg).max().orElse(0)));
            out.println("isolated_nodes: " + Arrays.stream(deg).filter(d -> d == 0).count());
            out.println("window: " + ds.window());
            out.println("windows: train " + task.split().train().length + ", validation "
                    + task.split().validation().length + ", test " + task.split().test().length);
            out.flush();
            return 0;
        }
    }
}
