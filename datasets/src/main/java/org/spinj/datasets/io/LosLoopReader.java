package org.spinj.datasets.io;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import org.spinj.datasets.SpatioTemporalSeries;
import org.spinj.datasets.TimeIndex;

/**
 * Reads a header-plus-values CSV without timestamps, such as T-GCN's Los-loop {@code
 * los_speed.csv} (first 2,016 five-minute steps of METR-LA, 207 sensors): the header holds the
 * node ids, every row one step; the start time and frequency are arguments.
 */
public final class LosLoopReader {

    /** Los-loop's first step: METR-LA starts at 2012-03-01 00:00. */
    public static final LocalDateTime START = LocalDateTime.of(2012, 3, 1, 0, 0);
    /** METR-LA's local time zone. */
    public static final ZoneId ZONE = ZoneId.of("America/Los_Angeles");

    private LosLoopReader() {}

    /**
     * @param values the CSV of values, header = node ids
     * @param adjacency a dense adjacency CSV ({@link DenseAdjacency}), or null
     * @param start local time of the first row
     * @param step sampling period
     * @param zone time zone
     * @return the series {@code [T, N, 1]}; empty cells and NaN are missing
     * @throws CsvFormatException naming file, line and column on bad input
     */
    public static SpatioTemporalSeries read(Path values, Path adjacency, LocalDateTime start,
            Duration step, ZoneId zone) {
        Objects.requireNonNull(values, "values");
        CsvRecords csv = CsvRecords.read(values);
        String[] header = csv.record(0);
        int n = header.length;
        int t = csv.size() - 1;
        if (t < 1) {
            throw new CsvFormatException(values, csv.line(0), 0, "no data rows after the header");
        }
        float[] v = new float[t * n];
        for (int k = 0; k < t; k++) {
            String[] row = csv.record(k + 1);
            int line = csv.line(k + 1);
            if (row.length != n) {
                throw new CsvFormatException(values, line, Math.min(row.length, n) + 1,
                        "row has " + row.length + " fields, expected " + n + " as in the header");
            }
            for (int c = 0; c < n; c++) {
                v[k * n + c] = WideCsvReader.parseCell(values, line, c + 1, row[c]);
            }
        }
        SpatioTemporalSeries.Builder b = SpatioTemporalSeries.builder()
                .setTimeIndex(new TimeIndex(start, step, t, zone))
                .setNodeIds(List.of(header))
                .setValues(v, 1);
        if (adjacency != null) {
            b.optGraph(DenseAdjacency.read(adjacency, n));
        }
        return b.build();
    }
}
