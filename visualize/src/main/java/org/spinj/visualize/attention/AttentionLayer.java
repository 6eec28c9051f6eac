package org.spinj.visualize.attention;

import java.util.List;
import java.util.Objects;
import org.spinj.graph.EdgeIndex;
import org.spinj.graph.listen.AttentionKind;
import org.spinj.graph.listen.AttentionRecord;

/**
 * The records one attention layer (one {@code layerId}) reported during a single forward pass.
 * A layer normally reports once per pass; a layer applied several times (weight sharing) reports
 * once per call, in call order.
 *
 * @param layerId the layer's identifier, e.g. {@code "layer2.cross"}
 * @param kind what the weights are normalised over (the same for every call)
 * @param calls the layer's records in call order, at least one; copied
 */
public record AttentionLayer(String layerId, AttentionKind kind, List<AttentionRecord> calls) {

    /** Validates that every call belongs to this layer and has this kind, and copies the list. */
    public AttentionLayer {
        Objects.requireNonNull(layerId, "layerId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(calls, "calls");
        if (calls.isEmpty()) {
            throw new IllegalArgumentException("layer " + layerId + " needs at least one record");
        }
        for (AttentionRecord r : calls) {
            if (!r.layerId().equals(layerId) || r.kind() != kind) {
                throw new IllegalArgumentException(
                        "layer " + layerId + " (" + kind + ") cannot hold the record " + r);
            }
        }
        calls = List.copyOf(calls);
    }

    /**
     * The record of the layer's first call, the one the matrices are built from.
     *
     * @return the first record
     */
    public AttentionRecord record() {
        return calls.get(0);
    }

    /**
     * Whether the layer's weights are spread over spatial edges: spatial attention, or temporal
     * attention computed per spatial edge (SPIN's cross-attention, {@code spatialIndex != null}).
     *
     * @return whether {@link #spatialEdges()} is defined
     */
    public boolean hasSpatialEdges() {
        return kind == AttentionKind.SPATIAL || record().spatialIndex() != null;
    }

    /**
     * The spatial edges the weights are spread over.
     *
     * @return the edge index of a spatial record, or the spatial index of a per-edge temporal one
     * @throws IllegalStateException if the layer has no spatial edges
     */
    public EdgeIndex spatialEdges() {
        if (kind == AttentionKind.SPATIAL) {
            return record().edgeIndex();
        }
        if (record().spatialIndex() == null) {
            throw new IllegalStateException(
                    "layer " + layerId + " is temporal attention per node; it has no spatial edges");
        }
        return record().spatialIndex();
    }

    /** @return a one-line description: id, kind, weight shape and edge index */
    public String describe() {
        AttentionRecord r = record();
        return layerId
                + " ["
                + kind
                + (r.spatialIndex() != null ? " per spatial edge" : "")
                + ", weights "
                + r.weightShape()
                + ", "
                + r.edgeIndex()
                + (calls.size() > 1 ? ", " + calls.size() + " calls" : "")
                + "]";
    }
}
