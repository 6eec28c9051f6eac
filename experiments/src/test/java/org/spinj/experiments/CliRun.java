package org.spinj.experiments;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the {@code spinj} command line in-process and captures its output and exit code. */
record CliRun(int exitCode, String out, String err) {

    static CliRun of(String... args) {
        EngineSetup.configure();
        CommandLine cl = SpinjCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
