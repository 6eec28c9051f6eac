package org.spinj.datasets.window;

import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Sampler;
import java.util.Arrays;
import java.util.Iterator;
import java.util.SplittableRandom;

/**
 * Visits a dataset's records in a seeded random order: every call to {@link #sample} (one epoch)
 * draws a new permutation from a stream fixed by the seed, so runs with the same seed see the
 * same sequence of epochs (DJL's {@code RandomSampler} uses a global generator).
 */
public final class SeededShuffleSampler implements Sampler.SubSampler {

    private final SplittableRandom rng;

    /** @param seed the seed of the sequence of permutations */
    public SeededShuffleSampler(long seed) {
        this.rng = new SplittableRandom(seed);
    }

    /** {@inheritDoc} */
    @Override
    public synchronized Iterator<Long> sample(RandomAccessDataset dataset) {
        SplittableRandom epoch = rng.split();
        int n = Math.toIntExact(dataset.size());
        long[] order = new long[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = epoch.nextInt(i + 1);
            long tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
        return Arrays.stream(order).boxed().iterator();
    }
}
