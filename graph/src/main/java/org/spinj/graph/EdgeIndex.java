package org.spinj.graph;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jgrapht.graph.SimpleDirectedWeightedGraph;

/**
 * An immutable directed edge index {@code [2, E]} over {@code N} nodes, with optional edge
 * weights, in the PyG "source to target" convention: row 0 holds sources ({@code j}), row 1
 * holds targets ({@code i}), and messages flow from row 0 to row 1.
 *
 * <p>Validation happens once, at construction: indices must lie in {@code [0, N)}, {@code N >
 * 0}, and weights must be finite and non-negative. Every transformation returns a new index.
 *
 * <pre>
 *   sources: [ 1, 2, 0, 3 ]      edge e goes sources[e] -> targets[e]
 *   targets: [ 0, 0, 1, 1 ]
 *   weights: [.5, 1, 1, .2 ]     (optional)
 * </pre>
 */
public final class EdgeIndex {

    private final int numNodes;
    private final int[] sources;
    private final int[] targets;
    private final float[] weights; // null when unweighted

    private EdgeIndex(int numNodes, int[] sources, int[] targets, float[] weights) {
        this.numNodes = numNodes;
        this.sources = sources;
        this.targets = targets;
        this.weights = weights;
    }

    /**
     * Creates an unweighted edge index.
     *
     * @param numNodes the number of nodes {@code N > 0}
     * @param sources source node of each edge (row 0), copied
     * @param targets target node of each edge (row 1), copied
     * @return the validated index
     * @throws IllegalArgumentException if the arrays differ in length or an index is out of range
     */
    public static EdgeIndex of(int numNodes, int[] sources, int[] targets) {
        return of(numNodes, sources, targets, null);
    }

    /**
     * Creates an edge index with optional weights.
     *
     * @param numNodes the number of nodes {@code N > 0}
     * @param sources source node of each edge (row 0), copied
     * @param targets target node of each edge (row 1), copied
     * @param weights one finite, non-negative weight per edge, or {@code null}; copied
     * @return the validated index
     * @throws IllegalArgumentException on any invalid value, naming the edge and the value
     */
    public static EdgeIndex of(int numNodes, int[] sources, int[] targets, float[] weights) {
        Objects.requireNonNull(sources, "sources");
        Objects.requireNonNull(targets, "targets");
        if (numNodes <= 0) {
            throw new IllegalArgumentException("numNodes must be > 0, got " + numNodes);
        }
        if (sources.length != targets.length) {
            throw new IllegalArgumentException(
                    "sources and targets must have the same length, got "
                            + sources.length
                            + " sources and "
                            + targets.length
                            + " targets");
        }
        if (weights != null && weights.length != sources.length) {
            throw new IllegalArgumentException(
                    "expected one weight per edge (" + sources.length + "), got " + weights.length);
        }
        for (int e = 0; e < sources.length; e++) {
            checkNode("source", e, sources[e], numNodes);
            checkNode("target", e, targets[e], numNodes);
            if (weights != null && !(Float.isFinite(weights[e]) && weights[e] >= 0f)) {
                throw new IllegalArgumentException(
                        "edge "
                                + e
                                + " has weight "
                                + weights[e]
                                + ", expected a finite value >= 0");
            }
        }
        return new EdgeIndex(
                numNodes,
                sources.clone(),
                targets.clone(),
                weights == null ? null : weights.clone());
    }

    private static void checkNode(String role, int edge, int node, int numNodes) {
        if (node < 0 || node >= numNodes) {
            throw new IllegalArgumentException(
                    "edge "
                            + edge
                            + " has "
                            + role
                            + " "
                            + node
                            + ", expected 0 <= "
                            + role
                            + " < numNodes = "
                            + numNodes);
        }
    }

