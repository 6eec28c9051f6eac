package org.spinj.graph;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spinj.graph.io.Excerpt;

/**
 * Reads the graph files of the traffic and air-quality benchmarks: dense adjacency matrices
 * (DCRNN's {@code adj_mx} exported to CSV), distance edge lists (PEMS-BAY's {@code
 * distances_bay_2017.csv}, ASTGCN's {@code PEMS04/08 distance.csv}), node id lists and station
 * coordinates. Parse errors name the file, the 1-based line and column, and what was expected.
 */
public final class GraphCsvReader {

    private static final Logger LOG = LoggerFactory.getLogger(GraphCsvReader.class);

    private GraphCsvReader() {}

    /**
     * Reads a dense square matrix of numbers, one row per line, comma-separated, no header (the
     * layout of {@code adj_mx.csv}). {@code inf} and {@code nan} are accepted as Java spells them
     * or as numpy writes them.
     *
     * @param path the file
     * @return the {@code [N, N]} matrix, row-major as in the file
     * @throws IllegalArgumentException on a non-number or a row of the wrong length
     * @throws UncheckedIOException if the file cannot be read
     */
    public static double[][] readMatrix(Path path) {
        List<String> lines = nonBlankLines(path);
        int n = lines.size();
        double[][] m = new double[n][];
        for (int r = 0; r < n; r++) {
            String[] cells = lines.get(r).split(",", -1);
            if (cells.length != n) {
                throw parseError(
                        path, r + 1, 1, "a row of " + n + " values (square matrix)",
                        cells.length + " values");
            }
            m[r] = new double[n];
            for (int c = 0; c < n; c++) {
                m[r][c] = number(path, r + 1, c + 1, cells[c]);
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException(path + ": expected a square matrix, got no rows");
        }
        return m;
    }

    /**
     * Reads a distance edge list whose endpoints are 0-based node indices, with or without the
     * header {@code from,to,cost} (ASTGCN's PEMS04/PEMS08 format). Pairs absent from the file
     * stay {@code +inf}; the diagonal is not filled in.
     *
     * @param path the file
     * @param numNodes the number of nodes {@code N}
     * @return the {@code [N, N]} distance matrix, {@code d[from][to]}
     */
    public static double[][] readDistanceList(Path path, int numNodes) {
        if (numNodes <= 0) {
            throw new IllegalArgumentException("numNodes must be > 0, got " + numNodes);
        }
        double[][] d = infinities(numNodes);
        List<String> lines = nonBlankLines(path);
        for (int r = headerLines(lines); r < lines.size(); r++) {
            String[] cells = threeCells(path, r, lines.get(r));
            int from = index(path, r + 1, 1, cells[0], numNodes);
            int to = index(path, r + 1, 2, cells[1], numNodes);
            d[from][to] = distance(path, r + 1, 3, cells[2]);
        }
        return d;
    }

    /**
     * Reads a distance edge list whose endpoints are node identifiers (DCRNN's {@code
     * distances_bay_2017.csv}: {@code from_id,to_id,metres}, no header). As DCRNN's {@code
     * gen_adj_mx.py} does, pairs with an id outside {@code nodeIds} are skipped; pairs absent
     * from the file stay {@code +inf}.
     *
     * @param path the file
     * @param nodeIds the node identifiers in node order
     * @return the {@code [N, N]} distance matrix, {@code d[from][to]}
     */
    public static double[][] readDistanceList(Path path, List<String> nodeIds) {
        Objects.requireNonNull(nodeIds, "nodeIds");
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < nodeIds.size(); i++) {
            if (position.put(nodeIds.get(i), i) != null) {
                throw new IllegalArgumentException("node id " + nodeIds.get(i) + " is listed twice");
            }
        }
        double[][] d = infinities(nodeIds.size());
        List<String> lines = nonBlankLines(path);
        int skipped = 0;
        for (int r = headerLines(lines); r < lines.size(); r++) {
            String[] cells = threeCells(path, r, lines.get(r));
            Integer from = position.get(cells[0].trim());
            Integer to = position.get(cells[1].trim());
            double value = distance(path, r + 1, 3, cells[2]);
            if (from == null || to == null) {
                skipped++;
                continue;
            }
            d[from][to] = value;
        }
        LOG.debug("{}: skipped {} pairs with ids outside the node list", path, skipped);
        return d;
    }

