package org.spinj.temporal;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.training.initializer.UniformInitializer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.IntFunction;
import org.spinj.graph.EdgeIndex;
import org.spinj.graph.listen.AttentionKind;
import org.spinj.graph.listen.AttentionRecord;
import org.spinj.graph.listen.ListenerRegistration;
import org.spinj.graph.listen.MessageListener;
import org.spinj.graph.listen.MessageListeners;
import org.spinj.graph.listen.MessageSource;
import org.spinj.graph.tensor.Scalars;

/**
 * SPIN's temporal additive attention, the message function of every SPIN layer (Marisca et al.
 * 2022, Eqs. 5-8; {@code spin/layers/additive_attention.py}, {@code TemporalAdditiveAttention}).
 * For a source sequence {@code S [B, Ts, M, C]} and a target sequence {@code Q [B, Tt, M, C]}
 * (the {@code M} axis is nodes, or spatial edges in SPIN's cross-attention, and is a broadcast
 * axis here), and every allowed pair {@code s -> t} of a {@link TemporalEdges}:
 *
 * <pre>
 *   a_src = lin_src(S)            a_tgt = lin_tgt(Q)                        [B, T, M, D]
 *   r[s->t] = msg_nn(a_src[s] + a_tgt[t])       msg_nn = PReLU(.2) -> Linear -> PReLU(.25) -> Linear
 *   g[s->t] = msg_gate(r[s->t])                 Linear(D->1, no bias) | sigmoid(Linear(D->1))
 *   g = -inf (softmax) or 0 (l1, none) where the source step is masked
 *   alpha   = softmax over s of g[.->t] (sum + 5e-8) | g / (sum_s g + 1e-5) | g
 *   out[t]  = sum_s alpha[s->t] r[s->t]                                     [B, Tt, M, D]
 * </pre>
 *
 * A target with no valid source receives exactly 0, as torch_scatter's max-then-softmax does.
 *
 * <p>Parameters and initialisation follow {@code spin.md} §1.6 exactly and are re-applied in
 * {@link #prepare} (so a trainer's default initializer cannot replace them): {@code lin_src}
 * {@code [D, Cs]} glorot with zero bias, {@code lin_tgt} {@code [D, Ct]} glorot without bias, the
 * two PReLU slopes single scalars 0.2 and 0.25, the two {@code msg_nn} Linear layers and the gate
 * torch's default {@code U(-1/sqrt(D), 1/sqrt(D))} for weights and biases.
 *
 * <p><b>Formulations.</b> {@link Formulation#FACTORED} (default) computes densely over the {@code
 * [Tt, Ts]} pairs with an additive mask and uses these exact identities:
 *
 * <ol>
 *   <li>Projections commute with gathering: {@code lin(S)[idx] = lin(S[idx])}, so the caller may
 *       project once per node with {@link #projectSource}/{@link #projectTarget} and gather the
 *       {@code [B, T, N, D]} results to spatial edges before {@link #attendProjected}.
 *   <li>The last Linear of {@code msg_nn} commutes with the weighted sum: with {@code p} the
 *       output of the second PReLU, {@code sum_s alpha (W2 p + b2) = W2 (sum_s alpha p) + b2 sum_s
 *       alpha}, so {@code W2} runs on {@code [B, Tt, M, D]} after the sum, not on every pair
 *       ({@code sum_s alpha} is kept: it is 0 for empty rows and not 1 under l1/none).
 *   <li>The gate is linear in {@code r}: {@code w_g (W2 p + b2) + b_g = (w_g W2) p + (w_g b2 +
 *       b_g)}, so {@code r} is never materialised per pair.
 *   <li>Layout {@code [B, Tt, M, Ts, D]}: the source axis is next to the channels, so the
 *       weighted sum is one broadcast batched matmul {@code alpha[.., 1, Ts] x p[.., Ts, D]}
 *       instead of a {@code [B, Tt, Ts, M, D]} product followed by a reduction; the pair tensor
 *       itself comes from one broadcast add, never a gather copy.
 *   <li>The PReLU split (details in the Javadoc of the private {@code factored}): a PReLU with
 *       one scalar slope is {@code prelu(x) = a x + (1 - a) relu(x)}, so the linear part of both
 *       PReLUs is computed per step ({@code [B, T, M, D]}) instead of per pair, and only two
 *       pair tensors, {@code relu(z)} and {@code relu(h1)}, outlive the forward pass.
 *   <li>Chunking over {@code M} (exact: every {@code M} entry is independent): above {@link
 *       Builder#optChunkThreshold} pair-tensor elements, the path runs on chunks of at most
 *       {@link Builder#optChunkElements} elements. The default rule sizes chunks in bytes:
 *       every pair tensor of a chunk, and every gradient of one, is at most {@link
 *       #DEFAULT_CHUNK_BYTES} (16 MiB), half of glibc's largest mmap threshold (32 MiB). A
 *       larger block is mapped from the kernel on every allocation and page-faulted in again
 *       on every step; measured with {@code spinj bench temporal} at {@code B = 8, T = 24, D =
 *       64} on the AQI-36 graph, the unchunked pass took 13x the time of 16 MiB chunks under
 *       glibc's allocator, and 4 MiB chunks 1.3x (docs/performance.md). Chunks also bound the
 *       transient memory of inference.
 *   <li>Bands (exact: pairs outside a band are never allowed): when every allowed pair has
 *       {@code |s - t| <= r} ({@link TemporalEdges#reach()}, e.g. {@link
 *       TemporalEdges#maxDistance}) and {@code 2 r + 1 < T}, the source axis of the pair tensor
 *       is the offset {@code s - t} in {@code [-r, r]} instead of {@code s}: {@code [B, Tt, M, 2r
 *       + 1, D]}, built from {@code 2 r + 1} shifted copies of the (zero-padded) sources, so the
 *       cost is {@code (2 r + 1) / T} of the full band. Used when no weights are requested
 *       (listeners get the full {@code [Tt, Ts]} layout from the full path).
 * </ol>
 *
 * {@link Formulation#DENSE} is the same dense computation (same pair layout) without identities
 * 2-6, and {@link Formulation#EDGE_LIST} the plain reference that loops over the temporal edge
 * list, both kept to prove the fast path exact and to measure it.
 *
 * <p>The block reports its weights to {@link MessageListener}s as an {@link AttentionRecord} of
 * kind {@link AttentionKind#TEMPORAL}: weights {@code [B, Tt, Ts, M]}, the temporal edge index,
 * messages {@code [B, Et, M, D]} and, when {@code M} is a spatial edge axis, the spatial index
 * given by the caller. Nothing is copied when nobody listens.
 */
