package org.spinj.datasets.io;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Objects;
import org.spinj.datasets.SpatioTemporalSeries;

/**
 * Reads AQI-36 as published with ST-MVL (Yi et al., IJCAI 2016): hourly PM2.5 of 36 Beijing
 * stations, 2014-05-01 01:00 to 2015-04-30 23:00, {@code [8759, 36, 1]}, 13.25% missing.
 *
 * <p>{@code pm25_ground.txt} holds what the sensors recorded; {@code pm25_missing.txt} the same
 * table with extra entries blanked by the authors. The evaluation targets are the entries present
 * in the ground file and blank in the missing file (35,737 of them). {@code pm25_latlng.txt}
 * gives the station coordinates. Times are Beijing local time ({@link #ZONE}).
 */
public final class Aqi36Reader {

    /** Beijing's time zone, in which the files' timestamps are written. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    /** The ground-truth file name. */
    public static final String GROUND = "pm25_ground.txt";
    /** The file with the evaluation entries blanked. */
    public static final String MISSING = "pm25_missing.txt";
    /** The station coordinates file. */
    public static final String LATLNG = "pm25_latlng.txt";

    private Aqi36Reader() {}

    /**
     * Reads the three files from a directory.
     *
     * @param dir the directory holding {@link #GROUND}, {@link #MISSING} and {@link #LATLNG}
     * @return the series with coordinates and the evaluation mask
     * @throws IllegalArgumentException if a file is absent or the two tables disagree
     */
    public static SpatioTemporalSeries read(Path dir) {
        Objects.requireNonNull(dir, "dir");
        for (String name : new String[] {GROUND, MISSING, LATLNG}) {
            if (!Files.isRegularFile(dir.resolve(name))) {
                throw new IllegalArgumentException("AQI-36 file " + dir.resolve(name) + " is missing");
            }
        }
        return read(dir.resolve(GROUND), dir.resolve(MISSING), dir.resolve(LATLNG));
    }

    /**
     * Reads AQI-36 from explicit files.
     *
     * @param ground the ground-truth table
     * @param missing the table with the evaluation entries blanked
     * @param latlng the station coordinates, or null
     * @return the series with the evaluation mask {@code ground observed && missing blank}
     * @throws IllegalArgumentException if the tables differ in shape, times or ids, or an entry
     *     present in the missing table is absent or different in the ground table
     */
    public static SpatioTemporalSeries read(Path ground, Path missing, Path latlng) {
        WideCsvReader reader = WideCsvReader.builder().optZone(ZONE).optNodes(latlng).build();
        SpatioTemporalSeries truth = reader.read(ground).series();
        SpatioTemporalSeries blanked =
                WideCsvReader.builder().optZone(ZONE).build().read(missing).series();
        if (!truth.timeIndex().equals(blanked.timeIndex())
                || !truth.nodeIds().equals(blanked.nodeIds())) {
            throw new IllegalArgumentException(
                    missing + " does not match " + ground + ": expected the same timestamps and node ids, got "
                            + blanked + " and " + truth);
        }
        boolean[] obs = truth.observedMask();
        boolean[] kept = blanked.observedMask();
        float[] v = truth.values();
        float[] w = blanked.values();
        boolean[] eval = new boolean[obs.length];
        int n = truth.numNodes();
        for (int i = 0; i < obs.length; i++) {
            if (kept[i] && (!obs[i] || v[i] != w[i])) {
                throw new IllegalArgumentException(
                        missing + ": entry at step " + truth.timeIndex().at(i / n) + ", node "
                                + truth.nodeIds().get(i % n) + " is " + w[i] + " but "
                                + (obs[i] ? v[i] : "missing") + " in " + ground
                                + ", expected the missing table to be the ground table with entries blanked");
            }
            eval[i] = obs[i] && !kept[i];
        }
        return truth.withEvalMask(eval);
    }
}
