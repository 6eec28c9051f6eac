package org.spinj.visualize.attention;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.spinj.graph.EdgeIndex;
import org.spinj.graph.listen.AttentionKind;
import org.spinj.graph.listen.AttentionRecord;

/**
 * The attention weights of one forward pass, grouped per layer (one group per {@code layerId},
 * in the order the layers first reported).
 *
 * <p>Layers are numbered per use, as the Python visualiser's {@code temporal_weights} and {@code
 * spatial_weights} dictionaries are:
 *
 * <ul>
 *   <li>temporal layer {@code k} is the {@code k}-th layer with {@link AttentionKind#TEMPORAL}
 *       weights (per node or per spatial edge);
 *   <li>spatial layer {@code k} is the {@code k}-th layer whose weights are spread over spatial
 *       edges ({@link AttentionKind#SPATIAL}, or temporal per spatial edge).
 * </ul>
 *
 * A layer's matrices are built from its first call ({@link AttentionLayer#record()}). When the
 * weights carry the {@link TemporalEdgeRules} of the model, every temporal record has been
 * checked against its layer's rule, and temporal matrices are rebuilt on the configured pairs.
 */
public final class AttentionWeights {

    private final List<AttentionLayer> layers;
    private final TemporalEdgeRules rules;

    private AttentionWeights(List<AttentionLayer> layers, TemporalEdgeRules rules) {
        this.layers = layers;
        this.rules = rules;
    }

    /**
     * Groups records by layer, without temporal edge rules.
     *
     * @param records the records of one forward pass, in arrival order, at least one
     * @return the grouped weights
     * @throws IllegalArgumentException if there is no record, or a layer id is reused with
     *     another kind
     */
    public static AttentionWeights of(List<AttentionRecord> records) {
        return of(records, TemporalEdgeRules.none());
    }

    /**
     * Groups records by layer and checks every temporal record against its layer's rule.
     *
     * @param records the records of one forward pass, in arrival order, at least one
     * @param rules the temporal edge rules of the model's layers
     * @return the grouped weights
     * @throws IllegalArgumentException if there is no record, a layer id is reused with another
     *     kind, or a temporal record's edge index is not the one its rule gives ({@link
     *     TemporalEdgeRules#check})
     */
    public static AttentionWeights of(List<AttentionRecord> records, TemporalEdgeRules rules) {
        Objects.requireNonNull(records, "records");
        Objects.requireNonNull(rules, "rules");
        if (records.isEmpty()) {
            throw new IllegalArgumentException(
                    "no attention records: the model has no layer that reported attention");
        }
        Map<String, List<AttentionRecord>> byId = new LinkedHashMap<>();
        for (AttentionRecord r : records) {
            rules.check(r);
            byId.computeIfAbsent(r.layerId(), id -> new ArrayList<>()).add(r);
        }
        List<AttentionLayer> layers = new ArrayList<>();
        for (Map.Entry<String, List<AttentionRecord>> e : byId.entrySet()) {
            layers.add(new AttentionLayer(e.getKey(), e.getValue().get(0).kind(), e.getValue()));
        }
        return new AttentionWeights(List.copyOf(layers), rules);
    }

    /** @return the temporal edge rules the records were checked against */
    public TemporalEdgeRules rules() {
        return rules;
    }

    /** @return every layer, in the order they first reported */
    public List<AttentionLayer> layers() {
        return layers;
    }

    /** @return the layers with temporal weights; temporal layer {@code k} is element {@code k} */
    public List<AttentionLayer> temporalLayers() {
        return layers.stream().filter(l -> l.kind() == AttentionKind.TEMPORAL).toList();
    }

    /** @return the layers with weights over spatial edges; spatial layer {@code k} is element k */
    public List<AttentionLayer> spatialLayers() {
        return layers.stream().filter(AttentionLayer::hasSpatialEdges).toList();
    }

    /**
     * @param layerId a layer identifier
     * @return that layer
     * @throws IllegalArgumentException naming the existing layers if there is none with that id
     */
    public AttentionLayer layer(String layerId) {
        for (AttentionLayer l : layers) {
            if (l.layerId().equals(layerId)) {
                return l;
            }
        }
        throw new IllegalArgumentException(
                "no attention layer with id '" + layerId + "'; layers: " + list(layers));
    }

    /**
     * @param layer a temporal layer number
     * @return the {@code layer}-th temporal layer
     * @throws IllegalArgumentException listing the temporal layers if it does not exist
     */
    public AttentionLayer temporalLayer(int layer) {
        return pick("temporal", temporalLayers(), layer);
    }

    /**
     * @param layer a spatial layer number
     * @return the {@code layer}-th spatial layer
     * @throws IllegalArgumentException listing the spatial layers if it does not exist
     */
    public AttentionLayer spatialLayer(int layer) {
        return pick("spatial", spatialLayers(), layer);
    }

