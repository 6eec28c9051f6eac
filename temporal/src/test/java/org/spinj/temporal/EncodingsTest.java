package org.spinj.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

class EncodingsTest {

    @Test
    void positionalEncodingMatchesTheVaswaniFormula() {
        // d = 4: w_0 = 1, w_1 = 10000^(-2/4) = 0.01; t = 2 -> sin 2, cos 2, sin .02, cos .02
        float[][] pe = PositionalEncoding.values(3, 4);
        assertThat(pe[0]).containsExactly(new float[] {0f, 1f, 0f, 1f}, within(1e-7f));
        assertThat(pe[2]).containsExactly(
                new float[] {(float) Math.sin(2), (float) Math.cos(2), (float) Math.sin(0.02),
                    (float) Math.cos(0.02)}, within(1e-7f));
        assertThat(PositionalEncoding.values(1, 3)[0]).hasSize(3);
        assertThatThrownBy(() -> PositionalEncoding.values(0, 4))
                .hasMessage("steps and channels must be >= 1, got steps=0, channels=4");
    }

    @Test
    void positionalEncodingIsAddedPerStepAndBroadcastOverNodes() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.zeros(new Shape(2, 3, 5, 4));
            NDArray y = PositionalEncoding.encode(x);
            float[][] pe = PositionalEncoding.values(3, 4);
            assertThat(y.get("1, 2, 4").toFloatArray()).containsExactly(pe[2]);
            assertThat(y.get("0, 1, 0").toFloatArray()).containsExactly(pe[1]);
            NDArray x3 = m.ones(new Shape(1, 3, 4), DataType.FLOAT64);
            assertThat(PositionalEncoding.encode(x3).get("0, 0").toDoubleArray())
                    .containsExactly(new double[] {1, 2, 1, 2}, within(1e-7));
            assertThatThrownBy(() -> PositionalEncoding.encode(m.zeros(new Shape(3, 4))))
                    .hasMessageContaining("expected [B, T, d] or [B, T, N, d], got (3, 4)");
        }
    }

    @Test
    void timeFeaturesAreSinCosOfDayAndWeekPhase() {
        // epoch 0 is Thursday 00:00: day phase 0, week phase 0
        // +6 h: day phase pi/2 -> (1, 0); week phase 2 pi / 28 -> (sin, cos) of pi/14
        long[] ns = TimeFeatures.fromEpochSeconds(new long[] {0, 6 * 3600, 86400 * 7 + 12 * 3600});
        float[][] u = TimeFeatures.values(ns);
        assertThat(u[0]).containsExactly(new float[] {0f, 1f, 0f, 1f}, within(1e-7f));
        assertThat(u[1]).containsExactly(
                new float[] {1f, 0f, (float) Math.sin(Math.PI / 14), (float) Math.cos(Math.PI / 14)},
                within(1e-6f));
        // a week and a half day later: day phase pi -> (0, -1); week phase 2 pi / 14
        assertThat(u[2]).containsExactly(
                new float[] {0f, -1f, (float) Math.sin(Math.PI / 7), (float) Math.cos(Math.PI / 7)},
                within(1e-6f));
        // a realistic METR-LA timestamp equals the reference phase 2 pi ns / period
        long t = 1_338_508_800_000_000_000L + 300_000_000_000L; // 2012-06-01 00:05
        float[][] r = TimeFeatures.values(new long[] {t});
        double day = 2 * Math.PI * ((double) (t % TimeFeatures.DAY_NANOS) / TimeFeatures.DAY_NANOS);
        assertThat(r[0][0]).isCloseTo((float) Math.sin(day), within(1e-6f));
        try (NDManager m = NDManager.newBaseManager()) {
            assertThat(TimeFeatures.encode(m, ns).getShape()).isEqualTo(new Shape(3, 4));
        }
    }

    @Test
    void nodeEmbeddingsAreUniformInPlusMinusOneOverSqrtD() {
        try (NDManager m = NDManager.newBaseManager()) {
            NodeEmbedding emb = new NodeEmbedding(50, 16);
            emb.initialize(m, DataType.FLOAT32);
            ParameterStore ps = new ParameterStore(m, false);
            float[] v = emb.table(ps, m.getDevice(), false).toFloatArray();
            assertThat(v).hasSize(800);
            float max = 0;
            for (float x : v) {
                assertThat(Math.abs(x)).isLessThanOrEqualTo(0.25f);
                max = Math.max(max, Math.abs(x));
            }
            assertThat(max).isGreaterThan(0.2f);
            NDArray rows = emb.forward(ps, new NDList(m.create(new long[] {3, 0})), false)
                    .singletonOrThrow();
            assertThat(rows.getShape()).isEqualTo(new Shape(2, 16));
            assertThat(rows.get(1).toFloatArray()).containsExactly(
                    java.util.Arrays.copyOfRange(v, 0, 16));
            assertThatThrownBy(() -> new NodeEmbedding(0, 4))
                    .hasMessage("numNodes and channels must be >= 1, got numNodes=0, channels=4");
        }
    }
}
