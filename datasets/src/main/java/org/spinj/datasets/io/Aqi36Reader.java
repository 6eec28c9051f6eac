package org.spinj.datasets.io;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spinj.datasets.SpatioTemporalSeries;

/**
 * Reads AQI-36 as published with ST-MVL (Yi et al., IJCAI 2016): hourly PM2.5 of 36 Beijing
 * stations, 2014-05-01 01:00 to 2015-04-30 23:00, {@code [8759, 36, 1]}, 13.25% missing.
 *
 * <p>{@code pm25_ground.txt} holds what the sensors recorded; {@code pm25_missing.txt} the same
 * table with extra entries blanked by the authors. The evaluation targets are the entries present
 * in the ground file and blank in the missing file (35,737 of them). {@code pm25_latlng.txt}
 * gives the station coordinates. Times are Beijing local time ({@link #ZONE}).
 *
 * <p>Tables of the published extent ({@value #PUBLISHED_STEPS} hourly steps of {@value
 * #PUBLISHED_NODES} stations from 2014-05-01 01:00) must give exactly {@value
 * #PUBLISHED_EVAL_TARGETS} targets, so a damaged or edited copy of the published files is caught
 * when read; tables of another extent (a user's excerpt, a test fixture) are read as they are.
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
    /** Steps of the published tables. */
    public static final int PUBLISHED_STEPS = 8759;
    /** Stations of the published tables. */
    public static final int PUBLISHED_NODES = 36;
    /** Local time of the published tables' first step. */
    public static final LocalDateTime PUBLISHED_START = LocalDateTime.of(2014, 5, 1, 1, 0);
    /** Evaluation targets of the published tables (present in ground, blank in missing). */
    public static final int PUBLISHED_EVAL_TARGETS = 35_737;

    private static final Logger LOG = LoggerFactory.getLogger(Aqi36Reader.class);

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
     * @throws IllegalArgumentException if the tables differ in shape, times or ids, or tables of
     *     the published extent do not give {@value #PUBLISHED_EVAL_TARGETS} targets
     * @throws CsvFormatException naming the missing table's line and column where an entry it
     *     keeps is absent or different in the ground table
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
        int targets = 0;
        for (int i = 0; i < obs.length; i++) {
            if (kept[i] && (!obs[i] || v[i] != w[i])) {
                throw mismatch(ground, missing, truth, i / n, i % n, w[i], obs[i] ? v[i] : Float.NaN);
            }
            eval[i] = obs[i] && !kept[i];
            targets += eval[i] ? 1 : 0;
        }
        boolean published = truth.numSteps() == PUBLISHED_STEPS && n == PUBLISHED_NODES
                && truth.timeIndex().start().equals(PUBLISHED_START);
        if (published && targets != PUBLISHED_EVAL_TARGETS) {
            throw new IllegalArgumentException(ground + " and " + missing + " give " + targets
                    + " evaluation targets (present in the ground table, blank in the missing one),"
                    + " expected " + PUBLISHED_EVAL_TARGETS + " for the published AQI-36 tables of "
                    + PUBLISHED_STEPS + " x " + PUBLISHED_NODES + "; is one of them an edited copy?");
        }
        if (!published) {
            LOG.info("{}: {} x {} is not the published extent, {} evaluation targets taken as they are",
                    ground, truth.numSteps(), n, targets);
        }
        return truth.withEvalMask(eval);
    }

    /**
     * The error for an entry kept in the missing table that the ground table lacks or differs
     * on, naming the missing table's line and column (the row is found again by its timestamp,
     * since gaps in the time index shift steps away from lines).
     */
    private static CsvFormatException mismatch(Path ground, Path missing,
            SpatioTemporalSeries truth, int step, int node, float kept, float groundValue) {
        LocalDateTime at = truth.timeIndex().at(step);
        CsvRecords csv = CsvRecords.read(missing);
        TimestampParser parser = new TimestampParser(ZONE);
        int line = 0;
        for (int k = 1; k < csv.size() && line == 0; k++) {
            if (parser.parse(csv.record(k)[0]).filter(at::equals).isPresent()) {
                line = csv.line(k);
            }
        }
        return new CsvFormatException(missing, line, node + 2, "entry at " + at + " for node "
                + truth.nodeIds().get(node) + " is " + kept + " but "
                + (Float.isNaN(groundValue) ? "missing" : groundValue) + " in " + ground
                + ", expected the missing table to be the ground table with entries blanked");
    }
}
