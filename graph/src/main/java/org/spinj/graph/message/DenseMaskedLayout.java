package org.spinj.graph.message;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.HashMap;
import java.util.Map;
import org.spinj.graph.EdgeIndex;

/**
 * Where each edge sits in a dense {@code [N, W]} target-by-source grid, {@code W = K · N}, for
 * {@link DenseMaskedBackend}. Cell {@code (i, k · N + j)} holds the {@code k}-th edge {@code j ->
 * i}; {@code K}, the largest number of parallel edges between one ordered pair, is 1 for a
 * simple graph, so that the grid is the plain {@code N × N} adjacency pattern. A multigraph gets
 * {@code K} side-by-side copies of the grid instead of losing duplicates, which a single cell
 * could hold only one of.
 *
 * <p>Two ways in: {@link #slots} gathers the grid from the edge axis with one extra slot
 * appended after the last edge (index {@code E}), at which empty cells point, so the mask is
 * implicit in the index; {@link #positions} scatters each edge into its own cell of a grid
 * filled beforehand. Every edge, parallel copies included, has a cell of its own.
 */
final class DenseMaskedLayout {

    private final int width;
    private final NDArray slots; // [N * W]: edge id, or E for an empty cell
    private final NDArray maxSlots; // [N * W]: empty cells repeat one of the row's own edges
    private final NDArray positions; // [E]: each edge's cell, i * W + k * N + j

    DenseMaskedLayout(EdgeIndex edges, NDManager manager) {
        int n = edges.numNodes();
        int e = edges.numEdges();
        Map<Long, Integer> seen = new HashMap<>();
        int[] layer = new int[e];
        int k = 1;
        for (int x = 0; x < e; x++) {
            long pair = (long) edges.target(x) * n + edges.source(x);
            int copy = seen.merge(pair, 1, Integer::sum) - 1;
            layer[x] = copy;
            k = Math.max(k, copy + 1);
        }
        long cells = (long) n * n * k;
        if (cells > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "a dense masked grid of N = " + n + " nodes with up to " + k
                            + " parallel edges needs " + cells + " cells, expected at most "
                            + Integer.MAX_VALUE + "; use another backend");
        }
        this.width = k * n;
        long[] table = new long[(int) cells];
        long[] pos = new long[e];
        java.util.Arrays.fill(table, e);
        long[] firstOwn = new long[n];
        java.util.Arrays.fill(firstOwn, e);
        for (int x = 0; x < e; x++) {
            int i = edges.target(x);
            pos[x] = (long) i * width + (long) layer[x] * n + edges.source(x);
            table[(int) pos[x]] = x;
            if (firstOwn[i] == e) {
                firstOwn[i] = x;
            }
        }
        long[] maxTable = table.clone();
        for (int c = 0; c < maxTable.length; c++) {
            if (maxTable[c] == e) {
                maxTable[c] = firstOwn[c / width];
            }
        }
        this.slots = manager.create(table);
        this.maxSlots = manager.create(maxTable);
        this.positions = manager.create(pos);
    }

    /** @return {@code W}, the cells per target row ({@code K · N}) */
    int width() {
        return width;
    }

    /** @return {@code [N · W]} int64 edge id per cell, {@code E} (the appended slot) if empty */
    NDArray slots() {
        return slots;
    }

    /**
     * @return {@code [N · W]} int64 edge id per cell, where an empty cell of a row with edges
     *     repeats one of them (a maximum needs no sentinel) and a row without edges points at
     *     {@code E}
     */
    NDArray maxSlots() {
        return maxSlots;
    }

    /** @return {@code [E]} int64 flat cell {@code i · W + k · N + j} of each edge */
    NDArray positions() {
        return positions;
    }

    /**
     * The grid shape of per-edge values.
     *
     * @param edgeShape {@code [..., E, C]}
     * @param numNodes {@code N}
     * @return {@code [..., N, W, C]}
     */
    Shape gridShape(Shape edgeShape, int numNodes) {
        long[] in = edgeShape.getShape();
        long[] out = new long[in.length + 1];
        System.arraycopy(in, 0, out, 0, in.length - 2);
        out[in.length - 2] = numNodes;
        out[in.length - 1] = width;
        out[in.length] = in[in.length - 1];
        return new Shape(out);
    }
}
