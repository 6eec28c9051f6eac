package org.spinj.experiments.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The child mode of {@code spinj bench graph} (one backend, one operation, in-process). */
class GraphBenchCommandTest {

    @TempDir Path tmp;

    /** A 4-node ring, both directions, as a dense adjacency CSV. */
    private Path ring() throws IOException {
        Path csv = tmp.resolve("ring.csv");
        Files.writeString(csv, "0,1,0,1\n1,0,1,0\n0,1,0,1\n1,0,1,0\n");
        return csv;
    }

    private String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new GraphBenchCommand());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new String[] {String.valueOf(code), out.toString(), err.toString()};
    }

    @Test
    void oneBackendAndOperationPrintsItsTimeAndPeakMemory() throws IOException {
        for (String op : new String[] {"sum", "softmax_sum"}) {
            String[] r = run("--adjacency", ring().toString(), "--batch", "1", "--steps", "2",
                    "--channels", "3", "--warmup", "0", "--repeats", "1",
                    "--backend", "DENSE_MASKED", "--operation", op);
            assertThat(r[0]).as(r[2]).isEqualTo("0");
            assertThat(r[1]).containsPattern("dense_masked\\." + op + "_fwd_bwd_ms: [0-9.]+")
                    .containsPattern("dense_masked\\." + op + "_peak_rss_mb: -?[0-9.]+")
                    .doesNotContain("fastest");
        }
    }

    @Test
    void backendWithoutOperationOrAutoIsRejectedNamingBoth() throws IOException {
        String[] r = run("--adjacency", ring().toString(), "--backend", "SPARSE_INCIDENCE");
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[2]).contains(
                "--backend (a concrete backend, not auto) and --operation go together, got "
                        + "SPARSE_INCIDENCE and null");
        r = run("--adjacency", ring().toString(), "--backend", "AUTO", "--operation", "sum");
        assertThat(r[2]).contains("got AUTO and sum");
        r = run("--adjacency", ring().toString(), "--backend", "PADDED_NEIGHBOURS",
                "--operation", "max");
        assertThat(r[2]).contains("--operation must be sum or softmax_sum, got max");
    }
}
