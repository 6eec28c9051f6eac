package org.spinj.graph.message;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.spinj.graph.EdgeIndex;

/**
 * Additive (Bahdanau) attention over the edges of a graph. For an edge {@code j -> i} and head
 * {@code h}:
 *
 * <pre>
 *   score_jih = w_h · act(x_j W_s + x_i W_t + b)            W_s, W_t: [C, D], b: [D], w: [D, H]
 *   alpha_jih = softmax over the valid edges entering i      (source mask, 0 if none is valid)
 *   x'_i      = concat_h sum_j alpha_jih · a_ji · (x_j W_v)_h  (+ x_i W_r + b_r with root weight)
 * </pre>
 *
 * where {@code a_ji} is the edge weight when {@code optEdgeWeights(true)}, else 1. This is the
 * spatial attention of SPIN's message functions (Marisca et al. 2022, §4), with the projections
 * done on nodes before gathering ({@code N} rows instead of {@code E}).
 *
 * <p>Inputs: {@code x} {@code [B, T, N, C]} (or {@code [B, N, C]}), optionally a source mask
 * {@code [B, T, N]} or {@code [B, T, N, 1]} ({@code true} = observed; unobserved nodes send no
 * message). Output {@code [B, T, N, U]}. Reports {@code alpha} {@code [B, T, E, H]} to listeners.
 */
public final class SpatialAdditiveAttention extends MessagePassing {

    private static final byte VERSION = 1;

    /** One head unless set. */
    public static final int DEFAULT_HEADS = 1;

    /** A root (skip) projection of the target's own features is added unless disabled. */
    public static final boolean DEFAULT_ROOT_WEIGHT = true;

    private final int channels;
    private final int units;
    private final int hidden;
    private final int heads;
    private final boolean useEdgeWeights;
    private final UnaryOperator<NDArray> activation;

    private final Parameter srcWeight;
    private final Parameter tgtWeight;
    private final Parameter scoreBias;
    private final Parameter scoreWeight;
    private final Parameter valueWeight;
    private final Parameter rootWeight; // null without root weight
    private final Parameter rootBias;

    private SpatialAdditiveAttention(Builder b) {
        super(VERSION, b.edgeIndex, Aggregation.SUM, b.backend, b.layerId);
        channels = b.channels;
        units = b.units;
        hidden = b.hidden;
        heads = b.heads;
        useEdgeWeights = b.edgeWeights;
        activation = b.activation;
        srcWeight = addParameter(weight("srcWeight", new Shape(channels, hidden)));
        tgtWeight = addParameter(weight("tgtWeight", new Shape(channels, hidden)));
        scoreBias = addParameter(bias("scoreBias", new Shape(hidden)));
        scoreWeight = addParameter(weight("scoreWeight", new Shape(hidden, heads)));
        valueWeight = addParameter(weight("valueWeight", new Shape(channels, units)));
        if (b.rootWeight) {
            rootWeight = addParameter(weight("rootWeight", new Shape(channels, units)));
            rootBias = addParameter(bias("rootBias", new Shape(units)));
        } else {
            rootWeight = null;
            rootBias = null;
        }
    }

    private static Parameter weight(String name, Shape shape) {
        return Parameter.builder()
                .setName(name)
                .setType(Parameter.Type.WEIGHT)
                .optShape(shape)
                .optInitializer(new XavierInitializer())
                .build();
    }

    private static Parameter bias(String name, Shape shape) {
        return Parameter.builder()
                .setName(name)
                .setType(Parameter.Type.BIAS)
                .optShape(shape)
                .optInitializer(new ConstantInitializer(0f))
                .build();
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.get(0); // x: [B, T, N, C], mask: [B, T, N(, 1)] -> [B, T, N, U]
        checkNodeInput(x, "x", channels);
        boolean flat = x.getShape().dimension() == 3;
        NDArray x4 = flat ? x.expandDims(1) : x;
        NDArray hSrc = x4.matMul(value(ps, srcWeight, x));
        NDArray hTgt = x4.matMul(value(ps, tgtWeight, x));
        NDArray v = x4.matMul(value(ps, valueWeight, x));
        NDList src = new NDList(hSrc, v);
        if (inputs.size() > 1) {
            src.add(nodeMask(inputs.get(1), x4));
        }
        NDArray out = propagate(ps, src, new NDList(hTgt), new NDList(x4), training);
        return new NDList(flat ? out.squeeze(1) : out);
    }

    private NDArray value(ParameterStore ps, Parameter p, NDArray x) {
        return ps.getValue(p, x.getDevice(), false);
    }

    private static NDArray nodeMask(NDArray mask, NDArray x4) {
        Shape m = mask.getShape();
        Shape x = x4.getShape();
        Shape nodes = x.slice(0, 3);
        NDArray m4 = x4.getShape().dimension() == 4 && m.dimension() == 2 ? mask.expandDims(1)
                : mask;
        if (m4.getShape().dimension() == 3) {
            m4 = m4.expandDims(-1);
        }
        if (m4.getShape().dimension() != 4 || !m4.getShape().slice(0, 3).equals(nodes)
                || m4.getShape().get(3) != 1) {
            throw new IllegalArgumentException(
                    "mask must be [B, T, N] or [B, T, N, 1] matching x " + x + ", got " + m);
        }
        return m4.toType(x4.getDataType(), false);
    }