public final class TemporalAdditiveAttention extends AbstractBlock implements MessageSource {

    /** The layer id reported to listeners unless {@link #setLayerId} changes it. */
    public static final String DEFAULT_LAYER_ID = "temporal_attention";

    /** The initial slope of the first PReLU of {@code msg_nn} (SPIN: {@code PReLU(init=0.2)}). */
    public static final float FIRST_PRELU_INIT = 0.2f;

    /** The initial slope of the second PReLU ({@code torch.nn.PReLU()} default). */
    public static final float SECOND_PRELU_INIT = 0.25f;

    /** Added to a softmax denominator, as tsl's {@code sparse_softmax}. */
    public static final double SOFTMAX_EPSILON = 5e-8;

    /** Added to an l1 denominator, as SPIN's {@code normalize_weights}. */
    public static final double L1_EPSILON = 1e-5;

    /** The additive penalty on masked scores before the softmax (finite, so no inf - inf). */
    static final double MASK_PENALTY = 1e9;

    /**
     * The largest pair tensor of one chunk of the {@code M} axis by default, in bytes: 16 MiB,
     * half of glibc's largest mmap threshold, so that no pair tensor or its gradient is mapped
     * from the kernel and page-faulted in again on every step (identity 6).
     */
    public static final long DEFAULT_CHUNK_BYTES = 16L << 20;

    /**
     * {@link #DEFAULT_CHUNK_BYTES} in float32 elements ({@code 2^22}): the default largest pair
     * tensor {@code B Tt Ts m D} of one chunk.
     */
    public static final long DEFAULT_CHUNK_ELEMENTS = DEFAULT_CHUNK_BYTES / Float.BYTES;

    /**
     * The default size of the whole pair tensor {@code B Tt Ts M D} up to which the factored path
     * runs unchunked: one chunk, {@link #DEFAULT_CHUNK_ELEMENTS}.
     */
    public static final long DEFAULT_CHUNK_THRESHOLD = DEFAULT_CHUNK_ELEMENTS;

    private static final byte VERSION = 1;

    /** How the gate scores are normalised over the source steps of a target step. */
    public enum Reweight {
        /** Softmax over the valid sources; the gate has no bias. */
        SOFTMAX,
        /** Sigmoid gate divided by its sum over the valid sources plus {@link #L1_EPSILON}. */
        L1,
        /** Sigmoid gate, not normalised. */
        NONE
    }

    /** How the attention is computed; all three are exactly the same function. */
    public enum Formulation {
        /** Dense over {@code [Tt, Ts]} with the identities of the class Javadoc (default). */
        FACTORED,
        /** Dense over {@code [Tt, Ts]}, full {@code msg_nn} and gate on every pair. */
        DENSE,
        /** The reference: a loop over the temporal edge list, one pair at a time. */
        EDGE_LIST
    }

    private final int channels;
    private final int messageSize;
    private final long chunkElements;
    private final long chunkThreshold;
    private final Reweight reweight;
    private final IntFunction<TemporalEdges> edgeRule;
    private final MessageListeners listeners = new MessageListeners();
    private Formulation formulation;
    private String layerId;

    private final Parameter srcWeight;
    private final Parameter srcBias;
    private final Parameter tgtWeight;
    private final Parameter prelu1;
    private final Parameter msgWeight1;
    private final Parameter msgBias1;
    private final Parameter prelu2;
    private final Parameter msgWeight2;
    private final Parameter msgBias2;
    private final Parameter gateWeight;
    private final Parameter gateBias; // null under SOFTMAX

    private TemporalAdditiveAttention(Builder b) {
        super(VERSION);
        this.channels = b.channels;
        this.messageSize = b.messageSize > 0 ? b.messageSize : b.channels;
        this.chunkElements = b.chunkElements;
        this.chunkThreshold = b.chunkThreshold;
        this.reweight = b.reweight;
        this.edgeRule = b.edgeRule;
        this.formulation = b.formulation;
        this.layerId = b.layerId;
        srcWeight = addParameter(param("lin_src_weight", Parameter.Type.WEIGHT));
        srcBias = addParameter(param("lin_src_bias", Parameter.Type.BIAS));
        tgtWeight = addParameter(param("lin_tgt_weight", Parameter.Type.WEIGHT));
        prelu1 = addParameter(param("msg_prelu1", Parameter.Type.OTHER));
        msgWeight1 = addParameter(param("msg_lin1_weight", Parameter.Type.WEIGHT));
        msgBias1 = addParameter(param("msg_lin1_bias", Parameter.Type.BIAS));
        prelu2 = addParameter(param("msg_prelu2", Parameter.Type.OTHER));
        msgWeight2 = addParameter(param("msg_lin2_weight", Parameter.Type.WEIGHT));
        msgBias2 = addParameter(param("msg_lin2_bias", Parameter.Type.BIAS));
        gateWeight = addParameter(param("msg_gate_weight", Parameter.Type.WEIGHT));
        gateBias =
                reweight == Reweight.SOFTMAX
                        ? null
                        : addParameter(param("msg_gate_bias", Parameter.Type.BIAS));
    }

