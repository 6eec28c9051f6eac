package org.spinj.datasets.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
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
        Objects.requireNonNull(file, "file");
        CsvRecords csv = CsvRecords.read(file);
        String[] header = csv.record(0);
        int id = column(csv, header, ID_NAMES, "node id");
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
