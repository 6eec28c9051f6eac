package org.spinj.graph.message;

/** The aggregation backends, and {@link #AUTO}, which picks one from the graph's size. */
public enum Backend {
    /** Resolved by {@link #resolve(int, int, int)} from measured timings. */
    AUTO,
    /** {@link DenseMaskedBackend}. */
    DENSE_MASKED,
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
            case DENSE_MASKED:
                return new DenseMaskedBackend();
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
     * Picks the fastest backend for a graph's size. Measured with {@code spinj bench graph} on
     * METR-LA (N = 207, E = 2,626 symmetrised, D = 25) at B = 8, T = 24, C = 32, CPU, 2 threads,
     * forward+backward of the sum, median of 9: sparse incidence 385 ms, dense incidence 616 ms,
     * padded neighbours 1,156 ms, cumsum segments 2,219 ms; sparse incidence also had the lowest
     * peak memory (397 MB against 491..705 MB). No size measured so far favours another backend,
     * so every size resolves to {@link #SPARSE_INCIDENCE}; the arguments are kept so that the
     * rule can follow new measurements (e.g. on GPU) without changing callers.
     *
     * @param numNodes {@code N}
     * @param numEdges {@code E}
     * @param maxInDegree {@code D}, the largest in-degree
     * @return a concrete backend, never {@link #AUTO}
     */
    public static Backend resolve(int numNodes, int numEdges, int maxInDegree) {
        if (numNodes < 1 || numEdges < 0 || maxInDegree < 0) {
            throw new IllegalArgumentException(
                    "expected numNodes >= 1, numEdges >= 0, maxInDegree >= 0, got " + numNodes
                            + ", " + numEdges + ", " + maxInDegree);
        }
        return SPARSE_INCIDENCE;
    }
}
