package org.spinj.graph;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Builds an {@link EdgeIndex} from a dense distance or adjacency matrix, or from coordinates, the
 * way tsl builds its benchmark graphs ({@code Dataset.get_connectivity}, {@code
 * gaussian_kernel}):
 *
 * <pre>
 *   w_ij = exp(-(d_ij / theta)^2)      theta = std of the finite distances (default)
 *   w_ij = 0 if w_ij &lt; threshold       (default 0.1; d = inf gives 0)
 *   optional: keep each target's k nearest sources, drop or add self-loops, W := max(W, W^T)
 * </pre>
 *
 * <p>Matrix convention: entry {@code [a][b]} is the edge {@code a -> b} (source row, target
 * column), as DCRNN and tsl store {@code d[from][to]}; tsl transposes before {@code
 * adj_to_edge_index} to reach the same direction. Once symmetrised the distinction vanishes.
 *
 * <p>SPIN's AQI-36 graph: {@code Connectivity.builder().optSymmetric(true).build()
 * .fromCoordinates(coords)} gives 654 directed edges.
 */
public final class Connectivity {

    /** Edges whose kernel weight is below this are dropped (tsl and DCRNN use 0.1). */
    public static final double DEFAULT_THRESHOLD = 0.1;

    /** Self-loops are removed by default (tsl zeroes the diagonal). */
    public static final boolean DEFAULT_SELF_LOOPS = false;

    /** Graphs keep their direction by default (tsl's {@code force_symmetric=False}). */
    public static final boolean DEFAULT_SYMMETRIC = false;

    private final Double theta; // null: std of the finite distances
    private final double threshold;
    private final int knn; // 0: no k-NN filter
    private final boolean selfLoops;
    private final boolean symmetric;

    private Connectivity(Builder b) {
        this.theta = b.theta;
        this.threshold = b.threshold;
        this.knn = b.knn;
        this.selfLoops = b.selfLoops;
        this.symmetric = b.symmetric;
    }

