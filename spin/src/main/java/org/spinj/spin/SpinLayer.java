package org.spinj.spin;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import org.spinj.graph.EdgeIndex;
import org.spinj.graph.listen.ListenerRegistration;
import org.spinj.graph.listen.MessageListener;
import org.spinj.graph.listen.MessageSource;
import org.spinj.graph.message.AggregationBackend;
import org.spinj.graph.message.Backend;
import org.spinj.graph.message.GraphTensors;
import org.spinj.spin.nn.LayerNorms;
import org.spinj.spin.nn.Mlp;
import org.spinj.temporal.TemporalAdditiveAttention;
import org.spinj.temporal.TemporalEdges;

/**
 * One SPIN layer, {@code TemporalGraphAdditiveAttention} (Marisca et al. 2022, Eqs. 5-12; {@code
 * spin/layers/temporal_graph_additive_attention.py}):
 *
 * <pre>
 *   out  = sum over edges j -> i of CrossAttn(src = h_j, tgt = h_i, src_mask = mask_j if masked)  [B, T, N, d]
 *   out += SelfAttn(src = h, tgt = h, src_mask = mask, pairs s != t)
 *   out += lin_skip(h)
 *   h'   = tslLayerNorm(out)
 * </pre>
 *
 * <p>The cross-attention is computed per spatial edge on all {@code T x T} step pairs, as the
 * reference does, but its two projections run once per node before the per-edge gather
 * (projections commute with gathering), and the edge messages are summed into targets by the
 * graph module's fastest aggregation backend instead of a scatter-add.
 */
public final class SpinLayer extends AbstractBlock implements MessageSource, StageSource {

    private static final byte VERSION = 1;

    private final int hidden;
    private final boolean maskSpatial;
    private final TemporalAdditiveAttention cross;
    private final TemporalAdditiveAttention self;
    private final Linear linSkip;
    private final Parameter normGamma;
    private final Parameter normBeta;
    private final StageProbes probes = new StageProbes();
    private final int reach;
    private final int selfReach;
    private Backend backend = Backend.AUTO;
    private int inferenceEdgeChunk = DEFAULT_INFERENCE_EDGE_CHUNK;

    /**
     * Edges per chunk of the cross-attention at inference: the per-edge tensors of one chunk are
     * freed before the next, so inference memory does not grow with the graph.
     */
    public static final int DEFAULT_INFERENCE_EDGE_CHUNK = 4096;

    /**
     * @param hidden channels {@code d}
     * @param maskSpatial whether missing source points are excluded from the cross-attention
     *     (SPIN: layers below η)
     * @param layerId prefix of the ids reported to listeners, e.g. {@code layer0}
     */
    public SpinLayer(int hidden, boolean maskSpatial, String layerId) {
        this(hidden, maskSpatial, layerId, 0);
    }

    /**
     * @param hidden channels {@code d}
     * @param maskSpatial whether missing source points are excluded from the cross-attention
     *     (SPIN: layers below η)
     * @param layerId prefix of the ids reported to listeners, e.g. {@code layer0}
     * @param reach {@code 0}: every step attends to every step of its neighbours (the paper);
     *     {@code r >= 1}: only to its neighbours' steps at most {@code r} away, at {@code (2r + 1)
     *     / T} of the cross-attention's pair cost; the temporal self-attention always spans the
     *     window
     */
    public SpinLayer(int hidden, boolean maskSpatial, String layerId, int reach) {
        this(hidden, maskSpatial, layerId, reach, 0);
    }

