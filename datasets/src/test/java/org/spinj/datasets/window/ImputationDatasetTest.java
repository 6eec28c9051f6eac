package org.spinj.datasets.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.Batch;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.spinj.datasets.SpatioTemporalSeries;
import org.spinj.datasets.TestSeries;
import org.spinj.datasets.scale.AffineScaler;

class ImputationDatasetTest {

    @Test
    void windowCountsFollowLengthAndStride() {
        assertThat(new WindowSpec(24, 1).numWindows(100)).isEqualTo(77);
        assertThat(new WindowSpec(24, 5).numWindows(100)).isEqualTo(16); // starts 0..75
        assertThat(new WindowSpec(24, 1).numWindows(23)).isZero();
        assertThat(new WindowSpec(4, 3).gap()).isEqualTo(2);
        assertThatThrownBy(() -> new WindowSpec(0, 1)).hasMessageContaining("window=0");
    }

    @Test
    void batchesHaveTheDocumentedShapesAndContents() throws Exception {
        SpatioTemporalSeries s = TestSeries.ramp(10, 3, 1);
        boolean[] eval = new boolean[30];
        eval[2 * 3 + 1] = true; // t=2, n=1
        s = s.withEvalMask(eval);
        AffineScaler scaler = new AffineScaler(new double[] {100}, new double[] {10});
        ImputationDataset ds = ImputationDataset.builder().setSeries(s)
                .setWindows(new WindowSpec(4, 2), new int[] {0, 1, 2, 3})
                .optScaler(scaler).setSampling(3, false).build();
        try (NDManager manager = NDManager.newBaseManager()) {
            int count = 0;
            for (Batch b : ds.getData(manager)) {
                if (count++ == 0) {
                    checkFirstBatch(b);
                }
                b.close();
            }
            assertThat(count).isEqualTo(2);
        }
    }

    private static void checkFirstBatch(Batch b) {
        {
            assertThat(b.getData().get(0).getShape().getShape()).containsExactly(3, 4, 3, 1);
            assertThat(b.getData().get(1).getShape().getShape()).containsExactly(3, 4, 3, 1);
            assertThat(b.getData().get(2).getShape().getShape()).containsExactly(3, 4, 4);
            assertThat(b.getLabels().get(2).toIntArray()).containsExactly(0, 2, 4);
            float[] x = b.getData().get(0).toFloatArray();
            // window 1 starts at t=2: entry (t=2, n=0) = 200 -> (200 - 100) / 10 = 10
            assertThat(x[12 + 0]).isEqualTo(10f);
            // (t=2, n=1) is an eval target: hidden from x and mask, kept in y and eval_mask
            assertThat(x[12 + 1]).isZero();
            assertThat(b.getData().get(1).toBooleanArray()[12 + 1]).isFalse();
            assertThat(b.getLabels().get(0).toFloatArray()[12 + 1]).isEqualTo(210f);
            assertThat(b.getLabels().get(1).toBooleanArray()[12 + 1]).isTrue();
            // u at 2020-01-01 00:00 UTC: day phase 0; 18262 days since the epoch, 18262 mod 7 = 6
            float[] u = b.getData().get(2).toFloatArray();
            assertThat(u[0]).isCloseTo(0f, within(1e-6f));
            assertThat(u[1]).isCloseTo(1f, within(1e-6f));
            assertThat(u[2]).isCloseTo((float) Math.sin(2 * Math.PI * 6 / 7), within(1e-5f));
        }
    }

    @Test
    void seededShufflingRepeatsAndDropLastDropsTheShortBatch() throws Exception {
        SpatioTemporalSeries s = TestSeries.ramp(30, 2, 1);
        int[] all = IntStream.range(0, 27).toArray();
        List<Integer> a = starts(s, all, 42);
        List<Integer> b = starts(s, all, 42);
        assertThat(a).isEqualTo(b).hasSize(24).doesNotHaveDuplicates();
        assertThat(starts(s, all, 43)).isNotEqualTo(a);
    }

    private static List<Integer> starts(SpatioTemporalSeries s, int[] windows, long seed) throws Exception {
        ImputationDataset ds = ImputationDataset.builder().setSeries(s)
                .setWindows(new WindowSpec(4, 1), windows).setShuffledSampling(8, seed, true).build();
        List<Integer> out = new ArrayList<>();
        try (NDManager manager = NDManager.newBaseManager()) {
            for (Batch batch : ds.getData(manager)) {
                for (int st : batch.getLabels().get(2).toIntArray()) {
                    out.add(st);
                }
                batch.close();
            }
        }
        return out;
    }

    @Test
    void batchesDoNotLeakIntoTheParentManager() throws Exception {
        SpatioTemporalSeries s = TestSeries.ramp(50, 4, 1);
        ImputationDataset ds = ImputationDataset.builder().setSeries(s)
                .setWindows(new WindowSpec(8, 1), IntStream.range(0, 43).toArray())
                .setShuffledSampling(4, 1, true).build();
        try (NDManager manager = NDManager.newBaseManager()) {
            int before = ((BaseNDManager) manager).getManagedArrays().size();
            for (int epoch = 0; epoch < 5; epoch++) {
                for (Batch batch : ds.getData(manager)) {
                    batch.close();
                }
            }
            assertThat(((BaseNDManager) manager).getManagedArrays()).hasSize(before);
        }
    }

    @Test
    void rejectsOutOfRangeWindowsAndMissingSampling() {
        SpatioTemporalSeries s = TestSeries.ramp(10, 1, 1);
        assertThatThrownBy(() -> ImputationDataset.builder().setSeries(s)
                        .setWindows(new WindowSpec(4, 1), new int[] {7}).setSampling(1, false).build())
                .hasMessageContaining("window 7");
        assertThatThrownBy(() -> ImputationDataset.builder().setSeries(s)
                        .setWindows(new WindowSpec(4, 1), new int[] {0}).build())
                .hasMessageContaining("no sampling");
    }

    @Test
    void reconstructionAveragesOverlappingWindows() {
        WindowReconstruction r = new WindowReconstruction(4, 1, 1);
        r.add(0, new float[] {1, 2, 3});
        r.addBatch(new int[] {1}, new float[] {5, 6, 7});
        assertThat(r.counts()).containsExactly(1, 2, 2, 1);
        // step 1: (2 + 5) / 2; step 2: (3 + 6) / 2
        assertThat(r.mean()).containsExactly(1f, 3.5f, 4.5f, 7f);
        WindowReconstruction empty = new WindowReconstruction(2, 1, 1);
        assertThat(empty.mean()[0]).isNaN();
        assertThatThrownBy(() -> r.add(3, new float[] {1, 2})).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
