package org.spinj.temporal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import java.util.ArrayList;
import java.util.List;
import org.spinj.graph.EdgeIndex;
import org.spinj.temporal.TemporalAdditiveAttention.MessageWeights;
import org.spinj.temporal.TemporalAdditiveAttention.Reweight;

/**
 * The reference formulation of {@link TemporalAdditiveAttention}: a loop over the temporal edge
 * list that computes {@code r = msg_nn(a_src[s] + a_tgt[t])} and its gate for one pair at a time,
 * then normalises each target's group the way SPIN's PyG code does (masked scores filled with
 * {@code -inf} or 0, group max from torch_scatter, which is 0 for an all-{@code -inf} group). It
 * is deliberately plain: it proves the dense paths exact and is slow.
 */
final class EdgeListAttention {

    private EdgeListAttention() {}

    /**
     * @param w message and gate parameters
     * @param aSrc {@code [B, Ts, M, D]}
     * @param aTgt {@code [B, Tt, M, D]}
     * @param valid {@code [B, Ts, M]} 0/1, or {@code null}
     * @param edges the pairs
     * @param reweight the normalisation
     * @param withWeights whether to return {@code alpha [B, Tt, Ts, M]}
     * @return {@code [out [B, Tt, M, D]]} plus the weights if asked
     */
    static NDList attend(
            MessageWeights w,
            NDArray aSrc,
            NDArray aTgt,
            NDArray valid,
            TemporalEdges edges,
            Reweight reweight,
            boolean withWeights) {
        NDManager m = aSrc.getManager();
        Shape shape = aSrc.getShape();
        long b = shape.get(0);
        long n = shape.get(2);
        long d = shape.get(3);
        int steps = edges.numSteps();
        EdgeIndex index = edges.toEdgeIndex();
        List<List<Integer>> byTarget = new ArrayList<>();
        for (int t = 0; t < steps; t++) {
            byTarget.add(new ArrayList<>());
        }
        NDArray[] messages = new NDArray[index.numEdges()];
        NDArray[] scores = new NDArray[index.numEdges()];
        for (int e = 0; e < index.numEdges(); e++) {
            int s = index.source(e);
            int t = index.target(e);
            NDArray z = aSrc.get(":, " + s).add(aTgt.get(":, " + t)); // [B, M, D]
            NDArray h =
                    TemporalAdditiveAttention.linear(
                            TemporalAdditiveAttention.prelu(z, w.prelu1()), w.weight1(), w.bias1());
            messages[e] =
                    TemporalAdditiveAttention.linear(
                            TemporalAdditiveAttention.prelu(h, w.prelu2()), w.weight2(), w.bias2());
            scores[e] =
                    TemporalAdditiveAttention.linear(messages[e], w.gateWeight(), w.gateBias())
                            .squeeze(-1); // [B, M]
            byTarget.get(t).add(e);
        }
        DataType type = aSrc.getDataType();
        NDArray zeroWeight = m.zeros(new Shape(b, n), type);
        List<NDArray> outs = new ArrayList<>();
        List<NDArray> rows = new ArrayList<>();
        for (int t = 0; t < steps; t++) {
            List<Integer> group = byTarget.get(t);
            NDArray[] rowWeights = new NDArray[steps];
            if (group.isEmpty()) {
                outs.add(m.zeros(new Shape(b, n, d), type));
            } else {
                NDList g = new NDList();
                NDList v = new NDList();
                NDList r = new NDList();
                for (int e : group) {
                    g.add(scores[e]);
                    r.add(messages[e]);
                    v.add(valid == null
                            ? m.ones(new Shape(b, n), DataType.BOOLEAN)
                            : valid.get(":, " + index.source(e)).gt(0.5));
                }
                NDArray alpha = normalizeGroup(NDArrays.stack(g, -1), NDArrays.stack(v, -1),
                        reweight); // [B, M, k]
                NDArray stacked = NDArrays.stack(r, -1); // [B, M, D, k]
                outs.add(stacked.mul(alpha.expandDims(2)).sum(new int[] {-1}));
                for (int k = 0; k < group.size(); k++) {
                    rowWeights[index.source(group.get(k))] = alpha.get(":, :, " + k);
                }
            }
            if (withWeights) {
                NDList row = new NDList();
                for (int s = 0; s < steps; s++) {
                    row.add(rowWeights[s] == null ? zeroWeight : rowWeights[s]);
                }
                rows.add(NDArrays.stack(row, 1)); // [B, Ts, M]
            }
        }
        NDList res = new NDList(NDArrays.stack(new NDList(outs), 1));
        if (withWeights) {
            res.add(NDArrays.stack(new NDList(rows), 1));
        }
        return res;
    }

    /** torch_scatter-style normalisation of one target's group {@code [B, M, k]}. */
    private static NDArray normalizeGroup(NDArray g, NDArray valid, Reweight reweight) {
        NDManager m = g.getManager();
        if (reweight == Reweight.SOFTMAX) {
            NDArray minusInf = m.full(g.getShape(), Float.NEGATIVE_INFINITY, g.getDataType());
            NDArray filled = NDArrays.where(valid, g, minusInf);
            NDArray max = filled.max(new int[] {-1}, true).stopGradient();
            // scatter_max writes 0 for a group whose maximum never beat the lowest value
            max = NDArrays.where(max.isInfinite(), max.zerosLike(), max);
            NDArray e = filled.sub(max).exp();
            return e.div(e.sum(new int[] {-1}, true).add(TemporalAdditiveAttention.SOFTMAX_EPSILON));
        }
        NDArray filled = NDArrays.where(valid, Activation.sigmoid(g), g.zerosLike());
        if (reweight == Reweight.L1) {
            return filled.div(
                    filled.sum(new int[] {-1}, true).add(TemporalAdditiveAttention.L1_EPSILON));
        }
        return filled;
    }
}