    private static Parameter param(String name, Parameter.Type type) {
        return Parameter.builder().setName(name).setType(type).build();
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the output channels {@code D} */
    public int getChannels() {
        return channels;
    }

    /** @return the normalisation of the gate scores */
    public Reweight getReweight() {
        return reweight;
    }

    /** @return the formulation used by the forward pass */
    public Formulation getFormulation() {
        return formulation;
    }

    /**
     * Chooses the formulation of later forward passes (all give the same result).
     *
     * @param formulation the formulation
     */
    public void setFormulation(Formulation formulation) {
        this.formulation = Objects.requireNonNull(formulation, "formulation");
    }

    /** @return the layer id reported to listeners */
    public String getLayerId() {
        return layerId;
    }

    /**
     * Sets the layer id reported to listeners (a model names its layers, e.g. {@code
     * "layer2.cross"}).
     *
     * @param layerId a non-blank id
     */
    public void setLayerId(String layerId) {
        Objects.requireNonNull(layerId, "layerId");
        if (layerId.isBlank()) {
            throw new IllegalArgumentException("layerId must not be blank");
        }
        this.layerId = layerId;
    }

    /** {@inheritDoc} */
    @Override
    public ListenerRegistration addMessageListener(MessageListener listener) {
        return listeners.add(listener);
    }

    /** {@inheritDoc} */
    @Override
    protected void beforeInitialize(Shape... inputShapes) {
        super.beforeInitialize(inputShapes);
        if (inputShapes.length < 2 || inputShapes[0].dimension() != 4
                || inputShapes[1].dimension() != 4) {
            throw new IllegalArgumentException(
                    "expected source [B, Ts, M, Cs] and target [B, Tt, M, Ct] shapes, got "
                            + java.util.Arrays.toString(inputShapes));
        }
    }

    /** {@inheritDoc} Sets the parameter shapes and SPIN's initialisation (spin.md §1.6). */
    @Override
    protected void prepare(Shape[] inputShapes) {
        long cs = inputShapes[0].get(3);
        long ct = inputShapes[1].get(3);
        float bound = (float) (1 / Math.sqrt(channels));
        // glorot (PyG inits.glorot): U(+-sqrt(6 / (fan_in + fan_out))) = Xavier AVG, magnitude 3
        XavierInitializer glorot =
                new XavierInitializer(
                        XavierInitializer.RandomType.UNIFORM,
                        XavierInitializer.FactorType.AVG,
                        3f);
        // torch.nn.Linear default (kaiming_uniform, a = sqrt 5): U(+-1/sqrt(fan_in))
        XavierInitializer torchLinear =
                new XavierInitializer(
                        XavierInitializer.RandomType.UNIFORM,
                        XavierInitializer.FactorType.IN,
                        1f);
        set(srcWeight, new Shape(channels, cs), glorot);
        set(srcBias, new Shape(channels), new ConstantInitializer(0f));
        set(tgtWeight, new Shape(channels, ct), glorot);
        set(prelu1, new Shape(1), new ConstantInitializer(FIRST_PRELU_INIT));
        set(msgWeight1, new Shape(messageSize, channels), torchLinear);
        set(msgBias1, new Shape(messageSize), new UniformInitializer(bound));
        set(prelu2, new Shape(1), new ConstantInitializer(SECOND_PRELU_INIT));
        set(msgWeight2, new Shape(channels, messageSize), torchLinear);
        set(msgBias2, new Shape(channels), new UniformInitializer((float) (1 / Math.sqrt(messageSize))));
        set(gateWeight, new Shape(1, channels), torchLinear);
        if (gateBias != null) {
            set(gateBias, new Shape(1), new UniformInitializer(bound));
        }
    }

    private static void set(Parameter p, Shape shape, ai.djl.training.initializer.Initializer i) {
        p.setShape(shape);
        p.setInitializer(i);
    }

    /** {@inheritDoc} Output {@code [B, Tt, M, D]} for inputs {@code [S, Q(, mask)]}. */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape q = inputShapes[1];
        return new Shape[] {new Shape(q.get(0), q.get(1), q.get(2), channels)};
    }

