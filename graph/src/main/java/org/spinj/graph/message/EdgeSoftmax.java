package org.spinj.graph.message;

import ai.djl.ndarray.NDArray;
import org.spinj.graph.tensor.Scalars;

/**
 * Softmax over each target's incoming edges (PyG's {@code softmax(src, index)}): \( \alpha_e =
 * \exp(s_e - m_i) / \sum_{e' \to i} \exp(s_{e'} - m_i) \) with {@code m_i} the maximum score
 * entering {@code i}. Masked edges get weight 0, and a target whose incoming edges are all
 * masked gets all-zero weights, never NaN.
 */
public final class EdgeSoftmax {

    /**
     * Masked scores are replaced by this constant (not added to it, so that rounding cannot make
     * two masked scores differ): far below any real score, yet {@code exp} of the difference of
     * two of them is exactly 1.
     */
    static final float MASKED_SCORE = -1e9f;

    private EdgeSoftmax() {}

    /**
     * Normalises scores over incoming edges with the backend's own formulation ({@link
     * AggregationBackend#softmax}).
     *
     * @param scores {@code [..., E, H]} one score per edge and head
     * @param graph the graph's tensors
     * @param backend the backend that computes it
     * @param mask {@code [..., E, 1]} or {@code [..., E, H]} boolean, {@code true} = edge takes
     *     part; or {@code null} for all edges
     * @return {@code [..., E, H]} weights, summing to 1 over each target's valid edges (0 where
     *     none is valid)
     * @throws IllegalArgumentException if the scores' edge axis does not have {@code E} entries
     */
    public static NDArray softmax(
            NDArray scores, GraphTensors graph, AggregationBackend backend, NDArray mask) {
        graph.checkEdges(scores);
        return backend.softmax(scores, graph, mask);
    }

    /**
     * Normalises scores over incoming edges with every edge taking part.
     *
     * @param scores {@code [..., E, H]}
     * @param graph the graph's tensors
     * @param backend the backend that computes it
     * @return {@code [..., E, H]} weights summing to 1 over each target's incoming edges
     */
    public static NDArray softmax(NDArray scores, GraphTensors graph, AggregationBackend backend) {
        return softmax(scores, graph, backend, null);
    }

    /**
     * The softmax from segment reductions, for backends without a formulation of their own: the
     * backend's maximum shifts the scores, its sum gives the denominators.
     *
     * @param scores {@code [..., E, H]}
     * @param graph the graph's tensors
     * @param backend supplies {@link AggregationBackend#max} and {@link AggregationBackend#sum}
     * @param mask {@code [..., E, 1]} or {@code [..., E, H]} boolean, or {@code null}
     * @return {@code [..., E, H]} weights
     */
    public static NDArray bySegments(
            NDArray scores, GraphTensors graph, AggregationBackend backend, NDArray mask) {
        graph.checkEdges(scores);
        NDArray keep = mask == null ? null : mask.toType(scores.getDataType(), false);
        NDArray s = keep == null ? scores : masked(scores, keep);
        // The shift by the maximum only guards exp against overflow; it cancels in the ratio, so
        // no gradient needs to flow through it.
        NDArray max = graph.gatherTargets(backend.max(s.stopGradient(), graph));
        NDArray ex = s.sub(max).exp();
        if (keep != null) {
            ex = ex.mul(keep);
        }
        // A target with a valid edge has a denominator >= 1 (its maximum contributes exp(0)); one
        // with none has exactly 0 (a sum of exact zeros), which becomes 1 so that 0/0 turns into
        // 0/1. A floor such as maximum(1) would be wrong: it cuts the gradient of a single-edge
        // target whose sum rounds to just below 1.
        NDArray sum = backend.sum(ex, graph);
        NDArray empty = sum.eq(0f).toType(sum.getDataType(), false);
        NDArray denominator = graph.gatherTargets(sum.add(empty));
        return ex.div(denominator);
    }

    /**
     * Replaces masked scores by {@link #MASKED_SCORE}: {@code s · keep + (keep - 1) · 1e9}; no
     * gradient reaches a masked score.
     *
     * @param scores {@code [..., E, H]}
     * @param keep {@code [..., E, 1]} or {@code [..., E, H]}, 1 = valid, 0 = masked
     * @return {@code [..., E, H]}
     */
    static NDArray masked(NDArray scores, NDArray keep) {
        return scores.mul(keep).add(Scalars.mul(keep.sub(1f), -MASKED_SCORE));
    }
}
