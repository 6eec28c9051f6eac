package org.spinj.graph.listen;

/** What an {@link AttentionRecord}'s weights are normalised over, which fixes their layout. */
public enum AttentionKind {
    /**
     * Attention across a node's incoming spatial edges. Weights are {@code [B, T, E, H]} in the
     * column order of the record's edge index ({@code B} batch, {@code T} steps, {@code H}
     * heads).
     */
    SPATIAL,
    /**
     * Attention across time steps: for every target step {@code t}, weights over the source steps
     * {@code s} allowed by the record's temporal edge index (an {@link org.spinj.graph.EdgeIndex}
     * over {@code T} "nodes" = steps). Weights are dense, {@code [B, Tt, Ts, M]}, zero outside
     * the allowed pairs; {@code M} is the node axis, or the edge axis of the record's spatial
     * index when the attention runs per spatial edge (SPIN's cross-attention).
     */
    TEMPORAL
}
