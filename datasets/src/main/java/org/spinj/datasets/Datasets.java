package org.spinj.datasets;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.spinj.datasets.io.Aqi36Reader;
import org.spinj.datasets.io.LosLoopReader;
import org.spinj.datasets.synthetic.SyntheticTraffic;

/**
 * Opens the datasets spinj knows by name:
 *
 * <ul>
 *   <li>{@code aqi36}: AQI-36 with its shipped evaluation mask ({@code aqi36/pm25_*.txt});
 *   <li>{@code los-loop}: 7 days of METR-LA speeds with the T-GCN graph ({@code
 *       los_loop/los_speed.csv}, {@code los_adj.csv}), 5-min steps from 2012-03-01 00:00
 *       Los Angeles time; no missing values and no evaluation mask (inject one);
 *   <li>{@code synthetic}: {@link SyntheticTraffic} with seed 0, needs no files.
 * </ul>
 */
public final class Datasets {

    /** The names {@link #open} accepts. */
    public static final List<String> NAMES = List.of("aqi36", "los-loop", "synthetic");

    private Datasets() {}

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
     */
    public static SpatioTemporalSeries open(String name, DataDirectory dirs) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        switch (key) {
            case "aqi36":
                return Aqi36Reader.read(dirs.file("aqi36/" + Aqi36Reader.GROUND),
                        dirs.file("aqi36/" + Aqi36Reader.MISSING), dirs.file("aqi36/" + Aqi36Reader.LATLNG));
            case "los-loop":
                return LosLoopReader.read(dirs.file("los_loop/los_speed.csv"),
                        dirs.file("los_loop/los_adj.csv"), LosLoopReader.START, Duration.ofMinutes(5),
                        LosLoopReader.ZONE);
            case "synthetic":
                return SyntheticTraffic.generate(0);
            default:
                throw new IllegalArgumentException(
                        "unknown dataset '" + name + "', expected one of " + NAMES);
        }
    }

}