    /**
     * Creates an index from a {@code [2, E]} integer NDArray (row 0 sources, row 1 targets).
     *
     * @param numNodes the number of nodes
     * @param index a {@code [2, E]} int32 or int64 array
     * @return the validated index
     */
    public static EdgeIndex fromNDArray(int numNodes, NDArray index) {
        Shape s = index.getShape();
        if (s.dimension() != 2 || s.get(0) != 2) {
            throw new IllegalArgumentException("expected an edge index of shape [2, E], got " + s);
        }
        long[] flat = index.toType(DataType.INT64, false).toLongArray();
        int e = (int) s.get(1);
        int[] src = new int[e];
        int[] tgt = new int[e];
        for (int k = 0; k < e; k++) {
            src[k] = Math.toIntExact(flat[k]);
            tgt[k] = Math.toIntExact(flat[e + k]);
        }
        return new EdgeIndex(numNodes, src, tgt, null).validated();
    }

    private EdgeIndex validated() {
        return of(numNodes, sources, targets, weights);
    }

    /** @return the number of nodes {@code N} */
    public int numNodes() {
        return numNodes;
    }

    /** @return the number of edges {@code E} */
    public int numEdges() {
        return sources.length;
    }

    /** @return whether the edges carry weights */
    public boolean isWeighted() {
        return weights != null;
    }

    /**
     * @param edge an edge position in {@code [0, E)}
     * @return its source node (row 0)
     */
    public int source(int edge) {
        return sources[edge];
    }

    /**
     * @param edge an edge position in {@code [0, E)}
     * @return its target node (row 1)
     */
    public int target(int edge) {
        return targets[edge];
    }

    /**
     * @param edge an edge position in {@code [0, E)}
     * @return its weight, or 1 when the index is unweighted
     */
    public float weight(int edge) {
        return weights == null ? 1f : weights[edge];
    }

    /** @return a copy of row 0 (sources) */
    public int[] sources() {
        return sources.clone();
    }

    /** @return a copy of row 1 (targets) */
    public int[] targets() {
        return targets.clone();
    }

    /** @return a copy of the weights, or {@code null} when unweighted */
    public float[] weights() {
        return weights == null ? null : weights.clone();
    }

    /** @return the number of incoming edges of every node, {@code [N]} */
    public int[] inDegree() {
        int[] deg = new int[numNodes];
        for (int t : targets) {
            deg[t]++;
        }
        return deg;
    }

    /** @return the number of outgoing edges of every node, {@code [N]} */
    public int[] outDegree() {
        int[] deg = new int[numNodes];
        for (int s : sources) {
            deg[s]++;
        }
        return deg;
    }

    /**
     * Returns the edges stably sorted by target, then by source, so that the incoming edges of
     * each node are contiguous (the CSR order used by segment operations).
     *
     * @return the sorted index
     */
    public EdgeIndex sortedByTarget() {
        Integer[] order = new Integer[numEdges()];
        for (int e = 0; e < order.length; e++) {
            order[e] = e;
        }
        Arrays.sort(
                order,
                (a, b) ->
                        targets[a] != targets[b]
                                ? Integer.compare(targets[a], targets[b])
                                : Integer.compare(sources[a], sources[b]));
        return permuted(order);
    }

    private EdgeIndex permuted(Integer[] order) {
        int[] s = new int[order.length];
        int[] t = new int[order.length];
        float[] w = weights == null ? null : new float[order.length];
        for (int k = 0; k < order.length; k++) {
            s[k] = sources[order[k]];
            t[k] = targets[order[k]];
            if (w != null) {
                w[k] = weights[order[k]];
            }
        }
        return new EdgeIndex(numNodes, s, t, w);
    }

    /**
     * Offsets of each node's incoming edges in an index sorted by target: node {@code i}'s edges
     * are {@code [ptr[i], ptr[i+1])}.
     *
     * @return {@code [N + 1]} offsets
     * @throws IllegalStateException if the index is not sorted by target
     */
    public int[] targetPointers() {
        int[] ptr = new int[numNodes + 1];
        for (int e = 0; e < targets.length; e++) {
            if (e > 0 && targets[e] < targets[e - 1]) {
                throw new IllegalStateException(
                        "targetPointers needs an index sorted by target; call sortedByTarget()");
            }
            ptr[targets[e] + 1]++;
        }
        for (int i = 0; i < numNodes; i++) {
            ptr[i + 1] += ptr[i];
        }
        return ptr;
    }

