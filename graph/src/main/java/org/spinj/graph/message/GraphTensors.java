package org.spinj.graph.message;

import ai.djl.Device;
import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.spinj.graph.EdgeIndex;

/**
 * The device tensors of one graph that message passing needs: edge endpoints, degrees, and the
 * layouts of every aggregation backend (incidence matrices, target-sorted pointers, padded
 * neighbour lists, the dense target-by-source grid). They are built once per (graph, device,
 * dtype) and cached for the life of the process, never per batch; each backend's layout is
 * built on first use.
 *
 * <p>The tensors live in their own {@link NDManager}. Every operation here attaches its result
 * to the manager of the data operand, so nothing per-batch accumulates in the cache.
 *
 * <p>Shapes: node tensors {@code [..., N, C]}, edge tensors {@code [..., E, C]}; the node or edge
 * axis is always the second to last.
 */
public final class GraphTensors {

    private record Key(String fingerprint, Device device, DataType dtype) {}

    private static final Map<Key, GraphTensors> CACHE = new ConcurrentHashMap<>();

    private final EdgeIndex edges;
    private final NDManager manager;
    private final DataType dtype;
    private final NDArray sources;
    private final NDArray targets;
    private final NDArray inverseDegree;
    private final NDArray inDegree;
    private final NDArray targetInverseDegree;
    private final NDArray edgeWeights;
    private final NDArray maxNeighbours; // [N * D]: incoming edge ids, padded by repetition
    private final int maxInDegree;

    // Backend layouts, built on first use under the instance lock.
    private NDArray denseIncidence;
    private NDArray sparseIncidence;
    private NDArray[] cumsumLayout;
    private NDArray sumNeighbours;
    private DenseMaskedLayout denseMasked;

    private GraphTensors(EdgeIndex edges, Device device, DataType dtype) {
        this.edges = edges;
        this.dtype = dtype;
        this.manager = NDManager.newBaseManager(device);
        this.sources = edges.sourcesNDArray(manager);
        this.targets = edges.targetsNDArray(manager);
        int n = edges.numNodes();
        int[] deg = edges.inDegree();
        float[] inv = new float[n];
        int d = 1;
        for (int i = 0; i < n; i++) {
            inv[i] = 1f / Math.max(deg[i], 1);
            d = Math.max(d, deg[i]);
        }
        this.maxInDegree = d;
        this.inverseDegree = manager.create(inv, new Shape(n, 1)).toType(dtype, false);
        float[] degf = new float[n];
        for (int i = 0; i < n; i++) {
            degf[i] = deg[i];
        }
        this.inDegree = manager.create(degf, new Shape(n, 1)).toType(dtype, false);
        this.targetInverseDegree = inverseDegree.get(new NDIndex("{}", targets));
        this.edgeWeights =
                edges.weightsNDArray(manager).reshape(edges.numEdges(), 1).toType(dtype, false);
        this.maxNeighbours = manager.create(neighbourTable(true));
    }

    /**
     * Returns the cached tensors of a graph on a device, building them on first use.
     *
     * @param edges the graph
     * @param device where the tensors live
     * @param dtype the floating type of the float tensors (the messages' type)
     * @return the shared tensors
     */
    public static GraphTensors of(EdgeIndex edges, Device device, DataType dtype) {
        Objects.requireNonNull(edges, "edges");
        Objects.requireNonNull(device, "device");
        if (!dtype.isFloating()) {
            throw new IllegalArgumentException("dtype must be floating, got " + dtype);
        }
        return CACHE.computeIfAbsent(
                new Key(edges.fingerprint(), device, dtype),
                k -> new GraphTensors(edges, device, dtype));
    }

    /**
     * Returns the cached tensors for the device and type of {@code like}.
     *
     * @param edges the graph
     * @param like any array on the target device with the messages' floating type
     * @return the shared tensors
     */
    public static GraphTensors of(EdgeIndex edges, NDArray like) {
        return of(edges, like.getDevice(), like.getDataType());
    }

    /** @return the graph */
    public EdgeIndex edges() {
        return edges;
    }

    /** @return the number of nodes {@code N} */
    public int numNodes() {
        return edges.numNodes();
    }

    /** @return the number of edges {@code E} */
    public int numEdges() {
        return edges.numEdges();
    }

    /** @return the largest in-degree, at least 1 (the padded width {@code D}) */
    public int maxInDegree() {
        return maxInDegree;
    }

    /** @return {@code [E]} int64 source of each edge; owned by the cache, do not close */
    public NDArray sources() {
        return sources;
    }

    /** @return {@code [E]} int64 target of each edge; owned by the cache, do not close */
    public NDArray targets() {
        return targets;
    }

