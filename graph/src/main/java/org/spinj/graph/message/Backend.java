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
     * Picks the backend expected to be fastest for the attention step of a graph of this size:
     * an edge softmax of {@code [B, T, E, 1]} scores, then the sum of the weighted {@code [B, T,
     * E, C]} messages (what {@link SpatialAdditiveAttention} and SPIN's layers run), forward and
     * backward.
     *
     * <p>The rule rests on {@code spinj bench graph} ({@code softmax_sum_fwd_bwd_ms}: B = 8, T =
     * 24, C = 32, CPU, 2 threads, median of 5 after 2 warm-ups, each backend in its own JVM),
     * run 2026-11-22 on a 2-core machine under a load of 15-20 from other jobs, so that only
     * differences beyond about 10% mean anything:
     *
     * <pre>
     * graph (symmetrised)       N     E     D   dense   dense   sparse  cumsum  padded
     *                                            masked  incid.  incid.  segm.   neighb.
     * AQI-36 (kernel, 50%)     36    654   26     937     914     842     812   1,154 ms
     * METR-LA (adj_mx, 6%)    207  2,626   25  10,177   4,141   1,525   2,541   2,099 ms
     * </pre>
     *
     * Each backend's time is modelled as a line {@code a + k · size} through its two points,
     * with the size its layout works on: {@code N²} cells for dense masked, {@code N · E} for
     * dense incidence, {@code E} for sparse incidence and cumsum segments, {@code N · D} for
     * padded neighbours. Sparse incidence was fastest on METR-LA (next: padded 1.38×) and within
     * 4% of the fastest on AQI-36 (cumsum), with the lowest peak memory on both, so it is the
     * default; another backend is chosen only where its line is more than 10% below sparse's:
     * dense masked for nearly complete graphs ({@code E} above about {@code 0.75 · N²}, e.g.
     * every pair of 100 nodes), padded neighbours for larger graphs with even in-degrees ({@code
     * N · D} close to {@code E}, e.g. 10 nearest neighbours of each of 1,000 nodes). A size
     * below AQI-36's is evaluated at AQI-36's (the lines are not extrapolated below the measured
     * range, where every backend costs about the same).
     * Above METR-LA the lines are extrapolations; on the sparse road graphs measured the answer
     * is sparse incidence. A multigraph's dense grid is {@code K} times wider (parallel copies);
     * the rule assumes a simple graph. The dense masked figures were taken with its softmax
     * still gathering the grid; it now scatters, about 16% faster on the softmax alone (see
     * {@link DenseMaskedBackend}), which moves its {@code softmax_sum} by a few percent at most:
     * the {@code C}-channel sum dominates it.
     *
     * @param numNodes {@code N}
     * @param numEdges {@code E}
     * @param maxInDegree {@code D}, the largest in-degree
     * @return a concrete backend, never {@link #AUTO}
     * @throws IllegalArgumentException if {@code N < 1}, {@code E < 0} or {@code D < 0}
     */
    public static Backend resolve(int numNodes, int numEdges, int maxInDegree) {
        if (numNodes < 1 || numEdges < 0 || maxInDegree < 0) {
            throw new IllegalArgumentException(
                    "expected numNodes >= 1, numEdges >= 0, maxInDegree >= 0, got " + numNodes
                            + ", " + numEdges + ", " + maxInDegree);
        }
        Backend best = SPARSE_INCIDENCE;
        double sparse = predictedMs(SPARSE_INCIDENCE, numNodes, numEdges, maxInDegree);
        double bestMs = sparse * (1 - MARGIN);
        for (Backend b : values()) {
            if (b == AUTO || b == SPARSE_INCIDENCE) {
                continue;
            }
            double ms = predictedMs(b, numNodes, numEdges, maxInDegree);
            if (ms < bestMs) {
                best = b;
                bestMs = ms;
            }
        }
        return best;
    }

    /** Another backend must beat sparse incidence's prediction by this share to be chosen. */
    static final double MARGIN = 0.10;

    /** The smaller measured graph, AQI-36: N, E, D. */
    private static final int[] SMALL = {36, 654, 26};

    /** The larger measured graph, METR-LA: N, E, D. */
    private static final int[] LARGE = {207, 2626, 25};

    /**
     * The line through a backend's two measurements, at a graph's size (no lower than the
     * smaller measured graph's).
     *
     * @param b a concrete backend
     * @param n {@code N}
     * @param e {@code E}
     * @param d {@code D}
     * @return predicted forward+backward milliseconds of the softmax+sum step at the benchmark's
     *     shape
     */
    static double predictedMs(Backend b, int n, int e, int d) {
        double[] ms = measuredMs(b);
        double small = size(b, SMALL[0], SMALL[1], SMALL[2]);
        double large = size(b, LARGE[0], LARGE[1], LARGE[2]);
        double slope = (ms[1] - ms[0]) / (large - small);
        return ms[0] + slope * (Math.max(size(b, n, e, d), small) - small);
    }

    /** {AQI-36, METR-LA} softmax_sum_fwd_bwd_ms from the table in {@link #resolve}. */
    private static double[] measuredMs(Backend b) {
        switch (b) {
            case DENSE_MASKED:
                return new double[] {937.4, 10177.3};
            case DENSE_INCIDENCE:
                return new double[] {913.5, 4140.5};
            case SPARSE_INCIDENCE:
                return new double[] {841.8, 1524.6};
            case SEGMENT_CUMSUM:
                return new double[] {812.2, 2540.9};
            case PADDED_NEIGHBOURS:
                return new double[] {1154.4, 2098.6};
            default:
                throw new IllegalStateException("no measurement for " + b);
        }
    }

    /** The size a backend's layout works on. */
    private static double size(Backend b, double n, double e, double d) {
        switch (b) {
            case DENSE_MASKED:
                return n * n;
            case DENSE_INCIDENCE:
                return n * e;
            case SPARSE_INCIDENCE:
            case SEGMENT_CUMSUM:
                return e;
            case PADDED_NEIGHBOURS:
                return n * d;
            default:
                throw new IllegalStateException("no size for " + b);
        }
    }
}
