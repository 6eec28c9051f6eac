package org.spinj.temporal.models;

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
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelShapesTest {

    @TempDir Path dir;

    @BeforeEach
    void seed() {
        Engine.getInstance().setRandomSeed(6);
    }

    private static NDList run(CheckpointedModel m, NDManager mgr, NDArray x) {
        return m.forward(new ParameterStore(mgr, false), new NDList(x), false);
    }

    @Test
    void detectorReturnsProbabilitiesAndAttentionRowsSummingToOne() {
        try (NDManager mgr = NDManager.newBaseManager()) {
            AttentionAnomalyDetector m = AttentionAnomalyDetector.builder().optLength(20).build();
            m.initialize(mgr, DataType.FLOAT32, m.inputShapes(3));
            NDList out = run(m, mgr, mgr.randomNormal(new Shape(3, 20, 1)));
            assertThat(out.get(0).getShape()).isEqualTo(new Shape(3));
            assertThat(out.get(1).getShape()).isEqualTo(new Shape(3, 20));
            float[] sums = out.get(1).sum(new int[] {1}).toFloatArray();
            assertAllOne(sums);
            float[] p = out.get(0).toFloatArray();
            float[] sig = out.get(2).getNDArrayInternal().sigmoid().toFloatArray();
            assertThat(p).containsExactly(sig, withinF());
        }
    }

    private static void assertAllOne(float[] values) {
        for (float v : values) {
            assertThat(v).isCloseTo(1f, within(1e-5f));
        }
    }

    private static org.assertj.core.data.Offset<Float> withinF() {
        return within(1e-5f);
    }

    @Test
    void hybridReturnsLogitsAndPerHeadWeights() {
        try (NDManager mgr = NDManager.newBaseManager()) {
            HybridCnnLstmAttention m = new HybridCnnLstmAttention(32, 3, 8, 4);
            m.initialize(mgr, DataType.FLOAT32, m.inputShapes(2));
            NDList out = run(m, mgr, mgr.randomNormal(new Shape(2, 32)));
            assertThat(out.get(0).getShape()).isEqualTo(new Shape(2, 3));
            assertThat(out.get(1).getShape()).isEqualTo(new Shape(2, 4, 8, 8));
            assertAllOne(out.get(1).sum(new int[] {3}).toFloatArray());
        }
    }

    @Test
    void embeddingNetReturnsUnitEmbeddingsKeypointsAndAttention() {
        try (NDManager mgr = NDManager.newBaseManager()) {
            SignalEmbeddingNet m = new SignalEmbeddingNet(40, 8, 6, 5);
            m.initialize(mgr, DataType.FLOAT32, m.inputShapes(2));
            NDList out = run(m, mgr, mgr.randomNormal(new Shape(2, 40)));
            assertThat(out.get(0).getShape()).isEqualTo(new Shape(2, 6));
            assertAllOne(out.get(0).square().sum(new int[] {1}).toFloatArray());
            assertThat(out.get(1).getShape()).isEqualTo(new Shape(2, 10, 5));
            assertAllOne(out.get(2).sum(new int[] {1}).toFloatArray());
        }
    }

    @Test
    void checkpointRoundTripRebuildsEveryKindWithoutItsHyperparameters() {
        try (NDManager mgr = NDManager.newBaseManager()) {
            CheckpointedModel[] models = {
                AttentionAnomalyDetector.builder().optLength(16).optHidden(4).build(),
                new HybridCnnLstmAttention(16, 3, 4, 4),
                new SignalEmbeddingNet(16, 4, 3, 5)
            };
            for (CheckpointedModel m : models) {
                m.initialize(mgr, DataType.FLOAT32, m.inputShapes(2));
                NDArray x = mgr.randomNormal(m.inputShapes(2)[0]);
                float[] before = run(m, mgr, x).get(0).toFloatArray();
                Path file = ModelCheckpoint.save(m, dir.resolve(m.kind() + ".ckpt"));
                CheckpointedModel loaded = ModelCheckpoint.load(file, mgr);
                assertThat(loaded.kind()).isEqualTo(m.kind());
                assertThat(loaded.hyperparameters()).isEqualTo(m.hyperparameters());
                assertThat(run(loaded, mgr, x).get(0).toFloatArray()).containsExactly(before, withinF());
            }
            assertThat(dir.toFile().list()).allMatch(n -> n.endsWith(".ckpt"));
        }
    }

    @Test
    void unknownCheckpointKindIsRejectedByName() {
        assertThatThrownBy(() -> ModelCheckpoint.create("nope", java.util.Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'nope'");
    }
}