    /**
     * @param hidden channels {@code d}
     * @param maskSpatial whether missing source points are excluded from the cross-attention
     *     (SPIN: layers below η)
     * @param layerId prefix of the ids reported to listeners, e.g. {@code layer0}
     * @param reach the cross-attention's reach ({@code 0}: every step of the neighbours)
     * @param selfReach {@code 0}: the self-attention sees every other step of the node (the
     *     paper); {@code r >= 1}: only the node's other steps at most {@code r} away
     */
    public SpinLayer(int hidden, boolean maskSpatial, String layerId, int reach, int selfReach) {
        super(VERSION);
        if (reach < 0 || selfReach < 0) {
            throw new IllegalArgumentException("the temporal reaches must be >= 0, got " + reach
                    + " (cross) and " + selfReach + " (self)");
        }
        this.hidden = hidden;
        this.maskSpatial = maskSpatial;
        this.reach = reach;
        this.selfReach = selfReach;
        this.cross =
                addChildBlock(
                        "cross",
                        TemporalAdditiveAttention.builder()
                                .setChannels(hidden)
                                .optLayerId(layerId + ".cross")
                                .build());
        this.self =
                addChildBlock(
                        "self",
                        TemporalAdditiveAttention.builder()
                                .setChannels(hidden)
                                .optLayerId(layerId + ".self")
                                .build());
        this.linSkip = addChildBlock("linskip", Mlp.torchLinear(hidden));
        this.normGamma =
                addParameter(
                        Parameter.builder()
                                .setName("norm_gamma")
                                .setType(Parameter.Type.GAMMA)
                                .optShape(new Shape(hidden))
                                .optInitializer(new ConstantInitializer(1f))
                                .build());
        this.normBeta =
                addParameter(
                        Parameter.builder()
                                .setName("norm_beta")
                                .setType(Parameter.Type.BETA)
                                .optShape(new Shape(hidden))
                                .optInitializer(new ConstantInitializer(0f))
                                .build());
    }

    /** @param backend how edge messages are summed into targets */
    public void setBackend(Backend backend) {
        this.backend = backend;
    }

    /**
     * @param edges edges per chunk of the cross-attention at inference ({@code >= 1}); training
     *     always runs on all edges at once, since the backward pass needs every chunk
     */
    public void setInferenceEdgeChunk(int edges) {
        if (edges < 1) {
            throw new IllegalArgumentException("inference edge chunk must be >= 1, got " + edges);
        }
        this.inferenceEdgeChunk = edges;
    }

    /** @return whether missing source points are excluded from the cross-attention */
    public boolean masksSpatialSources() {
        return maskSpatial;
    }

    /** @return the per-edge temporal cross-attention */
    public TemporalAdditiveAttention crossAttention() {
        return cross;
    }

    /** @return the temporal self-attention */
    public TemporalAdditiveAttention selfAttention() {
        return self;
    }

    /**
     * Runs the layer.
     *
     * @param ps the parameter store
     * @param h tokens {@code [B, T, N, d]}
     * @param mask 1 where observed, {@code [B, T, N, 1]} float
     * @param graph the spatial graph's tensors
     * @param edges the spatial graph (reported to listeners with the cross-attention weights)
     * @param training whether gradients are recorded
     * @return {@code [B, T, N, d]}
     */
    public NDArray forward(
            ParameterStore ps,
            NDArray h,
            NDArray mask,
            GraphTensors graph,
            EdgeIndex edges,
            boolean training) {
        int t = (int) h.getShape().get(1);
        NDArray out = probes.run("spatial", h,
                in -> spatialMessages(ps, in, mask, graph, edges, training));
        NDArray temporal = probes.run("temporal", h,
                in -> self.forward(ps, in, in, mask, selfPairs(t), training));
        out = out.add(temporal);
        out = out.add(linSkip.forward(ps, new NDList(h), training).singletonOrThrow());
        return LayerNorms.TSL.apply(
                out,
                ps.getValue(normGamma, h.getDevice(), training),
                ps.getValue(normBeta, h.getDevice(), training));
    }

    /**
     * The spatial part of the layer: the per-edge cross-attention messages summed into their
     * targets (at inference, in chunks of {@link #setInferenceEdgeChunk} edges).
     *
     * @param ps the parameter store
     * @param h tokens {@code [B, T, N, d]}
     * @param mask 1 where observed, {@code [B, T, N, 1]} float
     * @param graph the spatial graph's tensors
     * @param edges the spatial graph
     * @param training whether gradients are recorded
     * @return {@code [B, T, N, d]}
     */
    private NDArray spatialMessages(
            ParameterStore ps,
            NDArray h,
            NDArray mask,
            GraphTensors graph,
            EdgeIndex edges,
            boolean training) {
        int t = (int) h.getShape().get(1);
        NDArray srcNodes = cross.projectSource(ps, h, training); // [B, T, N, d]
        NDArray tgtNodes = cross.projectTarget(ps, h, training);
        if (training || edges.numEdges() <= inferenceEdgeChunk) {
            return crossMessages(ps, srcNodes, tgtNodes, mask, graph, edges, t, training);
        }
        NDArray out = null;
        for (int from = 0; from < edges.numEdges(); from += inferenceEdgeChunk) {
            EdgeIndex part = slice(edges, from,
                    Math.min(edges.numEdges(), from + inferenceEdgeChunk));
            GraphTensors pg = GraphTensors.of(part, h);
            try (NDManager chunk = h.getManager().newSubManager()) {
                // results join their receiver's manager: lend the inputs to the chunk's
                srcNodes.tempAttach(chunk);
                tgtNodes.tempAttach(chunk);
                mask.tempAttach(chunk);
                NDArray partial =
                        crossMessages(ps, srcNodes, tgtNodes, mask, pg, part, t, false);
                partial.attach(h.getManager());
                if (out == null) {
                    out = partial;
                } else {
                    out.addi(partial);
                    partial.close();
                }
            }
        }
        return out;
    }

