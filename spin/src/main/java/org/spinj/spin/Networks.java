package org.spinj.spin;

import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonObject;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.spinj.graph.io.Excerpt;

/** Builds imputation networks by name and rebuilds them from saved hyperparameters. */
public final class Networks {

    /** SPIN ({@link SpinModel}). */
    public static final String SPIN = "spin";
    /** SPIN-H ({@code SpinHierarchicalModel}). */
    public static final String SPIN_H = "spin-h";

    private Networks() {}

    /**
     * Builds a network with the paper's hyperparameters.
     *
     * @param kind {@value #SPIN} or {@value #SPIN_H}
     * @param numNodes {@code N}
     * @return the (uninitialised) network
     */
    public static ImputationNetwork create(String kind, int numNodes) {
        String k = kind.toLowerCase(Locale.ROOT);
        if (k.equals(SPIN)) {
            return SpinModel.builder().setNumNodes(numNodes).build();
        }
        if (k.equals(SPIN_H)) {
            return SpinHierarchicalModel.paper(numNodes);
        }
        throw new IllegalArgumentException(
                "unknown network '" + kind + "', expected " + SPIN + " or " + SPIN_H);
    }

    /**
     * Rebuilds a network (uninitialised) from {@link ImputationNetwork#hyperparameters()}.
     *
     * @param hp the hyperparameters
     * @return the network
     * @throws IllegalArgumentException for an unknown kind or a missing field
     */
    public static ImputationNetwork fromHyperparameters(JsonObject hp) {
        String kind = require(hp, "kind").toLowerCase(Locale.ROOT);
        if (kind.equals(SPIN)) {
            SpinConfig cfg =
                    new SpinConfig(
                            requireInt(hp, "input_size"),
                            requireInt(hp, "hidden_size"),
                            requireInt(hp, "layers"),
                            requireInt(hp, "eta"),
                            requireInt(hp, "exogenous_size"),
                            requireInt(hp, "output_size"),
                            // checkpoints written before the options existed attend to every step
                            hp.has("temporal_reach") ? requireInt(hp, "temporal_reach") : 0,
                            hp.has("self_reach") ? requireInt(hp, "self_reach") : 0);
            return SpinModel.builder()
                    .setNumNodes(requireInt(hp, "num_nodes"))
                    .optConfig(cfg)
                    .build();
        }
        if (kind.equals(SPIN_H)) {
            return new SpinHierarchicalModel(
                    requireInt(hp, "num_nodes"),
                    requireInt(hp, "hidden_size"),
                    requireInt(hp, "hub_size"),
                    requireInt(hp, "hubs"),
                    requireInt(hp, "layers"),
                    requireInt(hp, "eta"));
        }
        throw new IllegalArgumentException(
                "unknown network kind '" + Excerpt.of(kind) + "', expected " + SPIN + " or " + SPIN_H);
    }

    /** The block of layer {@code l} in a logical parameter name. */
    private static final Pattern LAYER = Pattern.compile("^layer(\\d{1,9})\\.");

    /**
     * Checks saved hyperparameters against what a checkpoint stores, before a network is built
     * from them, so that an edited or corrupt value (say {@code num_nodes = 100000000}) fails
     * with one line instead of allocating its tables: {@code num_nodes} must equal the graph's
     * nodes and the rows of {@code node_emb}, {@code hidden_size} its columns, {@code layers} the
     * number of stored {@code layer<l>} blocks, {@code hubs} and {@code hub_size} (SPIN-H) the
     * shape of {@code hubs}; every other size must lie between 1 and the largest stored
     * dimension.
     *
     * @param hp the hyperparameters, as {@link ImputationNetwork#hyperparameters()} wrote them
     * @param graphNodes the nodes of the stored graph
     * @param stored the shapes of the stored parameters, by logical name
     * @throws IllegalArgumentException naming the key ({@code network.<key>}), its value and the
     *     expected value or range
     */
    public static void checkStored(JsonObject hp, int graphNodes, Map<String, Shape> stored) {
        String kind = require(hp, "kind").toLowerCase(Locale.ROOT);
        if (!kind.equals(SPIN) && !kind.equals(SPIN_H)) {
            throw new IllegalArgumentException("network.kind is '" + Excerpt.of(kind)
                    + "', expected " + SPIN + " or " + SPIN_H);
        }
        long maxDim = 1;
        int layerBlocks = 0;
        for (Map.Entry<String, Shape> e : stored.entrySet()) {
            for (long d : e.getValue().getShape()) {
                maxDim = Math.max(maxDim, d);
            }
            Matcher m = LAYER.matcher(e.getKey());
            if (m.find()) {
                layerBlocks = Math.max(layerBlocks, Integer.parseInt(m.group(1)) + 1);
            }
        }
        expect(hp, "num_nodes", graphNodes, "the graph's num_nodes");
        Shape emb = stored.get("node_emb");
        if (emb != null && emb.dimension() == 2) {
            expect(hp, "num_nodes", emb.get(0), "the rows of node_emb " + emb);
            expect(hp, "hidden_size", emb.get(1), "the columns of node_emb " + emb);
        }
        if (layerBlocks > 0) {
            expect(hp, "layers", layerBlocks, "the stored blocks layer0..layer" + (layerBlocks - 1));
        }
        Shape hubs = stored.get("hubs");
        if (kind.equals(SPIN_H) && hubs != null && hubs.dimension() == 3) {
            expect(hp, "hubs", hubs.get(0), "the first dimension of hubs " + hubs);
            expect(hp, "hub_size", hubs.get(2), "the last dimension of hubs " + hubs);
        }
        List<String> sizes = kind.equals(SPIN)
                ? List.of("input_size", "hidden_size", "exogenous_size", "output_size")
                : List.of("hidden_size", "hub_size", "hubs");
        for (String key : sizes) {
            within(hp, key, 1, maxDim, "the largest stored dimension");
        }
        int layers = within(hp, "layers", 1, Math.max(1, stored.size()),
                "the number of stored parameters");
        within(hp, "eta", 0, layers, "layers");
        for (String key : List.of("temporal_reach", "self_reach")) {
            if (hp.has(key)) {
                within(hp, key, 0, Integer.MAX_VALUE, "2^31 - 1");
            }
        }
    }

    private static void expect(JsonObject hp, String key, long expected, String what) {
        int v = requireInt(hp, key);
        if (v != expected) {
            throw new IllegalArgumentException("network." + key + " = " + v + " does not match the"
                    + " stored model: expected " + expected + " (" + what + ")");
        }
    }

    private static int within(JsonObject hp, String key, long min, long max, String what) {
        int v = requireInt(hp, key);
        if (v < min || v > max) {
            throw new IllegalArgumentException("network." + key + " = " + v + " is out of range:"
                    + " expected " + min + ".." + max + " (at most " + what + ")");
        }
        return v;
    }

    private static String require(JsonObject o, String key) {
        if (o == null || !o.has(key)) {
            throw new IllegalArgumentException("network hyperparameters lack '" + key + "'");
        }
        return o.get(key).getAsString();
    }

    private static int requireInt(JsonObject o, String key) {
        try {
            return Integer.parseInt(require(o, key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "network hyperparameter '" + key + "' is not an integer: "
                            + Excerpt.of(String.valueOf(o.get(key))), e);
        }
    }
}
