package org.spinj.experiments;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** Options every {@code spinj} command accepts, before or after the command name. */
public final class GlobalOptions {

    @Option(
            names = "--device",
            scope = ScopeType.INHERIT,
            paramLabel = "auto|cpu|gpu:N",
            defaultValue = "auto",
            description = "Device to compute on (default: ${DEFAULT-VALUE}).")
    String device = "auto";

    @Option(
            names = "--debug",
            scope = ScopeType.INHERIT,
            description = "Print stack traces and debug logging.")
    boolean debug;

    @Option(
            names = {"-q", "--quiet"},
            scope = ScopeType.INHERIT,
            description = "Print only results, no progress.")
    boolean quiet;

    /**
     * Finds the options of the running {@code spinj} command line: inherited options are set on
     * the root command's instance, whichever subcommand they were typed after.
     *
     * @param spec the spec of any (sub)command
     * @return the root's options, or defaults when the command runs on its own
     */
    public static GlobalOptions of(CommandSpec spec) {
        Object root = spec.root().userObject();
        if (root instanceof SpinjCommand) {
            return ((SpinjCommand) root).global;
        }
        return new GlobalOptions();
    }

    /** @return the {@code --device} value */
    public String device() {
        return device;
    }

    /** @return whether {@code --debug} was given */
    public boolean debug() {
        return debug;
    }

    /** @return whether {@code --quiet} was given, or output is not meant for a person (CI) */
    public boolean quiet() {
        return quiet;
    }
}