    /** @return a builder with the defaults above */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Applies the Gaussian kernel to distances, then the threshold, k-NN, self-loop and symmetry
     * options.
     *
     * @param distances {@code [N, N]} non-negative distances, {@code +inf} where there is no
     *     path; entry {@code [a][b]} is the distance from {@code a} to {@code b}
     * @return the weighted edge index, sorted by target then source
     * @throws IllegalArgumentException if the matrix is not square, holds NaN or negative
     *     values, or has no finite non-zero spread when theta is estimated
     */
    public EdgeIndex fromDistances(double[][] distances) {
        int n = checkSquare(distances, "distances");
        double th = theta != null ? theta : finiteStd(distances);
        if (!(th > 0)) {
            throw new IllegalArgumentException("theta must be > 0, got " + th
                    + " (std of the finite distances): " + whyNoSpread(distances));
        }
        double[][] w = new double[n][n];
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                double d = distances[a][b];
                if (Double.isNaN(d) || d < 0) {
                    throw new IllegalArgumentException(
                            "distance [" + a + "][" + b + "] is " + d + ", expected >= 0 or +inf");
                }
                double k = Double.isInfinite(d) ? 0 : Math.exp(-(d / th) * (d / th));
                w[a][b] = k < threshold ? 0 : k;
            }
        }
        return fromAdjacency(w);
    }

    /**
     * Builds the graph from station coordinates: haversine distances in kilometres, then {@link
     * #fromDistances}.
     *
     * @param coordinates the nodes' positions
     * @return the weighted edge index
     */
    public EdgeIndex fromCoordinates(Coordinates coordinates) {
        Objects.requireNonNull(coordinates, "coordinates");
        if (theta == null && coordinates.numNodes() > 1) {
            boolean onePoint = true;
            for (int i = 1; i < coordinates.numNodes(); i++) {
                onePoint &= coordinates.latitudes()[i] == coordinates.latitudes()[0]
                        && coordinates.longitudes()[i] == coordinates.longitudes()[0];
            }
            if (onePoint) {
                throw new IllegalArgumentException("theta must be > 0, got 0.0 (std of the"
                        + " distances): all " + coordinates.numNodes() + " nodes are at one point ("
                        + coordinates.latitudes()[0] + ", " + coordinates.longitudes()[0]
                        + "), expected nodes at distinct places");
            }
        }
        return fromDistances(coordinates.distanceMatrixKm());
    }

    /** Says why the finite distances have no spread, for the theta message. */
    private static String whyNoSpread(double[][] distances) {
        if (distances.length == 1) {
            return "there is only one node, so no distance between nodes; expected at least two";
        }
        Double only = null;
        for (int a = 0; a < distances.length; a++) {
            for (int b = 0; b < distances.length; b++) {
                if (a != b && Double.isFinite(distances[a][b])) {
                    if (only != null && only != distances[a][b]) {
                        return "the finite distances do not vary";
                    }
                    only = distances[a][b];
                }
            }
        }
        if (only == null) {
            return "no pair of distinct nodes has a finite distance; expected at least one";
        }
        return only == 0 ? "every distance between nodes is 0 (all nodes at one point), expected"
                + " nodes at distinct places" : "every finite distance between nodes is " + only
                + ", expected distances that vary";
    }

    /**
     * Keeps the non-zero entries of an adjacency matrix as edges, then applies the k-NN (largest
     * weights), self-loop and symmetry options. The threshold is not applied: the matrix is
     * taken as given.
     *
     * @param adjacency {@code [N, N]} finite non-negative weights; entry {@code [a][b]} is the
     *     edge {@code a -> b}
     * @return the weighted edge index, sorted by target then source
     */
    public EdgeIndex fromAdjacency(double[][] adjacency) {
        int n = checkSquare(adjacency, "adjacency");
        List<int[]> pairs = new ArrayList<>();
        List<Float> ws = new ArrayList<>();
        for (int b = 0; b < n; b++) {
            List<Integer> sources = new ArrayList<>();
            for (int a = 0; a < n; a++) {
                double v = adjacency[a][b];
                if (!(Double.isFinite(v) && v >= 0)) {
                    throw new IllegalArgumentException(
                            "adjacency [" + a + "][" + b + "] is " + v
                                    + ", expected a finite value >= 0");
                }
                if (v > 0 && (a != b || selfLoops)) {
                    sources.add(a);
                }
            }
            if (knn > 0 && sources.size() > knn) {
                final int target = b;
                sources.sort(
                        Comparator.comparingDouble((Integer a) -> -adjacency[a][target])
                                .thenComparingInt(a -> a));
                sources = sources.subList(0, knn);
            }
            for (int a : sources) {
                pairs.add(new int[] {a, b});
                ws.add((float) adjacency[a][b]);
            }
        }
        int[] src = new int[pairs.size()];
        int[] tgt = new int[pairs.size()];
        float[] w = new float[pairs.size()];
        for (int k = 0; k < src.length; k++) {
            src[k] = pairs.get(k)[0];
            tgt[k] = pairs.get(k)[1];
            w[k] = ws.get(k);
        }
        EdgeIndex index = EdgeIndex.of(n, src, tgt, w);
        if (symmetric) {
            index = index.symmetrized();
        }
        if (selfLoops) {
            index = index.withSelfLoops(1f);
        }
        return index.sortedByTarget();
    }

    /**
     * Population standard deviation of the finite entries, diagonal included, as {@code
     * np.std(d[np.isfinite(d)])} computes it (tsl and DCRNN).
     *
     * @param distances {@code [N, N]} distances
     * @return the standard deviation, or NaN when no entry is finite
     */
    public static double finiteStd(double[][] distances) {
        double sum = 0;
        long count = 0;
        for (double[] row : distances) {
            for (double d : row) {
                if (Double.isFinite(d)) {
                    sum += d;
                    count++;
                }
            }
        }
        if (count == 0) {
            return Double.NaN;
        }
        double mean = sum / count;
        double sq = 0;
        for (double[] row : distances) {
            for (double d : row) {
                if (Double.isFinite(d)) {
                    sq += (d - mean) * (d - mean);
                }
            }
        }
        return Math.sqrt(sq / count);
    }

    private static int checkSquare(double[][] m, String name) {
        Objects.requireNonNull(m, name);
        if (m.length == 0) {
            throw new IllegalArgumentException(name + " must have at least one row, got 0");
        }
        for (int r = 0; r < m.length; r++) {
            if (m[r] == null || m[r].length != m.length) {
                throw new IllegalArgumentException(
                        name + " must be square [" + m.length + ", " + m.length + "], row " + r
                                + " has " + (m[r] == null ? "no" : m[r].length) + " values");
            }
        }
        return m.length;
    }

    @Override
    public String toString() {
        return "Connectivity[theta=" + (theta == null ? "std" : theta) + ", threshold=" + threshold
                + ", knn=" + knn + ", selfLoops=" + selfLoops + ", symmetric=" + symmetric + "]";
    }

    /** Configures a {@link Connectivity}; every option has a default. */
    public static final class Builder {
        private Double theta;
        private double threshold = DEFAULT_THRESHOLD;
        private int knn;
        private boolean selfLoops = DEFAULT_SELF_LOOPS;
        private boolean symmetric = DEFAULT_SYMMETRIC;

        private Builder() {}

        /**
         * @param theta the kernel width, {@code > 0}; default: std of the finite distances
         * @return this builder
         */
        public Builder optTheta(double theta) {
            this.theta = theta;
            return this;
        }

        /**
         * @param threshold weights below it are dropped, in {@code [0, 1]}; default {@value
         *     #DEFAULT_THRESHOLD}
         * @return this builder
         */
        public Builder optThreshold(double threshold) {
            this.threshold = threshold;
            return this;
        }

        /**
         * @param k keep only each target's {@code k} heaviest (nearest) sources, {@code >= 1};
         *     default: no limit
         * @return this builder
         */
        public Builder optKnn(int k) {
            this.knn = k;
            if (k < 1) {
                throw new IllegalArgumentException("k must be >= 1, got " + k);
            }
            return this;
        }

        /**
         * @param selfLoops whether every node gets an edge to itself (weight 1); default {@value
         *     #DEFAULT_SELF_LOOPS}
         * @return this builder
         */
        public Builder optSelfLoops(boolean selfLoops) {
            this.selfLoops = selfLoops;
            return this;
        }

        /**
         * @param symmetric whether to force {@code W := max(W, W^T)}; default {@value
         *     #DEFAULT_SYMMETRIC}
         * @return this builder
         */
        public Builder optSymmetric(boolean symmetric) {
            this.symmetric = symmetric;
            return this;
        }

        /**
         * @return the configuration
         * @throws IllegalArgumentException if theta or the threshold is out of range
         */
        public Connectivity build() {
            List<String> errors = new ArrayList<>();
            if (theta != null && !(theta > 0 && Double.isFinite(theta))) {
                errors.add("theta must be finite and > 0, got " + theta);
            }
            if (!(threshold >= 0 && threshold <= 1)) {
                errors.add("threshold must be in [0, 1], got " + threshold);
            }
            if (!errors.isEmpty()) {
                throw new IllegalArgumentException(String.join("; ", errors));
            }
            return new Connectivity(this);
        }
    }
}
