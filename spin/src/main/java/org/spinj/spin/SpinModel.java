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
import ai.djl.training.initializer.ConstantInitializer;
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
import org.spinj.graph.message.Backend;
import org.spinj.graph.message.GraphTensors;
import org.spinj.spin.nn.LayerNorms;
import org.spinj.spin.nn.Mlp;
import org.spinj.temporal.NodeEmbedding;
import org.spinj.temporal.PositionalEncoding;

/**
 * SPIN, the Spatiotemporal Point Inference Network (Marisca, Cini, Alippi, NeurIPS 2022; {@code
 * spin/models/spin.py}), with the reference's structure, parameters and initialisation:
 *
 * <pre>
 *   q = MLP(LeakyReLU(Linear(u) + v_i)) + PE(t)                         positional code [B, T, N, d]
 *   h = LayerNorm(where(mask, MLP(x·mask) + q, q))
 *   for l in 0..L-1:
 *     if l == η:  h += where(mask, valid_emb_i, mask_emb_i)
 *     h += Linear_l(x·mask) · mask
 *     h  = SpinLayer_l(h, mask, spatial sources masked iff l &lt; η)
 *     ŷ_l = MLP_l(h)                                                     readout [B, T, N, 1]
 * </pre>
 *
 * <p>Inputs: {@code x [B, T, N, C]} scaled values, {@code mask [B, T, N, C]} (1 where available as
 * input), {@code u [B, T, U]} time features. Output: the {@code L} readouts, first layer first,
 * so {@code out.get(L - 1)} is the imputation. The graph is given at construction ({@link
 * Builder#setGraph}) or per call ({@link #forward(ParameterStore, NDArray, NDArray, NDArray,
 * EdgeIndex, boolean)}). With the defaults ({@code d = 32, L = 4, η = 3}) the model has {@code
 * 51,636 + 96·N} parameters, as the reference.
 *
 * <p>spinj differs on purpose in one respect: it computes in fp32 (the reference trains in fp16
 * AMP), which costs memory but no accuracy.
 */
public final class SpinModel extends AbstractBlock implements ImputationNetwork, StageSource {

    private static final byte VERSION = 1;

    private final SpinConfig config;
    private final int numNodes;
    private final EdgeIndex graph;
    private final Linear uLin;
    private final Mlp qMlp;
    private final Mlp hMlp;
    private final Parameter hNormGamma;
    private final Parameter hNormBeta;
    private final Parameter nodeEmb;
    private final Parameter validEmb;
    private final Parameter maskEmb;
    private final List<Linear> xSkips = new ArrayList<>();
    private final List<SpinLayer> layers = new ArrayList<>();
    private final List<Mlp> readouts = new ArrayList<>();
    private final StageProbes probes = new StageProbes();

    private SpinModel(Builder b) {
        super(VERSION);
        this.config = b.config;
        this.numNodes = b.numNodes;
        this.graph = b.graph;
        int d = config.hiddenSize();
        uLin = addChildBlock("ulin", Mlp.torchLinear(d));
        qMlp = addChildBlock("qmlp", new Mlp(d, 2, d));
        hMlp = addChildBlock("hmlp", new Mlp(d, 2, 0));
        hNormGamma = addParameter(vector("hnorm_gamma", d, 1f, Parameter.Type.GAMMA));
        hNormBeta = addParameter(vector("hnorm_beta", d, 0f, Parameter.Type.BETA));
        nodeEmb = addParameter(NodeEmbedding.parameter("node_emb", numNodes, d));
        validEmb = addParameter(NodeEmbedding.parameter("valid_emb", numNodes, d));
        maskEmb = addParameter(NodeEmbedding.parameter("mask_emb", numNodes, d));
        for (int l = 0; l < config.layers(); l++) {
            xSkips.add(addChildBlock("xskip" + l, Mlp.torchLinear(d)));
            SpinLayer layer = new SpinLayer(d, l < config.eta(), "layer" + l,
                    config.temporalReach(), l < config.eta() ? config.selfReach() : 0);
            layer.setBackend(b.backend);
            layers.add(addChildBlock("layer" + l, layer));
            readouts.add(addChildBlock("readout" + l, new Mlp(d, 2, config.outputSize())));
        }
    }

