package org.spinj.spin;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.spinj.graph.EdgeIndex;
import org.spinj.graph.tensor.Scalars;
import org.spinj.temporal.PositionalEncoding;

/**
 * A direct, deliberately unoptimised transcription of SPIN's forward pass (Marisca et al. 2022;
 * {@code spin/models/spin.py}, {@code temporal_graph_additive_attention.py}, {@code
 * additive_attention.py}), used as the correctness oracle for {@link SpinModel} and as the
 * baseline of {@code spinj bench spin --oracle}.
 *
 * <p>It does what the reference does, step by step: gathers node features per spatial edge, adds
 * the projected source and target of <em>every</em> (source step, target step) pair into a {@code
 * [B, Tt, Ts, E, d]} tensor, runs the full {@code msg_nn} and the gate on every pair, normalises
 * with a grouped softmax that gives 0 to fully masked groups, sums over source steps and then
 * scatter-adds edges into their targets. No identity that the production path uses is applied
 * here, so agreement between the two is evidence that those identities are exact.
 *
 * <p>Parameters are passed by logical name (see {@link SpinModel#logicalParameters}), e.g. {@code
 * layer0.cross.lin_src_weight}; weights are {@code [out, in]} as in DJL and PyTorch.
 */
public final class SpinOracle {

    /** The constant tsl adds to a softmax denominator ({@code tsl.nn.functional.sparse_softmax}). */
    static final float SOFTMAX_EPS = 5e-8f;

    private final Map<String, NDArray> params;
    private final int layers;
    private final int eta;

    /**
     * @param params every SPIN parameter by logical name
     * @param layers number of SPIN layers {@code L}
     * @param eta the first layer of phase two ({@code η})
     */
    public SpinOracle(Map<String, NDArray> params, int layers, int eta) {
        this.params = Objects.requireNonNull(params, "params");
        this.layers = layers;
        this.eta = eta;
    }

    private NDArray p(String name) {
        NDArray a = params.get(name);
        if (a == null) {
            throw new IllegalArgumentException("SpinOracle needs parameter '" + name + "'");
        }
        return a;
    }

    private NDArray linear(NDArray x, String name, boolean bias) {
        return linear(x, name + ".weight", bias ? name + ".bias" : null);
    }

    private NDArray linear(NDArray x, String weight, String bias) {
        NDArray y = x.matMul(p(weight).transpose());
        return bias == null ? y : y.add(p(bias));
    }

    private static NDArray prelu(NDArray x, NDArray slope) {
        return Scalars.maximum(x, 0).add(Scalars.minimum(x, 0).mul(slope));
    }

