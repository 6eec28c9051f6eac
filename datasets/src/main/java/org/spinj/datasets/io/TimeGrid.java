package org.spinj.datasets.io;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import org.spinj.datasets.TimeIndex;

/**
 * The regular grid behind a file's timestamps: the step is the smallest difference between
 * consecutive timestamps, every difference must be a multiple of it, and the steps in between
 * become gaps. When a difference is not a multiple of the smallest one, the row blamed is the
 * first whose difference is not a multiple of the most common one: a single mistyped timestamp
 * makes the smallest difference wrong, the most common one stays the file's frequency.
 * Timestamps at least 28 days apart that all fall on the same day of the month
 * (1..28) at the same time of day form a calendar grid of whole months instead (monthly,
 * quarterly, yearly data; {@link TimeIndex#monthly}).
 *
 * @param index the regular time axis covering first to last timestamp
 * @param positions the grid step of every input row
 * @param gaps the runs of grid steps that no row covered
 */
public record TimeGrid(TimeIndex index, int[] positions, List<TimeGap> gaps) {

    /** Copies. */
    public TimeGrid {
        positions = positions.clone();
        gaps = List.copyOf(gaps);
    }

    /**
     * Infers the grid of strictly increasing timestamps.
     *
     * @param stamps one local time per row, in file order
     * @param zone the zone of the series
     * @param fail builds the error for row {@code k} with a message (so it can name file, line
     *     and column)
     * @return the grid
     * @throws IllegalArgumentException from {@code fail} on a duplicate, unsorted or irregular
     *     timestamp
     */
    public static TimeGrid infer(
            List<LocalDateTime> stamps,
            ZoneId zone,
            BiFunction<Integer, String, RuntimeException> fail) {
        Objects.requireNonNull(stamps, "stamps");
        int rows = stamps.size();
        Duration step = null;
        for (int k = 1; k < rows; k++) {
            Duration d = Duration.between(stamps.get(k - 1), stamps.get(k));
            if (d.isZero()) {
                throw fail.apply(k, "duplicate timestamp " + stamps.get(k)
                        + ", expected strictly increasing timestamps");
            }
            if (d.isNegative()) {
                throw fail.apply(k, "timestamp " + stamps.get(k) + " comes before the previous "
                        + stamps.get(k - 1) + ", expected timestamps sorted in increasing order");
            }
            if (step == null || d.compareTo(step) < 0) {
                step = d;
            }
        }
        if (step == null) {
            throw fail.apply(0, "a single row gives no frequency, expected at least two rows");
        }
        if (step.compareTo(Duration.ofDays(28)) >= 0 && sameDayOfMonth(stamps)) {
            return inferMonths(stamps, zone, fail);
        }
        int[] pos = new int[rows];
        List<TimeGap> gaps = new ArrayList<>();
        long stepNanos = step.toNanos();
        if (firstOffGrid(stamps, stepNanos) > 0) {
            long common = mostCommonDifference(stamps);
            int k = firstOffGrid(stamps, common);
            throw fail.apply(k, "timestamp " + stamps.get(k) + " is "
                    + Duration.between(stamps.get(k - 1), stamps.get(k))
                    + " after the previous one, expected a multiple of " + Duration.ofNanos(common)
                    + ", the most common step between rows (irregular time index)");
        }
        for (int k = 1; k < rows; k++) {
            long d = Duration.between(stamps.get(k - 1), stamps.get(k)).toNanos();
            long jump = d / stepNanos;
            if (pos[k - 1] + jump > Integer.MAX_VALUE - 1) {
                throw fail.apply(k, "the time index spans more than 2^31 steps of " + step);
            }
            if (jump > 1) {
                gaps.add(new TimeGap(stamps.get(k - 1).plus(step), (int) jump - 1));
            }
            pos[k] = pos[k - 1] + (int) jump;
        }
        TimeIndex index = new TimeIndex(stamps.get(0), step, pos[rows - 1] + 1, zone);
        return new TimeGrid(index, pos, gaps);
    }

    private static boolean sameDayOfMonth(List<LocalDateTime> stamps) {
        LocalDateTime first = stamps.get(0);
        if (first.getDayOfMonth() > 28) {
            return false;
        }
        for (LocalDateTime t : stamps) {
            if (t.getDayOfMonth() != first.getDayOfMonth()
                    || !t.toLocalTime().equals(first.toLocalTime())) {
                return false;
            }
        }
        return true;
    }

    private static long monthNumber(LocalDateTime t) {
        return t.getYear() * 12L + t.getMonthValue() - 1;
    }

    private static TimeGrid inferMonths(
            List<LocalDateTime> stamps,
            ZoneId zone,
            BiFunction<Integer, String, RuntimeException> fail) {
        int rows = stamps.size();
        long months = Long.MAX_VALUE;
        for (int k = 1; k < rows; k++) {
            months = Math.min(months, monthNumber(stamps.get(k)) - monthNumber(stamps.get(k - 1)));
        }
        if (months > Integer.MAX_VALUE) {
            throw fail.apply(1, "timestamps more than 2^31 months apart");
        }
        int[] pos = new int[rows];
        List<TimeGap> gaps = new ArrayList<>();
        for (int k = 1; k < rows; k++) {
            long d = monthNumber(stamps.get(k)) - monthNumber(stamps.get(k - 1));
            if (d % months != 0) {
                throw fail.apply(k, "timestamp " + stamps.get(k) + " is " + d + " month(s) after"
                        + " the previous one, expected a multiple of the inferred frequency of "
                        + months + " month(s) (irregular time index)");
            }
            long jump = d / months;
            if (pos[k - 1] + jump > Integer.MAX_VALUE - 1) {
                throw fail.apply(k, "the time index spans more than 2^31 steps of " + months
                        + " month(s)");
            }
            if (jump > 1) {
                gaps.add(new TimeGap(stamps.get(k - 1).plusMonths(months), (int) jump - 1));
            }
            pos[k] = pos[k - 1] + (int) jump;
        }
        TimeIndex index = TimeIndex.monthly(stamps.get(0), (int) months, pos[rows - 1] + 1, zone);
        return new TimeGrid(index, pos, gaps);
    }

    /** @return the first row whose difference to the previous is not a multiple, or -1 */
    private static int firstOffGrid(List<LocalDateTime> stamps, long stepNanos) {
        for (int k = 1; k < stamps.size(); k++) {
            if (Duration.between(stamps.get(k - 1), stamps.get(k)).toNanos() % stepNanos != 0) {
                return k;
            }
        }
        return -1;
    }

    /** @return the most frequent difference between consecutive rows (the smallest on a tie) */
    private static long mostCommonDifference(List<LocalDateTime> stamps) {
        Map<Long, Integer> counts = new HashMap<>();
        for (int k = 1; k < stamps.size(); k++) {
            counts.merge(Duration.between(stamps.get(k - 1), stamps.get(k)).toNanos(), 1,
                    Integer::sum);
        }
        long best = 0;
        int bestCount = 0;
        for (Map.Entry<Long, Integer> e : counts.entrySet()) {
            if (e.getValue() > bestCount || (e.getValue() == bestCount && e.getKey() < best)) {
                best = e.getKey();
                bestCount = e.getValue();
            }
        }
        return best;
    }

    /** @return the number of grid steps filled as missing */
    public int missingSteps() {
        return gaps.stream().mapToInt(TimeGap::steps).sum();
    }

}