    /**
     * The cross-attention messages of some edges summed into their targets. Projections commute
     * with gathering, so the per-node projections are gathered to edges here.
     */
    private NDArray crossMessages(
            ParameterStore ps, NDArray srcNodes, NDArray tgtNodes, NDArray mask,
            GraphTensors graph, EdgeIndex edges, int t, boolean training) {
        NDArray aSrc = graph.gatherSources(srcNodes); // [B, T, E, d]
        NDArray aTgt = graph.gatherTargets(tgtNodes);
        NDArray maskJ = maskSpatial ? graph.gatherSources(mask) : null; // [B, T, E, 1]
        NDArray messages =
                cross.attendProjected(
                        ps, aSrc, aTgt, maskJ, crossPairs(t), edges, training);
        return backend.create(graph).sum(messages, graph); // [B, T, N, d]
    }

    /**
     * The cross-attention's pairs: every step, or the steps within the reach, self included.
     *
     * @param t the window length {@code T}
     * @return the pairs over {@code T} steps
     */
    public TemporalEdges crossPairs(int t) {
        return reach == 0 ? TemporalEdges.full(t, true) : TemporalEdges.maxDistance(t, reach);
    }

    /**
     * The self-attention's pairs: every other step of the node, or the other steps within the
     * self reach. It costs {@code N T^2} pairs against the cross-attention's {@code E T^2}, and it
     * is the only path from a step to its node's values further away when the whole network is
     * missing, which is why a model limits it only below {@code η} ({@link SpinConfig#selfReach()}).
     *
     * @param t the window length {@code T}
     * @return the pairs over {@code T} steps, never a step to itself
     */
    public TemporalEdges selfPairs(int t) {
        if (selfReach == 0) {
            return TemporalEdges.full(t, false);
        }
        boolean[][] m = new boolean[t][t];
        for (int target = 0; target < t; target++) {
            for (int source = Math.max(0, target - selfReach);
                    source <= Math.min(t - 1, target + selfReach); source++) {
                m[target][source] = source != target;
            }
        }
        return TemporalEdges.fromMask(m);
    }

    /** @return the cross-attention's temporal reach ({@code 0}: every step) */
    public int temporalReach() {
        return reach;
    }

    /** @return the self-attention's reach ({@code 0}: every other step of the node) */
    public int selfReach() {
        return selfReach;
    }

    private static EdgeIndex slice(EdgeIndex edges, int from, int to) {
        int[] s = java.util.Arrays.copyOfRange(edges.sources(), from, to);
        int[] t = java.util.Arrays.copyOfRange(edges.targets(), from, to);
        return EdgeIndex.of(edges.numNodes(), s, t);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        throw new UnsupportedOperationException(
                "SpinLayer needs its graph: call forward(ps, h, mask, graph, edges, training)");
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... shapes) {
        Shape h = shapes[0];
        cross.initialize(manager, dataType, h, h);
        self.initialize(manager, dataType, h, h);
        linSkip.initialize(manager, dataType, h);
    }

    @Override
    public ListenerRegistration addMessageListener(MessageListener listener) {
        List<ListenerRegistration> regs = new ArrayList<>();
        regs.add(cross.addMessageListener(listener));
        regs.add(self.addMessageListener(listener));
        return () -> regs.forEach(ListenerRegistration::close);
    }

    /**
     * Registers a probe that receives this layer's {@code spatial} (cross-attention messages
     * summed into targets) and {@code temporal} (self-attention) stages on every forward pass.
     *
     * @param probe the probe
     * @return the handle that removes it
     */
    @Override
    public ListenerRegistration addStageProbe(StageProbe probe) {
        return probes.add(probe);
    }

    /** @return the hidden size {@code d} */
    public int hiddenSize() {
        return hidden;
    }
}
