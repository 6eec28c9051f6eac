package org.spinj.graph.message;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Reductions over a dense, masked target-by-source grid {@code [..., N, N, C]} (djl-notes §2.2,
 * "dense masked N×N"): per-edge values are placed in cell {@code (i, j)} of their edge {@code j
 * -> i} ({@link DenseMaskedLayout}; a multigraph gets one grid per parallel copy) and reduced
 * along the source axis with ordinary dense kernels: a sum, a maximum, and a plain {@code
 * softmax} over the row, where an empty cell holds {@code -1e9} so that it weighs exactly 0.
 * Cost and memory {@code O(N² · L · C)} for {@code L} leading positions, whatever the number of
 * edges: it suits small or dense graphs, and its softmax over {@code H} heads ({@code H} usually
 * 1) is cheap where a sum over {@code C} channels is not.
 *
 * <p>Formulation. The grid is filled by a gather along the edge axis from the values with one
 * constant slot appended (0 for a sum, {@code -1e9} for a softmax), through a precomputed {@code
 * [N · N]} index whose empty cells point at that slot. One kernel writes the grid and the mask
 * costs nothing, and the backward pass is the gather's index-add into {@code E + 1} rows. The
 * alternatives do more: {@code scatter} into a zero grid needs an int64 index of the values' full
 * shape built per call (it depends on the leading axes), a separate pass to add the mask bias to
 * the whole grid, and replace semantics that drop parallel edges; an additive {@code [N, N]}
 * bias over a zero-padded grid is one more full pass over {@code L · N² · H} values. The softmax
 * needs no separate segment maximum: {@code softmax} along the row subtracts the row maximum
 * itself. Weights go back to the edges by a gather at each edge's cell.
 */
public final class DenseMaskedBackend implements AggregationBackend {

    @Override
    public NDArray sum(NDArray messages, GraphTensors graph) {
        DenseMaskedLayout layout = graph.denseMasked();
        Shape s = messages.getShape();
        return GraphTensors.gather(graph.withZeroEdge(messages), layout.slots())
                .reshape(layout.gridShape(s, graph.numNodes()))
                .sum(new int[] {s.dimension() - 1}); // [..., N, W, C] -> [..., N, C]
    }

    /**
     * {@inheritDoc} Empty cells of a row with edges repeat one of the row's own edges (a maximum
     * is unchanged by a repeat), and a row without edges reads the zero slot.
     */
    @Override
    public NDArray max(NDArray messages, GraphTensors graph) {
        DenseMaskedLayout layout = graph.denseMasked();
        Shape s = messages.getShape();
        return GraphTensors.gather(graph.withZeroEdge(messages), layout.maxSlots())
                .reshape(layout.gridShape(s, graph.numNodes()))
                .max(new int[] {s.dimension() - 1});
    }

    /**
     * {@inheritDoc} A row softmax over the grid: valid scores against {@code -1e9} in empty
     * cells. A target whose edges are all masked has a row of equal {@code -1e9} scores, whose
     * uniform weights the mask then zeroes.
     */
    @Override
    public NDArray softmax(NDArray scores, GraphTensors graph, NDArray mask) {
        graph.checkEdges(scores);
        DenseMaskedLayout layout = graph.denseMasked();
        NDArray keep = mask == null ? null : mask.toType(scores.getDataType(), false);
        NDArray s = keep == null ? scores : EdgeSoftmax.masked(scores, keep);
        Shape es = scores.getShape();
        int r = es.dimension();
        Shape grid = layout.gridShape(es, graph.numNodes());
        NDArray alphaGrid =
                GraphTensors.gather(graph.withEdgeSlot(s, EdgeSoftmax.MASKED_SCORE), layout.slots())
                        .reshape(grid)
                        .softmax(r - 1); // [..., N, W, H], normalised along the sources W
        long[] flat = es.getShape().clone(); // Shape.getShape() is the live array
        flat[r - 2] = (long) graph.numNodes() * layout.width();
        NDArray alpha = GraphTensors.gather(alphaGrid.reshape(new Shape(flat)), layout.positions());
        return keep == null ? alpha : alpha.mul(keep);
    }

    @Override
    public Backend kind() {
        return Backend.DENSE_MASKED;
    }
}
