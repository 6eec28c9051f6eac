package org.spinj.experiments;

import ai.djl.engine.EngineException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.spinj.graph.io.Excerpt;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * The {@code spinj} command line. Exit codes: 0 success, 1 a failure while running (running out
 * of memory among them, with a line saying which option to change), 2 bad arguments or input
 * (one readable line; the stack trace only with {@code --debug}), 130 training interrupted by
 * Ctrl-C after writing its checkpoint; {@code spinj --help} lists them.
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

    /** Words of an engine error that mean an allocation failed. */
    private static final Pattern NATIVE_ALLOCATION =
            Pattern.compile("(?i)alloc|out of memory|not enough memory");

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
        return report(e, cl.getErr(), parsed.expandedArgs().contains("--debug"));
    }

    /**
     * Reports a failure as one line, {@code spinj: <message>}, and chooses the exit code: {@value
     * #EXIT_USAGE} for bad input ({@link IllegalArgumentException}, unreadable files), {@value
     * #EXIT_FAILURE} otherwise. Running out of memory, in the JVM's heap ({@link
     * OutOfMemoryError}) or in the native engine (an allocation failure), says what to change.
     * Long messages are shortened to one line; the stack trace is printed only with {@code debug}.
     *
     * @param e the failure
     * @param err where to write
     * @param debug whether to print the stack trace
     * @return the exit code
     */
    static int report(Throwable e, PrintWriter err, boolean debug) {
        if (debug) {
            e.printStackTrace(err);
        }
        String memory = outOfMemory(e);
        Throwable root = e;
        String message = root.getMessage();
        while ((message == null || message.isBlank()) && root.getCause() != null) {
            root = root.getCause();
            message = root.getMessage();
        }
        if (memory != null) {
            message = memory;
        } else if (message == null) {
            message = root.getClass().getSimpleName();
        } else {
            // the native engine appends its C++ frames on further lines; --debug shows them
            message = oneLine(message).strip().lines().findFirst().orElse(message);
        }
        err.println("spinj: " + Excerpt.ofMessage(message)
                + (debug ? "" : "  (run with --debug for details)"));
        err.flush();
        boolean usage = memory == null && !outOfSpace(e)
                && (e instanceof IllegalArgumentException
                        || e instanceof UncheckedIOException
                        || e instanceof java.nio.file.NoSuchFileException);
        return usage ? EXIT_USAGE : EXIT_FAILURE;
    }

    /**
     * Recognises running out of memory anywhere in a failure's causes: the JVM's {@link
     * OutOfMemoryError}, or the native engine's allocation failure (an {@link EngineException}
     * that speaks of allocating or of memory).
     *
     * @param e a failure
     * @return one line saying what ran out and what to change, or {@code null} if memory did not
     *     run out
     */
    static String outOfMemory(Throwable e) {
        int depth = 0;
        for (Throwable t = e; t != null && depth < 32; t = t.getCause(), depth++) {
            String line = t.getMessage() == null ? ""
                    : t.getMessage().strip().lines().findFirst().orElse("").strip();
            if (t instanceof OutOfMemoryError) {
                return "out of Java memory ("
                        + (line.isEmpty() ? "OutOfMemoryError" : Excerpt.of(line))
                        + "): raise the JVM's limit with JAVA_OPTS=-Xmx<size> (for example"
                        + " JAVA_OPTS=-Xmx8g), or hold less at once with a smaller --batch-size"
                        + " or more --micro-batches";
            }
            if (t instanceof EngineException) {
                Matcher m = NATIVE_ALLOCATION.matcher(line);
                int at = -1;
                while (m.find()) {
                    at = m.start(); // the last mention is nearest the size asked for
                }
                if (at >= 0) {
                    int from = Math.max(0, at - 60);
                    int to = Math.min(line.length(), at + 80);
                    String around = (from > 0 ? "…" : "") + line.substring(from, to).strip()
                            + (to < line.length() ? "…" : "");
                    return "the native engine could not allocate memory (" + around + "): hold"
                            + " less at once with a smaller --batch-size or more --micro-batches"
                            + " (JAVA_OPTS=-Xmx<size> sets only the JVM's heap; a smaller one"
                            + " leaves more memory to the engine)";
                }
            }
        }
        return null;
    }

    /**
     * Whether a failure is the machine's, not the input's: a full disk, a read-only file system
     * or an exhausted quota anywhere in its causes (exit {@value #EXIT_FAILURE}, not {@value
     * #EXIT_USAGE}).
     *
     * @param e a failure
     * @return whether the storage refused to take more
     */
    static boolean outOfSpace(Throwable e) {
        int depth = 0;
        for (Throwable t = e; t != null && depth < 32; t = t.getCause(), depth++) {
            String m = t instanceof java.nio.file.FileSystemException f ? f.getReason()
                    : t.getMessage();
            if (m != null && (m.contains("No space left on device")
                    || m.contains("Read-only file system") || m.contains("Disk quota exceeded"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * A message as one line: Gson's parse errors carry the exception's class name and a second
     * line pointing at Gson's troubleshooting guide, which say nothing about the user's file.
     *
     * @param message an exception's message
     * @return the message without them
     */
    static String oneLine(String message) {
        if (!message.contains("github.com/google/gson") && !message.contains("com.google.gson.")) {
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
        int code;
        try {
            code = commandLine().execute(args);
        } catch (OutOfMemoryError e) {
            // picocli hands only exceptions to the handler; errors reach here
            code = report(e, new PrintWriter(System.err, true),
                    java.util.Arrays.asList(args).contains("--debug"));
        }
        System.exit(code);
    }
}
