package org.spinj.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinj.datasets.Datasets;
import org.spinj.datasets.SpatioTemporalSeries;
import org.spinj.datasets.missing.MissingDataInjector;
import org.spinj.graph.EdgeIndex;

/** The data options added for user CSVs ({@code --distances}, {@code --zone}) and the traffic names. */
class DataOptionsTest {

    @TempDir Path tmp;

    /** Three nodes s1..s3, 200 hourly rows from 2024-03-01 00:00, every 5th cell blank. */
    private Path csv() throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("datetime,s1,s2,s3");
        for (int t = 0; t < 200; t++) {
            StringBuilder row = new StringBuilder(
                    String.format("2024-03-%02d %02d:00:00", 1 + t / 24, t % 24));
            for (int n = 0; n < 3; n++) {
                row.append(',').append((t * 3 + n) % 5 == 4 ? "" : Integer.toString(10 + t + n));
            }
            lines.add(row.toString());
        }
        Path p = tmp.resolve("data.csv");
        Files.write(p, lines);
        return p;
    }

    private Path write(String name, String text) throws IOException {
        Path p = tmp.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    private static void assertUsage(CliRun r, String... messages) {
        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        assertThat(r.err().strip().lines()).as(r.err()).hasSize(1);
        assertThat(r.err()).contains(messages).doesNotContain("at org.");
    }

    @Test
    void aCsvTakesItsGraphFromADistanceListAndItsClockFromTheZone() throws IOException {
        Path d = write("d.csv", "from,to,cost\ns1,s2,1\ns2,s3,1\ns1,s3,3\n");
        CliRun r = CliRun.of("datasets", "describe", "--csv", csv().toString(), "--distances",
                d.toString(), "--zone", "Europe/Berlin", "--window", "4");
        assertThat(r.exitCode()).as(r.err()).isZero();
        // theta = std{1, 1, 3}: the unit distances are kept, 3 falls under 0.1; symmetrised
        assertThat(r.out()).contains("nodes: 3").contains("steps: 200").contains("edges: 4")
                .contains("start: 2024-03-01T00:00 Europe/Berlin").contains("frequency: PT1H");
        CliRun utc = CliRun.of("datasets", "describe", "--csv", csv().toString(), "--distances",
                d.toString(), "--window", "4");
        assertThat(utc.out()).as(utc.err()).contains("start: 2024-03-01T00:00 Z");
    }

    @Test
    void distanceListsNamingUnknownNodesAreRejectedWithFileLineAndIds() throws IOException {
        Path d = write("d.csv", "from,to,cost\ns1,s2,1\ns2,s9,1\n");
        assertUsage(CliRun.of("datasets", "describe", "--csv", csv().toString(), "--distances",
                d.toString(), "--window", "4"), d + ":3:2: 1 id(s) match no node of the data: [s9]");
    }

    @Test
    void badCombinationsAndZonesAreUsageErrors() throws IOException {
        String data = csv().toString();
        Path d = write("d.csv", "from,to,cost\ns1,s2,1\n");
        assertUsage(CliRun.of("datasets", "describe", "--csv", data, "--distances", d.toString(),
                "--zone", "Mars/Olympus"), "--zone 'Mars/Olympus' is not a time zone",
                "Europe/Paris");
        assertUsage(CliRun.of("datasets", "describe", "synthetic", "--zone", "UTC"),
                "--zone UTC applies to --csv");
        assertUsage(CliRun.of("datasets", "describe", "--csv", data, "--distances", d.toString(),
                "--adjacency", d.toString()), "--adjacency", "or --distances", "not both");
        assertUsage(CliRun.of("datasets", "describe", "--dataset", "synthetic", "--distances",
                d.toString()), "--distances need --csv");
        assertUsage(CliRun.of("datasets", "describe", "--csv", data),
                "needs a graph", "--distances");
    }

    /** Coordinates of s1..s3 under an id column and a name column, and the nodes' names. */
    private Path stations(String lat2) throws IOException {
        return write("stations.csv", "code,station,latitude,longitude\n"
                + "s1,Alpha,40.0,116.0\ns2,Beta," + lat2 + ",116.1\ns3,Gamma,40.2,116.2\n");
    }

    @Test
    void aGraphFromNodesCannotBeCombinedWithAnotherGraph() throws IOException {
        String data = csv().toString();
        Path nodes = stations("40.1");
        Path d = write("d.csv", "from,to,cost\ns1,s2,1\n");
        assertUsage(CliRun.of("datasets", "describe", "--csv", data, "--nodes", nodes.toString(),
                "--adjacency", d.toString()), "give one graph for --csv: --nodes " + nodes,
                "or --adjacency " + d + ", not both");
        assertUsage(CliRun.of("datasets", "describe", "--csv", data, "--nodes", nodes.toString(),
                "--distances", d.toString()), "or --distances " + d + ", not both");
        assertUsage(CliRun.of("datasets", "describe", "--csv", data, "--adjacency", d.toString(),
                "--node-id-column", "code"), "--node-id-column code names a column of --nodes");
    }

    @Test
    void aNodesFileWithIdAndNameColumnsMatchesTheCsvHeader() throws IOException {
        CliRun r = CliRun.of("datasets", "describe", "--csv", csv().toString(), "--nodes",
                stations("40.1").toString(), "--window", "4");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("nodes: 3");
        Path both = write("both.csv", "code,station,latitude,longitude\n"
                + "s1,s1,40.0,116.0\ns2,s2,40.1,116.1\ns3,s3,40.2,116.2\n");
        assertUsage(CliRun.of("datasets", "describe", "--csv", csv().toString(), "--nodes",
                both.toString(), "--window", "4"), "2 node id columns ('code', 'station')",
                "--node-id-column");
        CliRun named = CliRun.of("datasets", "describe", "--csv", csv().toString(), "--nodes",
                both.toString(), "--node-id-column", "station", "--window", "4");
        assertThat(named.exitCode()).as(named.err()).isZero();
        DataSpec spec = new DataSpec(null, tmp.resolve("data.csv"), both, null, null, null, null,
                null, 4, "station");
        assertThat(DataSpec.fromConfig(new DataProvenance(spec).toJson()).nodeIdColumn())
                .isEqualTo("station");
    }

    @Test
    void aDirectoryIsNotCalledMissing() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("folder"));
        assertUsage(CliRun.of("datasets", "describe", "--csv", dir.toString()),
                "--csv " + dir + " is a directory, expected a file");
    }

    @Test
    void nodesAtOnePointNameTheFileAndTheReason() throws IOException {
        Path same = write("same.csv", "id,lat,lon\ns1,40,116\ns2,40,116\ns3,40,116\n");
        assertUsage(CliRun.of("datasets", "describe", "--csv", csv().toString(), "--nodes",
                same.toString(), "--window", "4"), "--nodes " + same + ": theta must be > 0",
                "all 3 nodes are at one point (40.0, 116.0)");
    }

    @Test
    void aMaskWithOtherColumnsNamesThemNotTheSeries() throws IOException {
        Path data = csv();
        Path mask = write("mask.csv", "datetime,s1,s4,s5\n2024-03-01 00:00:00,1,0,0\n"
                + "2024-03-01 01:00:00,0,0,0\n");
        Path d = write("d.csv", "from,to,cost\ns1,s2,1\ns2,s3,1\ns1,s3,3\n");
        CliRun r = CliRun.of("datasets", "describe", "--csv", data.toString(), "--distances",
                d.toString(), "--eval-mask", mask.toString(), "--window", "4");
        assertUsage(r, "mask " + mask + " must have the data's columns in the data's order:"
                + " missing s2, s3; not in the data s4, s5");
        assertThat(r.err()).doesNotContain("SpatioTemporalSeries");
    }

    @Test
    void graphsWithoutEdgesOrWithIsolatedNodesAreNamed() {
        List<String> ids = List.of("a", "b", "c", "d", "e", "f", "g", "h");
        EdgeIndex none = EdgeIndex.of(8, new int[0], new int[0]);
        assertThat(TaskPreparation.graphWarning(none, ids)).get().asString()
                .startsWith("the graph has no edges");
        EdgeIndex pair = EdgeIndex.of(8, new int[] {0, 1}, new int[] {1, 0});
        assertThat(TaskPreparation.graphWarning(pair, ids)).get().asString()
                .startsWith("6 of 8 nodes have no edge: c, d, e, f, g and 1 more;");
        EdgeIndex ring = EdgeIndex.of(3, new int[] {0, 1, 2}, new int[] {1, 2, 0});
        assertThat(TaskPreparation.graphWarning(ring, ids.subList(0, 3))).isEmpty();
    }

    @Test
    void nodesWithoutAnyObservationAreFound() throws IOException {
        Path p = write("blind.csv", "t,a,b,c\n2024-03-01 00:00,1,,\n2024-03-01 01:00,2,,3\n");
        SpatioTemporalSeries s = org.spinj.datasets.io.WideCsvReader.builder().build().read(p)
                .series();
        assertThat(TaskPreparation.unobservedNodes(s)).containsExactly(false, true, false);
    }

    @Test
    void configFilesCarryTheDistanceListAndZone() {
        JsonObject c = new JsonObject();
        c.addProperty("csv", "x.csv");
        c.addProperty("distances", "d.csv");
        c.addProperty("zone", "+05:30");
        DataSpec s = DataSpec.fromConfig(c);
        assertThat(s.distances()).isEqualTo(Path.of("d.csv"));
        assertThat(s.zoneId()).isEqualTo(ZoneId.of("+05:30"));
        assertThat(s.withDataDir(tmp).distances()).isEqualTo(Path.of("d.csv"));
        assertThat(s.withWindow(6).zone()).isEqualTo("+05:30");
    }

    /** METR-LA in its published layouts: 200 steps of 3 sensors, adjacency 0 -> 1 -> 2. */
    private Path metrLa() throws IOException {
        Path dir = tmp.resolve("data");
        Files.createDirectories(dir.resolve("metr_la"));
        long[] ids = {773869, 767541, 767542};
        long[] stamps = new long[200];
        double[][] v = new double[200][3];
        for (int t = 0; t < 200; t++) {
            stamps[t] = (1_330_560_000L + 300L * t) * 1_000_000_000L;
            for (int n = 0; n < 3; n++) {
                v[t][n] = 50 + t + 5 * n;
            }
        }
        try (WritableHdfFile f = HdfFile.write(dir.resolve("metr_la/metr_la.h5"))) {
            WritableGroup g = f.putGroup("df");
            g.putDataset("axis0", ids);
            g.putDataset("axis1", stamps);
            g.putDataset("block0_items", ids);
            g.putDataset("block0_values", v);
        }
        write("data/metr_la/graph_sensor_ids.txt", "773869,767541,767542\n");
        write("data/metr_la/adj_mx.csv", "1,0.5,0\n0,1,0.3\n0,0,1\n");
        return dir;
    }

    @Test
    void trafficDatasetsGetSpinsGraphAndSeededPointMissing() throws IOException {
        Path dir = metrLa();
        CliRun list = CliRun.of("datasets", "--data-dir", dir.toString());
        assertThat(list.out()).as(list.err()).contains("metr-la: found at ")
                .contains("pems-bay: not found (needs [pems_bay/pems_bay.h5")
                .contains("pems04: not found").contains("pems08: not found");
        CliRun d = CliRun.of("datasets", "describe", "metr-la", "--data-dir", dir.toString(),
                "--window", "4");
        assertThat(d.exitCode()).as(d.err()).isZero();
        // 0 <-> 1 and 1 <-> 2 once the self-loops are dropped and the graph symmetrised
        assertThat(d.out()).contains("nodes: 3").contains("steps: 200").contains("edges: 4")
                .contains("frequency: PT5M").contains("America/Los_Angeles");
        SpatioTemporalSeries s = TaskPreparation.series(
                DataSpec.of("metr-la").withDataDir(dir).withWindow(4));
        SpatioTemporalSeries raw = Datasets.open("metr-la", dir);
        assertThat(s.evalMask()).isEqualTo(
                MissingDataInjector.point(TaskPreparation.TRAFFIC_SEED).inject(raw).evalMask());
        assertThat(s.graph().hasSelfLoops()).isFalse();
    }
}