    /** @return the index with every edge reversed (sources and targets swapped) */
    public EdgeIndex reverse() {
        return new EdgeIndex(numNodes, targets.clone(), sources.clone(), weights());
    }

    /**
     * Makes the graph symmetric: for every edge {@code j -> i} the edge {@code i -> j} exists.
     * Duplicate edges are merged; the weight of a pair is the maximum over both directions and
     * duplicates, as {@code max(W, W^T)} in tsl. Edges come out sorted by target then source.
     *
     * @return the symmetric index
     */
    public EdgeIndex symmetrized() {
        Map<Long, Float> merged = new LinkedHashMap<>();
        for (int e = 0; e < numEdges(); e++) {
            float w = weight(e);
            merged.merge(key(sources[e], targets[e]), w, Math::max);
            merged.merge(key(targets[e], sources[e]), w, Math::max);
        }
        return fromKeys(merged, weights != null);
    }

    /**
     * Removes duplicate edges, keeping the maximum weight of each (source, target) pair.
     *
     * @return the index without duplicates, sorted by target then source
     */
    public EdgeIndex coalesced() {
        Map<Long, Float> merged = new LinkedHashMap<>();
        for (int e = 0; e < numEdges(); e++) {
            merged.merge(key(sources[e], targets[e]), weight(e), Math::max);
        }
        return fromKeys(merged, weights != null);
    }

    private long key(int s, int t) {
        return (long) t * numNodes + s;
    }

    private EdgeIndex fromKeys(Map<Long, Float> merged, boolean weighted) {
        long[] keys = merged.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
        int[] s = new int[keys.length];
        int[] t = new int[keys.length];
        float[] w = weighted ? new float[keys.length] : null;
        for (int k = 0; k < keys.length; k++) {
            s[k] = (int) (keys[k] % numNodes);
            t[k] = (int) (keys[k] / numNodes);
            if (w != null) {
                w[k] = merged.get(keys[k]);
            }
        }
        return new EdgeIndex(numNodes, s, t, w);
    }

    /** @return whether the index holds at least one edge {@code i -> i} */
    public boolean hasSelfLoops() {
        for (int e = 0; e < numEdges(); e++) {
            if (sources[e] == targets[e]) {
                return true;
            }
        }
        return false;
    }

    /**
     * Adds a self-loop {@code i -> i} to every node that has none.
     *
     * @param weight the weight of the added loops (ignored when unweighted)
     * @return the index with self-loops
     */
    public EdgeIndex withSelfLoops(float weight) {
        boolean[] has = new boolean[numNodes];
        for (int e = 0; e < numEdges(); e++) {
            if (sources[e] == targets[e]) {
                has[sources[e]] = true;
            }
        }
        List<int[]> added = new ArrayList<>();
        for (int i = 0; i < numNodes; i++) {
            if (!has[i]) {
                added.add(new int[] {i});
            }
        }
        int e0 = numEdges();
        int[] s = Arrays.copyOf(sources, e0 + added.size());
        int[] t = Arrays.copyOf(targets, e0 + added.size());
        float[] w = weights == null ? null : Arrays.copyOf(weights, e0 + added.size());
        for (int k = 0; k < added.size(); k++) {
            s[e0 + k] = added.get(k)[0];
            t[e0 + k] = added.get(k)[0];
            if (w != null) {
                w[e0 + k] = weight;
            }
        }
        return of(numNodes, s, t, w);
    }

