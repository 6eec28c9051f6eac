package org.spinj.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code spinj bench} subcommand end to end at a tiny size (a few windows of a few steps,
 * one timed repeat, no warm-up where the bench allows it), so that they keep running, not only
 * parsing. {@code temporal}, {@code spin} and {@code scaling} read AQI-36 from the shared data
 * folder: they skip without it, but fail when {@code CI=true}.
 */
class BenchEndToEndTest {

    @TempDir Path tmp;

    static Path sharedData() {
        Path data = Path.of(System.getProperty("spinj.shared.data", "../../shared/data"));
        boolean present = Files.isRegularFile(data.resolve("aqi36").resolve("pm25_latlng.txt"));
        if (!present && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError("shared data " + data.toAbsolutePath() + " is absent, and"
                    + " CI=true requires it");
        }
        assumeTrue(present, "shared data " + data.toAbsolutePath() + " is absent; skipping");
        return data;
    }

    @Test
    void graphBenchTimesEveryBackendOnAGivenGraph() throws IOException {
        Path ring = tmp.resolve("ring.csv");
        UserDataEndToEndTest.writeRing(ring, 10);
        CliRun r = CliRun.of("bench", "graph", "--adjacency", ring.toString(), "--batch", "1",
                "--steps", "4", "--channels", "4", "--warmup", "0", "--repeats", "1");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("nodes: 10").contains("edges: 20")
                .contains("shape: B=1 T=4 C=4").containsPattern("\\.sum_fwd_bwd_ms: [0-9.]+")
                .containsPattern("fastest\\.sum: [a-z_]+")
                .containsPattern("fastest\\.softmax_sum: [a-z_]+").containsPattern("auto: [a-z_]+");
    }

    @Test
    void temporalBenchRunsEveryVariant() {
        Path data = sharedData();
        CliRun r = CliRun.of("bench", "temporal", "--graphs", "aqi36", "--steps", "4",
                "--channels", "4", "--batch", "1", "--warmup", "0", "--reps", "1",
                "--data-dir", data.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("aqi36_nodes: 36").contains("aqi36_edges: 654");
        for (String v : new String[] {"factored", "factored_chunk1048576", "factored_unchunked",
                "dense", "naive", "edge_list"}) {
            assertThat(r.out()).containsPattern("aqi36_B1_T4_" + v + "_fwd_bwd_ms: [0-9.]+");
        }
        assertThat(r.out()).contains("aqi36_B1_T4_ratio_dense_over_factored_unchunked");
    }

    @Test
    void spinBenchTimesSpinAndSpinHOnASubgraph() {
        Path data = sharedData();
        for (String model : new String[] {"spin", "spin-h"}) {
            CliRun r = CliRun.of("bench", "spin", "--size", "aqi36", "--model", model,
                    "--nodes", "6", "--hidden", "4", "--layers", "1", "--window", "4", "--batch",
                    "1", "--warmup", "0", "--repeats", "1", "--data-dir", data.toString());
            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.out()).contains("model: " + model).contains("nodes: 6")
                    .contains("window: 4").containsPattern("train_step_ms_median: [0-9.,]+")
                    .containsPattern("forward_ms_median: [0-9.,]+");
        }
    }

    @Test
    void spinBenchTimesALocalReachAndRejectsItWhereItHasNoMeaning() {
        Path data = sharedData();
        String[] common = {"bench", "spin", "--size", "aqi36", "--nodes", "6", "--hidden", "4",
            "--layers", "1", "--window", "8", "--batch", "1", "--warmup", "0", "--repeats", "1",
            "--data-dir", data.toString()};
        CliRun r = CliRun.of(concat(common, "--model", "spin", "--reach", "1"));
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("reach: 1").containsPattern("train_step_ms_median: [0-9.,]+");
        for (String[] bad : new String[][] {{"--model", "spin-h", "--reach", "1"},
            {"--model", "spin", "--reach", "1", "--oracle"}, {"--model", "spin", "--reach", "-1"}}) {
            CliRun e = CliRun.of(concat(common, bad));
            assertThat(e.exitCode()).as(String.join(" ", bad)).isEqualTo(2);
            assertThat(e.err()).contains("--reach must be >= 0 and needs --model spin");
        }
    }

    private static String[] concat(String[] a, String... b) {
        return java.util.stream.Stream.concat(java.util.Arrays.stream(a), java.util.Arrays.stream(b))
                .toArray(String[]::new);
    }

    @Test
    void scalingBenchMeasuresAPointInItsOwnJvmAndReplots() throws IOException {
        Path data = sharedData();
        Path out = tmp.resolve("scaling");
        CliRun r = CliRun.of("bench", "scaling", "--models", "spin-h", "--sweeps", "window",
                "--windows", "4", "--batch", "1", "--repeats", "1", "--out", out.toString(),
                "--data-dir", data.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("spin-h window=4: nodes 36, edges 654, T 4, B 1: step"
                + " [0-9]+ ms").doesNotContain("exit code");
        Path csv = out.resolve("scaling.csv");
        assertThat(Files.readAllLines(csv)).hasSize(2);
        assertThat(out.resolve("scaling-window-step.png")).isRegularFile();
        Files.delete(out.resolve("scaling-window-step.png"));
        CliRun replot = CliRun.of("bench", "scaling", "--replot", csv.toString(), "--out",
                out.toString());
        assertThat(replot.exitCode()).as(replot.err()).isZero();
        assertThat(out.resolve("scaling-window-step.png")).isRegularFile();
    }
}