    private static Parameter vector(String name, int d, float value, Parameter.Type type) {
        return Parameter.builder()
                .setName(name)
                .setType(type)
                .optShape(new Shape(d))
                .optInitializer(new ConstantInitializer(value))
                .build();
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the hyperparameters */
    public SpinConfig config() {
        return config;
    }

    /** @return the number of nodes {@code N} the embeddings were built for */
    @Override
    public int numNodes() {
        return numNodes;
    }

    @Override
    public int inputSize() {
        return config.inputSize();
    }

    @Override
    public int exogenousSize() {
        return config.exogenousSize();
    }

    @Override
    public JsonObject hyperparameters() {
        JsonObject o = new JsonObject();
        o.addProperty("kind", Networks.SPIN);
        o.addProperty("num_nodes", numNodes);
        o.addProperty("input_size", config.inputSize());
        o.addProperty("hidden_size", config.hiddenSize());
        o.addProperty("layers", config.layers());
        o.addProperty("eta", config.eta());
        o.addProperty("exogenous_size", config.exogenousSize());
        o.addProperty("output_size", config.outputSize());
        o.addProperty("temporal_reach", config.temporalReach());
        o.addProperty("self_reach", config.selfReach());
        return o;
    }

    /** @return the default graph, or {@code null} if every call passes one */
    public EdgeIndex graph() {
        return graph;
    }

    /** @return the SPIN layers, first layer first */
    public List<SpinLayer> layers() {
        return List.copyOf(layers);
    }

    /**
     * Runs SPIN on the model's own graph.
     *
     * @param ps the parameter store
     * @param inputs {@code x [B, T, N, C]}, {@code mask [B, T, N, C]}, {@code u [B, T, U]}
     * @param training whether gradients are recorded
     * @param params unused
     * @return the {@code L} readouts {@code [B, T, N, C_out]}, the imputation last
     */
    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        if (graph == null) {
            throw new IllegalStateException(
                    "this SpinModel has no default graph; pass one to forward(..., edges, ...)");
        }
        if (inputs.size() != 3) {
            throw new IllegalArgumentException(
                    "SpinModel expects inputs [x, mask, u], got " + inputs.size() + " arrays");
        }
        return forward(ps, inputs.get(0), inputs.get(1), inputs.get(2), graph, training);
    }

    /**
     * Runs SPIN on a given graph over the same {@code N} nodes.
     *
     * @param ps the parameter store
     * @param x scaled values {@code [B, T, N, C]} (entries where {@code mask} is 0 are ignored)
     * @param mask 1 (or true) where a value is available as input, {@code [B, T, N, C]}
     * @param u time features {@code [B, T, U]}
     * @param edges the spatial graph
     * @param training whether gradients are recorded
     * @return the {@code L} readouts {@code [B, T, N, C_out]}, first layer first
     */
    @Override
    public NDList forward(
            ParameterStore ps,
            NDArray x,
            NDArray mask,
            NDArray u,
            EdgeIndex edges,
            boolean training) {
        checkInputs(x, mask, u, edges);
        long t = x.getShape().get(1);
        int d = config.hiddenSize();
        NDArray m = mask.getDataType() == x.getDataType() ? mask : mask.toType(x.getDataType(), false);
        NDArray xm = x.mul(m);
        GraphTensors g = GraphTensors.of(edges, x);
        // [B, T, N, C] with C = 1 -> d
        NDArray maskD = m.broadcast(new Shape(x.getShape().get(0), t, numNodes, d));
        NDArray keep = maskD.neg().add(1f);
        NDArray h = probes.run("encoder", new NDList(),
                in -> new NDList(encode(ps, xm, m, maskD, keep, u, t, training)))
                .singletonOrThrow();
        NDList out = new NDList(config.layers());
        for (int l = 0; l < config.layers(); l++) {
            final int layer = l;
            h = probes.run("xskip" + l, h,
                    in -> layerInput(ps, layer, in, xm, m, maskD, keep, training));
            h = probes.run("layer" + l, h,
                    in -> layers.get(layer).forward(ps, in, m, g, edges, training));
            out.add(probes.run("readout" + l, h,
                    in -> readouts.get(layer).forward(ps, in, training)));
        }
        return out;
    }

