package org.spinj.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
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
    void positionalTableIsBitIdenticalToSpinsWrittenOutFormula() {
        // the expression SPIN's models used before the table was shared: any reordering of the
        // double arithmetic could change a float and with it every SPIN output
        for (int d : new int[] {5, 32, 64}) {
            float[][] pe = PositionalEncoding.values(24, d);
            for (int pos = 0; pos < 24; pos++) {
                for (int i = 0; i < d; i += 2) {
                    double div = Math.exp(-Math.log(10000.0) * i / d);
                    assertThat(pe[pos][i]).isEqualTo((float) Math.sin(pos * div));
                    if (i + 1 < d) {
                        assertThat(pe[pos][i + 1]).isEqualTo((float) Math.cos(pos * div));
                    }
                }
            }
        }
    }

    @Test
    void positionalTableInAnotherTypeHoldsTheSameValues() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] f32 = PositionalEncoding.table(m, 5, 7).toFloatArray();
            double[] f64 = PositionalEncoding.table(m, 5, 7, DataType.FLOAT64).toDoubleArray();
            for (int k = 0; k < f32.length; k++) {
                assertThat(f64[k]).isEqualTo((double) f32[k]);
            }
            // d = 7 is odd: the last channel (6) is a sine of t * 10000^(-6/7)
            double w6 = Math.exp(-Math.log(1e4) * 6 / 7);
            assertThat(f32[4 * 7 + 6]).isEqualTo((float) Math.sin(4 * w6));
        }
    }

    @Test
    void nodeEmbeddingsAreUniformInPlusMinusOneOverSqrtD() {
        Engine.getInstance().setRandomSeed(9);
        try (NDManager m = NDManager.newBaseManager()) {
            Parameter emb = NodeEmbedding.parameter("node_emb", 50, 16);
            assertThat(emb.getName()).isEqualTo("node_emb");
            assertThat(emb.getType()).isEqualTo(Parameter.Type.WEIGHT);
            emb.initialize(m, DataType.FLOAT32);
            assertThat(emb.getArray().getShape()).isEqualTo(new Shape(50, 16));
            float[] v = emb.getArray().toFloatArray();
            float max = 0;
            for (float x : v) {
                assertThat(Math.abs(x)).isLessThanOrEqualTo(0.25f);
                max = Math.max(max, Math.abs(x));
            }
            assertThat(max).isGreaterThan(0.2f);
            assertThatThrownBy(() -> NodeEmbedding.parameter("e", 0, 4))
                    .hasMessage("numNodes and channels must be >= 1, got numNodes=0, channels=4");
            assertThatThrownBy(() -> NodeEmbedding.parameter(" ", 3, 4))
                    .hasMessage("name must not be blank, got  ");
        }
    }
}
