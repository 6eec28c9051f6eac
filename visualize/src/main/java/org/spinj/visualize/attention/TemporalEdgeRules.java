package org.spinj.visualize.attention;

import ai.djl.nn.Block;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.IntFunction;
import org.spinj.graph.EdgeIndex;
import org.spinj.graph.listen.AttentionKind;
import org.spinj.graph.listen.AttentionRecord;
import org.spinj.spin.SpinLayer;
import org.spinj.spin.SpinModel;
import org.spinj.temporal.TemporalEdges;

/**
 * The {@link TemporalEdges} rule every temporal attention layer of a model is configured with,
 * by layer id: the allowed {@code source step -> target step} pairs as a function of the window
 * length {@code T}. A record's temporal edge index is checked against the rule of its layer
 * ({@link #check(AttentionRecord)}), so an index that is not the one the layer was configured
 * with is reported instead of being drawn as a wrong {@code [T, T]} picture. Immutable.
 *
 * <p>The rules of a {@link SpinModel} ({@link #of(Block)}) are the ones {@link SpinLayer} passes
 * to its attention blocks, built by the same {@code TemporalEdges} factories and keyed by the ids
 * its blocks report: {@code TemporalEdges.full(T, false)} (every pair but {@code s = t}) for the
 * self-attention and {@code TemporalEdges.full(T, true)} for the cross-attention (Marisca et al.
 * 2022, Eqs. 5-8), or {@code TemporalEdges.maxDistance(T, r)} for a model built with a temporal
 * reach {@code r}. SPIN-H reports no temporal weights, so it needs no rule. For another model,
 * state its layers' rules with {@link #with(String, String, IntFunction)}; a temporal layer
 * without a rule is checked for self-consistency only (weights off its own index are refused
 * when a matrix is built).
 */
public final class TemporalEdgeRules {

    private static final TemporalEdgeRules NONE = new TemporalEdgeRules(Map.of());

    private final Map<String, Rule> rules;

    private record Rule(String description, IntFunction<TemporalEdges> edges) {}

    private TemporalEdgeRules(Map<String, Rule> rules) {
        this.rules = rules;
    }

    /** @return no rules: every temporal layer is checked for self-consistency only */
    public static TemporalEdgeRules none() {
        return NONE;
    }

    /**
     * The rules of a model's temporal layers, as far as its configuration is known.
     *
     * @param block the model
     * @return the SPIN rules for a {@link SpinModel}, no rules for any other block
     */
    public static TemporalEdgeRules of(Block block) {
        Objects.requireNonNull(block, "block");
        if (!(block instanceof SpinModel spin)) {
            return NONE;
        }
        TemporalEdgeRules r = NONE;
        for (SpinLayer layer : spin.layers()) {
            r = r.with(layer.selfAttention().getLayerId(),
                    layer.selfReach() == 0
                            ? "TemporalEdges.full(T, false), SPIN's self-attention"
                            : "the other steps at most " + layer.selfReach()
                                    + " away, SPIN's self-attention with reach "
                                    + layer.selfReach(),
                    layer::selfPairs);
            int reach = layer.temporalReach();
            r = r.with(layer.crossAttention().getLayerId(),
                    reach == 0
                            ? "TemporalEdges.full(T, true), SPIN's cross-attention"
                            : "TemporalEdges.maxDistance(T, " + reach
                                    + "), SPIN's cross-attention with reach " + reach,
                    layer::crossPairs);
        }
        return r;
    }

    /**
     * A copy with one more rule (replacing the layer's previous one).
     *
     * @param layerId the id the layer reports, e.g. {@code "layer0.self"}
     * @param description how the rule is built, for messages, e.g. {@code "TemporalEdges.causal(T,
     *     1)"}
     * @param edges the allowed pairs for a window of {@code T} steps
     * @return the new rules
     */
    public TemporalEdgeRules with(
            String layerId, String description, IntFunction<TemporalEdges> edges) {
        Objects.requireNonNull(layerId, "layerId");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(edges, "edges");
        Map<String, Rule> copy = new LinkedHashMap<>(rules);
        copy.put(layerId, new Rule(description, edges));
        return new TemporalEdgeRules(Collections.unmodifiableMap(copy));
    }

    /** @return the ids of the layers that have a rule, in the order they were added */
    public Set<String> layerIds() {
        return rules.keySet();
    }

    /**
     * The edge index a layer is configured to attend over.
     *
     * @param layerId the layer id
     * @param steps the window length {@code T}
     * @return the configured pairs as an index over {@code T} steps, or {@code null} when the
     *     layer has no rule
     */
    public EdgeIndex expected(String layerId, int steps) {
        Rule r = rules.get(layerId);
        return r == null ? null : r.edges().apply(steps).toEdgeIndex();
    }

    /**
     * Checks that a temporal record's edge index is the one its layer is configured with.
     * Records of other kinds, and of layers without a rule, pass.
     *
     * @param record a record of one forward pass
     * @throws IllegalArgumentException naming the layer, the configured rule and the first pair
     *     on which the record's index differs from it
     */
    public void check(AttentionRecord record) {
        Objects.requireNonNull(record, "record");
        Rule rule = rules.get(record.layerId());
        if (record.kind() != AttentionKind.TEMPORAL || rule == null) {
            return;
        }
        // a temporal record's index spans its T steps (AttentionRecord checks it)
        int steps = (int) record.weightShape().get(1);
        TemporalEdges expected = rule.edges().apply(steps);
        if (expected.numSteps() != steps) {
            throw new IllegalArgumentException(
                    "the rule " + rule.description() + " of layer " + record.layerId()
                            + " gives " + expected + " for a window of T = " + steps
                            + " steps; a rule must return pairs over the T it is given");
        }
        TemporalEdges reported = TemporalEdges.fromEdgeIndex(record.edgeIndex());
        if (reported.equals(expected)) {
            return;
        }
        for (int t = 0; t < steps; t++) {
            for (int s = 0; s < steps; s++) {
                if (reported.allows(t, s) != expected.allows(t, s)) {
                    throw new IllegalArgumentException(
                            "temporal edges of layer " + record.layerId() + " do not match its"
                                    + " configuration " + rule.description() + ": the layer "
                                    + (reported.allows(t, s) ? "attended" : "did not attend")
                                    + " from source step " + s + " to target step " + t
                                    + ", the configuration " + (expected.allows(t, s)
                                            ? "allows" : "does not allow")
                                    + " it (reported " + reported + ", configured " + expected
                                    + "); refusing to draw its [T, T] matrix on the wrong pairs");
                }
            }
        }
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("TemporalEdgeRules[");
        rules.forEach((id, r) -> b.append(b.length() > 18 ? ", " : "").append(id).append(" = ")
                .append(r.description()));
        return b.append(']').toString();
    }
}
