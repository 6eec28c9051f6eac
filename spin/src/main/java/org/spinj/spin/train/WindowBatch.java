package org.spinj.spin.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.dataset.Record;
import org.spinj.datasets.window.ImputationDataset;

/**
 * One batch of windows, stacked on a batch manager.
 *
 * @param x scaled values, 0 where {@code mask} is 0, {@code [B, T, N, C]}
 * @param mask training mask as 0/1 float {@code [B, T, N, C]}
 * @param u time features {@code [B, T, 4]}
 * @param y original values, 0 where not observed, {@code [B, T, N, C]}
 * @param evalMask evaluation targets as 0/1 float {@code [B, T, N, C]}
 * @param starts first step of each window in the series
 */
public record WindowBatch(
        NDArray x, NDArray mask, NDArray u, NDArray y, NDArray evalMask, int[] starts) {

    /**
     * Reads and stacks records of a dataset.
     *
     * @param dataset the windows
     * @param indices record indices
     * @param from first position in {@code indices}
     * @param to end position (exclusive)
     * @param manager owner of the batch
     * @return the batch
     */
    public static WindowBatch of(
            ImputationDataset dataset, long[] indices, int from, int to, NDManager manager) {
        NDList xs = new NDList();
        NDList masks = new NDList();
        NDList us = new NDList();
        NDList ys = new NDList();
        NDList evals = new NDList();
        int[] starts = new int[to - from];
        for (int k = from; k < to; k++) {
            Record r = dataset.get(manager, indices[k]);
            xs.add(r.getData().get(0));
            masks.add(r.getData().get(1));
            us.add(r.getData().get(2));
            ys.add(r.getLabels().get(0));
            evals.add(r.getLabels().get(1));
            starts[k - from] = dataset.windowStart(indices[k]);
        }
        return new WindowBatch(
                NDArrays.stack(xs),
                NDArrays.stack(masks).toType(DataType.FLOAT32, false),
                NDArrays.stack(us),
                NDArrays.stack(ys),
                NDArrays.stack(evals).toType(DataType.FLOAT32, false),
                starts);
    }

    /** @return the number of windows */
    public int size() {
        return starts.length;
    }
}
