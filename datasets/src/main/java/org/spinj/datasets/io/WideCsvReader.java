package org.spinj.datasets.io;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spinj.datasets.SpatioTemporalSeries;
import org.spinj.graph.io.Excerpt;

/**
 * Reads a wide CSV: a header, then one row per time step with the timestamp in the first column
 * and one column per node (one channel). Empty cells and {@code NaN}, {@code NA}, {@code N/A},
 * {@code null} (any case) are missing; any other cell must be a finite decimal number that fits a
 * float.
 *
 * <pre>
 *   datetime,001001,001002,...
 *   2014/05/01 01:00:00,138,89,...
 *   2014/05/01 02:00:00,124,,...      (blank = missing)
 * </pre>
 *
 * <p>The frequency is inferred (see {@link TimeGrid}); steps absent from the file become missing
 * rows, listed in the result and logged. A gap longer than the rest of the series is refused
 * (naming the lines around it) rather than filled: it is almost always a mistyped timestamp. With {@link Builder#optNodes(Path)} every data column
 * must match a row of the nodes CSV by id, and the series gets the coordinates.
 */
public final class WideCsvReader {

    private static final Logger LOG = LoggerFactory.getLogger(WideCsvReader.class);
    private static final Pattern NUMBER =
            // possessive: a long run of digits is matched without backtracking
            Pattern.compile("[+-]?(\\d++\\.?\\d*+|\\.\\d++)([eE][+-]?\\d++)?");

    /** The most values (steps times nodes) a series may hold: Java arrays end at 2^31. */
    static final long MAX_CELLS = Integer.MAX_VALUE - 8;
    private static final Set<String> MISSING = Set.of("", "nan", "na", "n/a", "null");

    private final ZoneId zone;
    private final Path nodesFile;
    private final String nodeIdColumn;

    private WideCsvReader(Builder b) {
        this.zone = b.zone;
        this.nodesFile = b.nodesFile;
        this.nodeIdColumn = b.nodeIdColumn;
    }

