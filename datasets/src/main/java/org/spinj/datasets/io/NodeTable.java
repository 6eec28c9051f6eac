package org.spinj.datasets.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.spinj.graph.io.Excerpt;

/**
 * Node ids with coordinates, read from a nodes CSV whose header names the columns: the id is
 * {@code id}, {@code station}, {@code station_id}, {@code code}, {@code sensor_id}, {@code
 * sensor}, {@code node} or {@code node_id}; the latitude {@code lat} or {@code latitude}; the
 * longitude {@code lon}, {@code lng}, {@code long} or {@code longitude} (any case, any order;
 * other columns are ignored).
 *
 * @param ids node ids in file order
 * @param latitudes degrees, one per id
 * @param longitudes degrees, one per id
 */
public record NodeTable(List<String> ids, double[] latitudes, double[] longitudes) {

    private static final Set<String> ID_NAMES =
            Set.of("id", "station", "station_id", "code", "sensor_id", "sensor", "node", "node_id");
    private static final Set<String> LAT_NAMES = Set.of("lat", "latitude");
    private static final Set<String> LON_NAMES = Set.of("lon", "lng", "long", "longitude");

    /** Copies. */
    public NodeTable {
        ids = List.copyOf(ids);
        latitudes = latitudes.clone();
        longitudes = longitudes.clone();
    }

    /**
     * Reads a nodes CSV.
     *
     * @param file the CSV
     * @return the table
     * @throws CsvFormatException if a column is missing or ambiguous, a row is ragged, an id
     *     repeats, or a coordinate is not a finite number
     */
    public static NodeTable read(Path file) {
        return read(file, List.of(), null);
    }

    /**
     * Reads a nodes CSV whose ids should match a data file's node ids. When the header has several
     * id columns (e.g. {@code code,station,latitude,longitude}), the one whose values cover every
     * data id is taken; {@code idColumn} names it when several (or none) do.
     *
     * @param file the CSV
     * @param dataIds the ids the table should cover (may be empty)
     * @param idColumn the header name of the id column (any case), or null to find it
     * @return the table
     * @throws CsvFormatException if a column is missing or ambiguous, a row is ragged, an id
     *     repeats, or a coordinate is not a finite number
     */
    public static NodeTable read(Path file, List<String> dataIds, String idColumn) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(dataIds, "dataIds");
        CsvRecords csv = CsvRecords.read(file);
        String[] header = csv.record(0);
        int id = idColumn != null ? named(csv, header, idColumn) : idColumn(csv, header, dataIds);
        int lat = column(csv, header, LAT_NAMES, "latitude");
        int lon = column(csv, header, LON_NAMES, "longitude");
        List<String> ids = new ArrayList<>();
        double[] lats = new double[csv.size() - 1];
        double[] lons = new double[csv.size() - 1];
        Map<String, Integer> seen = new HashMap<>();
        for (int k = 1; k < csv.size(); k++) {
            String[] row = csv.record(k);
            if (row.length != header.length) {
                throw new CsvFormatException(file, csv.line(k), Math.min(row.length, header.length) + 1,
                        "row has " + row.length + " fields, expected " + header.length + " as in the header");
            }
            String nodeId = row[id];
            Integer before = seen.put(nodeId, csv.line(k));
            if (before != null) {
                throw new CsvFormatException(file, csv.line(k), id + 1,
                        "node id '" + Excerpt.of(nodeId) + "' already appeared on line " + before);
            }
            ids.add(nodeId);
            lats[k - 1] = WideCsvReader.parseNumber(file, csv.line(k), lat + 1, row[lat], -90, 90);
            lons[k - 1] = WideCsvReader.parseNumber(file, csv.line(k), lon + 1, row[lon], -180, 360);
        }
        return new NodeTable(ids, lats, lons);
    }

    private static int named(CsvRecords csv, String[] header, String name) {
        for (int c = 0; c < header.length; c++) {
            if (header[c].trim().equalsIgnoreCase(name.trim())) {
                return c;
            }
        }
        throw new CsvFormatException(csv.file(), csv.line(0), 0, "no column named '" + name
                + "' for the node ids in header " + List.of(header));
    }

    /** The id column: the only one with an id name, else the only one covering the data's ids. */
    private static int idColumn(CsvRecords csv, String[] header, List<String> dataIds) {
        List<Integer> candidates = new ArrayList<>();
        for (int c = 0; c < header.length; c++) {
            if (ID_NAMES.contains(header[c].trim().toLowerCase(Locale.ROOT))) {
                candidates.add(c);
            }
        }
        if (candidates.size() <= 1 || dataIds.isEmpty()) {
            return column(csv, header, ID_NAMES, "node id");
        }
        List<Integer> covering = new ArrayList<>();
        for (int c : candidates) {
            Set<String> values = new HashSet<>();
            for (int k = 1; k < csv.size(); k++) {
                String[] row = csv.record(k);
                if (c < row.length) {
                    values.add(row[c]);
                }
            }
            if (values.containsAll(dataIds)) {
                covering.add(c);
            }
        }
        if (covering.size() == 1) {
            return covering.get(0);
        }
        List<String> names = candidates.stream().map(c -> "'" + header[c] + "'").toList();
        throw new CsvFormatException(csv.file(), csv.line(0), candidates.get(1) + 1,
                "header names " + candidates.size() + " node id columns (" + String.join(", ", names)
                        + ") and " + (covering.isEmpty() ? "none" : "more than one") + " of them"
                        + " holds every node id of the data; name the one to use"
                        + " (--node-id-column)");
    }

    private static int column(CsvRecords csv, String[] header, Set<String> names, String what) {
        int found = -1;
        for (int c = 0; c < header.length; c++) {
            if (names.contains(header[c].trim().toLowerCase(Locale.ROOT))) {
                if (found >= 0) {
                    throw new CsvFormatException(csv.file(), csv.line(0), c + 1,
                            "header names two " + what + " columns ('" + Excerpt.of(header[found]) + "' and '"
                                    + Excerpt.of(header[c]) + "'), expected one");
                }
                found = c;
            }
        }
        if (found < 0) {
            throw new CsvFormatException(csv.file(), csv.line(0), 0,
                    "no " + what + " column in header " + List.of(header) + ", expected one named "
                            + names.stream().sorted().toList());
        }
        return found;
    }

    /** @return position of every id */
    public Map<String, Integer> positions() {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            m.put(ids.get(i), i);
        }
        return m;
    }
}
