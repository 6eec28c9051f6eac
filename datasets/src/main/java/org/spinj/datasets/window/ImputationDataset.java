package org.spinj.datasets.window;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.BatchSampler;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Record;
import ai.djl.util.Progress;
import java.util.Objects;
import org.spinj.datasets.SpatioTemporalSeries;
import org.spinj.datasets.scale.Scaler;

/**
 * Windows of a {@link SpatioTemporalSeries} served as DJL records for imputation (tsl {@code
 * ImputationDataset}: input and target are the same {@code T} steps). Batched with DJL's default
 * stacking:
 *
 * <pre>
 *   data   0 "x"         [B, T, N, C] float32  scaled values, 0 where the training mask is false
 *          1 "mask"      [B, T, N, C] boolean  training mask (observed and not an eval target)
 *          2 "u"         [B, T, 4]    float32  time features (see TimeFeatures)
 *   labels 0 "y"         [B, T, N, C] float32  original units, 0 where not observed
 *          1 "eval_mask" [B, T, N, C] boolean  evaluation targets
 *          2 "start"     [B]          int32    first step of each window in the series
 * </pre>
 *
 * <p>Each record copies only its own window out of the series.
 */
public final class ImputationDataset extends RandomAccessDataset {

    private final SpatioTemporalSeries series;
    private final WindowSpec spec;
    private final int[] windows;
    private final Scaler scaler;
    private final long[] epochSeconds;

    private ImputationDataset(Builder b) {
        super(b);
        this.series = b.series;
        this.spec = b.spec;
        this.windows = b.windows.clone();
        this.scaler = b.scaler;
        int total = spec.numWindows(series.numSteps());
        for (int k : windows) {
            if (k < 0 || k >= total) {
                throw new IllegalArgumentException("window " + k + " is out of range, expected 0 <= k < "
                        + total + " windows of " + spec.window() + " steps in " + series.numSteps());
            }
        }
        if (scaler != null && scaler.numChannels() != series.numChannels()) {
            throw new IllegalArgumentException("scaler has " + scaler.numChannels()
                    + " channels, expected C = " + series.numChannels());
        }
        this.epochSeconds = new long[series.numSteps()];
        for (int t = 0; t < epochSeconds.length; t++) {
            epochSeconds[t] = series.timeIndex().epochSecond(t);
        }
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the series served */
    public SpatioTemporalSeries series() {
        return series;
    }

    /** @return the window shape */
    public WindowSpec windowSpec() {
        return spec;
    }

    /**
     * @param index a record index in {@code [0, size())}
     * @return the first step of that record's window
     */
    public int windowStart(long index) {
        return spec.start(windows[Math.toIntExact(index)]);
    }

    /** {@inheritDoc} */
    @Override
    public Record get(NDManager manager, long index) {
        int start = windowStart(index);
        int t = spec.window();
        int n = series.numNodes();
        int c = series.numChannels();
        int size = t * n * c;
        float[] y = new float[size];
        boolean[] obs = new boolean[size];
        boolean[] eval = new boolean[size];
        series.copyValues(start, t, y, 0);
        series.copyObserved(start, t, obs, 0);
        series.copyEvalMask(start, t, eval, 0);
        float[] x = new float[size];
        boolean[] mask = new boolean[size];
        for (int i = 0; i < size; i++) {
            mask[i] = obs[i] && !eval[i];
            if (mask[i]) {
                x[i] = scaler == null ? y[i] : scaler.transform(y[i], i % c);
            }
        }
        float[] u = new float[t * TimeFeatures.SIZE];
        for (int s = 0; s < t; s++) {
            TimeFeatures.encode(epochSeconds[start + s], u, s * TimeFeatures.SIZE);
        }
        Shape shape = new Shape(t, n, c);
        NDList data = new NDList(named(manager.create(x, shape), "x"),
                named(manager.create(mask, shape), "mask"),
                named(manager.create(u, new Shape(t, TimeFeatures.SIZE)), "u"));
        NDList labels = new NDList(named(manager.create(y, shape), "y"),
                named(manager.create(eval, shape), "eval_mask"),
                named(manager.create(start), "start"));
        return new Record(data, labels);
    }

    private static NDArray named(NDArray array, String name) {
        array.setName(name);
        return array;
    }

    /** {@inheritDoc} */
    @Override
    protected long availableSize() {
        return windows.length;
    }

    /** {@inheritDoc} */
    @Override
    public void prepare(Progress progress) {
        // the series is already in memory
    }

    /** Builder: series and windows are required; sampling as in DJL or seeded. */
    public static final class Builder extends RandomAccessDataset.BaseBuilder<Builder> {
        private SpatioTemporalSeries series;
        private WindowSpec spec;
        private int[] windows;
        private Scaler scaler;

        private Builder() {}

        /** {@inheritDoc} */
        @Override
        protected Builder self() {
            return this;
        }

        /**
         * @param series the series to serve
         * @return this builder
         */
        public Builder setSeries(SpatioTemporalSeries series) {
            this.series = series;
            return this;
        }

        /**
         * @param spec the window shape
         * @param windows the window positions to serve (e.g. one split's)
         * @return this builder
         */
        public Builder setWindows(WindowSpec spec, int[] windows) {
            this.spec = spec;
            this.windows = windows;
            return this;
        }

        /**
         * @param scaler applied to {@code x} (not to {@code y}); default none
         * @return this builder
         */
        public Builder optScaler(Scaler scaler) {
            this.scaler = scaler;
            return this;
        }

        /**
         * Seeded shuffled batches, for training.
         *
         * @param batchSize {@code B}
         * @param seed the shuffling seed
         * @param dropLast whether to drop a last, smaller batch
         * @return this builder
         */
        public Builder setShuffledSampling(int batchSize, long seed, boolean dropLast) {
            return setSampling(new BatchSampler(new SeededShuffleSampler(seed), batchSize, dropLast));
        }

        /**
         * @return the dataset
         * @throws IllegalArgumentException if a required field is missing or a window is out of
         *     range
         */
        public ImputationDataset build() {
            Objects.requireNonNull(series, "series (setSeries)");
            Objects.requireNonNull(spec, "window spec (setWindows)");
            Objects.requireNonNull(windows, "windows (setWindows)");
            if (sampler == null) {
                throw new IllegalArgumentException(
                        "no sampling set, expected setSampling(batchSize, false) or setShuffledSampling(...)");
            }
            return new ImputationDataset(this);
        }
    }
}
