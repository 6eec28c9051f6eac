package org.spinj.datasets;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.spinj.datasets.io.Aqi36Reader;
import org.spinj.datasets.io.DcrnnReader;
import org.spinj.datasets.io.DistanceEdges;
import org.spinj.datasets.io.LosLoopReader;
import org.spinj.datasets.io.NpzSeriesReader;
import org.spinj.datasets.synthetic.SyntheticTraffic;
import org.spinj.graph.Connectivity;

/**
 * Opens the datasets spinj knows by name, each from fixed paths under a data directory ({@link
 * #files}):
 *
 * <ul>
 *   <li>{@code aqi36}: AQI-36 with its shipped evaluation mask ({@code aqi36/pm25_*.txt});
 *   <li>{@code los-loop}: 7 days of METR-LA speeds with the T-GCN graph ({@code
 *       los_loop/los_speed.csv}, {@code los_adj.csv}), 5-min steps from 2012-03-01 00:00
 *       Los Angeles time; no missing values and no evaluation mask (inject one);
 *   <li>{@code metr-la}: DCRNN's METR-LA speeds, 34,272 x 207 at 5 min ({@code
 *       metr_la/metr_la.h5}, the pandas frame as tsl stores it), zeros missing, with DCRNN's
 *       adjacency ({@code adj_mx.csv} in the order of {@code graph_sensor_ids.txt}), see {@link
 *       DcrnnReader};
 *   <li>{@code pems-bay}: the same for PEMS-BAY, 52,116 x 325 ({@code pems_bay/pems_bay.h5},
 *       {@code adj_mx_bay.csv}, {@code graph_sensor_ids_bay.txt}), NaN missing, zeros kept;
 *   <li>{@code pems04} / {@code pems08}: ASTGCN's flow, occupancy and speed, {@code [T, N, 3]}
 *       at 5 min ({@code pems04_pems08_graph/PEMS04.npz}, array {@code data}; from {@link
 *       #PEMS04_START} / {@link #PEMS08_START}), graph = Gaussian kernel of the distance edge list
 *       ({@code PEMS04_distance.csv}: θ = std of the listed distances, threshold 0.1, directed,
 *       no self-loops);
 *   <li>{@code synthetic}: {@link SyntheticTraffic} with seed 0, needs no files.
 * </ul>
 *
 * <p>The traffic value files are not redistributed with spinj (see {@code ../shared/data}):
 * put them at the paths above, and a missing one is named with every place looked in.
 */
public final class Datasets {

    /** The names {@link #open} accepts. */
    public static final List<String> NAMES =
            List.of("aqi36", "los-loop", "metr-la", "pems-bay", "pems04", "pems08", "synthetic");

    /** Time zone of the Caltrans traffic datasets (METR-LA, PEMS-BAY, PEMS04, PEMS08). */
    public static final ZoneId TRAFFIC_ZONE = ZoneId.of("America/Los_Angeles");
    /** First step of PEMS04 (ASTGCN: January and February 2018). */
    public static final LocalDateTime PEMS04_START = LocalDateTime.of(2018, 1, 1, 0, 0);
    /** First step of PEMS08 (ASTGCN: July and August 2016). */
    public static final LocalDateTime PEMS08_START = LocalDateTime.of(2016, 7, 1, 0, 0);
    /** Sampling period of every traffic dataset. */
    public static final Duration TRAFFIC_STEP = Duration.ofMinutes(5);

    private static final String PEMS_DIR = "pems04_pems08_graph/";
    private static final Map<String, List<String>> FILES = Map.of(
            "aqi36", List.of("aqi36/" + Aqi36Reader.GROUND, "aqi36/" + Aqi36Reader.MISSING,
                    "aqi36/" + Aqi36Reader.LATLNG),
            "los-loop", List.of("los_loop/los_speed.csv", "los_loop/los_adj.csv"),
            "metr-la", List.of("metr_la/metr_la.h5", "metr_la/graph_sensor_ids.txt",
                    "metr_la/adj_mx.csv"),
            "pems-bay", List.of("pems_bay/pems_bay.h5", "pems_bay/graph_sensor_ids_bay.txt",
                    "pems_bay/adj_mx_bay.csv"),
            "pems04", List.of(PEMS_DIR + "PEMS04.npz", PEMS_DIR + "PEMS04_distance.csv"),
            "pems08", List.of(PEMS_DIR + "PEMS08.npz", PEMS_DIR + "PEMS08_distance.csv"),
            "synthetic", List.of());

    private Datasets() {}

    /**
     * The files a dataset is read from, values first.
     *
     * @param name one of {@link #NAMES} (case-insensitive)
     * @return paths relative to a data directory; empty for {@code synthetic}
     * @throws IllegalArgumentException for an unknown name
     */
    public static List<String> files(String name) {
        List<String> f = FILES.get(key(name));
        if (f == null) {
            throw unknown(name);
        }
        return f;
    }

    /**
     * @param name one of {@link #NAMES} (case-insensitive)
     * @param dataDir the explicit data directory, or null for {@code SPINJ_DATA} / {@code
     *     ../shared/data}
     * @return the series
     * @throws IllegalArgumentException for an unknown name or a missing file (naming where it
     *     looked)
     */
    public static SpatioTemporalSeries open(String name, Path dataDir) {
        return open(name, DataDirectory.resolve(dataDir));
    }

    /**
     * @param name one of {@link #NAMES} (case-insensitive)
     * @param dirs where to look for files
     * @return the series
     * @throws IllegalArgumentException for an unknown name or a missing file (naming where it
     *     looked)
     */
    public static SpatioTemporalSeries open(String name, DataDirectory dirs) {
        String key = key(name);
        List<String> f = files(name);
        switch (key) {
            case "aqi36":
                return Aqi36Reader.read(dirs.file(f.get(0)), dirs.file(f.get(1)), dirs.file(f.get(2)));
            case "los-loop":
                return LosLoopReader.read(dirs.file(f.get(0)), dirs.file(f.get(1)),
                        LosLoopReader.START, TRAFFIC_STEP, LosLoopReader.ZONE);
            case "metr-la":
            case "pems-bay":
                return DcrnnReader.read(dirs.file(f.get(0)), dirs.file(f.get(1)), dirs.file(f.get(2)),
                        key.equals("metr-la"), TRAFFIC_ZONE);
            case "pems04":
            case "pems08":
                return astgcn(dirs.file(f.get(0)), dirs.file(f.get(1)),
                        key.equals("pems04") ? PEMS04_START : PEMS08_START);
            case "synthetic":
                return SyntheticTraffic.generate(0);
            default:
                throw new IllegalStateException("dataset " + key + " has files but no reader");
        }
    }

    /** ASTGCN's {@code .npz} ({@code data}: {@code [T, N, C]}) with its distance edge list. */
    private static SpatioTemporalSeries astgcn(Path npz, Path distances, LocalDateTime start) {
        SpatioTemporalSeries s;
        try (NDManager manager = NDManager.newBaseManager()) {
            s = NpzSeriesReader.read(npz, "data", null, start, TRAFFIC_STEP, TRAFFIC_ZONE, manager);
        }
        DistanceEdges edges = DistanceEdges.read(distances, s.numNodes());
        return s.withGraph(Connectivity.builder().build().fromDistances(edges.toDistanceMatrix()));
    }

    private static String key(String name) {
        return name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    }

    private static IllegalArgumentException unknown(String name) {
        return new IllegalArgumentException("unknown dataset '" + name + "', expected one of " + NAMES);
    }
}