    /** {@inheritDoc} */
    @Override
    protected NDArray message(
            ParameterStore ps, NDList xSrc, NDList xTgt, GraphTensors graph, boolean training) {
        NDArray hSrc = xSrc.get(0); // [B, T, E, D]
        NDArray device = hSrc;
        NDArray score =
                scores(hSrc, xTgt.get(0), value(ps, scoreBias, device),
                        value(ps, scoreWeight, device), activation); // [B, T, E, H]
        NDArray alpha =
                EdgeSoftmax.softmax(
                        score, graph, aggregationBackend(graph), xSrc.size() > 2 ? xSrc.get(2)
                                : null);
        reportAttention(alpha, xSrc.get(1).getShape());
        return messages(xSrc.get(1), alpha, useEdgeWeights ? graph.edgeWeights() : null);
    }

    /** Sums the attention-weighted messages; the weights were already reported by message. */
    @Override
    protected NDArray aggregate(NDArray messages, GraphTensors graph) {
        return aggregationBackend(graph).sum(messages, graph);
    }

    /** {@inheritDoc} */
    @Override
    protected NDArray update(
            ParameterStore ps, NDArray aggregated, NDList inputs, boolean training) {
        if (rootWeight == null) {
            return aggregated;
        }
        NDArray x = inputs.get(0);
        return aggregated.add(root(x, value(ps, rootWeight, x), value(ps, rootBias, x)));
    }

    /**
     * Additive attention scores, {@code act(hSrc + hTgt + b) · w}.
     *
     * @param hSrc {@code [..., E, D]} projected source features {@code x_j W_s}
     * @param hTgt {@code [..., E, D]} projected target features {@code x_i W_t}
     * @param bias {@code [D]}
     * @param scoreWeight {@code [D, H]}
     * @param activation the non-linearity ({@code tanh} in Bahdanau et al.)
     * @return {@code [..., E, H]} scores
     */
    public static NDArray scores(
            NDArray hSrc,
            NDArray hTgt,
            NDArray bias,
            NDArray scoreWeight,
            UnaryOperator<NDArray> activation) {
        return activation.apply(hSrc.add(hTgt).add(bias)).matMul(scoreWeight);
    }

    /**
     * Weights each head's slice of the values by its attention, and by the edge weight if given.
     *
     * @param values {@code [..., E, U]} source values {@code x_j W_v}, {@code U} divisible by
     *     {@code H}
     * @param alpha {@code [..., E, H]}
     * @param edgeWeights {@code [E, 1]} or {@code null}
     * @return {@code [..., E, U]} messages
     */
    public static NDArray messages(NDArray values, NDArray alpha, NDArray edgeWeights) {
        Shape vs = values.getShape();
        int r = vs.dimension();
        long h = alpha.getShape().get(r - 1);
        NDArray a = edgeWeights == null ? alpha : alpha.mul(edgeWeights);
        if (h == 1) {
            return values.mul(a);
        }
        Shape perHead = vs.slice(0, r - 1).add(h, vs.get(r - 1) / h);
        return values.reshape(perHead).mul(a.expandDims(-1)).reshape(vs);
    }

    /**
     * The root (skip) term {@code x W_r + b_r}.
     *
     * @param x {@code [..., N, C]}
     * @param weight {@code [C, U]}
     * @param bias {@code [U]}
     * @return {@code [..., N, U]}
     */
    public static NDArray root(NDArray x, NDArray weight, NDArray bias) {
        return x.matMul(weight).add(bias);
    }

    /**
     * The whole layer as a function, for tests and callers without a block.
     *
     * @param x {@code [B, T, N, C]} node features
     * @param sourceMask {@code [B, T, N, 1]} (1 = observed) or {@code null}
     * @param graph the graph's tensors
     * @param backend the aggregation backend
     * @param p the parameters in order: srcWeight {@code [C, D]}, tgtWeight {@code [C, D]},
     *     scoreBias {@code [D]}, scoreWeight {@code [D, H]}, valueWeight {@code [C, U]}, and
     *     optionally rootWeight {@code [C, U]}, rootBias {@code [U]}
     * @param edgeWeights {@code [E, 1]} or {@code null}
     * @param activation the score non-linearity
     * @return {@code out [B, T, N, U]} and {@code alpha [B, T, E, H]}
     */
    public static NDList attention(
            NDArray x,
            NDArray sourceMask,
            GraphTensors graph,
            AggregationBackend backend,
            NDList p,
            NDArray edgeWeights,
            UnaryOperator<NDArray> activation) {
        NDArray hSrc = graph.gatherSources(x.matMul(p.get(0)));
        NDArray hTgt = graph.gatherTargets(x.matMul(p.get(1)));
        NDArray score = scores(hSrc, hTgt, p.get(2), p.get(3), activation);
        NDArray mask = sourceMask == null ? null : graph.gatherSources(sourceMask);
        NDArray alpha = EdgeSoftmax.softmax(score, graph, backend, mask);
        NDArray values = graph.gatherSources(x.matMul(p.get(4)));
        NDArray out = backend.sum(messages(values, alpha, edgeWeights), graph);
        if (p.size() > 5) {
            out = out.add(root(x, p.get(5), p.get(6)));
        }
        return new NDList(out, alpha);
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape x = inputShapes[0];
        return new Shape[] {x.slice(0, x.dimension() - 1).add(units)};
    }

