package org.spinj.spin;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.UniformInitializer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.spinj.graph.EdgeIndex;
import org.spinj.graph.listen.ListenerRegistration;
import org.spinj.graph.listen.MessageListener;
import org.spinj.graph.message.GraphTensors;
import org.spinj.spin.nn.LayerNorms;
import org.spinj.spin.nn.Mlp;
import org.spinj.temporal.NodeEmbedding;
import org.spinj.temporal.PositionalEncoding;

/**
 * SPIN-H, the hierarchical SPIN (Marisca, Cini, Alippi, NeurIPS 2022, §4.3; {@code
 * spin/models/spin_hierarchical.py}), with the paper's configuration: step tokens of size {@code
 * h = 32}, {@code K = 4} hub tokens of size {@code z = 128} per node, {@code L = 5} layers of
 * {@link HierarchicalSpinLayer}, {@code η = 3}, spatial softmax across incoming edges.
 *
 * <pre>
 *   v = node embedding;  Z = LN(Z0 + Linear(v))                        hubs [1, K, N, z]
 *   q = MLP(LeakyReLU(Linear(u) + v)) + PE(t)
 *   h = LN(where(mask, MLP(x) + q + v1, q + m1))
 *   for l: if l == η: h += where(mask, v2, m2);  h += Linear(x)·mask;  (h, Z) = layer(h, Z);  ŷ_l = MLP(h)
 * </pre>
 *
 * The cost of a layer is {@code O((N + E) K T)}: it grows linearly with the window.
 */