    /** The input encoder: positional code, input MLP and norm, {@code [B, T, N, d]}. */
    private NDArray encode(ParameterStore ps, NDArray xm, NDArray m, NDArray maskD, NDArray keep,
            NDArray u, long t, boolean training) {
        var device = xm.getDevice();
        int d = config.hiddenSize();
        // positional code: [B, T, 1, d] + [N, d] -> [B, T, N, d]
        NDArray q = uLin.forward(ps, new NDList(u), training).singletonOrThrow().expandDims(2);
        q = Activation.leakyRelu(q.add(ps.getValue(nodeEmb, device, training)), 0.01f);
        q = qMlp.forward(ps, q, training);
        q = q.add(PositionalEncoding.table(xm.getManager(), (int) t, (int) d, xm.getDataType())
                .expandDims(1));
        NDArray h = hMlp.forward(ps, xm, training).add(q);
        h = h.mul(maskD).add(q.mul(keep));
        return LayerNorms.TORCH.apply(
                h,
                ps.getValue(hNormGamma, device, training),
                ps.getValue(hNormBeta, device, training));
    }

    /** Layer {@code l}'s input: at η the state embeddings, then the skip from the input. */
    private NDArray layerInput(ParameterStore ps, int l, NDArray h, NDArray xm, NDArray m,
            NDArray maskD, NDArray keep, boolean training) {
        var device = xm.getDevice();
        if (l == config.eta()) {
            NDArray valid = maskD.mul(ps.getValue(validEmb, device, training));
            NDArray missing = keep.mul(ps.getValue(maskEmb, device, training));
            h = h.add(valid).add(missing);
        }
        NDArray skip = xSkips.get(l).forward(ps, new NDList(xm), training).singletonOrThrow();
        return h.add(skip.mul(m));
    }

