package org.spinj.visualize.attention;

import java.nio.FloatBuffer;
import java.util.Objects;
import org.spinj.graph.EdgeIndex;
import org.spinj.graph.listen.AttentionKind;
import org.spinj.graph.listen.AttentionRecord;

/**
 * Rebuilds dense {@code [N, N]} spatial attention matrices (rows = target node, columns = source
 * node) from records whose weights are spread over spatial edges:
 *
 * <ul>
 *   <li>{@link AttentionKind#SPATIAL}, weights {@code [B, T, E, H]}: the weight of edge {@code
 *       j -> i} at step {@code t}, averaged over the heads;
 *   <li>{@link AttentionKind#TEMPORAL} per spatial edge ({@code spatialIndex != null}), weights
 *       {@code [B, Tt, Ts, E]}: the attention mass edge {@code j -> i} carries into target step
 *       {@code t}, {@code sum_s w[b, t, s, e]}. SPIN normalises per edge (Marisca et al. 2022,
 *       Eq. 7), so this is 1 for an edge with a valid source step and 0 for a fully masked one;
 *       it shows which neighbours actually send messages.
 * </ul>
 *
 * Parallel edges between the same pair add up.
 *
 * <p>Because SPIN's cross-attention does not make edges compete, its per-edge mass is the same
 * (1) on every edge with a valid source step, and a picture of it only tells masked edges apart.
 * {@link #sameStep(AttentionRecord, int, int)} gives a view of such records that differs from edge
 * to edge: the weight the target step puts on the neighbour's value at the same step.
 */
public final class SpatialAttentionMatrix {

    private SpatialAttentionMatrix() {}

    /**
     * The spatial attention of one sample at one (target) step.
     *
     * @param record a spatial record or a temporal record per spatial edge
     * @param batch the sample, in {@code [0, B)}
     * @param step the (target) step, in {@code [0, T)}
     * @return {@code [N, N]}, rows = target node, columns = source node
     * @throws IllegalArgumentException if the record has no spatial edges or an index is out of
     *     range
     */
    public static AttentionMatrix of(AttentionRecord record, int batch, int step) {
        Objects.requireNonNull(record, "record");
        EdgeIndex edges;
        if (record.kind() == AttentionKind.SPATIAL) {
            edges = record.edgeIndex();
        } else if (record.spatialIndex() != null) {
            edges = record.spatialIndex();
        } else {
            throw new IllegalArgumentException(
                    "layer " + record.layerId() + " is temporal attention per node; a spatial"
                            + " matrix needs SPATIAL weights or temporal weights per spatial edge");
        }
        TemporalAttentionMatrix.checkIndex("batch", batch, record.weightShape().get(0), record);
        TemporalAttentionMatrix.checkIndex("step", step, record.weightShape().get(1), record);
        int n = edges.numNodes();
        double[][] values = new double[n][n];
        boolean[][] allowed = new boolean[n][n];
        double[] perEdge = record.kind() == AttentionKind.SPATIAL
                ? headMeans(record, batch, step)
                : sourceStepSums(record, batch, step);
        for (int e = 0; e < edges.numEdges(); e++) {
            values[edges.target(e)][edges.source(e)] += perEdge[e];
            allowed[edges.target(e)][edges.source(e)] = true;
        }
        return AttentionMatrix.of(values, allowed);
    }

    /**
     * For a temporal record per spatial edge (weights {@code [B, Tt, Ts, E]}): the weight edge
     * {@code j -> i} gives, at target step {@code t}, to the source's value at the same step,
     * {@code w[b, t, s = t, e]}. It is in {@code [0, 1]}: near 1 when node {@code i} at step
     * {@code t} reads neighbour {@code j} at that very step, 0 when {@code j} is masked there (in
     * SPIN's layers below η) or the pair {@code t -> t} is not allowed.
     *
     * @param record a temporal record per spatial edge
     * @param batch the sample, in {@code [0, B)}
     * @param step the target step, in {@code [0, T)}
     * @return {@code [N, N]}, rows = target node, columns = source node
     * @throws IllegalArgumentException if the record is not temporal per spatial edge, or an
     *     index is out of range
     */
    public static AttentionMatrix sameStep(AttentionRecord record, int batch, int step) {
        Objects.requireNonNull(record, "record");
        if (record.kind() != AttentionKind.TEMPORAL || record.spatialIndex() == null) {
            throw new IllegalArgumentException(
                    "layer " + record.layerId() + " reported " + record.kind() + " attention"
                            + (record.spatialIndex() == null ? " without spatial edges" : "")
                            + "; the same-step view needs temporal weights per spatial edge");
        }
        TemporalAttentionMatrix.checkIndex("batch", batch, record.weightShape().get(0), record);
        TemporalAttentionMatrix.checkIndex("step", step, record.weightShape().get(1), record);
        EdgeIndex edges = record.spatialIndex();
        long steps = record.weightShape().get(1);
        int numEdges = (int) record.weightShape().get(3);
        FloatBuffer w = record.weights();
        int n = edges.numNodes();
        double[][] values = new double[n][n];
        boolean[][] allowed = new boolean[n][n];
        for (int e = 0; e < numEdges; e++) {
            long flat = (((long) batch * steps + step) * steps + step) * numEdges + e;
            values[edges.target(e)][edges.source(e)] += w.get((int) flat);
            allowed[edges.target(e)][edges.source(e)] = true;
        }
        return AttentionMatrix.of(values, allowed);
    }

    private static double[] headMeans(AttentionRecord record, int batch, int step) {
        long steps = record.weightShape().get(1);
        int numEdges = (int) record.weightShape().get(2);
        int heads = (int) record.weightShape().get(3);
        FloatBuffer w = record.weights();
        double[] out = new double[numEdges];
        for (int e = 0; e < numEdges; e++) {
            for (int h = 0; h < heads; h++) {
                long flat = (((long) batch * steps + step) * numEdges + e) * heads + h;
                out[e] += w.get((int) flat) / (double) heads;
            }
        }
        return out;
    }

    private static double[] sourceStepSums(AttentionRecord record, int batch, int step) {
        long steps = record.weightShape().get(1);
        int numEdges = (int) record.weightShape().get(3);
        FloatBuffer w = record.weights();
        double[] out = new double[numEdges];
        for (int s = 0; s < steps; s++) {
            for (int e = 0; e < numEdges; e++) {
                long flat = (((long) batch * steps + step) * steps + s) * numEdges + e;
                out[e] += w.get((int) flat);
            }
        }
        return out;
    }
}
