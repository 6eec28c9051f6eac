package org.spinj.graph.listen;

import ai.djl.ndarray.types.Shape;
import java.nio.FloatBuffer;
import java.util.Objects;
import org.spinj.graph.EdgeIndex;

/**
 * One layer's attention weights from one forward pass, as reported to a {@link MessageListener}.
 * The weights are copied out of native memory when the record is made, so a record stays valid
 * after the forward pass and its managers are closed.
 *
 * @param layerId the reporting layer's identifier, unique within a model (e.g. {@code
 *     "layer2.cross"})
 * @param kind what the weights are normalised over; fixes the layout of {@code weights}
 * @param edgeIndex the index the weights are normalised over: spatial edges for {@link
 *     AttentionKind#SPATIAL}, (source step → target step) pairs over {@code T} steps for {@link
 *     AttentionKind#TEMPORAL}
 * @param spatialIndex for temporal attention computed per spatial edge, the spatial edges of the
 *     last weight axis; {@code null} when that axis is nodes or for spatial attention
 * @param weightShape the shape of the weights (see {@link AttentionKind})
 * @param messageShape the shape of the messages the weights multiplied, e.g. {@code [B, T, E,
 *     C]}
 * @param weightData the weights in row-major order; copied
 */
public record AttentionRecord(
        String layerId,
        AttentionKind kind,
        EdgeIndex edgeIndex,
        EdgeIndex spatialIndex,
        Shape weightShape,
        Shape messageShape,
        float[] weightData) {

    /** Validates the fields and copies the weights. */
    public AttentionRecord {
        Objects.requireNonNull(layerId, "layerId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(edgeIndex, "edgeIndex");
        Objects.requireNonNull(weightShape, "weightShape");
        Objects.requireNonNull(messageShape, "messageShape");
        Objects.requireNonNull(weightData, "weightData");
        if (weightShape.size() != weightData.length) {
            throw new IllegalArgumentException(
                    "weightShape "
                            + weightShape
                            + " holds "
                            + weightShape.size()
                            + " values, got "
                            + weightData.length);
        }
        if (kind == AttentionKind.SPATIAL
                && (weightShape.dimension() != 4 || weightShape.get(2) != edgeIndex.numEdges())) {
            throw new IllegalArgumentException(
                    "spatial weights must be [B, T, E, H] with E = "
                            + edgeIndex.numEdges()
                            + ", got "
                            + weightShape);
        }
        if (kind == AttentionKind.TEMPORAL
                && (weightShape.dimension() != 4
                        || weightShape.get(1) != edgeIndex.numNodes()
                        || weightShape.get(2) != edgeIndex.numNodes())) {
            throw new IllegalArgumentException(
                    "temporal weights must be [B, T, T, M] with T = "
                            + edgeIndex.numNodes()
                            + ", got "
                            + weightShape);
        }
        if (spatialIndex != null
                && kind == AttentionKind.TEMPORAL
                && weightShape.get(3) != spatialIndex.numEdges()) {
            throw new IllegalArgumentException(
                    "temporal weights per spatial edge need M = E = "
                            + spatialIndex.numEdges()
                            + ", got "
                            + weightShape);
        }
        weightData = weightData.clone();
    }

    /**
     * Returns a read-only view of the weights, row-major in {@link #weightShape()}; no copy.
     *
     * @return the weights
     */
    public FloatBuffer weights() {
        return FloatBuffer.wrap(weightData).asReadOnlyBuffer();
    }

    /**
     * Returns a copy of the weights (the record's own array is never handed out).
     *
     * @return the weights, row-major in {@link #weightShape()}
     */
    @Override
    public float[] weightData() {
        return weightData.clone();
    }

    /**
     * Reads one weight.
     *
     * @param indices one index per axis of {@link #weightShape()}
     * @return the weight at that position
     */
    public float weight(long... indices) {
        if (indices.length != weightShape.dimension()) {
            throw new IllegalArgumentException(
                    "expected " + weightShape.dimension() + " indices for " + weightShape
                            + ", got " + indices.length);
        }
        long flat = 0;
        for (int a = 0; a < indices.length; a++) {
            if (indices[a] < 0 || indices[a] >= weightShape.get(a)) {
                throw new IllegalArgumentException(
                        "index " + indices[a] + " on axis " + a + " is outside [0, "
                                + weightShape.get(a) + ")");
            }
            flat = flat * weightShape.get(a) + indices[a];
        }
        return weightData[(int) flat];
    }

    @Override
    public String toString() {
        return "AttentionRecord[" + layerId + ", " + kind + ", weights " + weightShape
                + ", messages " + messageShape + ", " + edgeIndex + "]";
    }
}
