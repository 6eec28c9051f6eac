package org.spinj.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinj.spin.io.Checkpoint;
import picocli.CommandLine;

class SpinjCommandTest {

    @Test
    void unreadableCheckpointMetadataIsOneLineWithoutGsonsGuide(@TempDir Path tmp)
            throws IOException {
        Path ckpt = tmp.resolve("bad.ckpt");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(ckpt))) {
            zip.putNextEntry(new ZipEntry(Checkpoint.META_ENTRY));
            zip.write("{\"format\": \"spinj\", \"graph\": ]}".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry(Checkpoint.PARAMS_ENTRY));
            zip.closeEntry();
        }
        CliRun run = CliRun.of("evaluate", ckpt.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.err()).contains("checkpoint " + ckpt + " has unreadable metadata: ")
                .doesNotContain("github.com").doesNotContain("MalformedJsonException");
        assertThat(SpinjCommand.oneLine("no JSON here: java.lang.IllegalStateException: x"))
                .isEqualTo("no JSON here: java.lang.IllegalStateException: x");
    }

    @Test
    void versionNamesSpinjAndDjl() {
        CliRun run = CliRun.of("--version");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("spinj ").contains("DJL 0.35.1");
    }

    @Test
    void helpListsEveryExitCode() {
        CliRun run = CliRun.of("--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Exit codes:")
                .containsPattern("\\n\\s+0\\s+success")
                .containsPattern("\\n\\s+1\\s+a failure while running")
                .containsPattern("\\n\\s+2\\s+bad arguments or input")
                .containsPattern("\\n\\s+130\\s+training interrupted by Ctrl-C");
        assertThat(TrainCommand.EXIT_INTERRUPTED).isEqualTo(130);
        assertThat(SpinjCommand.EXIT_USAGE).isEqualTo(2);
        assertThat(SpinjCommand.EXIT_FAILURE).isEqualTo(1);
    }

    @Test
    void everyHelpTextRendersWithoutFormatWarnings() {
        // picocli formats descriptions with String.format: a bare '%' prints a WARN to stderr
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int commands = 0;
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            Deque<CommandLine> todo = new ArrayDeque<>();
            todo.add(SpinjCommand.commandLine());
            while (!todo.isEmpty()) {
                CommandLine cl = todo.pop();
                assertThat(cl.getUsageMessage()).isNotBlank();
                commands++;
                todo.addAll(cl.getSubcommands().values());
            }
        } finally {
            System.setErr(original);
        }
        assertThat(commands).isGreaterThan(10);
        assertThat(captured.toString(StandardCharsets.UTF_8)).doesNotContain("WARN");
        assertThat(CliRun.of("train", "--help").out()).contains("(4% warm-up");
    }

    @Test
    void infoPrintsEngineDeviceAndThreadsAsKeyValueLines() {
        CliRun run = CliRun.of("info", "--device", "cpu");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("engine: PyTorch")
                .contains("pytorch: 2.7.1")
                .contains("device: cpu()")
                .contains("offline: true")
                .containsPattern("threads: \\d+")
                .containsPattern("allocator: .+")
                .contains("native_cache: ");
    }

    @Test
    void deviceOptionWorksBeforeTheCommandToo() {
        assertThat(CliRun.of("--device", "cpu", "info").out()).contains("device: cpu()");
    }

    @Test
    void missingGpuIsAOneLineUsageError() {
        CliRun run = CliRun.of("info", "--device", "gpu:3");
        assertThat(run.exitCode()).isEqualTo(SpinjCommand.EXIT_USAGE);
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.err()).contains("--device gpu:3 was requested").doesNotContain("at org.");
    }

    @Test
    void malformedDeviceIsAUsageError() {
        CliRun run = CliRun.of("--device", "tpu", "info");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--device 'tpu' is not understood; expected auto, cpu or gpu:N");
    }

    @Test
    void unknownCommandIsAUsageError() {
        assertThat(CliRun.of("frobnicate").exitCode()).isEqualTo(2);
    }
}
