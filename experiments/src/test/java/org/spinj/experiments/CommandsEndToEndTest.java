package org.spinj.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every command end to end on the synthetic dataset with a tiny SPIN (d = 8, L = 1). */
class CommandsEndToEndTest {

    static final String[] TINY = {
        "--dataset", "synthetic", "--window", "12", "--hidden", "8", "--layers", "1",
        "--steps-per-epoch", "2", "--batch-size", "2", "--quiet"
    };

    @TempDir static Path tmp;
    static Path run;

    static String[] args(String... more) {
        return Stream.concat(Stream.of(more), Stream.of(TINY)).toArray(String[]::new);
    }

    static Path onlyRun(Path root) throws IOException {
        try (Stream<Path> s = Files.list(root)) {
            List<Path> dirs = s.toList();
            assertThat(dirs).hasSize(1);
            return dirs.get(0);
        }
    }

    /** Trains the tiny SPIN for one epoch with extra options into {@code out}; its run directory. */
    static Path trainOneEpoch(Path out, String... options) throws IOException {
        String[] train = Stream.concat(Stream.of("train", "--epochs", "1", "--out", out.toString()),
                Stream.of(options)).toArray(String[]::new);
        CliRun r = CliRun.of(args(train));
        assertThat(r.exitCode()).as(r.err()).isZero();
        return onlyRun(out.resolve("synthetic").resolve("spin"));
    }

    @BeforeAll
    static void trainOnce() throws IOException {
        Path out = tmp.resolve("runs");
        CliRun r = CliRun.of(args("train", "--epochs", "2", "--out", out.toString()));
        assertThat(r.exitCode()).as(r.err()).isZero();
        run = onlyRun(out.resolve("synthetic").resolve("spin"));
    }

    @Test
    void trainWritesConfigMetricsCheckpointsAndReport() throws IOException {
        assertThat(run.resolve("config.json")).isRegularFile();
        assertThat(run.resolve("test-metrics.json")).isRegularFile();
        assertThat(run.resolve("checkpoints/model.ckpt")).isRegularFile();
        assertThat(run.resolve("checkpoints/last.ckpt")).isRegularFile();
        assertThat(run.resolve("learning-curve.png")).isRegularFile();
        assertThat(Files.readAllLines(run.resolve("metrics.csv"))).hasSize(3);
        String html = Files.readString(run.resolve("report.html"));
        assertThat(html).contains("data:image/png;base64,").contains("Temporal attention")
                .contains("MAE per node").contains("Training loss");
        JsonObject config = json(run.resolve("config.json"));
        assertThat(config.get("epochs").getAsInt()).isEqualTo(2);
        assertThat(config.get("hidden").getAsInt()).isEqualTo(8);
        assertThat(config.get("window").getAsInt()).isEqualTo(12);
        JsonObject test = json(run.resolve("test-metrics.json")).getAsJsonObject("test");
        assertThat(test.get("mae").getAsDouble()).isPositive().isFinite();
    }

    @Test
    void resumeContinuesFromTheLastCheckpoint() throws IOException {
        Path out = tmp.resolve("resume");
        assertThat(CliRun.of(args("train", "--epochs", "1", "--out", out.toString())).exitCode())
                .isZero();
        Path dir = onlyRun(out.resolve("synthetic").resolve("spin"));
        CliRun r = CliRun.of("train", "--resume", dir.toString(), "--epochs", "2", "--quiet");
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> metrics = Files.readAllLines(dir.resolve("metrics.csv"));
        assertThat(metrics).hasSize(3);
        assertThat(metrics.get(1)).startsWith("0,");
        assertThat(metrics.get(2)).startsWith("1,");
        assertThat(json(dir.resolve("config.json")).get("epochs").getAsInt()).isEqualTo(2);
    }

    @Test
    void commandLineWinsOverTheConfigFile() throws IOException {
        Path cfg = tmp.resolve("cfg.json");
        Files.writeString(cfg, "{\"epochs\": 3, \"seed\": 7, \"hidden\": 4}");
        Path out = tmp.resolve("precedence");
        CliRun r = CliRun.of(args("train", "--config", cfg.toString(), "--epochs", "1",
                "--out", out.toString()));
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonObject c = json(onlyRun(out.resolve("synthetic").resolve("spin")).resolve("config.json"));
        assertThat(c.get("epochs").getAsInt()).isEqualTo(1); // command line
        assertThat(c.get("seed").getAsLong()).isEqualTo(7); // file
        assertThat(c.get("hidden").getAsInt()).isEqualTo(8); // command line (TINY)
    }

