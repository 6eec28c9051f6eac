package org.spinj.experiments;

import java.util.concurrent.Callable;
import org.spinj.experiments.bench.GraphBenchCommand;
import org.spinj.experiments.bench.ScalingBenchCommand;
import org.spinj.experiments.bench.SpinBenchCommand;
import org.spinj.experiments.bench.TemporalBenchCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code spinj bench ...}: the benchmarks of every module, each printing {@code key: value}. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        versionProvider = SpinjVersion.class,
        description = "Benchmarks that print their figures as 'key: value' lines.",
        subcommands = {GraphBenchCommand.class, TemporalBenchCommand.class, SpinBenchCommand.class,
            ScalingBenchCommand.class})
public final class BenchCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }
}
