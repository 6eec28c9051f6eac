package org.spinj.datasets.split;

import java.util.stream.IntStream;
import org.spinj.datasets.window.WindowSpec;

/**
 * Chronological split of the windows, as tsl 0.1.1 {@code TemporalSplitter}: the last {@code
 * testFraction} of the windows is the test set, the preceding {@code valFraction} of the remaining
 * windows is validation, the rest training; {@link WindowSpec#gap()} windows are dropped before
 * each boundary so that no window shares a step with the next split (tsl drops {@code
 * samples_offset = T} at stride 1).
 *
 * @param valFraction share of non-test windows for validation, in {@code [0, 1)}
 * @param testFraction share of all windows for test, in {@code [0, 1)}
 */
public record TemporalSplitter(double valFraction, double testFraction) {

    /** The SPIN traffic split: 10% validation, 20% test (≈ 70/10/20). */
    public static final TemporalSplitter DEFAULT = new TemporalSplitter(0.1, 0.2);

    /** Validates. */
    public TemporalSplitter {
        if (!(valFraction >= 0 && valFraction < 1) || !(testFraction >= 0 && testFraction < 1)) {
            throw new IllegalArgumentException("fractions must be in [0, 1), got valFraction="
                    + valFraction + ", testFraction=" + testFraction);
        }
    }

    /**
     * @param spec the windows
     * @param steps the series length {@code T}
     * @return the split
     * @throws IllegalArgumentException if the series is too short to leave training windows
     */
    public WindowSplit split(WindowSpec spec, int steps) {
        WindowSplit split = trySplit(spec, steps);
        if (split == null) {
            int total = Math.max(0, spec.numWindows(steps));
            int fits = largestWindow(steps);
            throw new IllegalArgumentException(
                    "a series of " + steps + " steps has " + total + " windows of " + spec.window()
                            + ", too few for a split with gaps of " + spec.gap() + " windows"
                            + (fits >= 2 ? "; a window of at most " + fits + " steps fits"
                                    : "; no window of 2 steps or more fits"));
        }
        return split;
    }

    /**
     * The longest window (stride 1) for which {@link #split} leaves training windows and, when
     * this splitter has a validation share, validation windows.
     *
     * @param steps the series length {@code T}
     * @return that window length, or 1 when not even a window of 2 steps fits
     */
    public int largestWindow(int steps) {
        for (int w = steps; w >= 2; w--) {
            if (trySplit(new WindowSpec(w, 1), steps) != null) {
                return w;
            }
        }
        return 1;
    }

    private WindowSplit trySplit(WindowSpec spec, int steps) {
        int total = spec.numWindows(steps);
        if (total <= 0) {
            return null;
        }
        int testLen = (int) (testFraction * total);
        int valLen = (int) (valFraction * (total - testLen));
        int testStart = total - testLen;
        int valStart = testStart - valLen;
        int gap = spec.gap();
        int trainEnd = valStart - gap;
        int valEnd = testStart - gap;
        if (trainEnd <= 0 || (valLen > 0 && valEnd <= valStart)) {
            return null;
        }
        return new WindowSplit(spec, IntStream.range(0, trainEnd).toArray(),
                IntStream.range(valStart, Math.max(valStart, valEnd)).toArray(),
                IntStream.range(testStart, total).toArray());
    }
}