    @Test
    void unknownConfigKeyIsAUsageError() throws IOException {
        Path cfg = tmp.resolve("bad.json");
        Files.writeString(cfg, "{\"epoch\": 3}");
        CliRun r = CliRun.of(args("train", "--config", cfg.toString(), "--epochs", "1"));
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("unknown option 'epoch'");
    }

    @Test
    void evaluateRescoresTheRunAndSweepsNewMasks() {
        CliRun r = CliRun.of("evaluate", run.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("test MAE");
        CliRun sweep = CliRun.of("evaluate", run.toString(), "--mask", "point", "--p", "0.5,0.9",
                "--seeds", "1043");
        assertThat(sweep.exitCode()).as(sweep.err()).isZero();
        assertThat(sweep.out()).contains("point").contains("0.500").contains("0.900");
        assertThat(run.resolve("sweep-point.csv")).isRegularFile();
    }

    @Test
    void evaluateByGroupsSplitsTheTargetsBesideInterpolationAndPoolsToThePlainScore()
            throws IOException {
        CliRun plain = CliRun.of("evaluate", "--blend", "off", run.toString());
        assertThat(plain.exitCode()).as(plain.err()).isZero();
        // test MAE <window> per window, <point> per point (<n> window targets, <m> points) ...
        String[] words = plain.out().trim().split("\\s+");
        String perWindow = words[2];
        String perPoint = words[5];
        String points = words[11];
        for (String by : List.of("month", "outage")) {
            CliRun r = CliRun.of("evaluate", "--blend", "off", run.toString(), "--by", by);
            assertThat(r.exitCode()).as(r.err()).isZero();
            List<String> lines = r.out().lines().toList();
            assertThat(lines.get(0)).startsWith("test split by " + by)
                    .contains("against linear interpolation");
            String[] all = lines.stream().filter(l -> l.startsWith("all ")).findFirst()
                    .orElseThrow().trim().split("\\s+");
            assertThat(all[1]).isEqualTo(points);
            assertThat(all[2]).isEqualTo(perWindow);
            assertThat(all[3]).isEqualTo(perPoint);
            assertThat(Double.parseDouble(all[4])).isPositive().isNotEqualTo(
                    Double.parseDouble(all[2]));
            Path csv = run.resolve("breakdown-" + by + "-test.csv");
            List<String> rows = Files.readAllLines(csv);
            assertThat(rows.get(0)).startsWith(by + ",targets,mae_window");
            long sum = rows.stream().skip(1).mapToLong(l -> Long.parseLong(l.split(",")[1])).sum();
            assertThat(sum).isEqualTo(Long.parseLong(points));
        }
        CliRun val = CliRun.of("evaluate", run.toString(), "--by", "outage", "--split", "val");
        assertThat(val.exitCode()).as(val.err()).isZero();
        assertThat(run.resolve("breakdown-outage-val.csv")).isRegularFile();
        // both groupings from one pass: the same tables as one at a time
        CliRun both = CliRun.of("evaluate", run.toString(), "--by", "month,outage");
        assertThat(both.exitCode()).as(both.err()).isZero();
        String month = CliRun.of("evaluate", run.toString(), "--by", "month").out();
        String outage = CliRun.of("evaluate", run.toString(), "--by", "outage").out();
        assertThat(both.out()).isEqualTo(month + outage);
        CliRun bad = CliRun.of("evaluate", run.toString(), "--by", "week");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("--by 'week'").contains("expected month or outage");
        CliRun sweep = CliRun.of("evaluate", run.toString(), "--by", "month", "--mask", "point");
        assertThat(sweep.exitCode()).isEqualTo(2);
        assertThat(sweep.err()).contains("cannot be combined with the --mask sweep");
    }

    @Test
    void trainScoresTheTestSplitWithTheEnsembleItWasGiven() throws IOException {
        Path out = tmp.resolve("ensemble");
        Path dir = trainOneEpoch(out, "--ensemble", "2");
        assertThat(json(dir.resolve("test-metrics.json")).get("ensemble").getAsString())
                .isEqualTo("2 x drop 0.2");
        assertThat(json(dir.resolve("config.json")).get("ensemble").getAsInt()).isEqualTo(2);
        assertThat(json(run.resolve("test-metrics.json")).get("ensemble").getAsString())
                .isEqualTo("none");
        CliRun bad = CliRun.of(args("train", "--epochs", "1", "--ensemble-drop", "-0.1",
                "--out", out.toString()));
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("--ensemble-drop must be in [0, 1)");
    }

    @Test
    void trainWithATemporalReachSavesItAndEvaluateRebuildsTheModel() throws IOException {
        Path out = tmp.resolve("reach");
        Path dir = trainOneEpoch(out, "--reach", "2");
        assertThat(json(dir.resolve("config.json")).get("reach").getAsInt()).isEqualTo(2);
        // the shared run trains under the default wall-time budget, whose SPIN has its own reach
        assertThat(json(run.resolve("config.json")).get("reach").getAsInt())
                .isEqualTo(TrainOptions.BUDGET_SPIN.temporalReach());
        CliRun eval = CliRun.of("evaluate", dir.toString(), "--split", "val");
        assertThat(eval.exitCode()).as(eval.err()).isZero();
        assertThat(eval.out()).startsWith("val MAE");
        CliRun hubs = CliRun.of(args("train", "--epochs", "1", "--model", "spin-h", "--reach",
                "2", "--out", out.toString()));
        assertThat(hubs.exitCode()).isEqualTo(2);
        assertThat(hubs.err()).contains("--reach applies to --model spin only");
        CliRun negative = CliRun.of(args("train", "--epochs", "1", "--reach", "-1", "--out",
                out.toString()));
        assertThat(negative.exitCode()).isEqualTo(2);
        assertThat(negative.err()).contains("--reach must be >= 0");
    }

    @Test
    void trainWithASelfReachSavesItAndRejectsModelsAndDepthsThatCannotUseIt() throws IOException {
        Path out = tmp.resolve("self-reach");
        Path dir = trainOneEpoch(out, "--reach", "2", "--self-reach", "3", "--eta", "1");
        JsonObject config = json(dir.resolve("config.json"));
        assertThat(config.get("self-reach").getAsInt()).isEqualTo(3);
        assertThat(config.get("reach").getAsInt()).isEqualTo(2);
        assertThat(json(run.resolve("config.json")).get("self-reach").getAsInt()).isZero();
        CliRun eval = CliRun.of("evaluate", dir.toString(), "--split", "val");
        assertThat(eval.exitCode()).as(eval.err()).isZero();
        CliRun noLayer = CliRun.of(args("train", "--epochs", "1", "--self-reach", "2", "--out",
                out.toString()));
        assertThat(noLayer.exitCode()).isEqualTo(2);
        assertThat(noLayer.err()).contains("--eta is 0");
        CliRun hubs = CliRun.of(args("train", "--epochs", "1", "--model", "spin-h",
                "--self-reach", "2", "--eta", "1", "--out", out.toString()));
        assertThat(hubs.exitCode()).isEqualTo(2);
        assertThat(hubs.err()).contains("--self-reach applies to --model spin only");
        CliRun negative = CliRun.of(args("train", "--epochs", "1", "--self-reach", "-2",
                "--out", out.toString()));
        assertThat(negative.exitCode()).isEqualTo(2);
        assertThat(negative.err()).contains("--self-reach must be >= 0");
    }

    @Test
    void evaluateAveragesOverReMaskedCopiesOnTheChosenSplit() {
        CliRun plain = CliRun.of("evaluate", run.toString(), "--split", "val");
        assertThat(plain.exitCode()).as(plain.err()).isZero();
        assertThat(plain.out()).startsWith("val MAE").doesNotContain("ensemble");
        CliRun avg = CliRun.of("evaluate", run.toString(), "--split", "val", "--ensemble", "3",
                "--ensemble-drop", "0.3");
        assertThat(avg.exitCode()).as(avg.err()).isZero();
        assertThat(avg.out()).startsWith("val MAE").contains("ensemble 3 x drop 0.3");
        assertThat(avg.out()).isNotEqualTo(plain.out());
        CliRun none = CliRun.of("evaluate", run.toString(), "--ensemble", "0");
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("--ensemble must be >= 1");
        CliRun drop = CliRun.of("evaluate", run.toString(), "--ensemble", "2",
                "--ensemble-drop", "1");
        assertThat(drop.exitCode()).isEqualTo(2);
        assertThat(drop.err()).contains("--ensemble-drop must be in [0, 1)");
        CliRun split = CliRun.of("evaluate", run.toString(), "--split", "train");
        assertThat(split.exitCode()).isEqualTo(2);
        assertThat(split.err()).contains("--split 'train'").contains("expected test or val");
    }

    @Test
    void imputeFillsMissingCellsAndKeepsObservedCellsByteIdentical() throws IOException {
        Path in = tmp.resolve("in.csv");
        List<String> lines = SyntheticCsv.write(in, 60);
        Path outCsv = tmp.resolve("out.csv");
        Path flags = tmp.resolve("flags.csv");
        CliRun r = CliRun.of("impute", "--checkpoint", run.toString(), "--input", in.toString(),
                "--output", outCsv.toString(), "--flags", flags.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> got = Files.readAllLines(outCsv, StandardCharsets.UTF_8);
        List<String> flagLines = Files.readAllLines(flags, StandardCharsets.UTF_8);
        assertThat(got).hasSameSizeAs(lines);
        assertThat(got.get(0)).isEqualTo(lines.get(0));
        int imputed = 0;
        for (int k = 1; k < lines.size(); k++) {
            String[] a = lines.get(k).split(",", -1);
            String[] b = got.get(k).split(",", -1);
            String[] f = flagLines.get(k).split(",", -1);
            assertThat(b).hasSameSizeAs(a);
            for (int c = 1; c < a.length; c++) {
                if (a[c].isEmpty()) {
                    assertThat(Float.parseFloat(b[c])).isFinite();
                    assertThat(f[c]).isEqualTo("1");
                    imputed++;
                } else {
                    assertThat(b[c]).isEqualTo(a[c]);
                    assertThat(f[c]).isEqualTo("0");
                }
            }
        }
        assertThat(imputed).isPositive();
    }

    @Test
    void imputeUsesTheModelThatWasBetterOnValidationUnlessToldOtherwise() throws IOException {
        JsonObject check = JsonParser.parseString(Files.readString(
                run.resolve("test-metrics.json"), StandardCharsets.UTF_8)).getAsJsonObject()
                .getAsJsonObject(BaselineCheck.KEY);
        String use = check.get("use").getAsString();
        JsonObject baselines = check.getAsJsonObject("baselines_val_mae");
        assertThat(baselines.keySet()).containsExactlyElementsOf(ModelChoice.BASELINES);
        double bestBaseline = baselines.entrySet().stream()
                .mapToDouble(e -> e.getValue().getAsDouble()).min().orElseThrow();
        double network = check.get("network_val_mae").getAsDouble();
        // the choice is the lower validation MAE, never the test's
        assertThat(use).isEqualTo(bestBaseline < network
                ? baselines.entrySet().stream()
                        .filter(e -> e.getValue().getAsDouble() == bestBaseline)
                        .findFirst().orElseThrow().getKey()
                : "spin");

        // the dark-step choice is recorded beside it
        JsonObject dark = JsonParser.parseString(Files.readString(
                run.resolve("test-metrics.json"), StandardCharsets.UTF_8)).getAsJsonObject()
                .getAsJsonObject(DarkStepCheck.KEY);
        assertThat(dark.get("use").getAsString()).isIn("network", "interp", "locf");

        Path in = tmp.resolve("use-in.csv");
        SyntheticCsv.write(in, 60);
        CliRun auto = CliRun.of("impute", "--checkpoint", run.toString(), "--input",
                in.toString(), "--output", tmp.resolve("use-auto.csv").toString());
        assertThat(auto.exitCode()).as(auto.err()).isZero();
        assertThat(auto.out()).contains(" with " + use);
        CliRun forced = CliRun.of("impute", "--checkpoint", run.toString(), "--input",
                in.toString(), "--output", tmp.resolve("use-spin.csv").toString(), "--use",
                "spin", "--stride", "1");
        assertThat(forced.exitCode()).as(forced.err()).isZero();
        assertThat(forced.out()).contains(" with spin");
        CliRun interp = CliRun.of("impute", "--checkpoint", run.toString(), "--input",
                in.toString(), "--output", tmp.resolve("use-interp.csv").toString(), "--use",
                "interp");
        assertThat(interp.exitCode()).as(interp.err()).isZero();
        assertThat(interp.out()).contains(" with interp");
        assertThat(Files.readString(tmp.resolve("use-interp.csv")))
                .isNotEqualTo(Files.readString(tmp.resolve("use-spin.csv")));

        CliRun bad = CliRun.of("impute", "--checkpoint", run.toString(), "--input",
                in.toString(), "--output", tmp.resolve("x.csv").toString(), "--use", "lstm");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("--use lstm is not understood; expected auto, spin or");
        CliRun stride = CliRun.of("impute", "--checkpoint", run.toString(), "--input",
                in.toString(), "--output", tmp.resolve("x.csv").toString(), "--use", "spin",
                "--stride", "0");
        assertThat(stride.exitCode()).isEqualTo(2);
        assertThat(stride.err()).contains("--stride 0 must be in 1..");
    }

    @Test
    void imputeRejectsUnknownNodesAndAnotherFrequency() throws IOException {
        Path in = tmp.resolve("renamed.csv");
        List<String> lines = SyntheticCsv.write(in, 30);
        Files.writeString(in, String.join("\n", lines).replaceFirst(",([^,]+)\n", ",zz\n") + "\n");
        CliRun r = CliRun.of("impute", "--checkpoint", run.toString(), "--input", in.toString(),
                "--output", tmp.resolve("x.csv").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("node ids the model does not know: [zz]");
        Path hourly = tmp.resolve("hourly.csv");
        SyntheticCsv.writeHourly(hourly, 30);
        CliRun h = CliRun.of("impute", "--checkpoint", run.toString(), "--input",
                hourly.toString(), "--output", tmp.resolve("y.csv").toString());
        assertThat(h.exitCode()).isEqualTo(2);
        assertThat(h.err()).contains("the model was trained on a step of PT15M");
    }

    @Test
    void compareWritesTableCsvAndChart() throws IOException {
        Path out = tmp.resolve("compare");
        CliRun r = CliRun.of(args("compare", "--models", "mean,interp,knn", "--out",
                out.toString()));
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("mean").contains("interp").contains("knn").contains("MAE");
        Path dir = onlyRun(out.resolve("synthetic").resolve("compare"));
        assertThat(Files.readAllLines(dir.resolve("compare.csv"))).hasSize(4);
        assertThat(dir.resolve("compare.png")).isRegularFile();
    }

    @Test
    void datasetsListsWhereEachIsLookedForAndDescribeGivesStatistics() {
        CliRun list = CliRun.of("datasets");
        assertThat(list.exitCode()).isZero();
        assertThat(list.out()).contains("synthetic: found").contains("aqi36: ")
                .contains("looking in: ");
        CliRun d = CliRun.of("datasets", "describe", "synthetic");
        assertThat(d.exitCode()).as(d.err()).isZero();
        assertThat(d.out()).contains("nodes: 36").contains("steps: 2688")
                .contains("frequency: PT15M").contains("edges: 154").contains("in_degree: min");
    }

    @Test
    void demoTrainsComparesAndPrintsTheReportPath() {
        CliRun r = CliRun.of("demo", "--out", tmp.resolve("demo").toString(), "--epochs", "1",
                "--steps-per-epoch", "2", "--models", "spin,interp", "--quiet");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("spin").contains("interp").containsPattern("report: .*report.html");
        String path = r.out().lines().filter(l -> l.startsWith("report: ")).findFirst().get()
                .substring(8);
        assertThat(Path.of(path)).isRegularFile();
    }

    @ParameterizedTest
    @ValueSource(strings = {"train", "evaluate", "impute", "compare", "datasets", "demo", "bench", "params"})
    void everyCommandHasHelp(String command) {
        CliRun r = CliRun.of(command, "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Usage: spinj " + command);
    }

    @Test
    void aCheckpointOutsideARunIgnoresAConfigTwoFoldersUp() throws IOException {
        // only <run>/checkpoints/*.ckpt reads <run>/config.json; a stray config.json two folders
        // above a copied checkpoint (here one naming another dataset) must not be picked up
        Path nest = tmp.resolve("stray");
        Path copy = nest.resolve("sub").resolve("imported.ckpt");
        Files.createDirectories(copy.getParent());
        Path npz = nest.resolve("params.npz");
        assertThat(CliRun.of("params", "export", run.toString(), npz.toString()).exitCode())
                .isZero();
        CliRun im = CliRun.of("params", "import", run.toString(), npz.toString(), "--out",
                copy.toString());
        assertThat(im.exitCode()).as(im.err()).isZero();
        JsonObject stray = json(run.resolve("config.json"));
        stray.addProperty("dataset", "aqi36");
        stray.addProperty("data-dir", nest.resolve("no-such-data").toString());
        Files.writeString(nest.resolve("config.json"), stray.toString());
        CliRun a = CliRun.of("evaluate", "--blend", "off", run.toString());
        CliRun b = CliRun.of("evaluate", "--blend", "off", copy.toString());
        assertThat(b.exitCode()).as(b.err()).isZero();
        assertThat(b.out()).isEqualTo(a.out());
    }

    @Test
    void paramsExportThenImportGivesTheSameTestScore() throws IOException {
        Path npz = tmp.resolve("params.npz");
        CliRun ex = CliRun.of("params", "export", run.toString(), npz.toString());
        assertThat(ex.exitCode()).as(ex.err()).isZero();
        assertThat(ex.out()).contains("wrote").contains(npz.toString());
        Path copy = tmp.resolve("imported.ckpt");
        CliRun im = CliRun.of("params", "import", run.toString(), npz.toString(),
                "--out", copy.toString());
        assertThat(im.exitCode()).as(im.err()).isZero();
        CliRun a = CliRun.of("evaluate", "--blend", "off", run.toString());
        CliRun b = CliRun.of("evaluate", "--blend", "off", copy.toString());
        assertThat(a.exitCode()).as(a.err()).isZero();
        assertThat(b.exitCode()).as(b.err()).isZero();
        assertThat(b.out()).isEqualTo(a.out()).contains("test MAE");
        assertUsage(CliRun.of("params", "import", run.toString(),
                tmp.resolve("none.npz").toString(), "--out", tmp.resolve("x.ckpt").toString()),
                "does not exist");
        assertThat(tmp.resolve("x.ckpt")).doesNotExist();
    }

    @Test
    void spinHTrainsEndToEnd() throws IOException {
        Path out = tmp.resolve("runs-h");
        CliRun r = CliRun.of(args("train", "--model", "spin-h", "--epochs", "1", "--eta", "1",
                "--out", out.toString()));
        assertThat(r.exitCode()).as(r.err()).isZero();
        Path h = onlyRun(out.resolve("synthetic").resolve("spin-h"));
        assertThat(json(h.resolve("test-metrics.json")).getAsJsonObject("test").get("mae")
                .getAsDouble()).isPositive();
        assertThat(h.resolve("report.html")).isRegularFile();
        // visualize works on SPIN-H too: spatial plots, temporal ones skipped with a note
        CliRun v = CliRun.of("visualize", h.toString(), "--layer", "0");
        assertThat(v.exitCode()).as(v.err()).isZero();
        assertThat(v.out()).contains("top-edges-layer0").contains("temporal plots skipped")
                .contains("learning-curve.png");
    }

    @Test
    void badArgumentsAreOneLineUsageErrors() {
        assertUsage(CliRun.of("train", "--dataset", "nope"), "unknown dataset 'nope'");
        assertUsage(CliRun.of("train", "--csv", tmp.resolve("missing.csv").toString(),
                "--nodes", "n.csv"), "no such file");
        assertUsage(CliRun.of(args("train", "--epochs", "-3")), "--epochs must be >= 1, got -3");
        assertUsage(CliRun.of("train", "--dataset", "synthetic", "--window", "5000"),
                "--window 5000 is too large");
        assertUsage(CliRun.of("train", "--model", "spin-x"), "unknown model 'spin-x'");
        assertUsage(CliRun.of("train", "--budget", "soon"), "--budget 'soon' is not understood");
        assertUsage(CliRun.of("train", "--epochs", "many"), "Invalid value");
    }

    private static void assertUsage(CliRun r, String message) {
        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        assertThat(r.err().strip().lines()).as(r.err()).hasSize(1);
        assertThat(r.err()).contains(message).doesNotContain("at org.");
    }

    private static JsonObject json(Path p) throws IOException {
        return JsonParser.parseString(Files.readString(p)).getAsJsonObject();
    }
}
