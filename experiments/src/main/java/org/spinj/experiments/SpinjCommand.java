package org.spinj.experiments;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * The {@code spinj} command line. Exit codes: 0 success, 1 a failure while running, 2 bad
 * arguments or input (one readable line; the stack trace only with {@code --debug}), 130 training
 * interrupted by Ctrl-C after writing its checkpoint; {@code spinj --help} lists them.
 */
@Command(
        name = "spinj",
        mixinStandardHelpOptions = true,
        versionProvider = SpinjVersion.class,
        description = "Reconstruct missing data in sensor networks with SPIN on the JVM.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:a failure while running",
            "2:bad arguments or input (one line; the stack trace with --debug)",
            "130:training interrupted by Ctrl-C, after writing its checkpoint (--resume continues)"
        },
        subcommands = {
            InfoCommand.class,
            DemoCommand.class,
            TrainCommand.class,
            EvaluateCommand.class,
            ImputeCommand.class,
            CompareCommand.class,
            DatasetsCommand.class,
            BenchCommand.class,
            ClassifyCommand.class,
            SummaryCommand.class,
            VisualizeCommand.class,
            ParamsCommand.class
        })
public final class SpinjCommand implements Callable<Integer> {

    /** Exit code for a failure while running. */
    public static final int EXIT_FAILURE = 1;

    /** Exit code for bad arguments or bad input. */
    public static final int EXIT_USAGE = 2;

    @Spec CommandSpec spec;

    @Mixin GlobalOptions global;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    /**
     * Builds the command line with spinj's error handling.
     *
     * @return a configured {@link CommandLine}
     */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new SpinjCommand());
        cl.setExecutionExceptionHandler(SpinjCommand::handle);
        cl.setParameterExceptionHandler(SpinjCommand::handleParameters);
        return cl;
    }

    private static int handleParameters(CommandLine.ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        PrintWriter err = cl.getErr();
        err.println("spinj: " + e.getMessage() + "  (see 'spinj "
                + cl.getCommandSpec().qualifiedName(" ").replaceFirst("^spinj ?", "")
                + (cl.getCommandSpec().parent() == null ? "" : " ") + "--help')");
        err.flush();
        return EXIT_USAGE;
    }

    private static int handle(Exception e, CommandLine cl, ParseResult parsed) {
        PrintWriter err = cl.getErr();
        boolean debug = parsed.expandedArgs().contains("--debug");
        if (debug) {
            e.printStackTrace(err);
        }
        Throwable root = e;
        String message = root.getMessage();
        while ((message == null || message.isBlank()) && root.getCause() != null) {
            root = root.getCause();
            message = root.getMessage();
        }
        err.println(
                "spinj: "
                        + (message == null ? root.getClass().getSimpleName() : oneLine(message))
                        + (debug ? "" : "  (run with --debug for details)"));
        err.flush();
        boolean usage =
                e instanceof IllegalArgumentException
                        || e instanceof UncheckedIOException
                        || e instanceof java.nio.file.NoSuchFileException;
        return usage ? EXIT_USAGE : EXIT_FAILURE;
    }

    /**
     * A message as one line: Gson's parse errors carry the exception's class name and a second
     * line pointing at Gson's troubleshooting guide, which say nothing about the user's file.
     *
     * @param message an exception's message
     * @return the message without them
     */
    static String oneLine(String message) {
        if (!message.contains("github.com/google/gson")) {
            return message;
        }
        return message.replaceAll("\\s*See https://github\\.com/google/gson/\\S*", "")
                .replace("com.google.gson.stream.MalformedJsonException: ", "")
                .replace("java.io.EOFException: ", "")
                .replace("java.lang.IllegalStateException: ", "");
    }

    /**
     * Entry point of {@code spinj.jar}.
     *
     * @param args command-line arguments
     */
    public static void main(String[] args) {
        EngineSetup.configure();
        System.exit(commandLine().execute(args));
    }
}