    /** @return the index without any edge {@code i -> i} */
    public EdgeIndex withoutSelfLoops() {
        int kept = 0;
        for (int e = 0; e < numEdges(); e++) {
            if (sources[e] != targets[e]) {
                kept++;
            }
        }
        int[] s = new int[kept];
        int[] t = new int[kept];
        float[] w = weights == null ? null : new float[kept];
        int k = 0;
        for (int e = 0; e < numEdges(); e++) {
            if (sources[e] != targets[e]) {
                s[k] = sources[e];
                t[k] = targets[e];
                if (w != null) {
                    w[k] = weights[e];
                }
                k++;
            }
        }
        return new EdgeIndex(numNodes, s, t, w);
    }

    /** @return the same edges without weights */
    public EdgeIndex unweighted() {
        return new EdgeIndex(numNodes, sources, targets, null);
    }

    /**
     * Keeps the edges whose both ends are in {@code nodes} and renumbers the nodes by their
     * position in {@code nodes}.
     *
     * @param nodes distinct node ids in {@code [0, N)}; node {@code nodes[k]} becomes node {@code
     *     k}
     * @return the induced subgraph over {@code nodes.length} nodes
     */
    public EdgeIndex subgraph(int[] nodes) {
        Objects.requireNonNull(nodes, "nodes");
        if (nodes.length == 0) {
            throw new IllegalArgumentException("subgraph needs at least one node, got none");
        }
        int[] newId = new int[numNodes];
        Arrays.fill(newId, -1);
        for (int k = 0; k < nodes.length; k++) {
            checkNode("subgraph node", k, nodes[k], numNodes);
            if (newId[nodes[k]] >= 0) {
                throw new IllegalArgumentException(
                        "subgraph node " + nodes[k] + " is listed twice (positions "
                                + newId[nodes[k]] + " and " + k + ")");
            }
            newId[nodes[k]] = k;
        }
        List<Integer> kept = new ArrayList<>();
        for (int e = 0; e < numEdges(); e++) {
            if (newId[sources[e]] >= 0 && newId[targets[e]] >= 0) {
                kept.add(e);
            }
        }
        int[] s = new int[kept.size()];
        int[] t = new int[kept.size()];
        float[] w = weights == null ? null : new float[kept.size()];
        for (int k = 0; k < kept.size(); k++) {
            int e = kept.get(k);
            s[k] = newId[sources[e]];
            t[k] = newId[targets[e]];
            if (w != null) {
                w[k] = weights[e];
            }
        }
        return new EdgeIndex(nodes.length, s, t, w);
    }

    /**
     * Converts to a JGraphT simple directed weighted graph with vertices {@code 0..N-1}.
     * Duplicate edges keep the maximum weight; self-loops are not allowed by that graph type and
     * are rejected.
     *
     * @return a new graph
     */
    public Graph<Integer, DefaultWeightedEdge> toJGraphT() {
        if (hasSelfLoops()) {
            throw new IllegalArgumentException(
                    "JGraphT simple graphs have no self-loops; call withoutSelfLoops() first");
        }
        SimpleDirectedWeightedGraph<Integer, DefaultWeightedEdge> g =
                new SimpleDirectedWeightedGraph<>(DefaultWeightedEdge.class);
        for (int i = 0; i < numNodes; i++) {
            g.addVertex(i);
        }
        for (int e = 0; e < numEdges(); e++) {
            DefaultWeightedEdge existing = g.getEdge(sources[e], targets[e]);
            if (existing == null) {
                g.setEdgeWeight(g.addEdge(sources[e], targets[e]), weight(e));
            } else {
                g.setEdgeWeight(existing, Math.max(g.getEdgeWeight(existing), weight(e)));
            }
        }
        return g;
    }