    /**
     * The temporal attention of one node (or spatial edge) of one sample in a temporal layer.
     *
     * @param layer the temporal layer number
     * @param batch the sample
     * @param m the node, or the spatial edge for per-edge layers
     * @return {@code [T, T]}, rows = query step, columns = key step; built on the pairs of the
     *     layer's rule when it has one
     * @see TemporalAttentionMatrix#of(AttentionRecord, int, int, EdgeIndex)
     */
    public AttentionMatrix temporalMatrix(int layer, int batch, int m) {
        AttentionRecord r = temporalLayer(layer).record();
        EdgeIndex expected = rules.expected(r.layerId(), (int) r.weightShape().get(1));
        return expected == null
                ? TemporalAttentionMatrix.of(r, batch, m)
                : TemporalAttentionMatrix.of(r, batch, m, expected);
    }

    /**
     * The temporal attention of one node (or spatial edge) of one sample in the layer with an id.
     *
     * @param layerId the layer id, e.g. {@code "layer1.self"}
     * @param batch the sample
     * @param m the node, or the spatial edge for per-edge layers
     * @return {@code [T, T]}, built on the pairs of the layer's rule when it has one
     * @throws IllegalArgumentException if there is no such layer or it is not temporal
     */
    public AttentionMatrix temporalMatrix(String layerId, int batch, int m) {
        AttentionRecord r = layer(layerId).record();
        EdgeIndex expected = r.kind() == AttentionKind.TEMPORAL
                ? rules.expected(r.layerId(), (int) r.weightShape().get(1))
                : null;
        return expected == null
                ? TemporalAttentionMatrix.of(r, batch, m)
                : TemporalAttentionMatrix.of(r, batch, m, expected);
    }

    /**
     * As {@link #temporalMatrix(int, int, int)}, checked against the temporal edges the layer is
     * expected to have used.
     *
     * @param layer the temporal layer number
     * @param batch the sample
     * @param m the node or spatial edge
     * @param expected the expected temporal edge index over {@code T} steps
     * @return {@code [T, T]}
     */
    public AttentionMatrix temporalMatrix(int layer, int batch, int m, EdgeIndex expected) {
        return TemporalAttentionMatrix.of(temporalLayer(layer).record(), batch, m, expected);
    }

    /**
     * The temporal attention of a layer averaged over nodes (or spatial edges).
     *
     * @param layer the temporal layer number
     * @param batch the sample
     * @return {@code [T, T]}
     */
    public AttentionMatrix temporalMean(int layer, int batch) {
        return TemporalAttentionMatrix.mean(temporalLayer(layer).record(), batch);
    }

    /**
     * The locality, symmetry and entropy of a temporal layer, averaged over the {@code [T, T]}
     * matrices of every node (or spatial edge) of one sample.
     *
     * @param layer the temporal layer number
     * @param batch the sample
     * @return the mean statistics, {@code matrices = M}
     */
    public AttentionStatistics temporalStatistics(int layer, int batch) {
        AttentionRecord r = temporalLayer(layer).record();
        int numM = (int) r.weightShape().get(3);
        List<AttentionMatrix> ms = new ArrayList<>(numM);
        for (int m = 0; m < numM; m++) {
            ms.add(temporalMatrix(layer, batch, m));
        }
        return AttentionStatistics.mean(ms);
    }

    /**
     * The spatial attention of one sample at one step.
     *
     * @param layer the spatial layer number
     * @param batch the sample
     * @param step the (target) step
     * @return {@code [N, N]}, rows = target node, columns = source node
     * @see SpatialAttentionMatrix#of(AttentionRecord, int, int)
     */
    public AttentionMatrix spatialMatrix(int layer, int batch, int step) {
        return SpatialAttentionMatrix.of(spatialLayer(layer).record(), batch, step);
    }

    /**
     * The spatial edges with the most attention at one step.
     *
     * @param layer the spatial layer number
     * @param batch the sample
     * @param step the (target) step
     * @param k how many edges
     * @return up to {@code k} edges, largest weight first
     */
    public List<WeightedEdge> topEdges(int layer, int batch, int step, int k) {
        return spatialMatrix(layer, batch, step).topEdges(k);
    }

    private static AttentionLayer pick(String kind, List<AttentionLayer> list, int layer) {
        if (layer < 0 || layer >= list.size()) {
            throw new IllegalArgumentException(
                    kind + " layer " + layer + " does not exist; "
                            + (list.isEmpty()
                                    ? "the model has no " + kind + " attention layer"
                                    : "expected 0 <= layer < " + list.size() + ", " + kind
                                            + " layers: " + list(list)));
        }
        return list.get(layer);
    }

    private static String list(List<AttentionLayer> list) {
        List<String> out = new ArrayList<>();
        for (int k = 0; k < list.size(); k++) {
            out.add(k + " = " + list.get(k).describe());
        }
        return out.stream().collect(Collectors.joining("; "));
    }

    /** @return every layer, one description each */
    @Override
    public String toString() {
        return "AttentionWeights[" + list(layers) + "]";
    }
}