    /**
     * {@inheritDoc}
     *
     * <p>Inputs: source {@code [B, Ts, M, Cs]}, target {@code [B, Tt, M, Ct]} and optionally a
     * source mask {@code [B, Ts, M, 1]} (true/1 = observed). The pairs come from the builder's
     * edge rule applied to {@code Tt}. Output: {@code [B, Tt, M, D]}.
     */
    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray source = inputs.get(0); // [B, Ts, M, Cs], [B, Tt, M, Ct] -> [B, Tt, M, D]
        NDArray target = inputs.get(1);
        NDArray mask = inputs.size() > 2 ? inputs.get(2) : null;
        TemporalEdges edges = edgeRule.apply((int) target.getShape().get(1));
        return new NDList(forward(ps, source, target, mask, edges, training));
    }

    /**
     * Runs the attention on explicit pairs.
     *
     * @param ps the parameter store
     * @param source {@code [B, Ts, M, Cs]}
     * @param target {@code [B, Tt, M, Ct]}
     * @param srcMask {@code [B, Ts, M, 1]} or {@code [B, Ts, M]}, bool or 0/1, or {@code null}
     * @param edges the allowed pairs over {@code T = Ts = Tt} steps
     * @param training whether gradients are recorded
     * @return {@code [B, Tt, M, D]}
     */
    public NDArray forward(
            ParameterStore ps,
            NDArray source,
            NDArray target,
            NDArray srcMask,
            TemporalEdges edges,
            boolean training) {
        NDArray aSrc = projectSource(ps, source, training);
        NDArray aTgt = projectTarget(ps, target, training);
        return attendProjected(ps, aSrc, aTgt, srcMask, edges, null, training);
    }

    /**
     * Applies {@code lin_src}; commutes with any gather over the non-channel axes (identity 1).
     *
     * @param ps the parameter store
     * @param source {@code [..., Cs]}, e.g. {@code [B, T, N, Cs]}
     * @param training whether gradients are recorded
     * @return {@code [..., D]}
     */
    public NDArray projectSource(ParameterStore ps, NDArray source, boolean training) {
        checkInitialized();
        Device d = source.getDevice();
        return linear(source, ps.getValue(srcWeight, d, training), ps.getValue(srcBias, d, training));
    }

    /**
     * Applies {@code lin_tgt} (no bias); commutes with any gather over the non-channel axes.
     *
     * @param ps the parameter store
     * @param target {@code [..., Ct]}, e.g. {@code [B, T, N, Ct]}
     * @param training whether gradients are recorded
     * @return {@code [..., D]}
     */
    public NDArray projectTarget(ParameterStore ps, NDArray target, boolean training) {
        checkInitialized();
        return linear(target, ps.getValue(tgtWeight, target.getDevice(), training), null);
    }

    /**
     * Attends over already projected sequences, e.g. per-node projections gathered to spatial
     * edges ({@code M = E}) by SPIN's cross-attention, and reports the weights to listeners.
     *
     * @param ps the parameter store
     * @param aSrc projected source {@code [B, Ts, M, D]}
     * @param aTgt projected target {@code [B, Tt, M, D]}
     * @param srcMask {@code [B, Ts, M, 1]} or {@code [B, Ts, M]}, bool or 0/1 (true = observed),
     *     or {@code null} for all observed
     * @param edges the allowed pairs over {@code T = Ts = Tt} steps
     * @param spatialIndex the spatial edges of the {@code M} axis when it is an edge axis (only
     *     reported to listeners), or {@code null}
     * @param training whether gradients are recorded
     * @return {@code [B, Tt, M, D]}
     */
    public NDArray attendProjected(
            ParameterStore ps,
            NDArray aSrc,
            NDArray aTgt,
            NDArray srcMask,
            TemporalEdges edges,
            EdgeIndex spatialIndex,
            boolean training) {
        Objects.requireNonNull(edges, "edges");
        checkInitialized();
        checkShapes(aSrc, aTgt, srcMask, edges, spatialIndex);
        Device d = aSrc.getDevice();
        MessageWeights w = messageWeights(ps, d, training);
        boolean listening = !listeners.isEmpty();
        NDList res = attend(w, aSrc, aTgt, srcMask, edges, reweight, formulation,
                effectiveChunk(aSrc, aTgt, listening ? null : edges), listening, !training);
        if (listening) {
            NDArray alpha = res.get(1); // [B, Tt, Ts, M]
            Shape ws = alpha.getShape();
            Shape msgShape = new Shape(ws.get(0), edges.numPairs(), ws.get(3), channels);
            listeners.report(
                    () -> {
                        try (NDArray f = alpha.toType(DataType.FLOAT32, true)) {
                            return new AttentionRecord(
                                    layerId,
                                    AttentionKind.TEMPORAL,
                                    edges.toEdgeIndex(),
                                    spatialIndex,
                                    ws,
                                    msgShape,
                                    f.toFloatArray());
                        }
                    });
        }
        return res.get(0);
    }

    /**
     * Attends over every (source step, target step) pair of sequences of different lengths, as
     * SPIN-H's attention between the {@code T} steps of a node and its {@code K} hubs. Nothing
     * is reported to listeners (a record's temporal index is square).
     *
     * @param ps the parameter store
     * @param aSrc projected source {@code [B, Ts, M, D]}
     * @param aTgt projected target {@code [B, Tt, M, D]}
     * @param srcMask {@code [B, Ts, M, 1]} (true = observed) or {@code null}
     * @param training whether gradients are recorded
     * @return {@code [B, Tt, M, D]}
     */
    public NDArray attendAllPairs(
            ParameterStore ps, NDArray aSrc, NDArray aTgt, NDArray srcMask, boolean training) {
        checkInitialized();
        checkShapes(aSrc, aTgt, srcMask, null, null);
        Device d = aSrc.getDevice();
        MessageWeights w = messageWeights(ps, d, training);
        Formulation f = formulation == Formulation.EDGE_LIST ? Formulation.DENSE : formulation;
        return attend(w, aSrc, aTgt, srcMask, null, reweight, f, effectiveChunk(aSrc, aTgt, null),
                false, !training).get(0);
    }

    /**
     * The chunk size for one call: no chunking while the whole pair tensor {@code B Tt Ts M D}
     * is at most the chunk threshold, chunks of at most {@code chunkElements} above it (identity
     * 6 of the class Javadoc). The pair tensor spans the band's offsets when the pairs take the
     * banded path (identity 7; {@code edges == null}: every source, as when weights are
     * requested).
     */
    private long effectiveChunk(NDArray aSrc, NDArray aTgt, TemporalEdges edges) {
        Shape s = aSrc.getShape();
        Shape q = aTgt.getShape();
        int reach = bandReach(edges, s.get(1), q.get(1));
        long sources = reach >= 0 ? 2L * reach + 1 : s.get(1);
        double pairElements = (double) s.get(0) * q.get(1) * sources * s.get(2) * s.get(3);
        return pairElements <= chunkThreshold ? Long.MAX_VALUE : chunkElements;
    }

    private MessageWeights messageWeights(ParameterStore ps, Device d, boolean training) {
        return new MessageWeights(
                ps.getValue(prelu1, d, training),
                ps.getValue(msgWeight1, d, training),
                ps.getValue(msgBias1, d, training),
                ps.getValue(prelu2, d, training),
                ps.getValue(msgWeight2, d, training),
                ps.getValue(msgBias2, d, training),
                ps.getValue(gateWeight, d, training),
                gateBias == null ? null : ps.getValue(gateBias, d, training));
    }

    private void checkInitialized() {
        if (!isInitialized()) {
            throw new IllegalStateException(
                    "initialize the block first: initialize(manager, dataType, [B, Ts, M, Cs],"
                            + " [B, Tt, M, Ct])");
        }
    }

    private void checkShapes(
            NDArray aSrc, NDArray aTgt, NDArray mask, TemporalEdges edges, EdgeIndex spatial) {
        Shape s = aSrc.getShape();
        Shape q = aTgt.getShape();
        if (s.dimension() != 4 || q.dimension() != 4 || s.get(3) != channels
                || q.get(3) != channels || s.get(0) != q.get(0) || s.get(2) != q.get(2)) {
            throw new IllegalArgumentException(
                    "expected aSrc [B, Ts, M, D] and aTgt [B, Tt, M, D] with D = " + channels
                            + ", got " + s + " and " + q);
        }
        if (edges != null && (s.get(1) != edges.numSteps() || q.get(1) != edges.numSteps())) {
            throw new IllegalArgumentException(
                    "the pair set covers T = " + edges.numSteps() + " steps, got Ts = "
                            + s.get(1) + ", Tt = " + q.get(1));
        }
        if (mask != null) {
            Shape m = mask.getShape();
            boolean ok =
                    (m.dimension() == 4 && m.get(3) == 1 || m.dimension() == 3)
                            && m.get(0) == s.get(0) && m.get(1) == s.get(1)
                            && m.get(2) == s.get(2);
            if (!ok) {
                throw new IllegalArgumentException(
                        "expected a source mask [B, Ts, M, 1] = [" + s.get(0) + ", " + s.get(1)
                                + ", " + s.get(2) + ", 1], got " + m);
            }
        }
        if (spatial != null && spatial.numEdges() != s.get(2)) {
            throw new IllegalArgumentException(
                    "the spatial index has " + spatial.numEdges() + " edges, but M = " + s.get(2));
        }
    }

    /**
     * The parameters of {@code msg_nn} and {@code msg_gate}, as fetched for one forward pass.
     *
     * @param prelu1 first PReLU slope {@code [1]}
     * @param weight1 first Linear {@code [D, D]}
     * @param bias1 {@code [D]}
     * @param prelu2 second PReLU slope {@code [1]}
     * @param weight2 last Linear {@code [D, D]}
     * @param bias2 {@code [D]}
     * @param gateWeight {@code [1, D]}
     * @param gateBias {@code [1]}, or {@code null} for a softmax gate
     */
    public record MessageWeights(
            NDArray prelu1,
            NDArray weight1,
            NDArray bias1,
            NDArray prelu2,
            NDArray weight2,
            NDArray bias2,
            NDArray gateWeight,
            NDArray gateBias) {

        /** Checks that every required array is present. */
        public MessageWeights {
            Objects.requireNonNull(prelu1, "prelu1");
            Objects.requireNonNull(weight1, "weight1");
            Objects.requireNonNull(bias1, "bias1");
            Objects.requireNonNull(prelu2, "prelu2");
            Objects.requireNonNull(weight2, "weight2");
            Objects.requireNonNull(bias2, "bias2");
            Objects.requireNonNull(gateWeight, "gateWeight");
        }
    }

    /**
     * The functional core: attention over projected sequences with explicit weights.
     *
     * @param w the message and gate parameters
     * @param aSrc {@code [B, Ts, M, D]}
     * @param aTgt {@code [B, Tt, M, D]}
     * @param srcMask {@code [B, Ts, M, 1]} or {@code [B, Ts, M]}, or {@code null}
     * @param edges the allowed pairs
     * @param reweight the normalisation; {@link Reweight#SOFTMAX} requires {@code w.gateBias()
     *     == null}, the others a gate bias
     * @param formulation how to compute it
     * @param chunkElements the largest pair tensor {@code B Tt Ts m D} of one chunk of the
     *     {@code M} axis ({@link Formulation#FACTORED} only)
     * @param withWeights whether to return the weights too
     * @return {@code [out [B, Tt, M, D]]}, plus {@code alpha [B, Tt, Ts, M]} if asked
     */
    public static NDList attend(
            MessageWeights w,
            NDArray aSrc,
            NDArray aTgt,
            NDArray srcMask,
            TemporalEdges edges,
            Reweight reweight,
            Formulation formulation,
            long chunkElements,
            boolean withWeights) {
        return attend(w, aSrc, aTgt, srcMask, edges, reweight, formulation, chunkElements,
                withWeights, false);
    }

    /**
     * The functional core, with the option to free every chunk's intermediates as soon as the
     * chunk is done. That is only valid when no gradient is recorded (inference): a training pass
     * needs them for its backward pass. With it, inference memory is bounded by one chunk.
     *
     * @param w the message and gate parameters
     * @param aSrc {@code [B, Ts, M, D]}
     * @param aTgt {@code [B, Tt, M, D]}
     * @param srcMask {@code [B, Ts, M, 1]} or {@code [B, Ts, M]}, or {@code null}
     * @param edges the allowed pairs, or {@code null} for every pair
     * @param reweight the normalisation
     * @param formulation how to compute it
     * @param chunkElements the largest pair tensor of one chunk of the {@code M} axis
     * @param withWeights whether to return the weights too
     * @param inference whether no gradient is recorded, so chunk intermediates can be freed
     * @return {@code [out [B, Tt, M, D]]}, plus {@code alpha [B, Tt, Ts, M]} if asked
     */
    public static NDList attend(
            MessageWeights w,
            NDArray aSrc,
            NDArray aTgt,
            NDArray srcMask,
            TemporalEdges edges,
            Reweight reweight,
            Formulation formulation,
            long chunkElements,
            boolean withWeights,
            boolean inference) {
        if (chunkElements < 1) {
            throw new IllegalArgumentException("chunkElements must be >= 1, got " + chunkElements);
        }
        if ((reweight == Reweight.SOFTMAX) != (w.gateBias() == null)) {
            throw new IllegalArgumentException(
                    "a " + reweight + " gate " + (w.gateBias() == null ? "needs" : "has no")
                            + " bias");
        }
        NDArray valid = srcMask == null ? null : observed(srcMask, aSrc);
        if (formulation == Formulation.EDGE_LIST) {
            if (edges == null) {
                throw new IllegalArgumentException(
                        "the edge-list reference needs an explicit pair set");
            }
            return EdgeListAttention.attend(w, aSrc, aTgt, valid, edges, reweight, withWeights);
        }
        NDManager m = aSrc.getManager();
        long ts = aSrc.getShape().get(1);
        long tt = aTgt.getShape().get(1);
        int reach = formulation == Formulation.FACTORED && !withWeights
                ? bandReach(edges, ts, tt) : -1;
        NDArray validPairs;
        if (reach >= 0) {
            // identity 7: valid pairs [B|1, Tt, M|1, 2r+1] = band mask x shifted source mask
            NDArray band = edges.toBandMaskArray(m, reach, aSrc.getDataType());
            validPairs = band.reshape(1, tt, 1, 2L * reach + 1);
            if (valid != null) {
                validPairs = band(valid.expandDims(-1), reach).squeeze(-1).mul(validPairs);
            }
        } else {
            // valid pairs [B|1, Tt, M|1, Ts] = pair mask [1, Tt, 1, Ts] x source mask [B, 1, M, Ts]
            // no pair set: every (source, target) pair, also for Ts != Tt
            NDArray pairs =
                    edges == null
                            ? m.ones(new Shape(tt, ts), aSrc.getDataType())
                            : edges.toMaskArray(m, aSrc.getDataType());
            validPairs = pairs.reshape(1, pairs.getShape().get(0), 1, pairs.getShape().get(1));
            if (valid != null) {
                validPairs = valid.transpose(0, 2, 1).expandDims(1).mul(validPairs);
            }
        }
        if (formulation == Formulation.DENSE) {
            NDArray p = pairActivations(w, aSrc, aTgt);
            NDArray r = linear(p, w.weight2(), w.bias2()); // [B, Tt, M, Ts, D]
            NDArray score = linear(r, w.gateWeight(), w.gateBias()).squeeze(-1);
            NDArray alpha = normalize(score, validPairs, reweight);
            NDArray out = r.mul(alpha.expandDims(-1)).sum(new int[] {3});
            return withWeights ? new NDList(out, alpha.transpose(0, 1, 3, 2)) : new NDList(out);
        }
        // identity 3: gate(r) = p (w_g W2)^T + (w_g . b2 + b_g)
        NDArray gateW = onManager(w.gateWeight().matMul(w.weight2()), m); // [1, D]
        NDArray bias2Row = onManager(w.bias2().reshape(1, -1), m);
        NDArray gateB = linear(bias2Row, w.gateWeight(), w.gateBias()).reshape(1);
        Shape s = aSrc.getShape();
        long perNode = s.get(0) * (reach >= 0 ? 2L * reach + 1 : ts) * tt * s.get(3);
        long numNodes = s.get(2);
        long chunk = Math.max(1, Math.min(numNodes, chunkElements / perNode));
        NDList outs = new NDList();
        NDList alphas = new NDList();
        if (chunk >= numNodes) {
            NDArray[] oa = factored(w, aSrc, aTgt, validPairs, gateW, gateB, reweight, reach);
            outs.add(oa[0]);
            alphas.add(oa[1]);
        } else {
            // split, not one slice per chunk: the backward of k slices would fill k full-size
            // zero gradients (quadratic), torch's split backward concatenates once
            long sections = numNodes / chunk;
            NDList src = aSrc.split(sections, 2);
            NDList tgt = aTgt.split(sections, 2);
            NDList vp = validPairs.getShape().get(2) == 1 ? null : validPairs.split(sections, 2);
            for (int k = 0; k < src.size(); k++) {
                NDArray chunkValid = vp == null ? validPairs : vp.get(k);
                if (!inference) {
                    NDArray[] oa = factored(w, src.get(k), tgt.get(k), chunkValid, gateW, gateB,
                            reweight, reach);
                    outs.add(oa[0]);
                    alphas.add(oa[1]);
                    continue;
                }
                // results join their receiver's manager: lend the chunk's inputs to a manager
                // that frees every intermediate of the chunk, keep only its outputs
                try (NDManager cm = m.newSubManager()) {
                    src.get(k).tempAttach(cm);
                    tgt.get(k).tempAttach(cm);
                    if (vp != null) {
                        chunkValid.tempAttach(cm);
                    }
                    NDArray[] oa = factored(w, src.get(k), tgt.get(k), chunkValid, gateW, gateB,
                            reweight, reach);
                    oa[0].attach(m);
                    oa[1].attach(m);
                    outs.add(oa[0]);
                    alphas.add(oa[1]);
                }
            }
        }
        NDArray out = outs.size() == 1 ? outs.get(0) : NDArrays.concat(outs, 2);
        if (!withWeights) {
            return new NDList(out);
        }
        NDArray alpha = alphas.size() == 1 ? alphas.get(0) : NDArrays.concat(alphas, 2);
        return new NDList(out, alpha.transpose(0, 1, 3, 2)); // [B, Tt, Ts, M]
    }

    /** {@code p = PReLU2(W1 PReLU1(a_src[s] + a_tgt[t]) + b1)}, {@code [B, Tt, M, Ts, D]}. */
    private static NDArray pairActivations(MessageWeights w, NDArray aSrc, NDArray aTgt) {
        // [B, Ts, M, D] -> [B, 1, M, Ts, D] and [B, Tt, M, D] -> [B, Tt, M, 1, D]: a broadcast
        // add builds the pair tensor [B, Tt, M, Ts, D] without gathering
        NDArray src5 = aSrc.transpose(0, 2, 1, 3).expandDims(1);
        NDArray z = aTgt.expandDims(3).add(src5);
        return prelu(linear(prelu(z, w.prelu1()), w.weight1(), w.bias1()), w.prelu2());
    }

    /**
     * The factored path on one chunk of the M axis: {@code [out [B,Tt,m,D], alpha [B,Tt,m,Ts]]}.
     *
     * <p>Identity 5 of the class Javadoc (the PReLU split): a PReLU with one scalar slope is {@code prelu(x) = a x + (1 - a) relu(x)}.
     * With {@code z = a_tgt[t] + a_src[s]} the first Linear of {@code msg_nn} becomes
     *
     * <pre>
     *   h1 = W1 prelu(z) + b1 = relu(z) ((1 - a1) W1)^T + c_tgt[t] + c_src[s]
     *   c_tgt = a1 W1 a_tgt,   c_src = a1 W1 a_src + b1        (per step, not per pair)
     * </pre>
     *
     * and with {@code q = relu(h1)}, {@code p = prelu(h1) = a2 h1 + (1 - a2) q}, so the gate and
     * the weighted sum only need {@code r = relu(z)} and {@code q}:
     *
     * <pre>
     *   g.p        = a2 (g W1').r + a2 (g.c_tgt[t] + g.c_src[s]) + (1 - a2) g.q
     *   sum_s a p  = a2 [(sum_s a r) W1'^T + (sum_s a) c_tgt + sum_s a c_src[s]] + (1 - a2) sum_s a q
     * </pre>
     *
     * Only two pair tensors, {@code r} and {@code q}, outlive the forward pass (autograd keeps
     * them); {@code z} and {@code h1} are freed as soon as they are used, instead of living until
     * the batch's manager closes as every DJL result otherwise does.
     */
    private static NDArray[] factored(MessageWeights w, NDArray aSrc, NDArray aTgt,
            NDArray validPairs, NDArray gateW, NDArray gateB, Reweight reweight, int reach) {
        NDManager m = aSrc.getManager();
        NDArray a1 = w.prelu1();
        NDArray a2 = w.prelu2();
        // parameter-derived [D, D] and [1, D] arrays: computed with data-side receivers or moved
        // to the data's manager so that nothing accumulates on the parameters' manager
        NDArray oneMinusA1 = m.ones(a1.getShape(), a1.getDataType()).sub(a1);
        NDArray oneMinusA2 = m.ones(a2.getShape(), a2.getDataType()).sub(a2);
        NDArray w1Relu = onManager(w.weight1().mul(oneMinusA1), m); // (1 - a1) W1
        NDArray w1Lin = onManager(w.weight1().mul(a1), m); // a1 W1
        NDArray cSrc = linear(aSrc, w1Lin, w.bias1()); // [B, Ts, m, D]
        NDArray cTgt = linear(aTgt, w1Lin, null); // [B, Tt, m, D]
        // the sources of every target: all of them broadcast [B, 1, m, Ts, D], or the band of
        // offsets -r..r [B, Tt, m, 2r+1, D] (identity 7)
        NDArray src5 = reach >= 0 ? band(aSrc, reach) : aSrc.transpose(0, 2, 1, 3).expandDims(1);
        NDArray cSrc5 = reach >= 0 ? band(cSrc, reach) : cSrc.transpose(0, 2, 1, 3).expandDims(1);
        NDArray z = aTgt.expandDims(3).add(src5); // [B, Tt, m, Ts, D]
        NDArray r = Activation.relu(z);
        z.close();
        NDArray h1 = linear(r, w1Relu, null);
        h1.addi(cTgt.expandDims(3)).addi(cSrc5);
        NDArray q = Activation.relu(h1);
        h1.close();
        // gate: a2 (g W1').r + (1 - a2) g.q + a2 (g.c_tgt[t] + g.c_src[s]) + gate bias
        NDArray gR = onManager(gateW.matMul(w1Relu).mul(a2), m); // [1, D]
        NDArray gQ = onManager(gateW.mul(oneMinusA2), m);
        NDArray gLin = onManager(gateW.mul(a2), m);
        NDArray tgtTerm = linear(cTgt, gLin, gateB).expandDims(3); // [B, Tt, m, 1, 1]
        NDArray srcTerm = linear(cSrc5, gLin, null); // [B, 1|Tt, m, Ts|2r+1, 1]
        NDArray score = linear(r, gR, null).add(linear(q, gQ, null)).add(tgtTerm).add(srcTerm);
        NDArray alpha = normalize(score.squeeze(-1), validPairs, reweight); // [B, Tt, m, Ts]
        NDArray alpha5 = alpha.expandDims(3); // [B, Tt, m, 1, Ts]
        NDArray sumR = alpha5.matMul(r).squeeze(3); // [B, Tt, m, D]
        NDArray sumQ = alpha5.matMul(q).squeeze(3);
        NDArray mass = alpha.sum(new int[] {-1}, true); // [B, Tt, m, 1]
        // sum_s alpha c_src[s] as [B, m, Tt, Ts] x [B, m, Ts, D]: no broadcast copy over Tt
        NDArray sumC = reach >= 0
                ? alpha5.matMul(cSrc5).squeeze(3)
                : alpha.transpose(0, 2, 1, 3).matMul(cSrc.transpose(0, 2, 1, 3))
                        .transpose(0, 2, 1, 3);
        NDArray pooledH1 = linear(sumR, w1Relu, null).add(cTgt.mul(mass)).add(sumC);
        NDArray pooled = pooledH1.mul(a2).add(sumQ.mul(oneMinusA2)); // sum_s alpha p
        // identity 2: W2 after the sum, b2 scaled by sum_s alpha
        NDArray out = linear(pooled, w.weight2(), null).add(mass.mul(w.bias2()));
        return new NDArray[] {out, alpha};
    }

    /**
     * The half-width of the band that the pairs fit in when the banded path pays off (identity
     * 7), else {@code -1}: a pair set over equal lengths whose {@code 2 r + 1 < T}.
     */
    static int bandReach(TemporalEdges edges, long ts, long tt) {
        if (edges == null || ts != tt) {
            return -1;
        }
        int r = edges.reach();
        return 2L * r + 1 < ts ? r : -1;
    }

    /**
     * The band of a sequence: {@code out[b, t, m, o] = x[b, t + o - r, m]}, zero where {@code t +
     * o - r} is outside the window.
     *
     * @param x {@code [B, T, M, C]}
     * @param reach {@code r}
     * @return {@code [B, T, M, 2r + 1, C]} on {@code x}'s manager
     */
    static NDArray band(NDArray x, int reach) {
        Shape s = x.getShape();
        long t = s.get(1);
        NDArray pad = x.getManager().zeros(new Shape(s.get(0), reach, s.get(2), s.get(3)),
                x.getDataType());
        NDArray padded = NDArrays.concat(new NDList(pad, x, pad), 1); // [B, T + 2r, M, C]
        NDList shifted = new NDList(2 * reach + 1);
        for (int o = 0; o <= 2 * reach; o++) {
            shifted.add(padded.get(new NDIndex(":, {}:{}", o, o + t)));
        }
        return NDArrays.stack(shifted, 3);
    }

    /**
     * Normalises gate scores over the last (source) axis, giving masked entries exactly zero
     * weight and fully masked rows all zeros (never NaN).
     *
     * @param score raw gate scores {@code [..., Ts]} (before any sigmoid)
     * @param valid 1 where the source is allowed and observed, 0 elsewhere; broadcastable to
     *     {@code score}
     * @param reweight the normalisation
     * @return {@code alpha}, shaped like {@code score}
     */
    public static NDArray normalize(NDArray score, NDArray valid, Reweight reweight) {
        if (reweight == Reweight.SOFTMAX) {
            // the additive mask keeps masked scores out of the row maximum; multiplying by
            // valid zeroes them exactly, also in fully masked rows (torch_scatter gives 0 there)
            NDArray masked = score.add(Scalars.mul(valid.sub(1), MASK_PENALTY));
            NDArray max = masked.max(new int[] {-1}, true).stopGradient();
            NDArray e = masked.sub(max).exp().mul(valid);
            return e.div(e.sum(new int[] {-1}, true).add(SOFTMAX_EPSILON));
        }
        NDArray g = Activation.sigmoid(score).mul(valid);
        if (reweight == Reweight.L1) {
            return g.div(g.sum(new int[] {-1}, true).add(L1_EPSILON));
        }
        return g;
    }

    /**
     * {@code x W^T + b} on the last axis; the result belongs to {@code x}'s manager.
     *
     * @param x {@code [..., in]}
     * @param weight {@code [out, in]}
     * @param bias {@code [out]} or {@code null}
     * @return {@code [..., out]}
     */
    static NDArray linear(NDArray x, NDArray weight, NDArray bias) {
        return x.getNDArrayInternal().linear(x, weight, bias).singletonOrThrow();
    }

    /**
     * PReLU with one learnable slope: {@code x + (a - 1) min(x, 0)}. DJL's PyTorch engine has no
     * {@code prelu}; this form costs three ops on {@code x}'s shape.
     *
     * @param x any shape
     * @param slope {@code [1]}
     * @return {@code prelu(x)}, on {@code x}'s manager
     */
    static NDArray prelu(NDArray x, NDArray slope) {
        NDArray slopeMinusOne = onManager(slope.sub(1), x.getManager());
        return x.add(Scalars.minimum(x, 0).mul(slopeMinusOne));
    }

    /** Moves an op result computed from parameters to the data's manager (no leak). */
    static NDArray onManager(NDArray result, NDManager manager) {
        result.attach(manager);
        return result;
    }

    /**
     * A mask as 0/1 values of {@code like}'s type, {@code [B, Ts, M]}, on {@code like}'s manager
     * (a mask kept on a long-lived manager must not collect per-step arrays).
     */
    static NDArray observed(NDArray mask, NDArray like) {
        Shape s = mask.getShape();
        NDArray m = onManager(mask.reshape(s.get(0), s.get(1), s.get(2)), like.getManager());
        NDArray bool = m.getDataType() == DataType.BOOLEAN ? m : m.neq(0);
        return bool.toType(like.getDataType(), false);
    }

    /** Builds {@link TemporalAdditiveAttention} blocks. */
    public static final class Builder {
        private int channels = -1;
        private int messageSize = -1;
        private long chunkElements = DEFAULT_CHUNK_ELEMENTS;
        private long chunkThreshold = DEFAULT_CHUNK_THRESHOLD;
        private Reweight reweight = Reweight.SOFTMAX;
        private IntFunction<TemporalEdges> edgeRule = t -> TemporalEdges.full(t, true);
        private Formulation formulation = Formulation.FACTORED;
        private String layerId = DEFAULT_LAYER_ID;

        private Builder() {}

        /**
         * Sets the output (and message) channels {@code D}; required.
         *
         * @param channels {@code D >= 1}
         * @return this builder
         */
        public Builder setChannels(int channels) {
            this.channels = channels;
            return this;
        }

        /**
         * Sets the hidden size of {@code msg_nn} ({@code D -> msg -> D}); default {@code D}.
         * SPIN-H uses 32 with {@code D = 128} for its hub attention.
         *
         * @param messageSize {@code >= 1}
         * @return this builder
         */
        public Builder optMessageSize(int messageSize) {
            if (messageSize < 1) {
                throw new IllegalArgumentException("messageSize must be >= 1, got " + messageSize);
            }
            this.messageSize = messageSize;
            return this;
        }

        /**
         * Sets the largest pair tensor {@code B Tt Ts m D} of one {@code M} chunk in the factored
         * path, used once the whole pair tensor is above {@link #optChunkThreshold}; default
         * {@link #DEFAULT_CHUNK_ELEMENTS}.
         *
         * @param chunkElements {@code >= 1}
         * @return this builder
         */
        public Builder optChunkElements(long chunkElements) {
            this.chunkElements = chunkElements;
            return this;
        }

        /**
         * Sets the size of the whole pair tensor {@code B Tt Ts M D} up to which the factored
         * path runs in one piece; above it, the {@code M} axis is chunked by {@link
         * #optChunkElements}. Default {@link #DEFAULT_CHUNK_THRESHOLD}; {@code 0} always chunks,
         * {@code Long.MAX_VALUE} never does.
         *
         * @param chunkThreshold {@code >= 0} pair-tensor elements
         * @return this builder
         */
        public Builder optChunkThreshold(long chunkThreshold) {
            this.chunkThreshold = chunkThreshold;
            return this;
        }

        /**
         * Sets the normalisation; default {@link Reweight#SOFTMAX} (SPIN's).
         *
         * @param reweight the normalisation
         * @return this builder
         */
        public Builder optReweight(Reweight reweight) {
            this.reweight = reweight;
            return this;
        }

        /**
         * Sets the pairs used by {@link #forwardInternal}, as a function of {@code T}; default
         * {@code T -> TemporalEdges.full(T, true)} (SPIN's cross-attention). SPIN's
         * self-attention uses {@code T -> TemporalEdges.full(T, false)}.
         *
         * @param edgeRule the rule
         * @return this builder
         */
        public Builder optEdges(IntFunction<TemporalEdges> edgeRule) {
            this.edgeRule = edgeRule;
            return this;
        }

        /**
         * Sets the formulation; default {@link Formulation#FACTORED}.
         *
         * @param formulation the formulation
         * @return this builder
         */
        public Builder optFormulation(Formulation formulation) {
            this.formulation = formulation;
            return this;
        }

        /**
         * Sets the layer id reported to listeners; default {@link #DEFAULT_LAYER_ID}.
         *
         * @param layerId a non-blank id
         * @return this builder
         */
        public Builder optLayerId(String layerId) {
            this.layerId = layerId;
            return this;
        }

        /**
         * Validates every field and builds the block.
         *
         * @return the block
         * @throws IllegalArgumentException naming each invalid field
         */
        public TemporalAdditiveAttention build() {
            List<String> errors = new ArrayList<>();
            if (channels < 1) {
                errors.add("channels must be >= 1, got " + channels);
            }
            if (chunkElements < 1) {
                errors.add("chunkElements must be >= 1, got " + chunkElements);
            }
            if (chunkThreshold < 0) {
                errors.add("chunkThreshold must be >= 0, got " + chunkThreshold);
            }
            if (reweight == null) {
                errors.add("reweight must not be null");
            }
            if (edgeRule == null) {
                errors.add("edges rule must not be null");
            }
            if (formulation == null) {
                errors.add("formulation must not be null");
            }
            if (layerId == null || layerId.isBlank()) {
                errors.add("layerId must not be blank, got " + layerId);
            }
            if (!errors.isEmpty()) {
                throw new IllegalArgumentException(String.join("; ", errors));
            }
            return new TemporalAdditiveAttention(this);
        }
    }
}
