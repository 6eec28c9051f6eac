package org.spinj.datasets.io;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * A distance edge list such as ASTGCN's {@code PEMS04_distance.csv} / {@code PEMS08_distance.csv}:
 * header {@code from,to,cost}, 0-based node indices, road distance. These are raw distances, not
 * similarities; turning them into a graph (e.g. a Gaussian kernel) is the graph module's job.
 *
 * @param numNodes {@code N}
 * @param from {@code [E]} source indices
 * @param to {@code [E]} target indices
 * @param distance {@code [E]} finite, non-negative distances
 */
public record DistanceEdges(int numNodes, int[] from, int[] to, float[] distance) {

    /** Validates and copies. */
    public DistanceEdges {
        from = from.clone();
        to = to.clone();
        distance = distance.clone();
        if (from.length != to.length || from.length != distance.length) {
            throw new IllegalArgumentException("from, to and distance need the same length, got "
                    + from.length + ", " + to.length + ", " + distance.length);
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

    private static int index(Path file, int line, int column, String cell, int numNodes) {
        double v = WideCsvReader.parseNumber(file, line, column, cell, 0, numNodes - 1);
        if (v != Math.rint(v)) {
            throw new CsvFormatException(file, line, column,
                    "node index '" + cell + "' is not an integer, expected 0 <= index < " + numNodes);
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
