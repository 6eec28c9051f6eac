package org.spinj.datasets;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.spinj.graph.EdgeIndex;

/**
 * An immutable multivariate series on a set of nodes: values {@code [T, N, C]}, what the sensors
 * really recorded ({@code observed}), the evaluation targets ({@code evalMask}, a subset of the
 * observed entries held out as ground truth), a regular {@link TimeIndex}, node ids, and
 * optionally node coordinates and a graph.
 *
 * <p>Arrays are flat in row-major {@code [T, N, C]} order: entry {@code (t, n, c)} is at {@code
 * (t * N + n) * C + c}. Entries that are not observed hold 0. The training mask is {@code
 * observed && !evalMask}: the values a model may see.
 *
 * <p>Every accessor that returns an array returns a copy; the {@code copy...} methods fill a
 * caller's buffer with one time range for per-window access without copying the whole series.
 */
public final class SpatioTemporalSeries {

    private final TimeIndex time;
    private final List<String> nodeIds;
    private final int channels;
    private final float[] values;
    private final boolean[] observed;
    private final boolean[] evalMask;
    private final double[] latitudes; // null when absent
    private final double[] longitudes;
    private final EdgeIndex graph; // null when absent

    private SpatioTemporalSeries(Builder b, boolean copy) {
        this.time = Objects.requireNonNull(b.time, "time index (setTimeIndex)");
        Objects.requireNonNull(b.nodeIds, "node ids (setNodeIds)");
        Objects.requireNonNull(b.values, "values (setValues)");
        this.nodeIds = List.copyOf(b.nodeIds);
        this.channels = b.channels;
        int t = time.length();
        int n = nodeIds.size();
        if (n == 0) {
            throw new IllegalArgumentException("a series needs at least one node, got none");
        }
        if (channels < 1) {
            throw new IllegalArgumentException("channels must be >= 1, got " + channels);
        }
        Set<String> seen = new HashSet<>();
        for (String id : nodeIds) {
            if (!seen.add(id)) {
                throw new IllegalArgumentException("node id '" + id + "' appears twice");
            }
        }
        long size = (long) t * n * channels;
        if (b.values.length != size) {
            throw new IllegalArgumentException(
                    "values must hold T*N*C = " + t + "*" + n + "*" + channels + " = " + size
                            + " entries, got " + b.values.length);
        }
        checkLength("observed", b.observed, size);
        checkLength("evalMask", b.evalMask, size);
        this.values = copy ? b.values.clone() : b.values;
        if (b.observed == null) {
            this.observed = new boolean[(int) size];
            for (int i = 0; i < size; i++) {
                observed[i] = Float.isFinite(values[i]);
            }
        } else {
            this.observed = copy ? b.observed.clone() : b.observed;
        }
        this.evalMask = b.evalMask == null ? new boolean[(int) size] : copy ? b.evalMask.clone() : b.evalMask;
        for (int i = 0; i < size; i++) {
            if (observed[i]) {
                if (!Float.isFinite(values[i])) {
                    throw new IllegalArgumentException(
                            "observed entry " + describe(i) + " is " + values[i] + ", expected a finite value");
                }
            } else {
                if (evalMask[i]) {
                    throw new IllegalArgumentException(
                            "evalMask marks " + describe(i) + ", which is not observed; eval targets must be observed");
                }
                values[i] = 0f;
            }
        }
        if (b.latitudes != null || b.longitudes != null) {
            if (b.latitudes == null || b.longitudes == null
                    || b.latitudes.length != n || b.longitudes.length != n) {
                throw new IllegalArgumentException(
                        "coordinates need one latitude and one longitude per node (" + n + "), got "
                                + (b.latitudes == null ? "none" : b.latitudes.length) + " and "
                                + (b.longitudes == null ? "none" : b.longitudes.length));
            }
            for (int i = 0; i < n; i++) {
                if (!Double.isFinite(b.latitudes[i]) || !Double.isFinite(b.longitudes[i])) {
                    throw new IllegalArgumentException(
                            "node '" + nodeIds.get(i) + "' has coordinates (" + b.latitudes[i] + ", "
                                    + b.longitudes[i] + "), expected finite values");
                }
            }
            this.latitudes = b.latitudes.clone();
            this.longitudes = b.longitudes.clone();
        } else {
            this.latitudes = null;
            this.longitudes = null;
        }
        if (b.graph != null && b.graph.numNodes() != n) {
            throw new IllegalArgumentException(
                    "graph has " + b.graph.numNodes() + " nodes, expected N = " + n);
        }
        this.graph = b.graph;
    }

