package org.spinj.temporal.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.spinj.graph.tensor.Scalars;

/**
 * Multi-head scaled dot-product self-attention that returns its weights per head (torch's {@code
 * nn.MultiheadAttention} with {@code average_attn_weights=False}), as seed 003 visualises them.
 *
 * <pre>
 *   q, k, v = Linear_q(x), Linear_k(x), Linear_v(x)        [B, T, D] -> [B, H, T, D/H]
 *   weights = softmax over keys of q k^T / sqrt(D/H)        [B, H, T, T], each row sums to 1
 *   out     = Linear_o(concat_h(weights v))                 [B, T, D]
 * </pre>
 *
 * Input {@code x [B, T, D]}; output {@code NDList(out [B, T, D], weights [B, H, T, T])}; the
 * weights' axis 2 is the query step and axis 3 the key step.
 */
public final class MultiHeadSelfAttention extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int dim;
    private final int heads;
    private final Linear query;
    private final Linear key;
    private final Linear value;
    private final Linear output;

    /**
     * @param dim the model width {@code D}
     * @param heads the number of heads {@code H}, dividing {@code D}
     * @throws IllegalArgumentException if {@code H} does not divide {@code D}
     */
    public MultiHeadSelfAttention(int dim, int heads) {
        super(VERSION);
        if (dim < 1 || heads < 1 || dim % heads != 0) {
            throw new IllegalArgumentException(
                    "heads must divide dim, both >= 1; got dim=" + dim + ", heads=" + heads);
        }
        this.dim = dim;
        this.heads = heads;
        query = addChildBlock("query", Linear.builder().setUnits(dim).build());
        key = addChildBlock("key", Linear.builder().setUnits(dim).build());
        value = addChildBlock("value", Linear.builder().setUnits(dim).build());
        output = addChildBlock("output", Linear.builder().setUnits(dim).build());
    }

    /**
     * Scaled dot-product attention weights, the block's functional core.
     *
     * @param q {@code [B, H, T, dh]} queries
     * @param k {@code [B, H, T, dh]} keys
     * @return {@code [B, H, T, T]} weights, softmax over the last (key) axis
     */
    public static NDArray weights(NDArray q, NDArray k) {
        long dh = q.getShape().get(3);
        return Scalars.div(q.matMul(k.transpose(0, 1, 3, 2)), Math.sqrt(dh)).softmax(-1);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow(); // x: [B, T, D] -> out [B, T, D], weights [B, H, T, T]
        Shape s = x.getShape();
        if (s.dimension() != 3 || s.get(2) != dim) {
            throw new IllegalArgumentException("self-attention expects [B, T, " + dim + "], got " + s);
        }
        long b = s.get(0);
        long t = s.get(1);
        NDArray q = split(query.forward(ps, inputs, training).singletonOrThrow(), b, t);
        NDArray k = split(key.forward(ps, inputs, training).singletonOrThrow(), b, t);
        NDArray v = split(value.forward(ps, inputs, training).singletonOrThrow(), b, t);
        NDArray w = weights(q, k);
        NDArray merged = w.matMul(v).transpose(0, 2, 1, 3).reshape(b, t, dim); // [B, T, D]
        NDArray out = output.forward(ps, new NDList(merged), training).singletonOrThrow();
        return new NDList(out, w);
    }

    private NDArray split(NDArray x, long b, long t) {
        return x.reshape(b, t, heads, dim / heads).transpose(0, 2, 1, 3); // [B, H, T, dh]
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {s, new Shape(s.get(0), heads, s.get(1), s.get(1))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        for (Linear l : new Linear[] {query, key, value, output}) {
            l.initialize(manager, dataType, inputShapes[0]);
        }
    }
}