public final class SpinHierarchicalModel extends AbstractBlock
        implements ImputationNetwork, StageSource {

    private static final byte VERSION = 1;

    /** Step token size {@code h}. */
    public static final int DEFAULT_HIDDEN = 32;
    /** Hub token size {@code z}. */
    public static final int DEFAULT_HUB_SIZE = 128;
    /** Hubs per node {@code K}. */
    public static final int DEFAULT_HUBS = 4;
    /** Layers {@code L}. */
    public static final int DEFAULT_LAYERS = 5;
    /** {@code η}. */
    public static final int DEFAULT_ETA = 3;

    private final int numNodes;
    private final int hidden;
    private final int hubSize;
    private final int hubs;
    private final int eta;
    private final Linear uLin;
    private final Mlp qMlp;
    private final Mlp hMlp;
    private final Linear linV;
    private final Parameter nodeEmb;
    private final Parameter hubs0;
    private final Parameter[] stateEmb; // v1, m1, v2, m2
    private final Parameter hNormGamma;
    private final Parameter hNormBeta;
    private final Parameter zNormGamma;
    private final Parameter zNormBeta;
    private final List<Linear> xSkips = new ArrayList<>();
    private final List<HierarchicalSpinLayer> layers = new ArrayList<>();
    private final List<Mlp> readouts = new ArrayList<>();
    private final StageProbes probes = new StageProbes();

    /**
     * @param numNodes {@code N}
     * @param hidden {@code h}
     * @param hubSize {@code z}
     * @param hubs {@code K}
     * @param numLayers {@code L}
     * @param eta {@code η}
     */
    public SpinHierarchicalModel(
            int numNodes, int hidden, int hubSize, int hubs, int numLayers, int eta) {
        super(VERSION);
        if (numNodes < 1 || hidden < 1 || hubSize < 1 || hubs < 1 || numLayers < 1 || eta < 0
                || eta > numLayers) {
            throw new IllegalArgumentException(
                    "invalid SPIN-H config: N=" + numNodes + ", h=" + hidden + ", z=" + hubSize
                            + ", K=" + hubs + ", L=" + numLayers + ", eta=" + eta
                            + "; expected sizes >= 1 and 0 <= eta <= L");
        }
        this.numNodes = numNodes;
        this.hidden = hidden;
        this.hubSize = hubSize;
        this.hubs = hubs;
        this.eta = eta;
        uLin = addChildBlock("ulin", Mlp.torchLinear(hidden));
        qMlp = addChildBlock("qmlp", new Mlp(hidden, 2, hidden));
        hMlp = addChildBlock("hmlp", new Mlp(hidden, 2, 0));
        Linear lv = Linear.builder().setUnits(hubSize).optBias(false).build();
        lv.setInitializer(new XavierInitializer(XavierInitializer.RandomType.UNIFORM,
                XavierInitializer.FactorType.IN, 1f), Parameter.Type.WEIGHT);
        linV = addChildBlock("linv", lv);
        nodeEmb = addParameter(NodeEmbedding.parameter("node_emb", numNodes, hidden));
        hubs0 = addParameter(table("hubs", new Shape(hubs, numNodes, hubSize), hubSize));
        String[] names = {"valid_emb1", "mask_emb1", "valid_emb2", "mask_emb2"};
        stateEmb = new Parameter[names.length];
        for (int k = 0; k < names.length; k++) {
            stateEmb[k] = addParameter(NodeEmbedding.parameter(names[k], numNodes, hidden));
        }
        hNormGamma = addParameter(HierarchicalSpinLayer.vector("hnorm_gamma", hidden, 1f,
                Parameter.Type.GAMMA));
        hNormBeta = addParameter(HierarchicalSpinLayer.vector("hnorm_beta", hidden, 0f,
                Parameter.Type.BETA));
        zNormGamma = addParameter(HierarchicalSpinLayer.vector("znorm_gamma", hubSize, 1f,
                Parameter.Type.GAMMA));
        zNormBeta = addParameter(HierarchicalSpinLayer.vector("znorm_beta", hubSize, 0f,
                Parameter.Type.BETA));
        for (int l = 0; l < numLayers; l++) {
            xSkips.add(addChildBlock("xskip" + l, Mlp.torchLinear(hidden)));
            layers.add(addChildBlock("layer" + l,
                    new HierarchicalSpinLayer(hidden, hubSize, "layer" + l)));
            readouts.add(addChildBlock("readout" + l, new Mlp(hubSize, 2, 1)));
        }
    }

    /**
     * SPIN-H with the paper's hyperparameters.
     *
     * @param numNodes {@code N}
     * @return the model
     */
    public static SpinHierarchicalModel paper(int numNodes) {
        return new SpinHierarchicalModel(numNodes, DEFAULT_HIDDEN, DEFAULT_HUB_SIZE, DEFAULT_HUBS,
                DEFAULT_LAYERS, DEFAULT_ETA);
    }

    private static Parameter table(String name, Shape shape, int d) {
        // PyG inits.uniform: U(-1/sqrt(d), 1/sqrt(d)), as NodeEmbedding's tables
        return Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT).optShape(shape)
                .optInitializer(new UniformInitializer((float) (1 / Math.sqrt(d)))).build();
    }

    @Override
    public NDList forward(ParameterStore ps, NDArray x, NDArray mask, NDArray u, EdgeIndex edges,
            boolean training) {
        Objects.requireNonNull(edges, "edges");
        Shape xs = x.getShape();
        if (xs.dimension() != 4 || xs.get(2) != numNodes || xs.get(3) != 1
                || !mask.getShape().equals(xs)) {
            throw new IllegalArgumentException("expected x and mask [B, T, N=" + numNodes
                    + ", 1], got " + xs + " and " + mask.getShape());
        }
        if (u.getShape().dimension() != 3 || u.getShape().get(2) != 4) {
            throw new IllegalArgumentException("expected u [B, T, 4], got " + u.getShape());
        }
        if (edges.numNodes() != numNodes) {
            throw new IllegalArgumentException(
                    "the graph has " + edges.numNodes() + " nodes, the model " + numNodes);
        }
        long b = xs.get(0);
        long t = xs.get(1);
        NDArray m = mask.getDataType() == x.getDataType() ? mask : mask.toType(x.getDataType(), false);
        NDArray xm = x.mul(m);
        GraphTensors g = GraphTensors.of(edges, x);
        NDArray maskD = m.broadcast(new Shape(b, t, numNodes, hidden));
        NDArray keep = maskD.neg().add(1f);
        NDList hz = probes.run("encoder", new NDList(),
                in -> encode(ps, x, xm, m, maskD, keep, u, training));
        NDArray h = hz.get(0);
        NDArray z = hz.get(1);
        NDList out = new NDList(layers.size());
        for (int l = 0; l < layers.size(); l++) {
            final int layer = l;
            h = probes.run("xskip" + l, h,
                    in -> layerInput(ps, layer, in, xm, m, maskD, keep, training));
            hz = probes.run("layer" + l, new NDList(h, z), in -> layers.get(layer)
                    .forward(ps, in.get(0), in.get(1), m, g, edges, training));
            h = hz.get(0);
            z = hz.get(1);
            out.add(probes.run("readout" + l, h,
                    in -> readouts.get(layer).forward(ps, in, training)));
        }
        return out;
    }

    /** The input encoder: step tokens {@code h [B, T, N, h]} and hub tokens {@code z [B, K, N, z]}. */
    private NDList encode(ParameterStore ps, NDArray x, NDArray xm, NDArray m, NDArray maskD,
            NDArray keep, NDArray u, boolean training) {
        var dev = x.getDevice();
        long b = x.getShape().get(0);
        long t = x.getShape().get(1);
        NDArray v = ps.getValue(nodeEmb, dev, training);
        // hubs: LN(Z0 + Linear(v)), broadcast over the batch [B, K, N, z]
        // a data-side copy of v as Linear's receiver (a parameter receiver would leak its result)
        NDArray vData = x.getManager().zeros(v.getShape(), v.getDataType()).add(v);
        NDArray vz = linV.forward(ps, new NDList(vData), training).singletonOrThrow(); // [N, z]
        NDArray z = vz.expandDims(0).add(ps.getValue(hubs0, dev, training));
        z = LayerNorms.TORCH.apply(z, ps.getValue(zNormGamma, dev, training),
                ps.getValue(zNormBeta, dev, training));
        z = z.expandDims(0).broadcast(new Shape(b, hubs, numNodes, hubSize));
        NDArray q = uLin.forward(ps, new NDList(u), training).singletonOrThrow().expandDims(2);
        q = Activation.leakyRelu(q.add(v), 0.01f);
        q = qMlp.forward(ps, q, training);
        q = q.add(PositionalEncoding.table(x.getManager(), (int) t, hidden, x.getDataType())
                .expandDims(1));
        NDArray h = hMlp.forward(ps, xm, training).add(q);
        h = h.add(ps.getValue(stateEmb[0], dev, training)).mul(maskD)
                .add(q.add(ps.getValue(stateEmb[1], dev, training)).mul(keep));
        h = LayerNorms.TORCH.apply(h, ps.getValue(hNormGamma, dev, training),
                ps.getValue(hNormBeta, dev, training));
        return new NDList(h, z);
    }

    /** Layer {@code l}'s input: at η the second state embeddings, then the skip from the input. */
    private NDArray layerInput(ParameterStore ps, int l, NDArray h, NDArray xm, NDArray m,
            NDArray maskD, NDArray keep, boolean training) {
        var dev = xm.getDevice();
        if (l == eta) {
            h = h.add(maskD.mul(ps.getValue(stateEmb[2], dev, training)))
                    .add(keep.mul(ps.getValue(stateEmb[3], dev, training)));
        }
        return h.add(xSkips.get(l).forward(ps, new NDList(xm), training).singletonOrThrow().mul(m));
    }

    /**
     * Registers a probe that receives the stages {@code encoder}, {@code xskip<l>}, {@code
     * layer<l>}, {@code readout<l>} and, from every layer, {@code layer<l>/temporal} and {@code
     * layer<l>/spatial}.
     *
     * @param probe the probe
     * @return the handle that removes it from the network and its layers
     */
    @Override
    public ListenerRegistration addStageProbe(StageProbe probe) {
        return probes.addWithLayers(probe, layers);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        throw new IllegalStateException(
                "SpinHierarchicalModel needs a graph: call forward(ps, x, mask, u, edges, training)");
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape x = inputShapes[0];
        Shape[] out = new Shape[layers.size()];
        java.util.Arrays.fill(out, new Shape(x.get(0), x.get(1), x.get(2), 1));
        return out;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... shapes) {
        Shape x = shapes[0];
        Shape hs = new Shape(x.get(0), x.get(1), x.get(2), hidden);
        Shape zs = new Shape(x.get(0), hubs, x.get(2), hubSize);
        uLin.initialize(manager, dataType, shapes[2]);
        qMlp.initialize(manager, dataType, hs);
        hMlp.initialize(manager, dataType, x);
        linV.initialize(manager, dataType, new Shape(numNodes, hidden));
        for (int l = 0; l < layers.size(); l++) {
            xSkips.get(l).initialize(manager, dataType, x);
            layers.get(l).initialize(manager, dataType, hs, zs);
            readouts.get(l).initialize(manager, dataType, hs);
        }
    }

    @Override
    public ListenerRegistration addMessageListener(MessageListener listener) {
        List<ListenerRegistration> regs = new ArrayList<>();
        for (HierarchicalSpinLayer layer : layers) {
            regs.add(layer.addMessageListener(listener));
        }
        return () -> regs.forEach(ListenerRegistration::close);
    }

    @Override
    public int numNodes() {
        return numNodes;
    }

    @Override
    public int inputSize() {
        return 1;
    }

    @Override
    public int exogenousSize() {
        return 4;
    }

    @Override
    public JsonObject hyperparameters() {
        JsonObject o = new JsonObject();
        o.addProperty("kind", Networks.SPIN_H);
        o.addProperty("num_nodes", numNodes);
        o.addProperty("hidden_size", hidden);
        o.addProperty("hub_size", hubSize);
        o.addProperty("hubs", hubs);
        o.addProperty("layers", layers.size());
        o.addProperty("eta", eta);
        return o;
    }

    @Override
    public Map<String, NDArray> logicalParameters() {
        Map<String, NDArray> out = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : getParameters()) {
            out.put(SpinModel.logicalName(p.getKey()), p.getValue().getArray());
        }
        return out;
    }
}