    /** @return {@code [E, 1]} edge weights (ones when unweighted); owned by the cache */
    public NDArray edgeWeights() {
        return edgeWeights;
    }

    /** @return {@code [E, 1]} {@code 1 / inDegree} of each edge's target; owned by the cache */
    public NDArray targetInverseDegree() {
        return targetInverseDegree;
    }

    /** @return {@code [N, 1]} in-degree of every node; owned by the cache */
    public NDArray inDegree() {
        return inDegree;
    }

    /** @return {@code [N, 1]} {@code 1 / max(inDegree, 1)}; owned by the cache */
    public NDArray inverseDegree() {
        return inverseDegree;
    }

    /**
     * Gathers node rows along the second-to-last axis: {@code out[..., k, :] = x[..., index[k],
     * :]}. The backward pass accumulates over repeated indices (a scatter-add inside libtorch).
     *
     * @param x {@code [..., N, C]} node tensor (rank 2 to 5)
     * @param index {@code [K]} int64 node positions
     * @return {@code [..., K, C]}, owned by {@code x}'s manager
     */
    public static NDArray gather(NDArray x, NDArray index) {
        int rank = x.getShape().dimension();
        if (rank < 2) {
            throw new IllegalArgumentException(
                    "expected a tensor [..., N, C] of rank >= 2, got " + x.getShape());
        }
        return x.get(new NDIndex(":, ".repeat(rank - 2) + "{}", index));
    }

    /**
     * Source features per edge (PyG's {@code x_j}).
     *
     * @param x {@code [..., N, C]}
     * @return {@code [..., E, C]}
     */
    public NDArray gatherSources(NDArray x) {
        checkNodes(x);
        return gather(x, sources);
    }

    /**
     * Target features per edge (PyG's {@code x_i}).
     *
     * @param x {@code [..., N, C]}
     * @return {@code [..., E, C]}
     */
    public NDArray gatherTargets(NDArray x) {
        checkNodes(x);
        return gather(x, targets);
    }

    /**
     * Maximum over each node's incoming edges in the padded-neighbour layout; nodes without
     * incoming edges get exactly 0. The messages are gathered into {@code [..., N, D, C]} whose
     * padding repeats one of the node's own edges, so the maximum is unchanged and no sentinel
     * value is needed. {@link PaddedNeighbourBackend#max} is this; the backends that cannot
     * express a maximum delegate here.
     *
     * @param messages {@code [..., E, C]}
     * @return {@code [..., N, C]}
     */
    NDArray paddedMax(NDArray messages) {
        NDArray padded = withZeroEdge(messages);
        Shape s = messages.getShape();
        NDArray g = gather(padded, maxNeighbours);
        return g.reshape(neighbourShape(s)).max(new int[] {s.dimension() - 1});
    }

    /**
     * Appends one slot holding {@code value} after the last edge, the target of padding indices.
     *
     * @param values {@code [..., E, C]}
     * @param value what the slot holds
     * @return {@code [..., E + 1, C]}
     */
    NDArray withEdgeSlot(NDArray values, float value) {
        checkEdges(values);
        Shape s = values.getShape();
        long[] zs = s.getShape().clone(); // the live array: PtNDArray caches its Shape
        zs[zs.length - 2] = 1;
        NDArray slot = values.getManager().full(new Shape(zs), value, values.getDataType());
        return values.concat(slot, s.dimension() - 2);
    }

    /**
     * Appends one zero edge after the last, the target of padding indices.
     *
     * @param messages {@code [..., E, C]}
     * @return {@code [..., E + 1, C]}
     */
    NDArray withZeroEdge(NDArray messages) {
        return withEdgeSlot(messages, 0f);
    }

    /**
     * Prepends one zero row on the edge axis (the running sum before the first edge).
     *
     * @param running {@code [..., E, C]}
     * @return {@code [..., E + 1, C]}
     */
    NDArray withZeroEdgeFirst(NDArray running) {
        Shape s = running.getShape();
        long[] zs = s.getShape().clone(); // the live array: PtNDArray caches its Shape
        zs[zs.length - 2] = 1;
        NDArray zero = running.getManager().zeros(new Shape(zs), running.getDataType());
        return zero.concat(running, s.dimension() - 2);
    }

    Shape neighbourShape(Shape edgeShape) {
        long[] in = edgeShape.getShape();
        long[] out = new long[in.length + 1];
        System.arraycopy(in, 0, out, 0, in.length - 2);
        out[in.length - 2] = numNodes();
        out[in.length - 1] = maxInDegree;
        out[in.length] = in[in.length - 1];
        return new Shape(out);
    }