    /** @return a builder; defaults: zone UTC, no nodes file */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads a wide CSV file.
     *
     * @param file the data file
     * @return the series {@code [T, N, 1]} and the filled gaps
     * @throws CsvFormatException naming file, line and column on any bad input
     */
    public SeriesReadResult read(Path file) {
        Objects.requireNonNull(file, "file");
        CsvRecords csv = CsvRecords.read(file);
        String[] header = csv.record(0);
        if (header.length < 2) {
            throw new CsvFormatException(file, csv.line(0), 0,
                    "header has " + header.length + " column(s), expected a timestamp column and at least one node column");
        }
        if (csv.size() < 3) {
            throw new CsvFormatException(file, csv.line(0), 0,
                    "the file has " + (csv.size() - 1) + " data row(s), expected at least two to infer the frequency");
        }
        List<String> ids = new ArrayList<>();
        Map<String, Integer> seenIds = new HashMap<>();
        for (int c = 1; c < header.length; c++) {
            Integer before = seenIds.put(header[c], c);
            if (header[c].isEmpty()) {
                throw new CsvFormatException(file, csv.line(0), c + 1, "empty node id in the header");
            }
            if (before != null) {
                throw new CsvFormatException(file, csv.line(0), c + 1,
                        "node id '" + Excerpt.of(header[c]) + "' already names column " + (before + 1));
            }
            ids.add(header[c]);
        }
        int n = ids.size();
        int rows = csv.size() - 1;
        TimestampParser parser = new TimestampParser(zone);
        List<LocalDateTime> stamps = new ArrayList<>(rows);
        float[] raw = new float[rows * n];
        for (int k = 0; k < rows; k++) {
            String[] row = csv.record(k + 1);
            int line = csv.line(k + 1);
            if (row.length != header.length) {
                throw new CsvFormatException(file, line, Math.min(row.length, header.length) + 1,
                        "row has " + row.length + " fields, expected " + header.length + " as in the header");
            }
            stamps.add(parser.parse(row[0]).orElseThrow(() -> new CsvFormatException(file, line, 1,
                    "cannot parse timestamp '" + Excerpt.of(row[0]) + "', expected " + TimestampParser.FORMS)));
            for (int c = 0; c < n; c++) {
                raw[k * n + c] = parseCell(file, line, c + 2, row[c + 1]);
            }
        }
        TimeGrid grid = TimeGrid.infer(stamps, zone,
                (k, msg) -> new CsvFormatException(file, csv.line(k + 1), 1, msg));
        checkGaps(file, csv, stamps, grid, n);
        int t = grid.index().length();
        float[] values = new float[t * n];
        Arrays.fill(values, Float.NaN);
        int[] pos = grid.positions();
        for (int k = 0; k < rows; k++) {
            System.arraycopy(raw, k * n, values, pos[k] * n, n);
        }
        if (!grid.gaps().isEmpty()) {
            LOG.warn("{}: filled {} missing time steps in {} gap(s) as missing rows, first at {}",
                    file, grid.missingSteps(), grid.gaps().size(), grid.gaps().get(0).first());
        }
        SpatioTemporalSeries.Builder b = SpatioTemporalSeries.builder()
                .setTimeIndex(grid.index()).setNodeIds(ids).setValues(values, 1);
        if (nodesFile != null) {
            NodeTable nodes = NodeTable.read(nodesFile, ids, nodeIdColumn);
            Map<String, Integer> where = nodes.positions();
            List<String> unmatched = ids.stream().filter(id -> !where.containsKey(id)).toList();
            if (!unmatched.isEmpty()) {
                throw new CsvFormatException(file, csv.line(0), 0,
                        unmatched.size() + " node column(s) have no row in " + nodesFile + ": "
                                + unmatched + "; the nodes file has ids " + abbreviate(nodes.ids()));
            }
            double[] lat = new double[n];
            double[] lon = new double[n];
            for (int i = 0; i < n; i++) {
                int r = where.get(ids.get(i));
                lat[i] = nodes.latitudes()[r];
                lon[i] = nodes.longitudes()[r];
            }
            b.optCoordinates(lat, lon);
        }
        return new SeriesReadResult(b.build(), grid.gaps());
    }

    /**
     * Refuses a grid that filling would blow up: a gap longer than the rest of the series (a
     * stray or mistyped timestamp, such as a wrong year in an hourly file, would otherwise add
     * millions of missing rows), or a series of more than {@value #MAX_CELLS} values.
     */
    private static void checkGaps(Path file, CsvRecords csv, List<LocalDateTime> stamps,
            TimeGrid grid, int n) {
        int[] pos = grid.positions();
        long t = grid.index().length();
        for (int k = 1; k < pos.length; k++) {
            long missing = pos[k] - pos[k - 1] - 1L;
            if (missing > t - missing) {
                throw new CsvFormatException(file, csv.line(k + 1), 1,
                        "timestamp " + stamps.get(k) + " comes " + (missing + 1) + " steps of "
                                + grid.index().step() + " after " + stamps.get(k - 1)
                                + " on line " + csv.line(k) + ": filling the gap would add "
                                + missing + " missing rows, more than the " + (t - missing)
                                + " steps of the rest of the series; check the timestamps on"
                                + " lines " + csv.line(k) + " and " + csv.line(k + 1)
                                + " (a wrong year or month?) or split the file at the gap");
            }
        }
        if (t * n > MAX_CELLS) {
            throw new CsvFormatException(file, 0, 0, "the series spans " + t + " steps of "
                    + grid.index().step() + " over " + n + " nodes, " + t * n + " values, more"
                    + " than the " + MAX_CELLS + " a series may hold");
        }
    }

    private static String abbreviate(List<String> ids) {
        return ids.size() <= 10 ? ids.toString() : ids.subList(0, 10) + " ... (" + ids.size() + " in all)";
    }