    private static void checkLength(String name, boolean[] mask, long size) {
        if (mask != null && mask.length != size) {
            throw new IllegalArgumentException(
                    name + " must hold T*N*C = " + size + " entries, got " + mask.length);
        }
    }

    private String describe(int flat) {
        int c = flat % channels;
        int n = (flat / channels) % nodeIds.size();
        int t = flat / channels / nodeIds.size();
        return "(t=" + t + " [" + time.at(t) + "], node=" + nodeIds.get(n) + ", c=" + c + ")";
    }

    /** @return a builder for a new series */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the time axis, {@code T} steps */
    public TimeIndex timeIndex() {
        return time;
    }

    /** @return {@code T} */
    public int numSteps() {
        return time.length();
    }

    /** @return {@code N} */
    public int numNodes() {
        return nodeIds.size();
    }

    /** @return {@code C} */
    public int numChannels() {
        return channels;
    }

    /** @return the node ids in node order, {@code [N]} (unmodifiable) */
    public List<String> nodeIds() {
        return nodeIds;
    }

    /** @return whether the nodes carry latitude and longitude */
    public boolean hasCoordinates() {
        return latitudes != null;
    }

    /** @return a copy of the latitudes {@code [N]} in degrees, or {@code null} when absent */
    public double[] latitudes() {
        return latitudes == null ? null : latitudes.clone();
    }

    /** @return a copy of the longitudes {@code [N]} in degrees, or {@code null} when absent */
    public double[] longitudes() {
        return longitudes == null ? null : longitudes.clone();
    }

    /** @return the graph shipped with the data, or {@code null} when absent */
    public EdgeIndex graph() {
        return graph;
    }

    private int flat(int t, int n, int c) {
        Objects.checkIndex(t, numSteps());
        Objects.checkIndex(n, numNodes());
        Objects.checkIndex(c, channels);
        return (t * numNodes() + n) * channels + c;
    }

    /**
     * @param t step
     * @param n node
     * @param c channel
     * @return the value at {@code (t, n, c)}; 0 where not observed
     */
    public float value(int t, int n, int c) {
        return values[flat(t, n, c)];
    }

    /**
     * @param t step
     * @param n node
     * @param c channel
     * @return whether the sensor recorded {@code (t, n, c)}
     */
    public boolean isObserved(int t, int n, int c) {
        return observed[flat(t, n, c)];
    }

    /**
     * @param t step
     * @param n node
     * @param c channel
     * @return whether {@code (t, n, c)} is an evaluation target
     */
    public boolean isEval(int t, int n, int c) {
        return evalMask[flat(t, n, c)];
    }

    /** @return a copy of the values {@code [T, N, C]}, 0 where not observed */
    public float[] values() {
        return values.clone();
    }

    /** @return a copy of the observed mask {@code [T, N, C]} */
    public boolean[] observedMask() {
        return observed.clone();
    }

    /** @return a copy of the evaluation mask {@code [T, N, C]} */
    public boolean[] evalMask() {
        return evalMask.clone();
    }

    /** @return the training mask {@code observed && !evalMask}, {@code [T, N, C]} */
    public boolean[] trainingMask() {
        boolean[] m = new boolean[observed.length];
        for (int i = 0; i < m.length; i++) {
            m[i] = observed[i] && !evalMask[i];
        }
        return m;
    }

    /** @return the number of observed entries */
    public long countObserved() {
        return count(observed);
    }

    /** @return the number of evaluation targets */
    public long countEval() {
        return count(evalMask);
    }

    /** @return the share of entries not observed, in [0, 1] */
    public double missingRate() {
        return 1.0 - (double) countObserved() / observed.length;
    }

