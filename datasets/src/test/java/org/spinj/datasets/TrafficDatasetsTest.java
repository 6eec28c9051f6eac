package org.spinj.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.spinj.graph.EdgeIndex;

/**
 * The registry's traffic datasets (METR-LA, PEMS-BAY, PEMS04, PEMS08), whose value files are not
 * in the shared data: tiny files in the published layouts are written into a temporary data
 * directory.
 */
class TrafficDatasetsTest {

    private static final ZoneId LA = ZoneId.of("America/Los_Angeles");
    private static final long FIVE_MIN_NS = 300_000_000_000L;
    // 2012-03-01 00:00 as naive nanoseconds since the epoch
    private static final long START_NS = 1_330_560_000L * 1_000_000_000L;

    @TempDir Path data;

    private void writeFrame(String file, String key, long[] ids, double[][] values) {
        long[] stamps = new long[values.length];
        for (int t = 0; t < stamps.length; t++) {
            stamps[t] = START_NS + t * FIVE_MIN_NS;
        }
        try (WritableHdfFile f = HdfFile.write(data.resolve(file))) {
            WritableGroup g = f.putGroup(key);
            g.putDataset("axis0", ids);
            g.putDataset("axis1", stamps);
            g.putDataset("block0_items", ids);
            g.putDataset("block0_values", values);
        }
    }

