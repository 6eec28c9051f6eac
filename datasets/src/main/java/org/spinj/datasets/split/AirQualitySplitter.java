package org.spinj.datasets.split;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.spinj.datasets.TimeIndex;
import org.spinj.datasets.window.WindowSpec;

/**
 * The AQI split of tsl 0.1.1 {@code AirQualitySplitter} (ST-MVL protocol): test = the windows
 * whose first and last steps lie in a test month (March, June, September, December by default);
 * validation = {@code valFraction * |non-test windows| / |test months|} windows just before each
 * test block, shifted back by {@link WindowSpec#gap()} windows (wrapping around the series end
 * as tsl's modulo does); training = the non-test windows (first and last step outside the test
 * months) that share no step with a validation window.
 *
 * <p>As in tsl, training windows may lie right before a test month and validation windows are
 * not excluded from the non-test pool they are drawn from; only the training/validation overlap is
 * removed.
 *
 * @param valFraction share of the non-test windows used for validation, in {@code [0, 1)}
 * @param testMonths months 1..12 whose windows are the test set
 */
public record AirQualitySplitter(double valFraction, Set<Integer> testMonths) {

    /** The SPIN/GRIN AQI split: 10% validation, test months 3, 6, 9, 12. */
    public static final AirQualitySplitter DEFAULT = new AirQualitySplitter(0.1, Set.of(3, 6, 9, 12));

    /** Validates and copies. */
    public AirQualitySplitter {
        if (!(valFraction >= 0 && valFraction < 1)) {
            throw new IllegalArgumentException("valFraction must be in [0, 1), got " + valFraction);
        }
        testMonths = Set.copyOf(new TreeSet<>(testMonths));
        for (int m : testMonths) {
            if (m < 1 || m > 12) {
                throw new IllegalArgumentException("test month " + m + " is not in 1..12");
            }
        }
        if (testMonths.isEmpty()) {
            throw new IllegalArgumentException("need at least one test month, got none");
        }
    }

    /**
     * @param spec the windows
     * @param time the series' time axis
     * @return the split
     * @throws IllegalArgumentException if no window lies fully in a test month
     */
    public WindowSplit split(WindowSpec spec, TimeIndex time) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(time, "time");
        int total = spec.numWindows(time.length());
        List<Integer> test = new ArrayList<>();
        List<Integer> nonTest = new ArrayList<>();
        for (int k = 0; k < total; k++) {
            boolean first = testMonths.contains(time.at(spec.start(k)).getMonthValue());
            boolean last = testMonths.contains(time.at(spec.start(k) + spec.window() - 1).getMonthValue());
            if (first && last) {
                test.add(k);
            } else if (!first && !last) {
                nonTest.add(k);
            }
        }
        if (test.isEmpty()) {
            throw new IllegalArgumentException("no window of " + spec.window()
                    + " steps lies fully in the test months " + new TreeSet<>(testMonths) + " between "
                    + time.start() + " and " + time.at(time.length() - 1));
        }
        int valLen = (int) (valFraction * nonTest.size()) / testMonths.size();
        List<Integer> val = new ArrayList<>();
        for (int i = 0; i < test.size(); i++) {
            if (i == 0 || test.get(i) != test.get(i - 1) + 1) {
                int blockStart = test.get(i);
                for (int k = blockStart - valLen - spec.gap(); k < blockStart - spec.gap(); k++) {
                    val.add(Math.floorMod(k, total));
                }
            }
        }
        boolean[] valSteps = new boolean[time.length()];
        for (int k : val) {
            for (int s = spec.start(k); s < spec.start(k) + spec.window(); s++) {
                valSteps[s] = true;
            }
        }
        List<Integer> train = new ArrayList<>();
        for (int k : nonTest) {
            boolean overlaps = false;
            for (int s = spec.start(k); s < spec.start(k) + spec.window() && !overlaps; s++) {
                overlaps = valSteps[s];
            }
            if (!overlaps) {
                train.add(k);
            }
        }
        return new WindowSplit(spec, toArray(train), val.stream().distinct().mapToInt(Integer::intValue).toArray(),
                toArray(test));
    }

    private static int[] toArray(List<Integer> list) {
        return list.stream().mapToInt(Integer::intValue).toArray();
    }
}