    /**
     * Reads node identifiers separated by commas or whitespace ({@code graph_sensor_ids.txt}).
     *
     * @param path the file
     * @return the identifiers in file order
     */
    public static List<String> readNodeIds(Path path) {
        List<String> ids = new ArrayList<>();
        for (String line : nonBlankLines(path)) {
            for (String id : line.trim().split("[,\\s]+")) {
                if (!id.isEmpty()) {
                    ids.add(id);
                }
            }
        }
        return ids;
    }

    /**
     * Reads station coordinates: an optional header, then rows whose first column is the node
     * id (or a row number followed by the id, as in METR-LA's {@code graph_sensor_locations.csv})
     * and whose last two columns are latitude and longitude in degrees.
     *
     * @param path the file ({@code pm25_latlng.txt}, {@code graph_sensor_locations*.csv})
     * @return the coordinates in file order
     */
    public static Coordinates readCoordinates(Path path) {
        List<String> lines = nonBlankLines(path);
        int first = headerLines(lines);
        int n = lines.size() - first;
        List<String> ids = new ArrayList<>(n);
        double[] lat = new double[n];
        double[] lon = new double[n];
        for (int r = first; r < lines.size(); r++) {
            String[] cells = lines.get(r).split(",", -1);
            if (cells.length < 3) {
                throw parseError(path, r + 1, 1, "id,latitude,longitude", lines.get(r));
            }
            int k = r - first;
            ids.add(cells[cells.length - 3].trim());
            lat[k] = coordinate(path, r + 1, cells.length - 1, cells[cells.length - 2], 90);
            lon[k] = coordinate(path, r + 1, cells.length, cells[cells.length - 1], 180);
        }
        return new Coordinates(ids, lat, lon);
    }

    private static List<String> nonBlankLines(Path path) {
        Objects.requireNonNull(path, "path");
        try {
            List<String> all = Files.readAllLines(path, StandardCharsets.UTF_8);
            // Trailing blank lines are common; interior blank lines would shift line numbers, so
            // only the tail is dropped.
            int end = all.size();
            while (end > 0 && all.get(end - 1).isBlank()) {
                end--;
            }
            return all.subList(0, end);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    /** A first line whose first cell is not a number is a header. */
    private static int headerLines(List<String> lines) {
        if (lines.isEmpty()) {
            return 0;
        }
        String firstCell = lines.get(0).split(",", -1)[0].trim();
        return isNumber(firstCell) ? 0 : 1;
    }

    private static String[] threeCells(Path path, int row, String line) {
        String[] cells = line.split(",", -1);
        if (cells.length != 3) {
            throw parseError(path, row + 1, 1, "3 columns from,to,distance", cells.length
                    + " columns in \"" + line + "\"");
        }
        return cells;
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static double number(Path path, int line, int column, String cell) {
        String s = cell.trim();
        switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "inf":
            case "+inf":
                return Double.POSITIVE_INFINITY;
            case "-inf":
                return Double.NEGATIVE_INFINITY;
            case "nan":
                return Double.NaN;
            default:
                break;
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw parseError(path, line, column, "a number", "\"" + Excerpt.of(cell) + "\"");
        }
    }

    private static double coordinate(Path path, int line, int column, String cell, double max) {
        double v = number(path, line, column, cell);
        if (!(Math.abs(v) <= max)) {
            throw parseError(path, line, column, "degrees in [-" + (int) max + ", " + (int) max
                    + "] (a coordinate cannot be missing)", "\"" + cell + "\"");
        }
        return v;
    }

    private static double distance(Path path, int line, int column, String cell) {
        double d = number(path, line, column, cell);
        if (Double.isNaN(d) || d < 0) {
            throw parseError(path, line, column, "a distance >= 0", "\"" + Excerpt.of(cell) + "\"");
        }
        return d;
    }

    private static int index(Path path, int line, int column, String cell, int numNodes) {
        try {
            int i = Integer.parseInt(cell.trim());
            if (i >= 0 && i < numNodes) {
                return i;
            }
        } catch (NumberFormatException e) {
            // reported below with the expected range
        }
        throw parseError(
                path, line, column, "a node index in 0.." + (numNodes - 1), "\"" + Excerpt.of(cell) + "\"");
    }

    private static double[][] infinities(int n) {
        double[][] d = new double[n][n];
        for (double[] row : d) {
            Arrays.fill(row, Double.POSITIVE_INFINITY);
        }
        return d;
    }

    private static IllegalArgumentException parseError(
            Path path, int line, int column, String expected, String got) {
        return new IllegalArgumentException(
                path + ":" + line + ":" + column + ": expected " + expected + ", got " + got);
    }
}
