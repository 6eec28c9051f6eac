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
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.util.PairList;
import org.spinj.graph.EdgeIndex;
import org.spinj.graph.listen.AttentionKind;
import org.spinj.graph.listen.AttentionRecord;
import org.spinj.graph.listen.ListenerRegistration;
import org.spinj.graph.listen.MessageListener;
import org.spinj.graph.listen.MessageListeners;
import org.spinj.graph.listen.MessageSource;
import org.spinj.graph.message.AggregationBackend;
import org.spinj.graph.message.Backend;
import org.spinj.graph.message.EdgeSoftmax;
import org.spinj.graph.message.GraphTensors;
import org.spinj.spin.nn.LayerNorms;
import org.spinj.spin.nn.Mlp;
import org.spinj.temporal.TemporalAdditiveAttention;

/**
 * One SPIN-H layer, {@code HierarchicalTemporalGraphAttention} with the paper's configuration
 * ({@code update_z_cross = False}, spatial softmax; Marisca et al. 2022, Eqs. 14-21; spin.md
 * §1.9). Every node has {@code K} hub tokens {@code Z [B, K, N, z]}:
 *
 * <pre>
 *   Z~    = LN(ZhSelf(src = h [B,T,N,h], tgt = Z, src_mask = mask) + lin(Z))   hubs read valid steps
 *   hSelf = HzSelf(src = Z~, tgt = h) + lin(h)                                  steps read their hubs
 *   m_ji  = HzCross(src = Z~_j [B,K,E,z], tgt = hSelf_i [B,T,E,h]) + lin(hSelf_i) sigmoid gates
 *   a_ji  = softmax over the incoming edges of i of w . m_ji;   h' = tslLN(sum_j a_ji m_ji + lin(h))
 *   Z'    = tslLN(Z~ + lin(Z))
 * </pre>
 *
 * Cost is {@code O((N + E) K T)} instead of SPIN's {@code O((N + E) T^2)}. The reference also
 * registers {@code lin_alpha_z} (z parameters per layer), which is unused in this configuration;
 * spinj leaves it out. The spatial weights {@code a_ji} are reported to listeners as a {@link
 * AttentionKind#SPATIAL} record {@code [B, T, E, 1]}.
 */
