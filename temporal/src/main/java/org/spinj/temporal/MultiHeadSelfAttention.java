package org.spinj.temporal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.util.PairList;
import java.util.function.IntFunction;
import org.spinj.temporal.TemporalAdditiveAttention.Reweight;
import org.spinj.graph.tensor.Scalars;

/**
 * Multi-head scaled dot-product self-attention over time (Vaswani et al. 2017) that returns its
 * per-head weights, which DJL's transformer blocks do not:
 *
 * <pre>
 *   q, k, v = x W_q, x W_k, x W_v                    [B, T, C] -> [B, H, T, C/H]
 *   alpha   = softmax_s(q_t . k_s / sqrt(C/H))        over the allowed, observed s
 *   out     = concat_h(alpha v) W_o                   [B, T, C]
 * </pre>
 *
 * The allowed pairs come from an optional {@link TemporalEdges} rule (causal, max-distance, ...;
 * default all pairs), rows = query step, columns = key step; masked keys get weight 0, and a
 * query with no allowed key gets 0. Initialisation: glorot on each {@code [C, C]} projection
 * (torch's {@code MultiheadAttention} applies it to its fused {@code [3C, C]} matrix), torch's
 * default for the output projection, zero biases. Forward returns {@code [out [B, T, C], weights [B, H, T, T]]}.
 */
public final class MultiHeadSelfAttention extends AbstractBlock {

    private final int channels;
    private final int heads;
    private final IntFunction<TemporalEdges> edgeRule;
    private final Parameter[] weights = new Parameter[4];
    private final Parameter[] biases = new Parameter[4];

    /**
     * Creates the block.
     *
     * @param channels {@code C >= 1}
     * @param heads {@code H >= 1}, dividing {@code C}
     * @param edgeRule the allowed pairs as a function of {@code T}, or {@code null} for all pairs
     */
    public MultiHeadSelfAttention(int channels, int heads, IntFunction<TemporalEdges> edgeRule) {
        if (channels < 1 || heads < 1 || channels % heads != 0) {
            throw new IllegalArgumentException(
                    "channels must be a positive multiple of heads, got channels=" + channels
                            + ", heads=" + heads);
        }
        this.channels = channels;
        this.heads = heads;
        this.edgeRule = edgeRule == null ? t -> TemporalEdges.full(t, true) : edgeRule;
        String[] names = {"q", "k", "v", "out"};
        for (int i = 0; i < 4; i++) {
            weights[i] = addParameter(Parameter.builder().setName(names[i] + "_weight")
                    .setType(Parameter.Type.WEIGHT).optShape(new Shape(channels, channels))
                    .build());
            biases[i] = addParameter(Parameter.builder().setName(names[i] + "_bias")
                    .setType(Parameter.Type.BIAS).optShape(new Shape(channels)).build());
        }
    }

    /** {@inheritDoc} */
    @Override
    protected void prepare(Shape[] inputShapes) {
        for (int i = 0; i < 4; i++) {
            weights[i].setInitializer(i < 3
                    ? new XavierInitializer(XavierInitializer.RandomType.UNIFORM,
                            XavierInitializer.FactorType.AVG, 3f)
                    : new XavierInitializer(XavierInitializer.RandomType.UNIFORM,
                            XavierInitializer.FactorType.IN, 1f));
            biases[i].setInitializer(new ConstantInitializer(0f));
        }
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape x = inputShapes[0];
        return new Shape[] {x, new Shape(x.get(0), heads, x.get(1), x.get(1))};
    }

    /**
     * {@inheritDoc}
     *
     * <p>Inputs: {@code x [B, T, C]} and optionally a key mask {@code [B, T]} (true/1 =
     * observed). Outputs: {@code out [B, T, C]}, {@code weights [B, H, T, T]}.
     */
    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.get(0); // [B, T, C], mask [B, T] -> [B, T, C], [B, H, T, T]
        Shape s = x.getShape();
        if (s.dimension() != 3 || s.get(2) != channels) {
            throw new IllegalArgumentException(
                    "expected x [B, T, C] with C = " + channels + ", got " + s);
        }
        long b = s.get(0);
        int t = (int) s.get(1);
        long dh = channels / heads;
        NDArray[] qkv = new NDArray[3];
        for (int i = 0; i < 3; i++) {
            qkv[i] = proj(ps, x, i, training).reshape(b, t, heads, dh).transpose(0, 2, 1, 3);
        }
        NDArray score = Scalars.div(qkv[0].matMul(qkv[1].transpose(0, 1, 3, 2)), Math.sqrt(dh));
        NDArray pairs = edgeRule.apply(t).toMaskArray(x.getManager(), x.getDataType());
        NDArray valid = pairs.reshape(1, 1, t, t);
        if (inputs.size() > 1) {
            NDArray mask = inputs.get(1);
            if (mask.getShape().size() != b * t) {
                throw new IllegalArgumentException(
                        "expected a key mask [B, T] = [" + b + ", " + t + "], got "
                                + mask.getShape());
            }
            NDArray keys = TemporalAdditiveAttention.observed(mask.reshape(b, t, 1), x);
            valid = keys.reshape(b, 1, 1, t).mul(valid);
        }
        NDArray alpha = TemporalAdditiveAttention.normalize(score, valid, Reweight.SOFTMAX);
        NDArray ctx = alpha.matMul(qkv[2]).transpose(0, 2, 1, 3).reshape(b, t, channels);
        return new NDList(proj(ps, ctx, 3, training), alpha);
    }

    private NDArray proj(ParameterStore ps, NDArray x, int i, boolean training) {
        return TemporalAdditiveAttention.linear(x, ps.getValue(weights[i], x.getDevice(), training),
                ps.getValue(biases[i], x.getDevice(), training));
    }
}
