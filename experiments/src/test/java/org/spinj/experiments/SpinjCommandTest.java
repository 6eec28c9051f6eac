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

    /** A well-formed NPZ holding one float32 array {@code w} of shape (1,). */
    private static byte[] oneArrayNpz() throws IOException {
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }";
        StringBuilder header = new StringBuilder(dict);
        while ((10 + header.length() + 1) % 64 != 0) {
            header.append(' ');
        }
        header.append('\n');
        java.io.ByteArrayOutputStream npy = new java.io.ByteArrayOutputStream();
        npy.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        npy.write(header.length() & 0xff);
        npy.write(header.length() >> 8);
        npy.write(header.toString().getBytes(StandardCharsets.US_ASCII));
        npy.write(new byte[] {0, 0, (byte) 0x80, 0x3f}); // 1.0f, little-endian
        java.io.ByteArrayOutputStream npz = new java.io.ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(npz)) {
            z.putNextEntry(new ZipEntry("w.npy"));
            z.write(npy.toByteArray());
            z.closeEntry();
        }
        return npz.toByteArray();
    }

    @Test
    void unreadableCheckpointMetadataIsOneLineWithoutGsonsGuide(@TempDir Path tmp)
            throws IOException {
        Path ckpt = tmp.resolve("bad.ckpt");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(ckpt))) {
            zip.putNextEntry(new ZipEntry(Checkpoint.META_ENTRY));
            zip.write("{\"format\": \"spinj\", \"graph\": ]}".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry(Checkpoint.PARAMS_ENTRY));
            zip.write(oneArrayNpz());
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

    private static String[] report(Throwable e, boolean debug, int[] code) {
        java.io.StringWriter out = new java.io.StringWriter();
        code[0] = SpinjCommand.report(e, new java.io.PrintWriter(out), debug);
        return out.toString().lines().toArray(String[]::new);
    }

    @Test
    void aFullOrReadOnlyDiskIsAFailureWithItsCauseNotABadInput() {
        int[] code = new int[1];
        java.io.UncheckedIOException full = new java.io.UncheckedIOException(
                "cannot write runs/x/metrics.csv: No space left on device",
                new java.io.IOException("No space left on device"));
        String[] lines = report(full, false, code);
        assertThat(code[0]).isEqualTo(SpinjCommand.EXIT_FAILURE);
        assertThat(lines).singleElement().asString()
                .contains("runs/x/metrics.csv").contains("No space left on device");
        java.io.UncheckedIOException readOnly = new java.io.UncheckedIOException(
                "cannot create run directory /ro/runs: Read-only file system",
                new java.nio.file.FileSystemException("/ro/runs", null, "Read-only file system"));
        assertThat(report(readOnly, false, code)).singleElement().asString()
                .contains("/ro/runs").contains("Read-only file system");
        assertThat(code[0]).isEqualTo(SpinjCommand.EXIT_FAILURE);
        java.io.UncheckedIOException missing = new java.io.UncheckedIOException(
                "cannot read data.csv", new java.nio.file.NoSuchFileException("data.csv"));
        report(missing, false, code);
        assertThat(code[0]).isEqualTo(SpinjCommand.EXIT_USAGE);
    }

    @Test
    void runningOutOfJavaMemoryIsOneLineSayingWhatToChange() {
        int[] code = new int[1];
        // picocli may wrap it; the cause is found either way
        String[] lines = report(new CommandLine.ExecutionException(new CommandLine(
                new SpinjCommand()), "Error while calling command",
                new OutOfMemoryError("Java heap space")), false, code);
        assertThat(code[0]).isEqualTo(SpinjCommand.EXIT_FAILURE);
        assertThat(lines).hasSize(1);
        assertThat(lines[0]).startsWith("spinj: out of Java memory (Java heap space)")
                .contains("JAVA_OPTS=-Xmx").contains("--batch-size").contains("--micro-batches");
        assertThat(report(new OutOfMemoryError(), false, code)).hasSize(1);
        assertThat(code[0]).isEqualTo(1);
        // --debug adds the stack trace
        assertThat(report(new OutOfMemoryError("Java heap space"), true, code).length)
                .isGreaterThan(1);
    }

    @Test
    void aNativeAllocationFailureIsOneLineSayingWhatToChange() {
        int[] code = new int[1];
        String[] lines = report(new ai.djl.engine.EngineException(
                "[enforce fail at alloc_cpu.cpp:117] data. DefaultCPUAllocator: not enough memory:"
                        + " you tried to allocate 400000000000 bytes.\nException raised from"
                        + " alloc_cpu at ../c10/core/impl/alloc_cpu.cpp:117"), false, code);
        assertThat(code[0]).isEqualTo(SpinjCommand.EXIT_FAILURE);
        assertThat(lines).hasSize(1);
        assertThat(lines[0]).startsWith("spinj: the native engine could not allocate memory")
                .contains("you tried to allocate").contains("--batch-size")
                .contains("--micro-batches").contains("JAVA_OPTS=-Xmx")
                .doesNotContain("Exception raised from");
        // another engine failure keeps its own message, without the native frames
        assertThat(report(new ai.djl.engine.EngineException("shape '[2, 3]' is invalid for input"
                + " of size 5\nException raised from infer_size_impl at aten/src/ATen/InferSize.h:63"
                + "\nframe #0: c10::Error::Error"), false, code))
                .containsExactly("spinj: shape '[2, 3]' is invalid for input of size 5  (run with"
                        + " --debug for details)");
        assertThat(code[0]).isEqualTo(SpinjCommand.EXIT_FAILURE);
    }

    @Test
    void aHugeMessageIsCutToOneShortLine() {
        int[] code = new int[1];
        String[] lines = report(new IllegalArgumentException("bad value " + "v".repeat(5_000_000)
                + " for --x"), false, code);
        assertThat(code[0]).isEqualTo(SpinjCommand.EXIT_USAGE);
        assertThat(lines).hasSize(1);
        assertThat(lines[0]).hasSizeLessThan(1200).startsWith("spinj: bad value vvv")
                .contains("characters cut").contains(" for --x");
    }
}