    /** [N, E] one-hot incidence: row i has a 1 at every edge entering i. */
    synchronized NDArray denseIncidence() {
        if (denseIncidence == null) {
            denseIncidence = targets.oneHot(numNodes()).transpose().toType(dtype, false);
        }
        return denseIncidence;
    }

    /** The same incidence as a sparse COO matrix. */
    synchronized NDArray sparseIncidence() {
        if (sparseIncidence == null) {
            // Built from the dense matrix so that libtorch owns a copy of the indices:
            // createCoo over Java buffers left dangling indices in the backward pass (seen as
            // "index out of row bound" from addmm on METR-LA).
            NDArray dense = targets.oneHot(numNodes()).transpose();
            sparseIncidence = dense.toSparse(SparseFormat.COO).toType(dtype, false);
            dense.close();
        }
        return sparseIncidence;
    }

    /**
     * {order [E] or null when already sorted by target, low [N], high [N]}: node i's incoming
     * edges are positions [low_i, high_i) of the target-sorted order, offsets into a cumulative
     * sum with a leading zero.
     */
    synchronized NDArray[] cumsumLayout() {
        if (cumsumLayout == null) {
            int e = numEdges();
            Integer[] order = new Integer[e];
            boolean sorted = true;
            for (int k = 0; k < e; k++) {
                order[k] = k;
                sorted &= k == 0 || edges.target(k) >= edges.target(k - 1);
            }
            java.util.Arrays.sort(order, (a, b) -> Integer.compare(edges.target(a), edges.target(b)));
            int[] deg = edges.inDegree();
            long[] low = new long[numNodes()];
            long[] high = new long[numNodes()];
            long run = 0;
            for (int i = 0; i < numNodes(); i++) {
                low[i] = run;
                run += deg[i];
                high[i] = run;
            }
            long[] ord = new long[e];
            for (int k = 0; k < e; k++) {
                ord[k] = order[k];
            }
            cumsumLayout =
                    new NDArray[] {
                        sorted ? null : manager.create(ord), manager.create(low), manager.create(high)
                    };
        }
        return cumsumLayout;
    }

    /** [N * D] incoming edge ids padded with the zero edge E. */
    synchronized NDArray sumNeighbours() {
        if (sumNeighbours == null) {
            sumNeighbours = manager.create(neighbourTable(false));
        }
        return sumNeighbours;
    }

    /** The dense target-by-source grid of {@link DenseMaskedBackend}. */
    synchronized DenseMaskedLayout denseMasked() {
        if (denseMasked == null) {
            denseMasked = new DenseMaskedLayout(edges, manager);
        }
        return denseMasked;
    }

    private long[] neighbourTable(boolean repeatPadding) {
        int n = numNodes();
        int d = maxInDegree;
        long[] table = new long[n * d];
        int[] fill = new int[n];
        java.util.Arrays.fill(table, numEdges());
        for (int k = 0; k < numEdges(); k++) {
            int t = edges.target(k);
            table[t * d + fill[t]++] = k;
        }
        if (repeatPadding) {
            for (int i = 0; i < n; i++) {
                for (int s = Math.max(fill[i], 1); s < d && fill[i] > 0; s++) {
                    table[i * d + s] = table[i * d];
                }
            }
        }
        return table;
    }

    /**
     * Moves an array computed from a cached tensor (which lands in the cache's manager) to the
     * manager of the data it was computed from.
     */
    static NDArray adopt(NDArray result, NDArray data) {
        result.attach(data.getManager());
        return result;
    }

    void checkNodes(NDArray x) {
        Shape s = x.getShape();
        if (s.dimension() < 2 || s.get(s.dimension() - 2) != numNodes()) {
            throw new IllegalArgumentException(
                    "expected node features [..., N = " + numNodes() + ", C], got " + s);
        }
    }

    void checkEdges(NDArray m) {
        Shape s = m.getShape();
        if (s.dimension() < 2 || s.get(s.dimension() - 2) != numEdges()) {
            throw new IllegalArgumentException(
                    "expected edge messages [..., E = " + numEdges() + ", C], got " + s);
        }
    }

    /** @return how many arrays the cache holds for this graph (layouts included); for tests */
    int cachedArrayCount() {
        return ((BaseNDManager) manager).getManagedArrays().size();
    }

    /**
     * Frees every cached graph. Arrays handed out before remain invalid afterwards; for tests and
     * long-running processes that switch graphs.
     */
    public static void clearCache() {
        for (GraphTensors g : CACHE.values()) {
            g.manager.close();
        }
        CACHE.clear();
    }

    @Override
    public String toString() {
        return "GraphTensors[" + edges + ", " + manager.getDevice() + ", " + dtype + "]";
    }
}
