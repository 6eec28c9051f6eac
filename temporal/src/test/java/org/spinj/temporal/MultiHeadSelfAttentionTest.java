package org.spinj.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MultiHeadSelfAttentionTest {

    private NDManager manager;

    @BeforeEach
    void setUp() {
        Engine.getInstance().setRandomSeed(4);
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void tearDown() {
        manager.close();
    }

    private NDList run(MultiHeadSelfAttention mhsa, NDArray... inputs) {
        mhsa.initialize(manager, DataType.FLOAT32, inputs[0].getShape());
        return mhsa.forward(new ParameterStore(manager, false), new NDList(inputs), false);
    }

    @Test
    void returnsPerHeadWeightsWhoseRowsSumToOne() {
        NDArray x = manager.randomNormal(new Shape(2, 5, 8));
        NDList out = run(new MultiHeadSelfAttention(8, 2), x);
        assertThat(out.get(0).getShape()).isEqualTo(new Shape(2, 5, 8));
        assertThat(out.get(1).getShape()).isEqualTo(new Shape(2, 2, 5, 5));
        for (float s : out.get(1).sum(new int[] {-1}).toFloatArray()) {
            assertThat(s).isCloseTo(1f, within(1e-6f));
        }
    }

    @Test
    void causalRuleGivesZeroWeightToTheFutureAndZeroRowsWithoutKeys() {
        NDArray x = manager.randomNormal(new Shape(1, 4, 6));
        NDList out = run(new MultiHeadSelfAttention(6, 3, t -> TemporalEdges.causal(t, 1)), x);
        NDArray w = out.get(1); // [1, 3, 4, 4]
        for (int h = 0; h < 3; h++) {
            for (int t = 0; t < 4; t++) {
                double sum = 0;
                for (int s = 0; s < 4; s++) {
                    float a = w.getFloat(0, h, t, s);
                    if (s > t - 1) {
                        assertThat(a).isZero();
                    }
                    sum += a;
                }
                assertThat(sum).isCloseTo(t == 0 ? 0 : 1, within(1e-6));
            }
        }
    }

    @Test
    void maskedKeysAndMaxDistanceAreRespected() {
        NDArray x = manager.randomNormal(new Shape(1, 5, 4));
        NDArray mask = manager.create(new boolean[] {true, true, false, true, true}, new Shape(1, 5));
        NDList out = run(new MultiHeadSelfAttention(4, 1, t -> TemporalEdges.maxDistance(t, 1)), x,
                mask);
        NDArray w = out.get(1);
        for (int t = 0; t < 5; t++) {
            assertThat(w.getFloat(0, 0, t, 2)).isZero();
            for (int s = 0; s < 5; s++) {
                if (Math.abs(s - t) > 1) {
                    assertThat(w.getFloat(0, 0, t, s)).isZero();
                }
            }
        }
        assertThat(w.getFloat(0, 0, 1, 0) + w.getFloat(0, 0, 1, 1)).isCloseTo(1f, within(1e-6f));
    }

    /** The array of the parameter whose name ends with {@code suffix} (DJL prefixes children). */
    private static NDArray weight(ai.djl.nn.ParameterList params, String suffix) {
        return params.stream().filter(p -> p.getKey().endsWith(suffix)).findFirst().orElseThrow()
                .getValue().getArray();
    }

    @Test
    void singleHeadMatchesAHandWrittenScaledDotProduct() {
        NDArray x = manager.randomNormal(new Shape(1, 3, 2));
        MultiHeadSelfAttention mhsa = new MultiHeadSelfAttention(2, 1, null);
        NDList out = run(mhsa, x);
        var p = mhsa.getParameters();
        NDArray q = TemporalAdditiveAttention.linear(x, weight(p, "query_weight"), null);
        NDArray k = TemporalAdditiveAttention.linear(x, weight(p, "key_weight"), null);
        NDArray expected = q.matMul(k.transpose(0, 2, 1)).div(Math.sqrt(2)).softmax(-1);
        assertThat(out.get(1).toFloatArray()).containsExactly(expected.toFloatArray(),
                within(1e-6f));
        assertThatThrownBy(() -> new MultiHeadSelfAttention(6, 4, null))
                .hasMessage("channels must be a positive multiple of heads, got channels=6, heads=4");
    }

    @Test
    void anAllObservedKeyMaskGivesThePlainSoftmaxOfTheUnmaskedPath() {
        NDArray x = manager.randomNormal(new Shape(2, 6, 4));
        MultiHeadSelfAttention mhsa = new MultiHeadSelfAttention(4, 2);
        NDList plain = run(mhsa, x);
        NDList masked = mhsa.forward(new ParameterStore(manager, false),
                new NDList(x, manager.ones(new Shape(2, 6)).gt(0)), false);
        assertThat(masked.get(1).toFloatArray()).containsExactly(plain.get(1).toFloatArray(),
                within(1e-6f));
        assertThat(masked.get(0).toFloatArray()).containsExactly(plain.get(0).toFloatArray(),
                within(1e-6f));
    }
}