    private void checkInputs(NDArray x, NDArray mask, NDArray u, EdgeIndex edges) {
        Objects.requireNonNull(edges, "edges");
        Shape xs = x.getShape();
        if (xs.dimension() != 4 || xs.get(2) != numNodes || xs.get(3) != config.inputSize()) {
            throw new IllegalArgumentException(
                    "expected x [B, T, N=" + numNodes + ", C=" + config.inputSize() + "], got "
                            + xs);
        }
        if (!mask.getShape().equals(xs)) {
            throw new IllegalArgumentException(
                    "expected mask with the shape of x " + xs + ", got " + mask.getShape());
        }
        Shape us = u.getShape();
        if (us.dimension() != 3 || us.get(0) != xs.get(0) || us.get(1) != xs.get(1)
                || us.get(2) != config.exogenousSize()) {
            throw new IllegalArgumentException(
                    "expected u [B=" + xs.get(0) + ", T=" + xs.get(1) + ", U="
                            + config.exogenousSize() + "], got " + us);
        }
        if (edges.numNodes() != numNodes) {
            throw new IllegalArgumentException(
                    "the graph has " + edges.numNodes() + " nodes, the model " + numNodes);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape x = inputShapes[0];
        Shape y = new Shape(x.get(0), x.get(1), x.get(2), config.outputSize());
        Shape[] out = new Shape[config.layers()];
        java.util.Arrays.fill(out, y);
        return out;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... shapes) {
        Shape x = shapes[0];
        Shape u = shapes[2];
        Shape hs = new Shape(x.get(0), x.get(1), x.get(2), config.hiddenSize());
        uLin.initialize(manager, dataType, u);
        qMlp.initialize(manager, dataType, hs);
        hMlp.initialize(manager, dataType, x);
        for (int l = 0; l < config.layers(); l++) {
            xSkips.get(l).initialize(manager, dataType, x);
            layers.get(l).initialize(manager, dataType, hs);
            readouts.get(l).initialize(manager, dataType, hs);
        }
    }

    @Override
    public ListenerRegistration addMessageListener(MessageListener listener) {
        List<ListenerRegistration> regs = new ArrayList<>();
        for (SpinLayer layer : layers) {
            regs.add(layer.addMessageListener(listener));
        }
        return () -> regs.forEach(ListenerRegistration::close);
    }

    /**
     * Registers a probe that receives the stages {@code encoder}, {@code xskip<l>}, {@code
     * layer<l>}, {@code readout<l>} and, from every layer, {@code layer<l>/spatial} and {@code
     * layer<l>/temporal}.
     *
     * @param probe the probe
     * @return the handle that removes it from the network and its layers
     */
    @Override
    public ListenerRegistration addStageProbe(StageProbe probe) {
        return probes.addWithLayers(probe, layers);
    }

    /**
     * The parameters under stable, readable names: the DJL path with the child-order prefixes
     * removed and levels joined by dots, e.g. {@code layer0.cross.lin_src_weight} for DJL's {@code
     * 06layer0_01cross_lin_src_weight}. These names are used by checkpoints' NPZ export and by
     * {@link SpinOracle}.
     *
     * @return parameter arrays by logical name, in registration order
     */
    @Override
    public Map<String, NDArray> logicalParameters() {
        Map<String, NDArray> out = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : getParameters()) {
            out.put(logicalName(p.getKey()), p.getValue().getArray());
        }
        return out;
    }

    /**
     * Converts a DJL parameter path to its logical name.
     *
     * @param path e.g. {@code 06layer0_01cross_lin_src_weight}
     * @return e.g. {@code layer0.cross.lin_src_weight}
     */
    public static String logicalName(String path) {
        StringBuilder sb = new StringBuilder();
        String rest = path;
        // child names carry a two-digit order prefix and contain no underscore
        while (rest.length() > 2 && Character.isDigit(rest.charAt(0))
                && Character.isDigit(rest.charAt(1)) && rest.indexOf('_') > 2) {
            int cut = rest.indexOf('_');
            sb.append(rest, 2, cut).append('.');
            rest = rest.substring(cut + 1);
        }
        return sb.append(rest).toString();
    }

    /** Builds a {@link SpinModel}. */
    public static final class Builder {
        private SpinConfig config = SpinConfig.DEFAULT;
        private int numNodes;
        private EdgeIndex graph;
        private Backend backend = Backend.AUTO;

        /**
         * @param numNodes the number of nodes {@code N} (sizes the node embeddings)
         * @return this builder
         */
        public Builder setNumNodes(int numNodes) {
            this.numNodes = numNodes;
            return this;
        }

        /**
         * @param config hyperparameters (default {@link SpinConfig#DEFAULT})
         * @return this builder
         */
        public Builder optConfig(SpinConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /**
         * @param graph the default spatial graph (its node count must equal {@code N})
         * @return this builder
         */
        public Builder optGraph(EdgeIndex graph) {
            this.graph = graph;
            return this;
        }

        /**
         * @param backend how edge messages are summed into targets (default {@link Backend#AUTO})
         * @return this builder
         */
        public Builder optBackend(Backend backend) {
            this.backend = Objects.requireNonNull(backend, "backend");
            return this;
        }

        /** @return the model */
        public SpinModel build() {
            if (numNodes < 1) {
                throw new IllegalArgumentException("numNodes must be >= 1, got " + numNodes);
            }
            if (graph != null && graph.numNodes() != numNodes) {
                throw new IllegalArgumentException(
                        "the graph has " + graph.numNodes() + " nodes, expected " + numNodes);
            }
            return new SpinModel(this);
        }
    }
}
