package org.spinj.spin;

import com.google.gson.JsonObject;
import java.util.Locale;

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
                "unknown network kind '" + kind + "', expected " + SPIN + " or " + SPIN_H);
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
                    "network hyperparameter '" + key + "' is not an integer: " + o.get(key), e);
        }
    }
}
