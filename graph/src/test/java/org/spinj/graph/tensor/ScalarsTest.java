package org.spinj.graph.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The scalar operand must survive garbage collection between the forward and the backward pass.
 * With DJL's own {@code mul(Number)} and friends this test fails (the gradients come back as
 * zeros or as bytes of another array); with {@link Scalars} it cannot depend on the collector.
 */
class ScalarsTest {

    private NDManager manager;

    @BeforeEach
    void setUp() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void tearDown() {
        manager.close();
    }

    enum Type {
        FLOAT32(DataType.FLOAT32),
        FLOAT64(DataType.FLOAT64);

        final DataType dataType;

        Type(DataType dataType) {
            this.dataType = dataType;
        }
    }

    /** Runs {@code f}, collects garbage several times, then differentiates {@code sum(f(x))}. */
    private double[] gradientAfterCollection(DataType type, Function<NDArray, NDArray> f)
            throws InterruptedException {
        try (NDManager sub = manager.newSubManager()) {
            NDArray x = sub.create(new float[] {1f, 2f, 3f, -1f}).toType(type, false);
            x.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray y = f.apply(x).sum();
                for (int k = 0; k < 4; k++) {
                    System.gc();
                    // direct buffers of the same size reuse whatever the collector freed
                    java.nio.ByteBuffer junk = java.nio.ByteBuffer.allocateDirect(8);
                    junk.putDouble(0, 12345.0);
                    Thread.sleep(20);
                }
                gc.backward(y);
            }
            return x.getGradient().toType(DataType.FLOAT64, false).toDoubleArray();
        }
    }

    @ParameterizedTest
    @EnumSource(Type.class)
    void gradientsThroughScalarOpsSurviveGarbageCollection(Type t) throws Exception {
        // d/dx of min(max(x * 3 / 2, 0), 2.5) ^ 2 at x = 1, 2, 3, -1
        double[] g = gradientAfterCollection(t.dataType,
                x -> Scalars.pow(Scalars.minimum(Scalars.maximum(
                        Scalars.div(Scalars.mul(x, 3), 2), 0), 2.5), 2));
        assertThat(g).containsExactly(new double[] {2 * 1.5 * 1.5, 0, 0, 0}, within(1e-6));
    }

    @ParameterizedTest
    @EnumSource(Type.class)
    void scalarsKeepTheTensorsTypeAndManager(Type t) {
        NDArray x = manager.ones(new Shape(2, 3), t.dataType);
        NDArray s = Scalars.of(x, 0.1);
        assertThat(s.getDataType()).isEqualTo(t.dataType);
        assertThat(s.getShape()).isEqualTo(new Shape());
        assertThat(s.getManager()).isSameAs(manager);
        assertThat(Scalars.mul(x, 0.1).getDataType()).isEqualTo(t.dataType);
        assertThat(Scalars.mul(x, 0.1).toType(DataType.FLOAT64, false).getDouble(1, 2)).isCloseTo(0.1, within(1e-7));
    }

    @ParameterizedTest
    @EnumSource(Type.class)
    void scalarOpsLeaveNoArraysBehindBesidesTheirResult(Type t) {
        try (NDManager sub = manager.newSubManager()) {
            NDArray x = sub.ones(new Shape(4), t.dataType);
            int before = sub.getManagedArrays().size();
            Scalars.mul(x, 2);
            Scalars.div(x, 2);
            Scalars.minimum(x, 2);
            Scalars.maximum(x, 2);
            Scalars.pow(x, 2);
            assertThat(sub.getManagedArrays()).hasSize(before + 5);
        }
    }
}
