package org.spinj.visualize.attention;

import java.nio.FloatBuffer;
import java.util.Objects;
import org.spinj.graph.EdgeIndex;
import org.spinj.graph.listen.AttentionKind;
import org.spinj.graph.listen.AttentionRecord;

/**
 * Rebuilds dense {@code [T, T]} temporal attention matrices from {@link AttentionKind#TEMPORAL}
 * records (weights {@code [B, Tt, Ts, M]}, edge index of allowed {@code source step -> target
 * step} pairs over {@code T} steps). Rows are query (target) steps, columns key (source) steps.
 *
 * <p>The record's weights and its edge index must agree: a weight above {@link #TOLERANCE} on a
 * pair the index does not allow means the index is not the one the layer used, and is reported
 * instead of drawing a wrong picture. Weights at or below the tolerance there are read as 0.
 */
public final class TemporalAttentionMatrix {

    /** Largest weight accepted on a pair the edge index does not allow (masked-softmax residue). */
    public static final double TOLERANCE = 1e-6;

    private TemporalAttentionMatrix() {}

    /**
     * The attention of one node (or one spatial edge, for per-edge records) in one sample.
     *
     * @param record a temporal record, weights {@code [B, T, T, M]}
     * @param batch the sample, in {@code [0, B)}
     * @param m the node (or spatial edge) on the last axis, in {@code [0, M)}
     * @return {@code [T, T]}, rows = query step, columns = key step
     * @throws IllegalArgumentException if the record is not temporal, an index is out of range,
     *     or the weights do not fit the record's edge index
     */
    public static AttentionMatrix of(AttentionRecord record, int batch, int m) {
        return of(record, batch, m, record.edgeIndex());
    }

    /**
     * As {@link #of(AttentionRecord, int, int)}, checked against the temporal edges the caller
     * expects the layer to have used (e.g. built by the same {@code TemporalEdges} call).
     *
     * @param record a temporal record, weights {@code [B, T, T, M]}
     * @param batch the sample, in {@code [0, B)}
     * @param m the node (or spatial edge), in {@code [0, M)}
     * @param expected the expected temporal edge index over {@code T} steps
     * @return {@code [T, T]}
     * @throws IllegalArgumentException if {@code expected} covers a different number of steps
     *     or allows other pairs than the record's index, or as {@link #of(AttentionRecord, int,
     *     int)}
     */
    public static AttentionMatrix of(
            AttentionRecord record, int batch, int m, EdgeIndex expected) {
        checkTemporal(record);
        Objects.requireNonNull(expected, "expected");
        int steps = (int) record.weightShape().get(1);
        if (expected.numNodes() != steps) {
            throw new IllegalArgumentException(
                    "layer " + record.layerId() + " attended over T = " + steps
                            + " steps, but the expected temporal edge index covers "
                            + expected.numNodes() + " steps");
        }
        boolean[][] allowedRecord = allowed(record.edgeIndex(), steps);
        boolean[][] allowedExpected = allowed(expected, steps);
        for (int t = 0; t < steps; t++) {
            for (int s = 0; s < steps; s++) {
                if (allowedRecord[t][s] != allowedExpected[t][s]) {
                    throw new IllegalArgumentException(
                            "layer " + record.layerId() + " " + (allowedRecord[t][s] ? "allowed"
                                    : "did not allow") + " source step " + s + " -> target step "
                                    + t + ", the expected temporal edge index "
                                    + (allowedExpected[t][s] ? "allows" : "does not allow")
                                    + " it: the expected index is not the one the layer used");
                }
            }
        }
        checkIndex("batch", batch, record.weightShape().get(0), record);
        checkIndex(record.spatialIndex() == null ? "node" : "spatial edge", m,
                record.weightShape().get(3), record);
        double[][] values = new double[steps][steps];
        FloatBuffer w = record.weights();
        long numM = record.weightShape().get(3);
        for (int t = 0; t < steps; t++) {
            for (int s = 0; s < steps; s++) {
                long flat = (((long) batch * steps + t) * steps + s) * numM + m;
                double v = w.get((int) flat);
                if (allowedRecord[t][s]) {
                    values[t][s] = v;
                } else if (Math.abs(v) > TOLERANCE) {
                    throw new IllegalArgumentException(
                            "layer " + record.layerId() + " has weight " + v + " on source step "
                                    + s + " -> target step " + t + " (batch " + batch + ", m "
                                    + m + "), a pair its temporal edge index does not allow: the"
                                    + " record's edge index does not match its weights");
                }
            }
        }
        return AttentionMatrix.of(values, allowedRecord);
    }

    /**
     * The mean over the last axis (nodes, or spatial edges) of the per-node matrices.
     *
     * @param record a temporal record, weights {@code [B, T, T, M]}
     * @param batch the sample, in {@code [0, B)}
     * @return {@code [T, T]}, the mean of {@link #of(AttentionRecord, int, int)} over {@code m}
     */
    public static AttentionMatrix mean(AttentionRecord record, int batch) {
        checkTemporal(record);
        int steps = (int) record.weightShape().get(1);
        int numM = (int) record.weightShape().get(3);
        double[][] sum = new double[steps][steps];
        for (int m = 0; m < numM; m++) {
            AttentionMatrix a = of(record, batch, m);
            for (int t = 0; t < steps; t++) {
                for (int s = 0; s < steps; s++) {
                    sum[t][s] += a.get(t, s) / numM;
                }
            }
        }
        return AttentionMatrix.of(sum, allowed(record.edgeIndex(), steps));
    }

    private static void checkTemporal(AttentionRecord record) {
        Objects.requireNonNull(record, "record");
        if (record.kind() != AttentionKind.TEMPORAL) {
            throw new IllegalArgumentException(
                    "layer " + record.layerId() + " reported " + record.kind()
                            + " attention, expected TEMPORAL for a [T, T] matrix");
        }
    }

    static void checkIndex(String what, int value, long size, AttentionRecord record) {
        if (value < 0 || value >= size) {
            throw new IllegalArgumentException(
                    what + " " + value + " is out of range: layer " + record.layerId()
                            + " has weights " + record.weightShape() + ", expected 0 <= " + what
                            + " < " + size);
        }
    }

    private static boolean[][] allowed(EdgeIndex index, int steps) {
        boolean[][] a = new boolean[steps][steps];
        for (int e = 0; e < index.numEdges(); e++) {
            a[index.target(e)][index.source(e)] = true;
        }
        return a;
    }
}
