package org.spinj.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link DataProvenance}: what training stores, and every message of a failed restore. */
class DataProvenanceTest {

    @TempDir Path tmp;

    private static final DataProvenance.Overrides NONE = DataProvenance.Overrides.NONE;

    private Path file(String name) throws IOException {
        return Files.writeString(tmp.resolve(name), "x\n");
    }

    @Test
    void storesAbsolutePathsAndReadsThemBack() throws IOException {
        Path csv = file("v.csv");
        Path mask = file("mask.csv");
        DataProvenance p = new DataProvenance(new DataSpec(null, csv, null, file("a.csv"),
                null, null, mask.toString(), null, 12));
        JsonObject meta = new JsonObject();
        meta.add(DataProvenance.KEY, p.toJson());
        DataProvenance back = DataProvenance.of(meta);
        assertThat(back).isEqualTo(p);
        assertThat(back.spec().csv()).isAbsolute();
        assertThat(back.spec().window()).isEqualTo(12);
        assertThat(back.restore("ckpt", NONE)).isEqualTo(p.spec());
        assertThat(DataProvenance.evalMask("block")).isEqualTo("block");
        assertThat(DataProvenance.evalMask("absent.csv")).isEqualTo("absent.csv");
        assertThat(DataProvenance.of(new JsonObject())).isNull();
    }

    @Test
    void readsARunConfigWithoutTheDataKey() {
        JsonObject config = new JsonObject();
        config.addProperty("dataset", "synthetic");
        config.add("csv", null);
        config.addProperty("window", 8);
        DataProvenance p = DataProvenance.of(config);
        assertThat(p.spec()).isEqualTo(DataSpec.of("synthetic").withWindow(8));
    }

    @Test
    void namesEachMovedFileAndItsOption() throws IOException {
        Path csv = file("v.csv");
        Path nodes = file("n.csv");
        Path adj = file("a.csv");
        Path mask = file("m.csv");
        DataProvenance byNodes = new DataProvenance(new DataSpec(null, csv, nodes, null,
                null, null, mask.toString(), null, 12));
        Files.delete(nodes);
        assertThatThrownBy(() -> byNodes.restore("run.ckpt", NONE)).hasMessage("run.ckpt was"
                + " trained on the node coordinates " + nodes + ", which no longer exists; pass"
                + " --nodes FILE with its new place");
        Path nodes2 = file("n2.csv");
        assertThat(byNodes.restore("run.ckpt", new DataProvenance.Overrides(null, nodes2, null,
                null, null, null)).nodes()).isEqualTo(nodes2);
        DataProvenance p = new DataProvenance(new DataSpec(null, csv, null, adj,
                null, null, mask.toString(), null, 12));
        Files.delete(adj);
        assertThatThrownBy(() -> p.restore("run.ckpt", NONE)).hasMessage("run.ckpt was trained"
                + " on the adjacency matrix " + adj + ", which no longer exists; pass --adjacency"
                + " FILE with its new place");
        Path adj2 = file("a2.csv");
        DataProvenance.Overrides o2 = new DataProvenance.Overrides(null, null, adj2, null, null,
                null);
        Files.delete(mask);
        assertThatThrownBy(() -> p.restore("run.ckpt", o2)).hasMessage("run.ckpt was scored on"
                + " the evaluation mask " + mask + ", which no longer exists; pass --eval-mask"
                + " FILE with its new place (or point or block for an injected mask)");
        DataSpec restored = p.restore("run.ckpt",
                new DataProvenance.Overrides(null, null, adj2, null, "point", null));
        assertThat(restored.adjacency()).isEqualTo(adj2);
        assertThat(restored.evalMask()).isEqualTo("point");
        assertThat(restored.csv()).isEqualTo(csv);
        // a moved file given as a directory is named as one
        assertThatThrownBy(() -> p.restore("run.ckpt", new DataProvenance.Overrides(null, null,
                tmp, null, "point", null))).hasMessage("--adjacency " + tmp + " is a directory,"
                + " expected a file");
    }

    @Test
    void aRunStoredWithCoordinatesBesideItsAdjacencyKeepsTheAdjacencyGraph() {
        JsonObject c = new JsonObject();
        c.addProperty("csv", "v.csv");
        c.addProperty("nodes", "n.csv");
        c.addProperty("adjacency", "a.csv");
        DataSpec s = DataSpec.fromConfig(c);
        assertThat(s.adjacency()).isEqualTo(Path.of("a.csv"));
        assertThat(s.nodes()).isNull();
    }

    @Test
    void distancesAndZoneRoundTripAndAMovedDistanceListNamesItsOption() throws IOException {
        Path csv = file("v.csv");
        Path distances = file("d.csv");
        DataProvenance p = new DataProvenance(new DataSpec(null, csv, null, null, distances,
                "Asia/Shanghai", null, null, 24));
        JsonObject meta = new JsonObject();
        meta.add(DataProvenance.KEY, p.toJson());
        DataProvenance back = DataProvenance.of(meta);
        assertThat(back).isEqualTo(p);
        assertThat(back.spec().zone()).isEqualTo("Asia/Shanghai");
        assertThat(back.restore("c", DataProvenance.Overrides.NONE).distances())
                .isEqualTo(distances.toAbsolutePath().normalize());
        Files.delete(distances);
        assertThatThrownBy(() -> p.restore("c", DataProvenance.Overrides.NONE))
                .hasMessageContaining("the distance list")
                .hasMessageContaining("pass --distances FILE");
    }

    @Test
    void rejectsCsvOptionsForADatasetAndAMissingDataDirectory() {
        Path gone = tmp.resolve("gone");
        DataProvenance p = new DataProvenance(new DataSpec("synthetic", null, null, null, null,
                null, null, gone, 24));
        assertThatThrownBy(() -> p.restore("c", new DataProvenance.Overrides(tmp.resolve("x.csv"),
                null, null, null, null, null)))
                .hasMessage("c was trained on the dataset synthetic, not"
                        + " on a CSV: --csv, --nodes, --adjacency and --distances do not apply");
        assertThatThrownBy(() -> p.restore("c", NONE)).hasMessage("c read synthetic from " + gone
                + ", which no longer exists; pass --data-dir DIR with its new place");
        assertThat(p.restore("c", new DataProvenance.Overrides(null, null, null, null, null, tmp))
                .dataDir()).isEqualTo(tmp);
    }

    @Test
    void legacyCheckpointsNeedAKnownDatasetOrACsvWithItsGraph() throws IOException {
        assertThat(DataProvenance.legacy("c", "synthetic", 12, NONE))
                .isEqualTo(DataSpec.of("synthetic").withWindow(12));
        assertThatThrownBy(() -> DataProvenance.legacy("c", "wind", 12, NONE)).hasMessage("c does"
                + " not record its data options and was trained on 'wind', not a known dataset;"
                + " pass --csv FILE with --nodes FILE, --adjacency FILE or --distances FILE (and"
                + " --eval-mask if it was not point)");
        Path csv = file("wind.csv");
        assertThatThrownBy(() -> DataProvenance.legacy("c", "wind", 12,
                new DataProvenance.Overrides(csv, null, null, null, null, null)))
                .hasMessage("--csv " + csv + " needs the graph the model was trained with: give"
                        + " --nodes, --adjacency or --distances");
        Path adj = file("adj.csv");
        DataSpec s = DataProvenance.legacy("c", "wind", 12,
                new DataProvenance.Overrides(csv, null, adj, null, null, null));
        assertThat(s.csv()).isEqualTo(csv.toAbsolutePath());
        assertThat(s.window()).isEqualTo(12);
    }
}