    /**
     * Parses one data cell.
     *
     * @return the value, or NaN when the cell is a missing marker
     */
    static float parseCell(Path file, int line, int column, String cell) {
        if (MISSING.contains(cell.toLowerCase(Locale.ROOT))) {
            return Float.NaN;
        }
        if (!NUMBER.matcher(cell).matches()) {
            throw new CsvFormatException(file, line, column,
                    "cannot parse '" + Excerpt.of(cell) + "' as a number, expected a finite decimal number or a"
                            + " missing marker (empty, NaN, NA)");
        }
        return (float) parseNumber(file, line, column, cell, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    /**
     * @param cell a trimmed field
     * @return whether it is a decimal number as {@link #parseNumber} accepts them (range aside)
     */
    static boolean isNumber(String cell) {
        return NUMBER.matcher(cell).matches();
    }

    /**
     * Parses a finite decimal number in {@code [min, max]} that fits a float; such a cell (a
     * coordinate, a weight, a distance) cannot be missing.
     *
     * @throws CsvFormatException naming the cell if it is not such a number
     */
    static double parseNumber(Path file, int line, int column, String cell, double min, double max) {
        if (!NUMBER.matcher(cell).matches()) {
            throw new CsvFormatException(file, line, column,
                    MISSING.contains(cell.toLowerCase(Locale.ROOT))
                            ? "missing value '" + Excerpt.of(cell) + "', expected " + range(min, max)
                                    + " (this cell cannot be missing)"
                            : "cannot parse '" + Excerpt.of(cell) + "' as a number, expected "
                                    + range(min, max));
        }
        double v = Double.parseDouble(cell);
        if (!Double.isFinite(v) || !Float.isFinite((float) v)) {
            throw new CsvFormatException(file, line, column,
                    "value " + Excerpt.of(cell) + " is out of float range, expected " + range(min, max)
                            + " of magnitude at most " + Float.MAX_VALUE);
        }
        if (v < min || v > max) {
            throw new CsvFormatException(file, line, column,
                    "value " + Excerpt.of(cell) + " is out of range, expected " + range(min, max));
        }
        return v;
    }

    /** @return "a finite decimal number", with its bounds where they are finite */
    private static String range(double min, double max) {
        boolean low = min > -Float.MAX_VALUE;
        boolean high = max < Float.MAX_VALUE;
        String number = "a finite decimal number";
        if (low && high) {
            return number + " in [" + bound(min) + ", " + bound(max) + "]";
        }
        return low ? number + " >= " + bound(min) : high ? number + " <= " + bound(max) : number;
    }

    private static String bound(double b) {
        return b == Math.rint(b) && Math.abs(b) < 1e15 ? Long.toString((long) b) : Double.toString(b);
    }

    /** Builder: every field is optional. */
    public static final class Builder {
        private ZoneId zone = ZoneOffset.UTC;
        private Path nodesFile;
        private String nodeIdColumn;

        private Builder() {}

        /**
         * @param zone the time zone of the file's local timestamps (default UTC)
         * @return this builder
         */
        public Builder optZone(ZoneId zone) {
            this.zone = Objects.requireNonNull(zone, "zone");
            return this;
        }

        /**
         * @param nodesFile a nodes CSV (see {@link NodeTable}) giving the coordinates, or null
         * @return this builder
         */
        public Builder optNodes(Path nodesFile) {
            this.nodesFile = nodesFile;
            return this;
        }

        /**
         * @param column the nodes CSV's id column, by header name; default: the column named like
         *     an id ({@code id}, {@code station}, {@code code}...) whose values cover the data's
         *     node ids
         * @return this builder
         */
        public Builder optNodeIdColumn(String column) {
            this.nodeIdColumn = column;
            return this;
        }

        /** @return the reader */
        public WideCsvReader build() {
            return new WideCsvReader(this);
        }
    }
}