public final class HierarchicalSpinLayer extends AbstractBlock
        implements MessageSource, StageSource {

    private static final byte VERSION = 1;

    private final int hidden;
    private final int hubSize;
    private final String layerId;
    private final TemporalAdditiveAttention zhSelf;
    private final TemporalAdditiveAttention hzSelf;
    private final TemporalAdditiveAttention hzCross;
    private final Linear zhSkip;
    private final Linear hzSkip;
    private final Linear crossSkip;
    private final Linear hSkip;
    private final Linear zSkip;
    private final Parameter alphaWeight;
    private final Parameter zhNormGamma;
    private final Parameter zhNormBeta;
    private final Parameter hNormGamma;
    private final Parameter hNormBeta;
    private final Parameter zNormGamma;
    private final Parameter zNormBeta;
    private final MessageListeners listeners = new MessageListeners();
    private final StageProbes probes = new StageProbes();
    private Backend backend = Backend.AUTO;

    /**
     * @param hidden {@code h}, the step tokens' size (32)
     * @param hubSize {@code z}, the hub tokens' size (128)
     * @param layerId the id reported to listeners
     */
    public HierarchicalSpinLayer(int hidden, int hubSize, String layerId) {
        super(VERSION);
        this.hidden = hidden;
        this.hubSize = hubSize;
        this.layerId = layerId;
        zhSelf = addChildBlock("zhself", attention(hubSize, hidden,
                TemporalAdditiveAttention.Reweight.SOFTMAX, layerId + ".zh_self"));
        hzSelf = addChildBlock("hzself", attention(hidden, hidden,
                TemporalAdditiveAttention.Reweight.SOFTMAX, layerId + ".hz_self"));
        hzCross = addChildBlock("hzcross", attention(hidden, hidden,
                TemporalAdditiveAttention.Reweight.NONE, layerId + ".hz_cross"));
        zhSkip = addChildBlock("zhskip", noBias(hubSize));
        hzSkip = addChildBlock("hzskip", noBias(hidden));
        crossSkip = addChildBlock("crossskip", noBias(hidden));
        hSkip = addChildBlock("hskip", Mlp.torchLinear(hidden));
        zSkip = addChildBlock("zskip", Mlp.torchLinear(hubSize));
        alphaWeight = addParameter(Parameter.builder().setName("alpha_weight")
                .setType(Parameter.Type.WEIGHT).optShape(new Shape(1, hidden))
                .optInitializer(new XavierInitializer(XavierInitializer.RandomType.UNIFORM,
                        XavierInitializer.FactorType.IN, 1f)).build());
        zhNormGamma = addParameter(vector("zhnorm_gamma", hubSize, 1f, Parameter.Type.GAMMA));
        zhNormBeta = addParameter(vector("zhnorm_beta", hubSize, 0f, Parameter.Type.BETA));
        hNormGamma = addParameter(vector("hnorm_gamma", hidden, 1f, Parameter.Type.GAMMA));
        hNormBeta = addParameter(vector("hnorm_beta", hidden, 0f, Parameter.Type.BETA));
        zNormGamma = addParameter(vector("znorm_gamma", hubSize, 1f, Parameter.Type.GAMMA));
        zNormBeta = addParameter(vector("znorm_beta", hubSize, 0f, Parameter.Type.BETA));
    }

    private static TemporalAdditiveAttention attention(
            int channels, int message, TemporalAdditiveAttention.Reweight reweight, String id) {
        return TemporalAdditiveAttention.builder().setChannels(channels).optMessageSize(message)
                .optReweight(reweight).optLayerId(id).build();
    }

    private static Linear noBias(int units) {
        Linear lin = Linear.builder().setUnits(units).optBias(false).build();
        lin.setInitializer(new XavierInitializer(XavierInitializer.RandomType.UNIFORM,
                XavierInitializer.FactorType.IN, 1f), Parameter.Type.WEIGHT);
        return lin;
    }

    static Parameter vector(String name, int d, float value, Parameter.Type type) {
        return Parameter.builder().setName(name).setType(type).optShape(new Shape(d))
                .optInitializer(new ConstantInitializer(value)).build();
    }

    /** @param backend how edge messages are summed into targets */
    public void setBackend(Backend backend) {
        this.backend = backend;
    }

    private NDArray lin(Linear l, ParameterStore ps, NDArray x, boolean training) {
        return l.forward(ps, new NDList(x), training).singletonOrThrow();
    }

    /**
     * Runs the layer.
     *
     * @param ps the parameter store
     * @param h step tokens {@code [B, T, N, h]}
     * @param z hub tokens {@code [B, K, N, z]}
     * @param mask 1 where observed, {@code [B, T, N, 1]}
     * @param graph the graph's tensors
     * @param edges the graph
     * @param training whether gradients are recorded
     * @return {@code [h' [B, T, N, h], z' [B, K, N, z]]}
     */
    public NDList forward(ParameterStore ps, NDArray h, NDArray z, NDArray mask,
            GraphTensors graph, EdgeIndex edges, boolean training) {
        var dev = h.getDevice();
        NDList temporal = probes.run("temporal", new NDList(h, z),
                in -> temporal(ps, in.get(0), in.get(1), mask, training));
        NDArray zTilde = temporal.get(0);
        NDArray hSelf = temporal.get(1);
        NDArray spatial = probes.run("spatial", new NDList(zTilde, hSelf),
                in -> new NDList(spatial(ps, in.get(0), in.get(1), graph, edges, training)))
                .singletonOrThrow();
        NDArray hOut = spatial.add(lin(hSkip, ps, h, training));
        NDArray zOut = zTilde.add(lin(zSkip, ps, z, training));
        return new NDList(
                LayerNorms.TSL.apply(hOut, ps.getValue(hNormGamma, dev, training),
                        ps.getValue(hNormBeta, dev, training)),
                LayerNorms.TSL.apply(zOut, ps.getValue(zNormGamma, dev, training),
                        ps.getValue(zNormBeta, dev, training)));
    }

    /** The temporal part: hubs read the valid steps, then steps read their hubs: [Z~, hSelf]. */
    private NDList temporal(ParameterStore ps, NDArray h, NDArray z, NDArray mask,
            boolean training) {
        var dev = h.getDevice();
        NDArray zTilde = zhSelf.attendAllPairs(ps, zhSelf.projectSource(ps, h, training),
                zhSelf.projectTarget(ps, z, training), mask, training);
        zTilde = LayerNorms.TORCH.apply(zTilde.add(lin(zhSkip, ps, z, training)),
                ps.getValue(zhNormGamma, dev, training), ps.getValue(zhNormBeta, dev, training));
        NDArray hSelf = hzSelf.attendAllPairs(ps, hzSelf.projectSource(ps, zTilde, training),
                hzSelf.projectTarget(ps, h, training), null, training)
                .add(lin(hzSkip, ps, h, training));
        return new NDList(zTilde, hSelf);
    }

    /** The spatial part: edge messages, their softmax over incoming edges, summed: [B, T, N, h]. */
    private NDArray spatial(ParameterStore ps, NDArray zTilde, NDArray hSelf, GraphTensors graph,
            EdgeIndex edges, boolean training) {
        var dev = hSelf.getDevice();
        // projections and the skip commute with the per-edge gather: run them per node
        NDArray aSrc = graph.gatherSources(hzCross.projectSource(ps, zTilde, training)); // [B,K,E,h]
        NDArray aTgt = graph.gatherTargets(hzCross.projectTarget(ps, hSelf, training)); // [B,T,E,h]
        NDArray messages = hzCross.attendAllPairs(ps, aSrc, aTgt, null, training)
                .add(graph.gatherTargets(lin(crossSkip, ps, hSelf, training)));
        AggregationBackend sum = backend.create(graph);
        NDArray scores = messages.matMul(ps.getValue(alphaWeight, dev, training).transpose());
        NDArray alpha = EdgeSoftmax.softmax(scores, graph, sum); // [B, T, E, 1]
        if (!listeners.isEmpty()) {
            Shape ws = alpha.getShape();
            Shape ms = messages.getShape();
            listeners.report(() -> new AttentionRecord(layerId + ".spatial", AttentionKind.SPATIAL,
                    edges, null, ws, ms, alpha.toType(DataType.FLOAT32, false).toFloatArray()));
        }
        return sum.sum(messages.mul(alpha), graph);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        throw new IllegalStateException(
                "HierarchicalSpinLayer needs its graph: call forward(ps, h, z, mask, graph, edges,"
                        + " training)");
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0], inputShapes[1]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... shapes) {
        Shape h = shapes[0]; // [B, T, N, h]
        Shape z = shapes[1]; // [B, K, N, z]
        zhSelf.initialize(manager, dataType, h, z);
        hzSelf.initialize(manager, dataType, z, h);
        hzCross.initialize(manager, dataType, z, h);
        zhSkip.initialize(manager, dataType, z);
        hzSkip.initialize(manager, dataType, h);
        crossSkip.initialize(manager, dataType, h);
        hSkip.initialize(manager, dataType, h);
        zSkip.initialize(manager, dataType, z);
    }

    @Override
    public ListenerRegistration addMessageListener(MessageListener listener) {
        return listeners.add(listener);
    }

    /**
     * Registers a probe that receives this layer's {@code temporal} stage (hubs read the valid
     * steps, steps read their hubs; inputs {@code h, z}, outputs {@code Z~, hSelf}) and its
     * {@code spatial} stage (edge messages, softmax over incoming edges, sum; inputs {@code Z~,
     * hSelf}) on every forward pass.
     *
     * @param probe the probe
     * @return the handle that removes it
     */
    @Override
    public ListenerRegistration addStageProbe(StageProbe probe) {
        return probes.add(probe);
    }

    /** @return {@code h} */
    public int hiddenSize() {
        return hidden;
    }

    /** @return {@code z} */
    public int hubSize() {
        return hubSize;
    }
}
