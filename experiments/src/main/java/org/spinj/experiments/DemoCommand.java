package org.spinj.experiments;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code spinj demo}: the main job on the embedded synthetic dataset. Until the imputer lands it
 * shows the engine set-up and says what the demo will do.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        versionProvider = SpinjVersion.class,
        description = "Run the main job on the embedded synthetic dataset.")
public final class DemoCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        InfoCommand info = new InfoCommand();
        info.spec = spec;
        info.call();
        out.println(
                "demo: the SPIN imputer is not built yet; once it is, this command trains SPIN on"
                        + " a synthetic sensor network, compares it with the baselines and writes a"
                        + " report.");
        out.flush();
        return 0;
    }
}