    /**
     * Converts a JGraphT graph whose vertices are {@code 0..N-1}. Undirected graphs give both
     * directions of every edge.
     *
     * @param graph the graph
     * @param weighted whether to keep JGraphT's edge weights
     * @return the index, sorted by target then source
     */
    public static <E> EdgeIndex fromJGraphT(Graph<Integer, E> graph, boolean weighted) {
        Objects.requireNonNull(graph, "graph");
        int n = graph.vertexSet().size();
        for (Integer v : graph.vertexSet()) {
            if (v == null || v < 0 || v >= n) {
                throw new IllegalArgumentException(
                        "JGraphT vertices must be 0.." + (n - 1) + ", found " + v);
            }
        }
        boolean directed = graph.getType().isDirected();
        List<int[]> pairs = new ArrayList<>();
        List<Float> ws = new ArrayList<>();
        for (E edge : graph.edgeSet()) {
            int s = graph.getEdgeSource(edge);
            int t = graph.getEdgeTarget(edge);
            float w = (float) graph.getEdgeWeight(edge);
            pairs.add(new int[] {s, t});
            ws.add(w);
            if (!directed && s != t) {
                pairs.add(new int[] {t, s});
                ws.add(w);
            }
        }
        int[] src = new int[pairs.size()];
        int[] tgt = new int[pairs.size()];
        float[] w = weighted ? new float[pairs.size()] : null;
        for (int k = 0; k < pairs.size(); k++) {
            src[k] = pairs.get(k)[0];
            tgt[k] = pairs.get(k)[1];
            if (w != null) {
                w[k] = ws.get(k);
            }
        }
        return of(n, src, tgt, w).sortedByTarget();
    }

    /**
     * Creates the {@code [2, E]} int64 array on the manager's device.
     *
     * @param manager the owner of the new array
     * @return {@code [2, E]} int64, row 0 sources, row 1 targets
     */
    public NDArray toNDArray(NDManager manager) {
        long[] flat = new long[2 * numEdges()];
        for (int e = 0; e < numEdges(); e++) {
            flat[e] = sources[e];
            flat[numEdges() + e] = targets[e];
        }
        return manager.create(flat, new Shape(2, numEdges()));
    }

    /**
     * Creates the {@code [E]} int64 array of sources (row 0) on the manager's device.
     *
     * @param manager the owner of the new array
     * @return {@code [E]} int64
     */
    public NDArray sourcesNDArray(NDManager manager) {
        return manager.create(Arrays.stream(sources).asLongStream().toArray());
    }

    /**
     * Creates the {@code [E]} int64 array of targets (row 1) on the manager's device.
     *
     * @param manager the owner of the new array
     * @return {@code [E]} int64
     */
    public NDArray targetsNDArray(NDManager manager) {
        return manager.create(Arrays.stream(targets).asLongStream().toArray());
    }

    /**
     * Creates the {@code [E]} float32 weights (ones when unweighted) on the manager's device.
     *
     * @param manager the owner of the new array
     * @return {@code [E]} float32
     */
    public NDArray weightsNDArray(NDManager manager) {
        float[] w = new float[numEdges()];
        for (int e = 0; e < w.length; e++) {
            w[e] = weight(e);
        }
        return manager.create(w);
    }

    /**
     * A SHA-256 fingerprint of the node count, the edges in order and the weights: two indices
     * have the same fingerprint exactly when they are equal. Checkpoints store it to detect a
     * model applied to a different graph.
     *
     * @return 64 lowercase hex digits
     */
    public String fingerprint() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            ByteBuffer buf =
                    ByteBuffer.allocate(4 + 4 + 12 * numEdges()).order(ByteOrder.LITTLE_ENDIAN);
            buf.putInt(numNodes).putInt(weights == null ? 0 : 1);
            for (int e = 0; e < numEdges(); e++) {
                buf.putInt(sources[e]).putInt(targets[e]).putFloat(weight(e));
            }
            return HexFormat.of().formatHex(md.digest(buf.array()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof EdgeIndex)) {
            return false;
        }
        EdgeIndex other = (EdgeIndex) o;
        return numNodes == other.numNodes
                && Arrays.equals(sources, other.sources)
                && Arrays.equals(targets, other.targets)
                && Arrays.equals(weights, other.weights);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                numNodes, Arrays.hashCode(sources), Arrays.hashCode(targets), Arrays.hashCode(weights));
    }

    @Override
    public String toString() {
        return "EdgeIndex[N=" + numNodes + ", E=" + numEdges() + (weights == null ? "" : ", weighted")
                + "]";
    }
}