    /**
     * Runs SPIN.
     *
     * @param x scaled values {@code [B, T, N, 1]}
     * @param mask 1 where a value is available as input, {@code [B, T, N, 1]} float
     * @param u time features {@code [B, T, 4]}
     * @param edges the spatial graph
     * @return the readout of every layer, last layer last, each {@code [B, T, N, 1]}
     */
    public NDList forward(NDArray x, NDArray mask, NDArray u, EdgeIndex edges) {
        NDManager m = x.getManager();
        long t = x.getShape().get(1);
        long d = p("node_emb").getShape().get(1);
        // positional encoder: q = MLP(LeakyReLU(Linear(u) + v)) + PE
        NDArray q = linear(u, "ulin", true).expandDims(2).add(p("node_emb"));
        q = Scalars.maximum(q, 0).add(Scalars.mul(Scalars.minimum(q, 0), 0.01f));
        q = Scalars.maximum(
                linear(Scalars.maximum(linear(q, "qmlp.lin0", true), 0), "qmlp.lin1", true), 0);
        q = linear(q, "qmlp.readout", true);
        q = q.add(PositionalEncoding.table(m, (int) t, (int) d, x.getDataType())
                .expandDims(1));
        NDArray xm = x.mul(mask);
        NDArray h = linear(Scalars.maximum(linear(xm, "hmlp.lin0", true), 0), "hmlp.lin1", true);
        h = Scalars.maximum(h, 0).add(q);
        NDArray maskB = mask.broadcast(h.getShape());
        h = h.mul(maskB).add(q.mul(maskB.neg().add(1f)));
        h = torchLayerNorm(h, p("hnorm_gamma"), p("hnorm_beta"));
        List<NDArray> outs = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            if (l == eta) {
                NDArray valid = p("valid_emb");
                NDArray missing = p("mask_emb");
                h = h.add(valid.mul(maskB).add(missing.mul(maskB.neg().add(1f))));
            }
            h = h.add(linear(xm, "xskip" + l, true).mul(mask));
            h = layer(h, mask, edges, "layer" + l, l < eta);
            NDArray r = Scalars.maximum(linear(h, "readout" + l + ".lin0", true), 0);
            r = Scalars.maximum(linear(r, "readout" + l + ".lin1", true), 0);
            outs.add(linear(r, "readout" + l + ".readout", true));
        }
        return new NDList(outs);
    }

    private NDArray layer(NDArray h, NDArray mask, EdgeIndex edges, String name, boolean maskSpatial) {
        NDManager m = h.getManager();
        long n = h.getShape().get(2);
        long t = h.getShape().get(1);
        NDArray src = edges.sourcesNDArray(m);
        NDArray tgt = edges.targetsNDArray(m);
        NDArray hj = h.get(new NDIndex(":, :, {}", src)); // [B, T, E, d]
        NDArray hi = h.get(new NDIndex(":, :, {}", tgt));
        NDArray maskJ = mask.get(new NDIndex(":, :, {}", src)); // [B, T, E, 1]
        NDArray allPairs = m.ones(new Shape(t, t));
        NDArray cross =
                attention(hj, hi, maskSpatial ? maskJ : null, allPairs, name + ".cross"); // [B,T,E,d]
        // scatter-add edges into targets with a one-hot incidence matrix [N, E]
        NDArray incidence = tgt.oneHot((int) n).transpose().toType(DataType.FLOAT32, false);
        NDArray aggregated = incidence.matMul(cross.swapAxes(2, 3).expandDims(-1)).squeeze(-1);
        aggregated = aggregated.swapAxes(2, 3); // [B, T, N, d]
        NDArray offDiagonal = m.eye((int) t).neg().add(1f);
        NDArray self = attention(h, h, mask, offDiagonal, name + ".self");
        NDArray out = aggregated.add(self).add(linear(h, name + ".linskip", true));
        return tslLayerNorm(out, p(name + ".norm_gamma"), p(name + ".norm_beta"));
    }

    /**
     * Temporal additive attention over all allowed (s, t) pairs, materialised.
     *
     * @param s sources {@code [B, Ts, M, d]}
     * @param q targets {@code [B, Tt, M, d]}
     * @param srcMask {@code [B, Ts, M, 1]} or null
     * @param pairs allowed pairs {@code [Tt, Ts]} as 0/1
     */
    private NDArray attention(NDArray s, NDArray q, NDArray srcMask, NDArray pairs, String name) {
        NDArray aSrc = linear(s, name + ".lin_src_weight", name + ".lin_src_bias"); // [B, Ts, M, d]
        NDArray aTgt = linear(q, name + ".lin_tgt_weight", null); // [B, Tt, M, d]
        NDArray z = aTgt.expandDims(2).add(aSrc.expandDims(1)); // [B, Tt, Ts, M, d]
        NDArray r = prelu(z, p(name + ".msg_prelu1"));
        r = linear(r, name + ".msg_lin1_weight", name + ".msg_lin1_bias");
        r = prelu(r, p(name + ".msg_prelu2"));
        r = linear(r, name + ".msg_lin2_weight", name + ".msg_lin2_bias"); // messages on every pair
        NDArray g = linear(r, name + ".msg_gate_weight", null); // [B, Tt, Ts, M, 1]
        NDArray valid = pairs.expandDims(-1).expandDims(-1).expandDims(0); // [1, Tt, Ts, 1, 1]
        if (srcMask != null) {
            valid = valid.mul(srcMask.expandDims(1)); // [B, Tt, Ts, M, 1]
        }
        valid = valid.broadcast(g.getShape());
        NDArray validB = valid.toType(DataType.BOOLEAN, false);
        NDArray filled = NDArrays.where(validB, g, g.zerosLike().sub(3.0e38f));
        NDArray max = filled.max(new int[] {2}, true).stopGradient();
        // a group whose scores are all masked gets max = 0, as torch_scatter's scatter_max does
        max = NDArrays.where(max.lt(-1.0e38f), max.zerosLike(), max);
        // exp of the filled scores: a masked score is -3e38 and contributes exactly 0, as
        // masked_fill(-inf) does in the reference (exp of a raw masked score could overflow)
        NDArray e = filled.sub(max).exp().mul(valid);
        NDArray alpha = e.div(e.sum(new int[] {2}, true).add(SOFTMAX_EPS));
        return alpha.mul(r).sum(new int[] {2}); // [B, Tt, M, d]
    }

    static NDArray torchLayerNorm(NDArray x, NDArray gamma, NDArray beta) {
        NDArray mean = x.mean(new int[] {-1}, true);
        NDArray centered = x.sub(mean);
        NDArray var = centered.square().mean(new int[] {-1}, true);
        return centered.div(var.add(1e-5f).sqrt()).mul(gamma).add(beta);
    }

    static NDArray tslLayerNorm(NDArray x, NDArray gamma, NDArray beta) {
        NDArray mean = x.mean(new int[] {-1}, true);
        NDArray centered = x.sub(mean);
        NDArray std = centered.square().mean(new int[] {-1}, true).sqrt();
        return centered.div(std.add(1e-5f)).mul(gamma).add(beta);
    }
}
