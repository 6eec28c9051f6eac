package org.spinj.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AttentionPoolingTest {

    private NDManager manager;

    @BeforeEach
    void setUp() {
        Engine.getInstance().setRandomSeed(1);
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void tearDown() {
        manager.close();
    }

    @Test
    void weightsSumToOneAndPoolingIsTheirWeightedSum() {
        AttentionPooling pool = AttentionPooling.builder().setUnits(8).build();
        NDArray x = manager.randomNormal(new Shape(3, 5, 16));
        pool.initialize(manager, DataType.FLOAT32, x.getShape());
        NDList out = pool.forward(new ParameterStore(manager, false), new NDList(x), false);
        assertThat(out.get(0).getShape()).isEqualTo(new Shape(3, 16));
        NDArray w = out.get(1);
        assertThat(w.getShape()).isEqualTo(new Shape(3, 5));
        assertThat(w.sum(new int[] {1}).toFloatArray())
                .containsExactly(new float[] {1f, 1f, 1f}, within(1e-6f));
        NDArray manual = x.mul(w.expandDims(-1)).sum(new int[] {1});
        assertThat(out.get(0).toFloatArray()).containsExactly(manual.toFloatArray(), within(1e-6f));
    }

    @Test
    void maskedStepsGetZeroWeightAndAFullyMaskedSequencePoolsToZero() {
        AttentionPooling pool = AttentionPooling.builder().setUnits(4).build();
        NDArray x = manager.randomNormal(new Shape(2, 4, 6));
        NDArray mask = manager.create(new boolean[] {true, false, true, false, false, false, false,
            false}, new Shape(2, 4));
        pool.initialize(manager, DataType.FLOAT32, x.getShape(), mask.getShape());
        NDList out = pool.forward(new ParameterStore(manager, false), new NDList(x, mask), false);
        float[] w = out.get(1).toFloatArray();
        assertThat(w[1]).isZero();
        assertThat(w[3]).isZero();
        assertThat(w[0] + w[2]).isCloseTo(1f, within(1e-6f));
        assertThat(out.get(0).get(1).toFloatArray()).containsOnly(0f);
        assertThat(java.util.Arrays.copyOfRange(w, 4, 8)).containsOnly(0f);
        assertThatThrownBy(() -> pool.forward(new ParameterStore(manager, false),
                        new NDList(x, manager.ones(new Shape(2, 3))), false))
                .hasMessageContaining("expected a step mask [B, T] = [2, 4], got (2, 3)");
        assertThatThrownBy(() -> AttentionPooling.builder().setUnits(0).build())
                .hasMessage("attention units must be >= 1, got 0");
    }

    @Test
    void trainingStepsDoNotLeakIntoTheModelManager() {
        AttentionPooling pool = AttentionPooling.builder().setUnits(4).build();
        pool.initialize(manager, DataType.FLOAT32, new Shape(2, 4, 6));
        int reference = -1;
        for (int step = 0; step < 40; step++) {
            try (NDManager batch = manager.newSubManager()) {
                NDArray x = batch.randomNormal(new Shape(2, 4, 6));
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDList out = pool.forward(new ParameterStore(batch, false), new NDList(x), true);
                    gc.backward(out.get(0).sum());
                }
            }
            int now = ((BaseNDManager) manager).getManagedArrays().size();
            if (step == 3) {
                reference = now;
            } else if (step > 3) {
                assertThat(now).isEqualTo(reference);
            }
        }
    }

    @Test
    void tanhScoringWithoutScoreBiasMatchesTheSeedFormula() {
        AttentionPooling pool = AttentionPooling.builder().setUnits(3)
                .optActivation(AttentionPooling.ScoreActivation.TANH).optScoreBias(false).build();
        NDArray x = manager.randomNormal(new Shape(2, 5, 4));
        pool.initialize(manager, DataType.FLOAT32, x.getShape());
        var params = pool.getParameters();
        assertThat(params.size()).isEqualTo(3); // W1, b1, w2: no b2
        NDArray w1 = params.get(0).getValue().getArray();
        NDArray b1 = params.get(1).getValue().getArray();
        NDArray w2 = params.get(2).getValue().getArray();
        NDArray e = x.matMul(w1.transpose()).add(b1).tanh().matMul(w2.transpose()).squeeze(-1);
        NDArray alpha = e.softmax(1);
        NDList out = pool.forward(new ParameterStore(manager, false), new NDList(x), false);
        assertThat(out.get(1).toFloatArray()).containsExactly(alpha.toFloatArray(), within(1e-6f));
        assertThat(out.get(0).toFloatArray()).containsExactly(
                AttentionPooling.pool(x, alpha).toFloatArray(), within(1e-6f));
    }
}
