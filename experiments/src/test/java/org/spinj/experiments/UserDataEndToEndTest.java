package org.spinj.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinj.datasets.SpatioTemporalSeries;
import org.spinj.datasets.synthetic.SyntheticTraffic;

/**
 * A user's own data end to end: {@code train} and {@code datasets describe} on a CSV the test
 * writes, {@code evaluate} rebuilding the task (CSV, graph, evaluation mask) from what training
 * stored, and the errors when a file has moved or the node count differs.
 */
class UserDataEndToEndTest {

    static final String[] TINY = {
        "--window", "12", "--hidden", "8", "--layers", "1", "--steps-per-epoch", "2",
        "--batch-size", "2", "--epochs", "1", "--quiet"
    };

    @TempDir static Path tmp;
    static Path csv;
    static Path adjacency;
    static Path nodes;
    static Path csvRun;

    static String[] with(String[] tail, String... head) {
        List<String> a = new ArrayList<>(List.of(head));
        a.addAll(List.of(tail));
        return a.toArray(String[]::new);
    }

    /** A ring over the 36 synthetic nodes, as a dense adjacency CSV. */
    static void writeRing(Path file, int n) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                sb.append(j == 0 ? "" : ",").append(j == (i + 1) % n || i == (j + 1) % n ? "1" : "0");
            }
            sb.append('\n');
        }
        Files.writeString(file, sb.toString());
    }

    static void writeNodes(Path file) throws IOException {
        SpatioTemporalSeries s = SyntheticTraffic.generate(0);
        StringBuilder sb = new StringBuilder("id,latitude,longitude\n");
        for (int i = 0; i < s.numNodes(); i++) {
            sb.append(String.format(Locale.ROOT, "%s,%.6f,%.6f%n", s.nodeIds().get(i),
                    s.latitudes()[i], s.longitudes()[i]));
        }
        Files.writeString(file, sb.toString());
    }

    static double testMae(Path run) throws IOException {
        JsonObject m = JsonParser.parseString(Files.readString(run.resolve("test-metrics.json")))
                .getAsJsonObject();
        return m.getAsJsonObject("test").get("mae").getAsDouble();
    }

    static String maeLine(double mae) {
        return String.format(Locale.ROOT, "test MAE %.4f ", mae);
    }

    @BeforeAll
    static void trainOnACsv() throws IOException {
        Path data = Files.createDirectories(tmp.resolve("data"));
        csv = data.resolve("values.csv");
        SyntheticCsv.write(csv, 400);
        adjacency = data.resolve("ring.csv");
        writeRing(adjacency, 36);
        nodes = data.resolve("stations.csv");
        writeNodes(nodes);
        Path out = tmp.resolve("runs");
        CliRun r = CliRun.of(with(TINY, "train", "--csv", csv.toString(), "--adjacency",
                adjacency.toString(), "--out", out.toString()));
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("test MAE");
        csvRun = CommandsEndToEndTest.onlyRun(out.resolve("values").resolve("spin"));
    }

    @Test
    void trainOnACsvStoresItsDataOptionsAsAbsolutePaths() throws IOException {
        JsonObject config = new RunDirectory(csvRun).config();
        assertThat(config.get("dataset").isJsonNull()).isTrue();
        assertThat(Path.of(config.get("csv").getAsString())).isAbsolute().isEqualTo(csv.toAbsolutePath());
        assertThat(config.get("adjacency").getAsString()).isEqualTo(adjacency.toAbsolutePath().toString());
        assertThat(testMae(csvRun)).isPositive().isFinite();
    }

    @Test
    void evaluateRebuildsTheCsvTaskFromTheCheckpointAlone() throws IOException {
        CliRun r = CliRun.of("evaluate", csvRun.resolve("checkpoints/model.ckpt").toString(),
                "--quiet");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains(maeLine(testMae(csvRun)));
        // the trainer's checkpoints carry no data options: evaluate reads the run's config.json
        CliRun last = CliRun.of("evaluate", csvRun.resolve("checkpoints/last.ckpt").toString(),
                "--quiet");
        assertThat(last.exitCode()).as(last.err()).isZero();
        assertThat(last.out()).contains("test MAE");
    }

    @Test
    void evaluateRestoresABlockEvalMaskAndNamesAMovedCsv() throws IOException {
        Path moved = Files.createDirectories(tmp.resolve("moved"));
        Path copy = moved.resolve("values.csv");
        Files.copy(csv, copy);
        Path out = tmp.resolve("block-runs");
        CliRun t = CliRun.of(with(TINY, "train", "--csv", copy.toString(), "--adjacency",
                adjacency.toString(), "--eval-mask", "block", "--out", out.toString()));
        assertThat(t.exitCode()).as(t.err()).isZero();
        Path dir = CommandsEndToEndTest.onlyRun(out.resolve("values").resolve("spin"));
        Path ckpt = dir.resolve("checkpoints/model.ckpt");
        String block = maeLine(testMae(dir));
        CliRun r = CliRun.of("evaluate", ckpt.toString(), "--quiet");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains(block);
        // scoring the point mask instead gives another figure: the stored mask is what mattered
        CliRun point = CliRun.of("evaluate", ckpt.toString(), "--eval-mask", "point", "--quiet");
        assertThat(point.exitCode()).as(point.err()).isZero();
        assertThat(point.out()).contains("test MAE").doesNotContain(block);

        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere")).resolve("renamed.csv");
        Files.move(copy, elsewhere);
        CliRun gone = CliRun.of("evaluate", ckpt.toString(), "--quiet");
        assertThat(gone.exitCode()).isEqualTo(2);
        assertThat(gone.err().lines().count()).isEqualTo(1);
        assertThat(gone.err()).contains(ckpt + " was trained on the data CSV "
                + copy.toAbsolutePath() + ", which no longer exists; pass --csv FILE with its new"
                + " place");
        CliRun fixed = CliRun.of("evaluate", ckpt.toString(), "--csv", elsewhere.toString(),
                "--quiet");
        assertThat(fixed.exitCode()).as(fixed.err()).isZero();
        assertThat(fixed.out()).contains(block);
        CliRun wrong = CliRun.of("evaluate", ckpt.toString(), "--csv",
                moved.resolve("nope.csv").toString(), "--quiet");
        assertThat(wrong.exitCode()).isEqualTo(2);
        assertThat(wrong.err()).contains("--csv " + moved.resolve("nope.csv") + ": no such file");
    }

    @Test
    void evaluateNamesAMissingEvalMaskFile() {
        CliRun r = CliRun.of("evaluate", csvRun.resolve("checkpoints/model.ckpt").toString(),
                "--quiet", "--eval-mask", tmp.resolve("absent-mask.csv").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--eval-mask " + tmp.resolve("absent-mask.csv")
                + ": no such mask file");
    }

    @Test
    void describeReadsACsvWithNodesOrAdjacency() {
        CliRun n = CliRun.of("datasets", "describe", "--csv", csv.toString(), "--nodes",
                nodes.toString());
        assertThat(n.exitCode()).as(n.err()).isZero();
        assertThat(n.out()).contains("nodes: 36").contains("steps: 400")
                .contains("frequency: PT15M").contains("in_degree: min");
        CliRun a = CliRun.of("datasets", "describe", "--csv", csv.toString(), "--adjacency",
                adjacency.toString());
        assertThat(a.exitCode()).as(a.err()).isZero();
        assertThat(a.out()).contains("nodes: 36").contains("edges: 72");
    }

    @Test
    void trainOnACsvWithNodesBuildsTheGaussianGraph() throws IOException {
        Path out = tmp.resolve("nodes-runs");
        CliRun r = CliRun.of(with(TINY, "train", "--csv", csv.toString(), "--nodes",
                nodes.toString(), "--model", "mean", "--out", out.toString()));
        assertThat(r.exitCode()).as(r.err()).isZero();
        Path dir = CommandsEndToEndTest.onlyRun(out.resolve("values").resolve("mean"));
        assertThat(testMae(dir)).isPositive().isFinite();
        CliRun e = CliRun.of("evaluate", dir.toString(), "--quiet");
        assertThat(e.exitCode()).as(e.err()).isZero();
        assertThat(e.out()).contains(maeLine(testMae(dir)));
    }

    @Test
    void evaluateAndImputeShowProgressOnStderrUnlessQuiet() throws IOException {
        String ckpt = csvRun.resolve("checkpoints/model.ckpt").toString();
        CliRun loud = CliRun.of("evaluate", ckpt);
        assertThat(loud.exitCode()).as(loud.err()).isZero();
        assertThat(loud.err()).contains("evaluate ").contains("(100%)  test split")
                .containsPattern("evaluate: \\d+ steps in \\d+s");
        assertThat(loud.out()).doesNotContain("ETA");
        CliRun quiet = CliRun.of("evaluate", ckpt, "--quiet");
        assertThat(quiet.err()).isEmpty();

        CliRun sweep = CliRun.of("evaluate", ckpt, "--mask", "point", "--p", "0.5", "--seeds",
                "1043,2043");
        assertThat(sweep.exitCode()).as(sweep.err()).isZero();
        assertThat(sweep.err()).contains("evaluate point sweep ")
                .contains("(100%)  p=0.500 seed 2043").contains("evaluate point sweep: ");
        CliRun quietSweep = CliRun.of("--quiet", "evaluate", ckpt, "--mask", "block", "--p",
                "0.1", "--seeds", "1043");
        assertThat(quietSweep.exitCode()).as(quietSweep.err()).isZero();
        assertThat(quietSweep.err()).isEmpty();

        Path in = tmp.resolve("to-fill.csv");
        SyntheticCsv.write(in, 60);
        CliRun impute = CliRun.of("impute", "--checkpoint", csvRun.toString(), "--input",
                in.toString(), "--output", tmp.resolve("filled-loud.csv").toString(), "--use",
                "spin", "--stride", "1");
        assertThat(impute.exitCode()).as(impute.err()).isZero();
        assertThat(impute.err()).contains("impute 1/2 (50%)  ETA ").contains("impute 2/2 (100%)  ETA 0s")
                .containsPattern("impute: \\d+ steps in \\d+s");
        CliRun quietImpute = CliRun.of("impute", "--checkpoint", csvRun.toString(), "--input",
                in.toString(), "--output", tmp.resolve("filled-quiet.csv").toString(), "--use",
                "spin", "--stride", "1", "-q");
        assertThat(quietImpute.exitCode()).as(quietImpute.err()).isZero();
        assertThat(quietImpute.err()).isEmpty();
        assertThat(Files.readString(tmp.resolve("filled-quiet.csv")))
                .isEqualTo(Files.readString(tmp.resolve("filled-loud.csv")));
    }

    @Test
    void imputeRejectsAnotherNodeCount() throws IOException {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        List<String> fewer = new ArrayList<>();
        for (String line : lines) {
            fewer.add(line.substring(0, line.lastIndexOf(','))); // drop the last node column
        }
        Path in = tmp.resolve("fewer.csv");
        Files.write(in, fewer, StandardCharsets.UTF_8);
        CliRun r = CliRun.of("impute", "--checkpoint", csvRun.toString(), "--input",
                in.toString(), "--output", tmp.resolve("filled.csv").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains(in + " has 35 node columns, the model was trained on 36");
    }

    @Test
    void imputeRefusesToWriteOverItsInput() throws IOException {
        Path in = tmp.resolve("keep.csv");
        List<String> lines = SyntheticCsv.write(in, 60);
        Files.createDirectories(tmp.resolve("sub"));
        Path link = tmp.resolve("keep-link.csv");
        Files.createSymbolicLink(link, in);
        for (Path out : List.of(in, tmp.resolve("sub").resolve("..").resolve("keep.csv"), link)) {
            CliRun r = CliRun.of("impute", "--checkpoint", csvRun.toString(), "--input",
                    in.toString(), "--output", out.toString(), "--use", "mean");
            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.err().strip().lines()).hasSize(1);
            assertThat(r.err()).contains("--output " + out + " is the --input file");
        }
        CliRun flags = CliRun.of("impute", "--checkpoint", csvRun.toString(), "--input",
                in.toString(), "--output", tmp.resolve("other.csv").toString(), "--flags",
                in.toString(), "--use", "mean");
        assertThat(flags.exitCode()).isEqualTo(2);
        assertThat(flags.err()).contains("--flags " + in + " is the --input file");
        assertThat(Files.readAllLines(in, StandardCharsets.UTF_8)).isEqualTo(lines);
        assertThat(tmp.resolve("other.csv")).doesNotExist();
    }

    @Test
    void imputeWarnsOfNodesWithoutObservationsAndFlagsTheirCellsWithTwo() throws IOException {
        Path in = tmp.resolve("blind.csv");
        List<String> lines = SyntheticCsv.write(in, 60);
        List<String> blanked = new ArrayList<>();
        for (String line : lines) {
            String[] cells = line.split(",", -1);
            if (blanked.size() > 0) {
                cells[2] = ""; // the second node never observed
                cells[5] = ""; // nor the fifth
            }
            blanked.add(String.join(",", cells));
        }
        Files.write(in, blanked, StandardCharsets.UTF_8);
        String[] header = blanked.get(0).split(",");
        Path flagFile = tmp.resolve("blind-flags.csv");
        CliRun r = CliRun.of("impute", "--checkpoint", csvRun.toString(), "--input",
                in.toString(), "--output", tmp.resolve("blind-out.csv").toString(), "--flags",
                flagFile.toString(), "--use", "mean", "-q");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err().strip()).isEqualTo("impute: warning: 2 of 36 nodes have no observation"
                + " in " + in + ": " + header[2] + ", " + header[5] + "; their cells rest on the"
                + " other nodes alone (flag 2)");
        List<String> flagLines = Files.readAllLines(flagFile, StandardCharsets.UTF_8);
        assertThat(flagLines).hasSize(61);
        for (String line : flagLines.subList(1, 61)) {
            String[] f = line.split(",");
            assertThat(f[2]).isEqualTo("2");
            assertThat(f[5]).isEqualTo("2");
            assertThat(f[1]).isIn("0", "1");
        }

        List<String> empty = new ArrayList<>(List.of(blanked.get(0)));
        for (String line : blanked.subList(1, blanked.size())) {
            empty.add(line.substring(0, line.indexOf(',')) + ",".repeat(36));
        }
        Path none = tmp.resolve("empty.csv");
        Files.write(none, empty, StandardCharsets.UTF_8);
        CliRun all = CliRun.of("impute", "--checkpoint", csvRun.toString(), "--input",
                none.toString(), "--output", tmp.resolve("empty-out.csv").toString(), "--flags",
                flagFile.toString(), "--use", "spin", "--dark-steps", "network", "-q");
        assertThat(all.exitCode()).as(all.err()).isZero();
        assertThat(all.err().strip()).isEqualTo("impute: warning: " + none + " has no observation"
                + " at all; every cell is filled without information (flag 2)");
        assertThat(Files.readAllLines(flagFile, StandardCharsets.UTF_8).subList(1, 61))
                .allMatch(line -> line.substring(line.indexOf(',') + 1)
                        .equals(String.join(",", java.util.Collections.nCopies(36, "2"))));
    }

    @Test
    void imputeAndEvaluateRefuseNonFiniteImputations() throws IOException {
        Path nan = tmp.resolve("nan.ckpt");
        Path ckpt = csvRun.resolve("checkpoints/model.ckpt");
        JsonObject meta;
        try (ai.djl.ndarray.NDManager m = ai.djl.ndarray.NDManager.newBaseManager()) {
            meta = org.spinj.spin.io.Checkpoint.read(ckpt, m).meta();
        }
        try (org.spinj.spin.ImputationModel model =
                org.spinj.spin.ImputationModel.load(ckpt, ai.djl.Device.cpu())) {
            for (ai.djl.ndarray.NDArray p : model.network().logicalParameters().values()) {
                // finite weights whose products overflow float32: a checkpoint with NaN itself is
                // refused at load, an exploding network must still not write Infinity or NaN
                float[] v = new float[(int) p.size()];
                java.util.Arrays.fill(v, 1e30f);
                p.set(v);
            }
            model.save(nan, meta);
        }
        Path in = tmp.resolve("nan-in.csv");
        SyntheticCsv.write(in, 60);
        Path out = tmp.resolve("nan-out.csv");
        CliRun r = CliRun.of("impute", "--checkpoint", nan.toString(), "--input", in.toString(),
                "--output", out.toString(), "--use", "spin", "--dark-steps", "network", "-q");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).containsPattern("the imputation is (NaN|-?Infinity) at step \\d+ \\(\\S+\\) for"
                + " node '[^']+'; expected a finite value");
        assertThat(out).doesNotExist();

        CliRun e = CliRun.of("evaluate", nan.toString(), "--dark-steps", "network", "--blend", "off",
                "--quiet");
        assertThat(e.exitCode()).isEqualTo(1);
        assertThat(e.err().strip().lines()).hasSize(1);
        assertThat(e.err()).containsPattern("the imputation is (NaN|-?Infinity) at step \\d+ \\(\\S+\\) in"
                + " window \\d+ for node '[^']+'");
        assertThat(e.out()).doesNotContain("MAE");
    }
}
