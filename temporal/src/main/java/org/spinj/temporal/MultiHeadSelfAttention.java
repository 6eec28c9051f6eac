package org.spinj.temporal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.util.PairList;
import java.util.function.IntFunction;
import org.spinj.graph.tensor.Scalars;
import org.spinj.temporal.TemporalAdditiveAttention.Reweight;

/**
 * Multi-head scaled dot-product self-attention over time (Vaswani et al. 2017) that returns its
 * per-head weights, which DJL's transformer blocks do not (torch's {@code nn.MultiheadAttention}
 * with {@code average_attn_weights=False}, as seed 003 visualises them):
 *
 * <pre>
 *   q, k, v = Linear_q(x), Linear_k(x), Linear_v(x)    [B, T, C] -> [B, H, T, C/H]
 *   alpha   = softmax_s(q_t . k_s / sqrt(C/H))          over the allowed, observed s
 *   out     = Linear_o(concat_h(alpha v))               [B, T, C]
 * </pre>
 *
 * The allowed pairs come from an optional {@link TemporalEdges} rule (causal, max-distance, ...;
 * default all pairs), rows = query step, columns = key step; masked keys get weight 0, and a
 * query with no allowed key gets 0. Without a rule or a key mask the weights are a plain softmax
 * over all keys. Initialisation, unless the enclosing model sets its own: glorot on each {@code
 * [C, C]} projection (torch's {@code MultiheadAttention} applies it to its fused {@code [3C, C]}
 * matrix), torch's default {@code U(-1/sqrt(C), 1/sqrt(C))} for the output projection, zero
 * biases. Forward returns {@code [out [B, T, C], weights [B, H, T, T]]}.
 */
public final class MultiHeadSelfAttention extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int channels;
    private final int heads;
    private final IntFunction<TemporalEdges> edgeRule;
    private final Linear query;
    private final Linear key;
    private final Linear value;
    private final Linear output;

    /**
     * Creates the block over all step pairs.
     *
     * @param channels {@code C >= 1}
     * @param heads {@code H >= 1}, dividing {@code C}
     */
    public MultiHeadSelfAttention(int channels, int heads) {
        this(channels, heads, null);
    }

    /**
     * Creates the block.
     *
     * @param channels {@code C >= 1}
     * @param heads {@code H >= 1}, dividing {@code C}
     * @param edgeRule the allowed pairs as a function of {@code T}, or {@code null} for all pairs
     */
    public MultiHeadSelfAttention(int channels, int heads, IntFunction<TemporalEdges> edgeRule) {
        super(VERSION);
        if (channels < 1 || heads < 1 || channels % heads != 0) {
            throw new IllegalArgumentException(
                    "channels must be a positive multiple of heads, got channels=" + channels
                            + ", heads=" + heads);
        }
        this.channels = channels;
        this.heads = heads;
        this.edgeRule = edgeRule;
        XavierInitializer glorot = new XavierInitializer(XavierInitializer.RandomType.UNIFORM,
                XavierInitializer.FactorType.AVG, 3f);
        query = addChildBlock("query", projection(glorot));
        key = addChildBlock("key", projection(glorot));
        value = addChildBlock("value", projection(glorot));
        output = addChildBlock("output", projection(new XavierInitializer(
                XavierInitializer.RandomType.UNIFORM, XavierInitializer.FactorType.IN, 1f)));
    }

    private Linear projection(XavierInitializer init) {
        Linear l = Linear.builder().setUnits(channels).build();
        l.setInitializer(init, Parameter.Type.WEIGHT);
        return l;
    }

    /** @return the number of heads {@code H} */
    public int getHeads() {
        return heads;
    }

    /**
     * Scaled dot-product attention weights over all keys, the block's functional core without
     * masks.
     *
     * @param q {@code [B, H, T, dh]} queries
     * @param k {@code [B, H, T, dh]} keys
     * @return {@code [B, H, T, T]} weights, softmax over the last (key) axis
     */
    public static NDArray weights(NDArray q, NDArray k) {
        return scores(q, k).softmax(-1);
    }

    private static NDArray scores(NDArray q, NDArray k) {
        long dh = q.getShape().get(3);
        return Scalars.div(q.matMul(k.transpose(0, 1, 3, 2)), Math.sqrt(dh));
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape x = inputShapes[0];
        return new Shape[] {x, new Shape(x.get(0), heads, x.get(1), x.get(1))};
    }

    /** {@inheritDoc} */
    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        for (Linear l : new Linear[] {query, key, value, output}) {
            l.initialize(manager, dataType, inputShapes[0]);
        }
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
        NDList in = new NDList(x);
        NDArray q = split(query.forward(ps, in, training).singletonOrThrow(), b, t);
        NDArray k = split(key.forward(ps, in, training).singletonOrThrow(), b, t);
        NDArray v = split(value.forward(ps, in, training).singletonOrThrow(), b, t);
        NDArray alpha;
        if (edgeRule == null && inputs.size() < 2) {
            alpha = weights(q, k);
        } else {
            NDArray valid = edgeRule == null
                    ? x.getManager().ones(new Shape(1, 1, t, t), x.getDataType())
                    : edgeRule.apply(t).toMaskArray(x.getManager(), x.getDataType())
                            .reshape(1, 1, t, t);
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
            alpha = TemporalAdditiveAttention.normalize(scores(q, k), valid, Reweight.SOFTMAX);
        }
        NDArray merged = alpha.matMul(v).transpose(0, 2, 1, 3).reshape(b, t, channels);
        NDArray out = output.forward(ps, new NDList(merged), training).singletonOrThrow();
        return new NDList(out, alpha);
    }

    private NDArray split(NDArray x, long b, long t) {
        return x.reshape(b, t, heads, channels / heads).transpose(0, 2, 1, 3); // [B, H, T, dh]
    }
}
