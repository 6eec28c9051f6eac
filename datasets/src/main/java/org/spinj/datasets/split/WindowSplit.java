package org.spinj.datasets.split;

import java.util.Arrays;
import java.util.Objects;
import org.spinj.datasets.window.WindowSpec;

/**
 * Window positions (see {@link WindowSpec}) of the training, validation and test splits, each
 * sorted ascending.
 *
 * @param spec the windows the positions refer to
 * @param train training window positions
 * @param validation validation window positions
 * @param test test window positions
 */
public record WindowSplit(WindowSpec spec, int[] train, int[] validation, int[] test) {

    /** Validates and copies. */
    public WindowSplit {
        Objects.requireNonNull(spec, "spec");
        train = train.clone();
        validation = validation.clone();
        test = test.clone();
        Arrays.sort(train);
        Arrays.sort(validation);
        Arrays.sort(test);
    }

    @Override
    public int[] train() {
        return train.clone();
    }

    @Override
    public int[] validation() {
        return validation.clone();
    }

    @Override
    public int[] test() {
        return test.clone();
    }

    /**
     * @param windows window positions
     * @return the first step of each window
     */
    public int[] starts(int[] windows) {
        return Arrays.stream(windows).map(spec::start).toArray();
    }

    /**
     * @param windows window positions
     * @param steps the series length {@code T}
     * @return {@code [T]}: whether some window covers each step (e.g. the steps to fit a scaler)
     */
    public boolean[] coveredSteps(int[] windows, int steps) {
        boolean[] covered = new boolean[steps];
        for (int k : windows) {
            int s = spec.start(k);
            Arrays.fill(covered, s, Math.min(steps, s + spec.window()), true);
        }
        return covered;
    }
}
