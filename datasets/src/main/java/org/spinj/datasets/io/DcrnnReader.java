package org.spinj.datasets.io;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.spinj.datasets.SpatioTemporalSeries;
import org.spinj.graph.EdgeIndex;

/**
 * Reads a traffic benchmark in DCRNN's layout (Li et al., ICLR 2018), METR-LA and PEMS-BAY: the
 * speeds as a pandas HDF5 frame ({@link PandasHdfReader}), the sensor ids in the adjacency's node
 * order ({@code graph_sensor_ids.txt}: one line of comma-separated ids) and the dense thresholded
 * Gaussian-kernel adjacency ({@code adj_mx.csv}, {@link DenseAdjacency}). The graph is reindexed
 * to the frame's column order, matching the two by sensor id, so the files need not list the
 * sensors in the same order.
 */
public final class DcrnnReader {

    private DcrnnReader() {}

    /**
     * @param values the pandas {@code .h5} file (key {@code df} or {@code speed})
     * @param sensorIds the ids in the adjacency's row order
     * @param adjacency the dense {@code [N, N]} adjacency CSV, row = source, column = target
     * @param zerosAreMissing whether a 0 reading is missing (METR-LA) or a value (PEMS-BAY)
     * @param zone the time zone of the frame's naive timestamps
     * @return the series {@code [T, N, 1]} with the adjacency as its graph (weights and
     *     self-loops as published), nodes in the frame's column order
     * @throws IllegalArgumentException naming the files if the frame's sensors and the id list
     *     differ, or on any bad input of the underlying readers
     */
    public static SpatioTemporalSeries read(Path values, Path sensorIds, Path adjacency,
            boolean zerosAreMissing, ZoneId zone) {
        Objects.requireNonNull(sensorIds, "sensorIds");
        Objects.requireNonNull(adjacency, "adjacency");
        SpatioTemporalSeries series = PandasHdfReader.read(values, null, zerosAreMissing, zone).series();
        CsvRecords idRecords = CsvRecords.read(sensorIds);
        if (idRecords.size() != 1) {
            throw new CsvFormatException(sensorIds, idRecords.line(1), 0, "the id list has "
                    + idRecords.size() + " lines, expected one line of comma-separated sensor ids");
        }
        List<String> graphIds = List.of(idRecords.record(0));
        Map<String, Integer> column = new HashMap<>();
        for (int i = 0; i < series.numNodes(); i++) {
            column.put(series.nodeIds().get(i), i);
        }
        List<String> absent = new ArrayList<>();
        int[] toColumn = new int[graphIds.size()];
        for (int k = 0; k < graphIds.size(); k++) {
            Integer c = column.remove(graphIds.get(k));
            if (c == null) {
                absent.add(graphIds.get(k));
            } else {
                toColumn[k] = c;
            }
        }
        if (!absent.isEmpty() || !column.isEmpty()) {
            throw new IllegalArgumentException(values + " and " + sensorIds + " name different sensors: "
                    + absent.size() + " id(s) of the list are no column of the frame " + cap(absent)
                    + ", " + column.size() + " column(s) are not in the list " + cap(column.keySet())
                    + "; expected the same " + graphIds.size() + " sensors in any order");
        }
        EdgeIndex published = DenseAdjacency.read(adjacency, graphIds.size());
        int[] src = published.sources();
        int[] tgt = published.targets();
        for (int e = 0; e < src.length; e++) {
            src[e] = toColumn[src[e]];
            tgt[e] = toColumn[tgt[e]];
        }
        return series.withGraph(EdgeIndex.of(series.numNodes(), src, tgt, published.weights()));
    }

    private static String cap(Collection<String> ids) {
        List<String> l = new ArrayList<>(ids);
        return l.size() <= 10 ? l.toString() : l.subList(0, 10) + " ... (" + l.size() + " in all)";
    }
}
