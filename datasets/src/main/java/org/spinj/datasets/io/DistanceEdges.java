package org.spinj.datasets.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.spinj.graph.io.Excerpt;

/**
 * A distance edge list: ASTGCN's {@code PEMS04_distance.csv} / {@code PEMS08_distance.csv}
 * (header {@code from,to,cost}, 0-based node indices, {@link #read}), or a user's list naming the
 * nodes by id, like DCRNN's {@code distances_bay_2017.csv} ({@link #readByIds}). These are raw
 * distances, not similarities; {@link #toDistanceMatrix()} feeds the graph module's Gaussian
 * kernel ({@code Connectivity.fromDistances}).
 *
 * @param numNodes {@code N}
 * @param from {@code [E]} source indices
 * @param to {@code [E]} target indices
 * @param distance {@code [E]} finite, non-negative distances
 */
public record DistanceEdges(int numNodes, int[] from, int[] to, float[] distance) {

    /** Header names accepted for the source column of {@link #readByIds}. */
    public static final Set<String> FROM_NAMES =
            Set.of("from", "source", "src", "from_id", "from_node", "from_sensor", "origin");
    /** Header names accepted for the target column of {@link #readByIds}. */
    public static final Set<String> TO_NAMES =
            Set.of("to", "target", "dst", "to_id", "to_node", "to_sensor", "destination");
    /** Header names accepted for the distance column of {@link #readByIds}. */
    public static final Set<String> COST_NAMES =
            Set.of("cost", "distance", "dist", "distance_m", "length");

    /** Validates and copies. */
    public DistanceEdges {
        from = from.clone();
        to = to.clone();
        distance = distance.clone();
        if (from.length != to.length || from.length != distance.length) {
            throw new IllegalArgumentException("from, to and distance need the same length, got "
                    + from.length + ", " + to.length + ", " + distance.length);
        }
        for (int e = 0; e < from.length; e++) {
            if (from[e] < 0 || from[e] >= numNodes || to[e] < 0 || to[e] >= numNodes
                    || !(distance[e] >= 0) || Float.isInfinite(distance[e])) {
                throw new IllegalArgumentException("edge " + e + " is " + from[e] + " -> " + to[e]
                        + " at distance " + distance[e] + ", expected 0 <= from, to < numNodes = "
                        + numNodes + " and a finite distance >= 0");
            }
        }
    }

    /**
     * @param file the CSV with header {@code from,to,cost} (any case)
     * @param numNodes {@code N}: every index must be in {@code [0, N)}
     * @return the edges in file order
     * @throws CsvFormatException naming line and column of a bad row or index
     */
    public static DistanceEdges read(Path file, int numNodes) {
        Objects.requireNonNull(file, "file");
        CsvRecords csv = CsvRecords.read(file);
        String[] header = csv.record(0);
        String[] lower = Arrays.stream(header).map(h -> h.toLowerCase(Locale.ROOT)).toArray(String[]::new);
        if (!Arrays.equals(lower, new String[] {"from", "to", "cost"})) {
            throw new CsvFormatException(file, csv.line(0), 0,
                    "header is " + Arrays.toString(header) + ", expected [from, to, cost]");
        }
        int e = csv.size() - 1;
        int[] f = new int[e];
        int[] t = new int[e];
        float[] d = new float[e];
        for (int k = 0; k < e; k++) {
            String[] row = csv.record(k + 1);
            int line = csv.line(k + 1);
            if (row.length != 3) {
                throw new CsvFormatException(file, line, Math.min(row.length, 3) + 1,
                        "row has " + row.length + " fields, expected 3");
            }
            f[k] = index(file, line, 1, row[0], numNodes);
            t[k] = index(file, line, 2, row[1], numNodes);
            d[k] = (float) WideCsvReader.parseNumber(file, line, 3, row[2], 0, Double.MAX_VALUE);
        }
        return new DistanceEdges(numNodes, f, t, d);
    }