    private static long count(boolean[] m) {
        long k = 0;
        for (boolean b : m) {
            if (b) {
                k++;
            }
        }
        return k;
    }

    private int stepSize() {
        return numNodes() * channels;
    }

    /**
     * Copies the values of steps {@code [from, from + steps)} into {@code dst}.
     *
     * @param from first step
     * @param steps number of steps
     * @param dst destination, receives {@code steps * N * C} floats
     * @param offset position in {@code dst}
     */
    public void copyValues(int from, int steps, float[] dst, int offset) {
        Objects.checkFromIndexSize(from, steps, numSteps());
        System.arraycopy(values, from * stepSize(), dst, offset, steps * stepSize());
    }

    /**
     * Copies the observed mask of steps {@code [from, from + steps)} into {@code dst}.
     *
     * @param from first step
     * @param steps number of steps
     * @param dst destination, receives {@code steps * N * C} flags
     * @param offset position in {@code dst}
     */
    public void copyObserved(int from, int steps, boolean[] dst, int offset) {
        Objects.checkFromIndexSize(from, steps, numSteps());
        System.arraycopy(observed, from * stepSize(), dst, offset, steps * stepSize());
    }

    /**
     * Copies the evaluation mask of steps {@code [from, from + steps)} into {@code dst}.
     *
     * @param from first step
     * @param steps number of steps
     * @param dst destination, receives {@code steps * N * C} flags
     * @param offset position in {@code dst}
     */
    public void copyEvalMask(int from, int steps, boolean[] dst, int offset) {
        Objects.checkFromIndexSize(from, steps, numSteps());
        System.arraycopy(evalMask, from * stepSize(), dst, offset, steps * stepSize());
    }

    /**
     * @param from first step, inclusive
     * @param to last step, exclusive
     * @return the series restricted to steps {@code [from, to)}, same nodes and graph
     */
    public SpatioTemporalSeries sliceTime(int from, int to) {
        TimeIndex sub = time.slice(from, to);
        int a = from * stepSize();
        int b = to * stepSize();
        return toBuilder()
                .setTimeIndex(sub)
                .setValues(Arrays.copyOfRange(values, a, b), channels)
                .optObserved(Arrays.copyOfRange(observed, a, b))
                .optEvalMask(Arrays.copyOfRange(evalMask, a, b))
                .buildOwned();
    }

    /**
     * @param nodes distinct node positions in {@code [0, N)}; node {@code nodes[k]} becomes node
     *     {@code k}
     * @return the series restricted to those nodes, with the induced subgraph
     */
    public SpatioTemporalSeries selectNodes(int[] nodes) {
        Objects.requireNonNull(nodes, "nodes");
        if (nodes.length == 0) {
            throw new IllegalArgumentException("selectNodes needs at least one node, got none");
        }
        boolean[] used = new boolean[numNodes()];
        List<String> ids = new ArrayList<>();
        for (int node : nodes) {
            if (node < 0 || node >= numNodes()) {
                throw new IllegalArgumentException(
                        "node " + node + " is out of range, expected 0 <= node < N = " + numNodes());
            }
            if (used[node]) {
                throw new IllegalArgumentException("node " + node + " is selected twice");
            }
            used[node] = true;
            ids.add(nodeIds.get(node));
        }
        int t = numSteps();
        int m = nodes.length;
        float[] v = new float[t * m * channels];
        boolean[] o = new boolean[v.length];
        boolean[] e = new boolean[v.length];
        for (int s = 0; s < t; s++) {
            for (int k = 0; k < m; k++) {
                int src = (s * numNodes() + nodes[k]) * channels;
                int dst = (s * m + k) * channels;
                System.arraycopy(values, src, v, dst, channels);
                System.arraycopy(observed, src, o, dst, channels);
                System.arraycopy(evalMask, src, e, dst, channels);
            }
        }
        Builder b = builder().setTimeIndex(time).setNodeIds(ids).setValues(v, channels)
                .optObserved(o).optEvalMask(e);
        if (latitudes != null) {
            double[] lat = new double[m];
            double[] lon = new double[m];
            for (int k = 0; k < m; k++) {
                lat[k] = latitudes[nodes[k]];
                lon[k] = longitudes[nodes[k]];
            }
            b.optCoordinates(lat, lon);
        }
        if (graph != null) {
            b.optGraph(graph.subgraph(nodes));
        }
        return b.buildOwned();
    }

