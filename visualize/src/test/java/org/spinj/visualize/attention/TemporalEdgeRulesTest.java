package org.spinj.visualize.attention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.spinj.graph.EdgeIndex;
import org.spinj.graph.listen.AttentionKind;
import org.spinj.graph.listen.AttentionRecord;
import org.spinj.temporal.TemporalEdges;

/** Rules checked against hand-built 3-step records. */
class TemporalEdgeRulesTest {

    /** A record over T = 3 steps and one node whose index is {@code edges}, uniform weights. */
    private static AttentionRecord record(String id, TemporalEdges edges) {
        float[] w = new float[9];
        for (int t = 0; t < 3; t++) {
            int k = 0;
            for (int s = 0; s < 3; s++) {
                k += edges.allows(t, s) ? 1 : 0;
            }
            for (int s = 0; s < 3; s++) {
                w[t * 3 + s] = edges.allows(t, s) ? 1f / k : 0f;
            }
        }
        return new AttentionRecord(id, AttentionKind.TEMPORAL, edges.toEdgeIndex(), null,
                new Shape(1, 3, 3, 1), new Shape(1, 3, 3, 4), w);
    }

    private static final TemporalEdgeRules CAUSAL =
            TemporalEdgeRules.none().with("t", "TemporalEdges.causal(T, 0)",
                    t -> TemporalEdges.causal(t, 0));

    @Test
    void aRecordOnTheConfiguredPairsPassesAndItsMatrixUsesThem() {
        AttentionRecord r = record("t", TemporalEdges.causal(3, 0));

        assertThatCode(() -> CAUSAL.check(r)).doesNotThrowAnyException();
        AttentionMatrix m = AttentionWeights.of(List.of(r), CAUSAL).temporalMatrix(0, 0, 0);
        assertThat(m.isAllowed(0, 1)).isFalse();
        assertThat(m.get(2, 0)).isEqualTo(1f / 3);
    }

    @Test
    void aRecordWithFewerPairsThanConfiguredIsReportedAtTheFirstMissingPair() {
        AttentionRecord r = record("t", TemporalEdges.causal(3, 1));

        assertThatThrownBy(() -> AttentionWeights.of(List.of(r), CAUSAL))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("temporal edges of layer t do not match its configuration"
                        + " TemporalEdges.causal(T, 0)")
                .hasMessageContaining("the layer did not attend from source step 0 to target"
                        + " step 0, the configuration allows it");
    }

    @Test
    void aRuleThatIgnoresTheWindowLengthIsReported() {
        TemporalEdgeRules broken = TemporalEdgeRules.none().with("t", "TemporalEdges.full(5,"
                + " true)", t -> TemporalEdges.full(5, true));

        assertThatThrownBy(() -> broken.check(record("t", TemporalEdges.full(3, true))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gives TemporalEdges[T=5, pairs=25] for a window of T = 3");
    }

    @Test
    void layersWithoutARuleAndSpatialRecordsPass() {
        AttentionRecord other = record("u", TemporalEdges.full(3, false));
        EdgeIndex g = EdgeIndex.of(2, new int[] {0}, new int[] {1});
        AttentionRecord spatial = new AttentionRecord("t", AttentionKind.SPATIAL, g, null,
                new Shape(1, 1, 1, 1), new Shape(1, 1, 1, 4), new float[] {1f});

        assertThatCode(() -> CAUSAL.check(other)).doesNotThrowAnyException();
        assertThatCode(() -> CAUSAL.check(spatial)).doesNotThrowAnyException();
        assertThat(CAUSAL.expected("u", 3)).isNull();
        assertThat(CAUSAL.layerIds()).containsExactly("t");
        assertThat(TemporalEdgeRules.none().layerIds()).isEmpty();
        assertThat(CAUSAL.toString())
                .isEqualTo("TemporalEdgeRules[t = TemporalEdges.causal(T, 0)]");
    }

    @Test
    void aSpinModelWithATemporalReachIsCheckedAgainstItsBand() {
        org.spinj.spin.SpinModel model = org.spinj.spin.SpinModel.builder().setNumNodes(3)
                .optConfig(org.spinj.spin.SpinConfig.DEFAULT.withHiddenSize(4).withLayers(1, 1)
                        .withTemporalReach(1))
                .build();
        TemporalEdgeRules rules = TemporalEdgeRules.of(model);
        assertThat(rules.expected("layer0.cross", 5))
                .isEqualTo(TemporalEdges.maxDistance(5, 1).toEdgeIndex());
        assertThat(rules.expected("layer0.self", 5))
                .isEqualTo(TemporalEdges.full(5, false).toEdgeIndex());
        assertThat(rules.toString()).contains("TemporalEdges.maxDistance(T, 1)");
        assertThatCode(() -> rules.check(record("layer0.cross", TemporalEdges.maxDistance(3, 1))))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> rules.check(record("layer0.cross", TemporalEdges.full(3, true))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SPIN's cross-attention with reach 1");
    }
}