    /** {@inheritDoc} */
    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... shapes) {
        // no children: every parameter is registered directly
    }

    /** @return the input channels {@code C} */
    public int channels() {
        return channels;
    }

    /** @return the output channels {@code U} */
    public int units() {
        return units;
    }

    /** @return the number of heads {@code H} */
    public int heads() {
        return heads;
    }

    /** Configures a {@link SpatialAdditiveAttention}. */
    public static final class Builder {
        private EdgeIndex edgeIndex;
        private int channels = -1;
        private int units = -1;
        private int hidden = -1;
        private int heads = DEFAULT_HEADS;
        private boolean rootWeight = DEFAULT_ROOT_WEIGHT;
        private boolean edgeWeights;
        private UnaryOperator<NDArray> activation = Activation::tanh;
        private Backend backend = Backend.AUTO;
        private String layerId = "spatial-attention";

        private Builder() {}

        /**
         * @param edgeIndex the graph (required)
         * @return this builder
         */
        public Builder setEdgeIndex(EdgeIndex edgeIndex) {
            this.edgeIndex = edgeIndex;
            return this;
        }

        /**
         * @param channels the input channels {@code C} (required)
         * @return this builder
         */
        public Builder setChannels(int channels) {
            this.channels = channels;
            return this;
        }

        /**
         * @param units the output channels {@code U}; default {@code C}
         * @return this builder
         */
        public Builder optUnits(int units) {
            this.units = units;
            return this;
        }

        /**
         * @param hidden the score's hidden size {@code D}; default {@code U}
         * @return this builder
         */
        public Builder optHiddenSize(int hidden) {
            this.hidden = hidden;
            return this;
        }

        /**
         * @param heads the number of heads {@code H}, dividing {@code U}; default {@value
         *     #DEFAULT_HEADS}
         * @return this builder
         */
        public Builder optHeads(int heads) {
            this.heads = heads;
            return this;
        }

        /**
         * @param rootWeight whether to add {@code x_i W_r + b_r}; default {@value
         *     #DEFAULT_ROOT_WEIGHT}
         * @return this builder
         */
        public Builder optRootWeight(boolean rootWeight) {
            this.rootWeight = rootWeight;
            return this;
        }

        /**
         * @param edgeWeights whether messages are scaled by the index's edge weights; default
         *     false
         * @return this builder
         */
        public Builder optEdgeWeights(boolean edgeWeights) {
            this.edgeWeights = edgeWeights;
            return this;
        }

        /**
         * @param activation the score non-linearity; default {@code tanh}
         * @return this builder
         */
        public Builder optActivation(UnaryOperator<NDArray> activation) {
            this.activation = Objects.requireNonNull(activation, "activation");
            return this;
        }

        /**
         * @param backend the segment-sum backend; default {@link Backend#AUTO}
         * @return this builder
         */
        public Builder optBackend(Backend backend) {
            this.backend = Objects.requireNonNull(backend, "backend");
            return this;
        }

        /**
         * @param layerId the identifier in reported records; default {@code
         *     "spatial-attention"}
         * @return this builder
         */
        public Builder optLayerId(String layerId) {
            this.layerId = Objects.requireNonNull(layerId, "layerId");
            return this;
        }

        /**
         * @return the layer
         * @throws IllegalArgumentException listing every invalid setting
         */
        public SpatialAdditiveAttention build() {
            if (units < 0) {
                units = channels;
            }
            if (hidden < 0) {
                hidden = units;
            }
            List<String> errors = new ArrayList<>();
            if (edgeIndex == null) {
                errors.add("edgeIndex is required (setEdgeIndex)");
            }
            if (channels < 1) {
                errors.add("channels must be >= 1, got " + channels);
            }
            if (units < 1) {
                errors.add("units must be >= 1, got " + units);
            }
            if (hidden < 1) {
                errors.add("hidden size must be >= 1, got " + hidden);
            }
            if (heads < 1 || (units >= 1 && units % heads != 0)) {
                errors.add("heads must be >= 1 and divide units = " + units + ", got " + heads);
            }
            if (!errors.isEmpty()) {
                throw new IllegalArgumentException(String.join("; ", errors));
            }
            return new SpatialAdditiveAttention(this);
        }
    }
}
