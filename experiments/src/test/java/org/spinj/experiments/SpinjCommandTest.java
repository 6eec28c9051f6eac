package org.spinj.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SpinjCommandTest {

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
