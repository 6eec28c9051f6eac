package org.spinj.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code spinj visualize} on a tiny SPIN (d = 8, L = 2, T = 8) trained on the synthetic data. */
class VisualizeCommandTest {

    @TempDir static Path tmp;
    static Path run;

    @BeforeAll
    static void trainTiny() throws IOException {
        Path out = tmp.resolve("runs");
        CliRun r = CliRun.of("train", "--dataset", "synthetic", "--epochs", "1",
                "--steps-per-epoch", "2", "--batch-size", "2", "--hidden", "8", "--layers", "2",
                "--eta", "1", "--window", "8", "--out", out.toString(), "--quiet");
        assertThat(r.exitCode()).as(r.err()).isZero();
        try (Stream<Path> s = Files.list(out.resolve("synthetic").resolve("spin"))) {
            List<Path> dirs = s.toList();
            assertThat(dirs).hasSize(1);
            run = dirs.get(0);
        }
    }

    @Test
    void writesEveryPlotAtTheRequestedSizeAndPrintsTheirPaths() throws IOException {
        Path plots = tmp.resolve("plots");
        CliRun r = CliRun.of("visualize", run.toString(), "--layer", "0", "--node", "3", "--t",
                "5", "--size", "640x400", "--out", plots.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> paths = r.out().lines().filter(p -> p.endsWith(".png")).toList();
        assertThat(paths).hasSize(8); // synthetic has coordinates: the map is drawn
        assertThat(paths).anyMatch(p -> p.endsWith("learning-curve.png"))
                .anyMatch(p -> p.endsWith("temporal-layer0-node-" + nodeId(3) + ".png"))
                .anyMatch(p -> p.endsWith("layers-node-" + nodeId(3) + ".png"))
                .anyMatch(p -> p.endsWith("band-layer0-node-" + nodeId(3) + ".png"))
                .anyMatch(p -> p.endsWith("top-edges-layer0-t5.png"))
                .anyMatch(p -> p.endsWith("map-layer0-t5.png"))
                .anyMatch(p -> p.endsWith("series-node-" + nodeId(3) + ".png"))
                .anyMatch(p -> p.endsWith("mae-per-hour.png"));
        for (String p : paths) {
            BufferedImage img = ImageIO.read(Path.of(p).toFile());
            assertThat(img).as(p).isNotNull();
            assertThat(img.getWidth()).as(p).isEqualTo(640);
            assertThat(img.getHeight()).as(p).isEqualTo(400);
            assertThat(Path.of(p).getParent()).isEqualTo(plots);
            assertThat(RenderedImage.distinctColours(img)).as(p).isGreaterThan(4);
        }
        assertThat(r.out()).contains(plots.resolve(VisualizeCommand.STATISTICS_FILE).toString())
                .contains("attention statistics of test window");
    }

    @Test
    void printsAndWritesTheAttentionStatisticsOfEveryTemporalLayer() throws IOException {
        Path plots = tmp.resolve("stats");
        CliRun r = CliRun.of("visualize", run.toString(), "--out", plots.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();

        List<String> csv = Files.readAllLines(plots.resolve(VisualizeCommand.STATISTICS_FILE));
        assertThat(csv.get(0)).isEqualTo("layer,attends over,locality (steps),symmetry,"
                + "entropy (nats),entropy / uniform");
        assertThat(csv.subList(1, csv.size())).extracting(l -> l.split(",")[0]).containsExactly(
                "layer0.cross", "layer0.self", "layer1.cross", "layer1.self");
        for (String line : csv.subList(1, csv.size())) {
            String[] cells = line.split(",");
            double locality = Double.parseDouble(cells[2]);
            double symmetry = Double.parseDouble(cells[3]);
            double relative = Double.parseDouble(cells[5]);
            // T = 8: a distance is at most 7; both scores are fractions
            assertThat(locality).as(line).isBetween(0.0, 7.0);
            assertThat(symmetry).as(line).isBetween(0.0, 1.0);
            assertThat(relative).as(line).isBetween(0.0, 1.0 + 1e-9);
        }
        assertThat(csv.get(2)).contains("36 nodes");
        assertThat(csv.get(1)).containsPattern(",\\d+ spatial edges,");
        assertThat(r.out()).contains("layer1.self").contains("locality (steps)");
    }

    @Test
    void acceptsANodeIdAndDefaultsToTheLastLayerInThePlotsFolder() {
        CliRun r = CliRun.of("visualize", run.toString(), "--node", nodeId(0));
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("temporal-layer1-node-" + nodeId(0) + ".png")
                .contains("top-edges-layer1-t7.png");
        assertThat(run.resolve("plots").resolve("layers-node-" + nodeId(0) + ".png"))
                .isRegularFile();
    }

    @Test
    void layerOutOfRangeIsAUsageError() {
        CliRun r = CliRun.of("visualize", run.toString(), "--layer", "2");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--layer 2 is out of range: the model has 2 layers")
                .hasLineCount(1);
    }

    @Test
    void unknownNodeIsAUsageError() {
        CliRun r = CliRun.of("visualize", run.toString(), "--node", "no-such-node");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--node 'no-such-node' is neither a node id nor an index 0..35")
                .hasLineCount(1);
        CliRun index = CliRun.of("visualize", run.toString(), "--node", "36");
        assertThat(index.exitCode()).isEqualTo(2);
    }

    @Test
    void badOptionsWriteNoPlotAtAll() {
        Path out = tmp.resolve("refused-plots");
        for (String[] bad : new String[][] {{"--node", "no-such-node"}, {"--t", "8"},
                {"--test-window", "100000"}}) {
            CliRun r = CliRun.of("visualize", run.toString(), "--out", out.toString(), bad[0],
                    bad[1]);
            assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
            assertThat(out).as("after %s %s", bad[0], bad[1]).doesNotExist();
        }
    }

    @Test
    void stepOutsideTheWindowIsAUsageError() {
        CliRun r = CliRun.of("visualize", run.toString(), "--t", "8");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--t 8 is out of range: the window has 8 steps");
    }

    @Test
    void missingRunDirectoryIsAUsageError() {
        CliRun r = CliRun.of("visualize", tmp.resolve("nope").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("no such run directory").hasLineCount(1);
    }

    private static String nodeId(int index) {
        return TaskPreparation.series(DataSpec.of("synthetic")).nodeIds().get(index);
    }
}