    /**
     * @param mask the new evaluation targets {@code [T, N, C]}, a subset of the observed entries
     * @return the same series with this evaluation mask
     */
    public SpatioTemporalSeries withEvalMask(boolean[] mask) {
        Objects.requireNonNull(mask, "mask");
        return toBuilder().optEvalMask(mask).build();
    }

    /**
     * @param newGraph a graph over the {@code N} nodes, or {@code null} for none
     * @return the same series with this graph
     */
    public SpatioTemporalSeries withGraph(EdgeIndex newGraph) {
        return toBuilder().optGraph(newGraph).buildOwned();
    }

    /** @return a builder holding this series' fields (arrays shared until built) */
    private Builder toBuilder() {
        Builder b = builder().setTimeIndex(time).setNodeIds(nodeIds).setValues(values, channels)
                .optObserved(observed).optEvalMask(evalMask).optGraph(graph);
        if (latitudes != null) {
            b.optCoordinates(latitudes, longitudes);
        }
        return b;
    }

    @Override
    public String toString() {
        return "SpatioTemporalSeries[T=" + numSteps() + ", N=" + numNodes() + ", C=" + channels
                + ", start=" + time.start() + ", step=" + time.frequency() + ", missing="
                + String.format("%.2f%%", 100 * missingRate()) + ", eval=" + countEval()
                + (graph == null ? "" : ", " + graph) + "]";
    }

    /** Builder: {@code setX} for required fields, {@code optX} for optional ones. */
    public static final class Builder {
        private TimeIndex time;
        private List<String> nodeIds;
        private float[] values;
        private int channels = 1;
        private boolean[] observed;
        private boolean[] evalMask;
        private double[] latitudes;
        private double[] longitudes;
        private EdgeIndex graph;

        private Builder() {}

        /**
         * @param time the time axis ({@code T} steps)
         * @return this builder
         */
        public Builder setTimeIndex(TimeIndex time) {
            this.time = time;
            return this;
        }

        /**
         * @param ids distinct node ids, {@code [N]}
         * @return this builder
         */
        public Builder setNodeIds(List<String> ids) {
            this.nodeIds = ids;
            return this;
        }

        /**
         * @param values flat {@code [T, N, C]} values (copied); non-finite where not observed is
         *     allowed and stored as 0
         * @param channels {@code C}
         * @return this builder
         */
        public Builder setValues(float[] values, int channels) {
            this.values = values;
            this.channels = channels;
            return this;
        }

        /**
         * @param observed flat {@code [T, N, C]} mask (copied); default: the finite values
         * @return this builder
         */
        public Builder optObserved(boolean[] observed) {
            this.observed = observed;
            return this;
        }

        /**
         * @param evalMask flat {@code [T, N, C]} evaluation targets (copied); default: none
         * @return this builder
         */
        public Builder optEvalMask(boolean[] evalMask) {
            this.evalMask = evalMask;
            return this;
        }

        /**
         * @param latitudes {@code [N]} degrees
         * @param longitudes {@code [N]} degrees
         * @return this builder
         */
        public Builder optCoordinates(double[] latitudes, double[] longitudes) {
            this.latitudes = latitudes;
            this.longitudes = longitudes;
            return this;
        }

        /**
         * @param graph a graph over the {@code N} nodes, or {@code null}
         * @return this builder
         */
        public Builder optGraph(EdgeIndex graph) {
            this.graph = graph;
            return this;
        }

        /**
         * Validates every field and builds the series, copying the arrays.
         *
         * @return the series
         * @throws IllegalArgumentException on inconsistent shapes, duplicate node ids, non-finite
         *     observed values or evaluation targets that are not observed
         */
        public SpatioTemporalSeries build() {
            return new SpatioTemporalSeries(this, true);
        }

        // Internal: the arrays are fresh and owned by nobody else, so skip the defensive copy.
        private SpatioTemporalSeries buildOwned() {
            return new SpatioTemporalSeries(this, false);
        }
    }
}
