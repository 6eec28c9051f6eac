package org.spinj.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.spinj.datasets.window.ImputationDataset;
import org.spinj.spin.ImputationModel;
import org.spinj.spin.ImputationTask;
import org.spinj.spin.MaskEnsemble;
import org.spinj.spin.train.WindowBatch;

/**
 * {@link ImputationModel#setEnsemble}: the imputation is the mean of the network's outputs for
 * the full input and its re-masked copies, observed entries pass through, the result does not
 * depend on the batch size, and repeated use leaves no arrays behind.
 */
class EnsembleInferenceTest {

    static ImputationTask task;
    static ImputationModel model;

    @BeforeAll
    static void untrainedTinySpin() {
        task = TinySpin.task();
        model = TinySpin.untrained(task);
    }

    @AfterEach
    void plainAgain() {
        model.setEnsemble(MaskEnsemble.NONE);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    private static ImputationDataset dataset(int[] windows) {
        return ImputationDataset.builder().setSeries(task.series())
                .setWindows(task.split().spec(), windows).optScaler(task.scaler())
                .setSampling(1, false).build();
    }

    private static NDArray lastOutput(NDArray x, NDArray mask, NDArray u) {
        NDList out = model.network().forward(model.parameterStore(), x, mask, u, model.graph(),
                false);
        return out.get(out.size() - 1);
    }

    @Test
    void theImputationIsTheMeanOverTheFullInputAndItsReMaskedCopies() {
        int[] windows = Arrays.copyOf(task.split().test(), 3);
        MaskEnsemble e = new MaskEnsemble(3, 0.3, 11L);
        try (NDManager bm = NDManager.newBaseManager(Device.cpu())) {
            WindowBatch b = WindowBatch.of(dataset(windows), new long[] {0, 1, 2}, 0, 3, bm);
            Shape shape = b.mask().getShape();
            int per = (int) (shape.size() / shape.get(0));
            NDArray sum = lastOutput(b.x(), b.mask(), b.u());
            for (int s = 1; s < 3; s++) {
                float[] keep = new float[(int) shape.size()];
                for (int w = 0; w < 3; w++) {
                    System.arraycopy(e.keep(b.starts()[w], s, per), 0, keep, w * per, per);
                }
                NDArray mask = b.mask().mul(bm.create(keep, shape));
                sum = sum.add(lastOutput(b.x().mul(mask), mask, b.u()));
            }
            float[] scale = toFloat(task.scaler().scale());
            float[] offset = toFloat(task.scaler().offset());
            float[] mean = sum.div(3f).mul(bm.create(scale)).add(bm.create(offset)).toFloatArray();
            float[] plain = model.predict(b).toFloatArray();
            model.setEnsemble(e);
            float[] got = model.predict(b).toFloatArray();
            float[] mask = b.mask().toFloatArray();
            float[] y = b.y().toFloatArray();
            int differ = 0;
            for (int i = 0; i < got.length; i++) {
                if (mask[i] > 0.5f) {
                    assertThat(got[i]).isEqualTo(y[i]); // observed: passed through
                } else {
                    assertThat(got[i]).isCloseTo(mean[i], within(1e-4f * (1 + Math.abs(mean[i]))));
                    differ += Math.abs(got[i] - plain[i]) > 1e-4f ? 1 : 0;
                }
            }
            assertThat(differ).as("the copies change the imputation").isPositive();
        }
    }

    @Test
    void noHiddenEntriesGiveThePlainImputation() {
        int[] windows = Arrays.copyOf(task.split().test(), 4);
        ImputationModel.Evaluation plain = model.evaluate(task, windows, 4);
        model.setEnsemble(new MaskEnsemble(3, 0.0, 1L));
        ImputationModel.Evaluation same = model.evaluate(task, windows, 4);
        assertThat(same.windows().mae()).isCloseTo(plain.windows().mae(), within(1e-4));
        assertThat(same.series().mae()).isCloseTo(plain.series().mae(), within(1e-4));
    }

    @Test
    void theEnsembleDoesNotDependOnTheBatchSize() {
        int[] windows = Arrays.copyOf(task.split().test(), 5);
        model.setEnsemble(new MaskEnsemble(4, 0.25, 3L));
        ImputationModel.Evaluation a = model.evaluate(task, windows, 5);
        ImputationModel.Evaluation b = model.evaluate(task, windows, 2);
        assertThat(b.windows().mae()).isCloseTo(a.windows().mae(), within(1e-4));
        assertThat(b.series().mae()).isCloseTo(a.series().mae(), within(1e-4));
        ImputationModel.Evaluation plain;
        model.setEnsemble(MaskEnsemble.NONE);
        plain = model.evaluate(task, windows, 5);
        assertThat(a.windows().mae()).isNotCloseTo(plain.windows().mae(), within(1e-6));
    }

    @Test
    void repeatedEnsembleInferenceLeavesNoArraysBehind() {
        int[] windows = Arrays.copyOf(task.split().test(), 3);
        model.setEnsemble(MaskEnsemble.of(4));
        List<Integer> counts = new ArrayList<>();
        for (int k = 0; k < 5; k++) {
            model.evaluate(task, windows, 2);
            model.impute(task.series().sliceTime(0, 20), 4, 4);
            counts.add(((BaseNDManager) NDManager.newBaseManager().getParentManager())
                    .getManagedArrays().size());
        }
        assertThat(counts.subList(1, counts.size())).containsOnly(counts.get(1));
    }

    private static float[] toFloat(double[] v) {
        float[] f = new float[v.length];
        for (int k = 0; k < v.length; k++) {
            f[k] = (float) v[k];
        }
        return f;
    }
}