    /**
     * Reads a distance edge list whose endpoints are node ids, e.g. for a user's wide CSV. The
     * header names the three columns (any order, any case, other columns ignored): the source
     * one of {@link #FROM_NAMES}, the target one of {@link #TO_NAMES}, the distance one of {@link
     * #COST_NAMES}. A file whose first row ends in a number has no header and is read as {@code
     * from,to,cost} (DCRNN's {@code distances_bay_2017.csv}).
     *
     * @param file the CSV
     * @param nodeIds the series' node ids, in node order; an edge's endpoints must be among them
     * @return the edges in file order, as indices into {@code nodeIds}
     * @throws CsvFormatException naming file, line and column of a bad row, a pair given twice,
     *     or the first line of the ids that match no node (all of them listed)
     */
    public static DistanceEdges readByIds(Path file, List<String> nodeIds) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(nodeIds, "nodeIds");
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < nodeIds.size(); i++) {
            index.put(nodeIds.get(i), i);
        }
        CsvRecords csv = CsvRecords.read(file);
        String[] first = csv.record(0);
        boolean headerless = first.length >= 3
                && WideCsvReader.isNumber(first[first.length - 1]);
        int[] cols = headerless ? new int[] {0, 1, 2} : columns(csv, first);
        int width = headerless ? 3 : first.length;
        List<Integer> f = new ArrayList<>();
        List<Integer> t = new ArrayList<>();
        List<Float> d = new ArrayList<>();
        Map<String, int[]> unmatched = new LinkedHashMap<>(); // id -> {line, column}
        Map<Long, Integer> pairs = new HashMap<>(); // from * N + to -> line
        for (int k = headerless ? 0 : 1; k < csv.size(); k++) {
            String[] row = csv.record(k);
            int line = csv.line(k);
            if (row.length != width) {
                throw new CsvFormatException(file, line, Math.min(row.length, width) + 1,
                        "row has " + row.length + " fields, expected " + width
                                + (headerless ? " (from,to,cost)" : " as in the header"));
            }
            Integer a = index.get(row[cols[0]]);
            Integer b = index.get(row[cols[1]]);
            if (a == null) {
                unmatched.putIfAbsent(row[cols[0]], new int[] {line, cols[0] + 1});
            }
            if (b == null) {
                unmatched.putIfAbsent(row[cols[1]], new int[] {line, cols[1] + 1});
            }
            double cost = WideCsvReader.parseNumber(file, line, cols[2] + 1, row[cols[2]], 0,
                    Double.MAX_VALUE);
            if (a == null || b == null) {
                continue;
            }
            Integer before = pairs.put((long) a * nodeIds.size() + b, line);
            if (before != null) {
                throw new CsvFormatException(file, line, cols[0] + 1, "the pair " + row[cols[0]]
                        + " -> " + row[cols[1]] + " already has a distance on line " + before
                        + ", expected one distance per ordered pair");
            }
            f.add(a);
            t.add(b);
            d.add((float) cost);
        }
        if (!unmatched.isEmpty()) {
            int[] at = unmatched.values().iterator().next();
            throw new CsvFormatException(file, at[0], at[1], unmatched.size() + " id(s) match no"
                    + " node of the data: " + unmatched.keySet() + " (first here); the data's node ids"
                    + " are " + (nodeIds.size() <= 10 ? nodeIds.toString()
                            : nodeIds.subList(0, 10) + " ... (" + nodeIds.size() + " in all)"));
        }
        float[] dist = new float[d.size()];
        for (int e = 0; e < dist.length; e++) {
            dist[e] = d.get(e);
        }
        return new DistanceEdges(nodeIds.size(), f.stream().mapToInt(Integer::intValue).toArray(),
                t.stream().mapToInt(Integer::intValue).toArray(), dist);
    }

    private static int[] columns(CsvRecords csv, String[] header) {
        int[] cols = {-1, -1, -1};
        List<Set<String>> names = List.of(FROM_NAMES, TO_NAMES, COST_NAMES);
        String[] what = {"source", "target", "distance"};
        for (int c = 0; c < header.length; c++) {
            String h = header[c].trim().toLowerCase(Locale.ROOT);
            for (int k = 0; k < 3; k++) {
                if (names.get(k).contains(h)) {
                    if (cols[k] >= 0) {
                        throw new CsvFormatException(csv.file(), csv.line(0), c + 1, "header names two "
                                + what[k] + " columns ('" + Excerpt.of(header[cols[k]]) + "' and '" + Excerpt.of(header[c])
                                + "'), expected one");
                    }
                    cols[k] = c;
                }
            }
        }
        for (int k = 0; k < 3; k++) {
            if (cols[k] < 0) {
                throw new CsvFormatException(csv.file(), csv.line(0), 0, "no " + what[k]
                        + " column in header " + Arrays.toString(header) + ", expected one named "
                        + names.get(k).stream().sorted().toList()
                        + " (or no header at all: from,to,cost rows)");
            }
        }
        return cols;
    }

    /**
     * The dense distance matrix for {@code Connectivity.fromDistances}: {@code +inf} where no
     * distance is given (no edge), so the kernel's theta is the std of the given distances only,
     * as in DCRNN's {@code gen_adj_mx.py}.
     *
     * @return {@code [N, N]}, entry {@code [from][to]} the distance of the edge
     */
    public double[][] toDistanceMatrix() {
        double[][] m = new double[numNodes][numNodes];
        for (double[] row : m) {
            Arrays.fill(row, Double.POSITIVE_INFINITY);
        }
        for (int e = 0; e < from.length; e++) {
            m[from[e]][to[e]] = distance[e];
        }
        return m;
    }

    private static int index(Path file, int line, int column, String cell, int numNodes) {
        double v = WideCsvReader.parseNumber(file, line, column, cell, 0, numNodes - 1);
        if (v != Math.rint(v)) {
            throw new CsvFormatException(file, line, column,
                    "node index '" + Excerpt.of(cell) + "' is not an integer, expected 0 <= index < " + numNodes);
        }
        return (int) v;
    }

    @Override
    public int[] from() {
        return from.clone();
    }

    @Override
    public int[] to() {
        return to.clone();
    }

    @Override
    public float[] distance() {
        return distance.clone();
    }
}
