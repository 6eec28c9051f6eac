package org.spinj.datasets.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.spinj.graph.EdgeIndex;

/**
 * A dense {@code [N, N]} adjacency CSV without header (T-GCN's {@code los_adj.csv}, DCRNN's
 * {@code adj_mx.csv} as exported here): entry {@code (i, j)} is the weight of the edge {@code i
 * -> j}, 0 for none.
 */
public final class DenseAdjacency {

    private DenseAdjacency() {}

    /**
     * Reads the matrix and turns every non-zero entry into an edge.
     *
     * @param file the CSV
     * @param expectedNodes {@code N}, or 0 to accept any square size
     * @return the weighted edges, self-loops included when the diagonal is non-zero
     * @throws CsvFormatException on a non-square matrix or a negative or non-numeric entry
     */
    public static EdgeIndex read(Path file, int expectedNodes) {
        Objects.requireNonNull(file, "file");
        CsvRecords csv = CsvRecords.read(file);
        int n = csv.size();
        if (expectedNodes > 0 && n != expectedNodes) {
            throw new CsvFormatException(file, 0, 0,
                    "adjacency has " + n + " rows, expected " + expectedNodes + " (one per node)");
        }
        List<Integer> src = new ArrayList<>();
        List<Integer> tgt = new ArrayList<>();
        List<Float> w = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String[] row = csv.record(i);
            if (row.length != n) {
                throw new CsvFormatException(file, csv.line(i), Math.min(row.length, n) + 1,
                        "row has " + row.length + " entries, expected " + n + " (a square matrix)");
            }
            for (int j = 0; j < n; j++) {
                double v = WideCsvReader.parseNumber(file, csv.line(i), j + 1, row[j], 0,
                        Double.MAX_VALUE);
                if (v != 0) {
                    src.add(i);
                    tgt.add(j);
                    w.add((float) v);
                }
            }
        }
        float[] weights = new float[w.size()];
        for (int e = 0; e < weights.length; e++) {
            weights[e] = w.get(e);
        }
        return EdgeIndex.of(n, src.stream().mapToInt(Integer::intValue).toArray(),
                tgt.stream().mapToInt(Integer::intValue).toArray(), weights);
    }
}