    private void writeText(String file, String text) throws IOException {
        Files.writeString(data.resolve(file), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"metr-la", "pems-bay", "pems04", "pems08"})
    void theAbsentValueFileIsNamedWithEveryPlaceLookedIn(String name) {
        String valueFile = Datasets.files(name).get(0);
        DataDirectory dirs = DataDirectory.resolve(data, null, data);
        assertThatThrownBy(() -> Datasets.open(name, dirs))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dataset file " + valueFile + " is missing; looked in: ")
                .hasMessageContaining(data.resolve(valueFile).toAbsolutePath() + " (--data-dir)")
                .hasMessageContaining("(default)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"metr-la", "pems-bay", "pems04", "pems08"})
    void theSharedDataHasTheGraphButNotTheValues(String name) {
        Path shared = SharedData.require("metr_la").getParent();
        List<String> files = Datasets.files(name);
        assumeFalse(Files.exists(shared.resolve(files.get(0))),
                files.get(0) + " has been added to the shared data");
        for (String graphFile : files.subList(1, files.size())) {
            assertThat(shared.resolve(graphFile)).isRegularFile();
        }
        assertThatThrownBy(() -> Datasets.open(name, shared))
                .hasMessageContaining("dataset file " + files.get(0) + " is missing")
                .hasMessageContaining(shared.resolve(files.get(0)).toAbsolutePath().normalize().toString());
    }

    @Test
    void metrLaReadsTheFrameWithZerosMissingAndReindexesTheAdjacencyById() throws IOException {
        Files.createDirectories(data.resolve("metr_la"));
        // the frame's columns are in another order than the id list the adjacency follows
        writeFrame("metr_la/metr_la.h5", "df", new long[] {767541, 773869, 767542},
                new double[][] {{60, 64.375, 0}, {61, 0, 55.5}, {62, 66, 56}});
        writeText("metr_la/graph_sensor_ids.txt", "773869,767541,767542\n");
        writeText("metr_la/adj_mx.csv", "1,0.5,0\n0,1,0.25\n0,0,1\n");
        SpatioTemporalSeries s = Datasets.open("metr-la", data);
        assertThat(s.nodeIds()).containsExactly("767541", "773869", "767542");
        assertThat(s.numSteps()).isEqualTo(3);
        assertThat(s.timeIndex().start()).isEqualTo(LocalDateTime.of(2012, 3, 1, 0, 0));
        assertThat(s.timeIndex().step()).isEqualTo(Duration.ofMinutes(5));
        assertThat(s.timeIndex().zone()).isEqualTo(LA);
        assertThat(s.value(0, 1, 0)).isEqualTo(64.375f);
        assertThat(s.isObserved(0, 2, 0)).isFalse();
        assertThat(s.isObserved(1, 1, 0)).isFalse();
        assertThat(s.countObserved()).isEqualTo(7);
        // adjacency rows/columns 773869, 767541, 767542 are frame columns 1, 0, 2:
        // 773869->773869 (1), 773869->767541 (0.5), 767541->767541 (1), 767541->767542 (0.25),
        // 767542->767542 (1)
        EdgeIndex g = s.graph();
        assertThat(g.sources()).containsExactly(1, 1, 0, 0, 2);
        assertThat(g.targets()).containsExactly(1, 0, 0, 2, 2);
        assertThat(g.weights()).containsExactly(1f, 0.5f, 1f, 0.25f, 1f);
    }

    @Test
    void pemsBayKeepsZerosAndRejectsAnIdListOfOtherSensors() throws IOException {
        Files.createDirectories(data.resolve("pems_bay"));
        writeFrame("pems_bay/pems_bay.h5", "speed", new long[] {400001, 400017},
                new double[][] {{0, 71.5}, {Double.NaN, 70}});
        writeText("pems_bay/graph_sensor_ids_bay.txt", "400001,400017\n");
        writeText("pems_bay/adj_mx_bay.csv", "1,0.3\n0.3,1\n");
        SpatioTemporalSeries s = Datasets.open("pems-bay", data);
        assertThat(s.isObserved(0, 0, 0)).isTrue();
        assertThat(s.value(0, 0, 0)).isZero();
        assertThat(s.isObserved(1, 0, 0)).isFalse();
        assertThat(s.graph().numEdges()).isEqualTo(4);
        writeText("pems_bay/graph_sensor_ids_bay.txt", "400001,400099\n");
        assertThatThrownBy(() -> Datasets.open("pems-bay", data))
                .hasMessageContaining("pems_bay.h5 and ")
                .hasMessageContaining("graph_sensor_ids_bay.txt name different sensors")
                .hasMessageContaining("1 id(s) of the list are no column of the frame [400099]")
                .hasMessageContaining("1 column(s) are not in the list [400017]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"04", "08"})
    void pemsNpzGivesThreeChannelsFromTheAstgcnStartWithTheKernelGraph(String which)
            throws IOException {
        Path dir = Files.createDirectories(data.resolve("pems04_pems08_graph"));
        try (NDManager m = NDManager.newBaseManager()) {
            float[] v = new float[4 * 3 * 3];
            for (int i = 0; i < v.length; i++) {
                v[i] = i;
            }
            NDArray a = m.create(v, new Shape(4, 3, 3));
            a.setName("data");
            Files.write(dir.resolve("PEMS" + which + ".npz"), new NDList(a).encode(NDList.Encoding.NPZ));
        }
        writeText("pems04_pems08_graph/PEMS" + which + "_distance.csv", "from,to,cost\n0,1,1\n1,2,1\n0,2,3\n");
        SpatioTemporalSeries s = Datasets.open("PEMS" + which, data);
        assertThat(s.numSteps()).isEqualTo(4);
        assertThat(s.numNodes()).isEqualTo(3);
        assertThat(s.numChannels()).isEqualTo(3);
        // [t, n, c] = t * 9 + n * 3 + c
        assertThat(s.value(2, 1, 2)).isEqualTo(23f);
        assertThat(s.timeIndex().start()).isEqualTo(which.equals("04")
                ? LocalDateTime.of(2018, 1, 1, 0, 0) : LocalDateTime.of(2016, 7, 1, 0, 0));
        assertThat(s.timeIndex().step()).isEqualTo(Duration.ofMinutes(5));
        assertThat(s.timeIndex().zone()).isEqualTo(LA);
        // theta = std{1, 1, 3} = 0.943: the two unit distances give exp(-1.125) = 0.325, the
        // distance 3 falls under the 0.1 threshold; directed as listed
        EdgeIndex g = s.graph();
        assertThat(g.sources()).containsExactly(0, 1);
        assertThat(g.targets()).containsExactly(1, 2);
        assertThat(g.weight(0)).isCloseTo((float) Math.exp(-1.125), within(1e-6f));
    }
}
