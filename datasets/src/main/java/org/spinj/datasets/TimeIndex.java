package org.spinj.datasets;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Objects;

/**
 * A regular time axis of {@code T} steps: step {@code k} is the wall-clock time {@code start + k
 * * step} in {@code zone}.
 *
 * <p>Steps are counted in local (wall-clock) time, as pandas does for naive timestamps; the zone
 * turns them into instants for time features ({@link #epochSecond(int)}).
 *
 * @param start the local time of step 0
 * @param step the positive sampling period (5 min, 1 h, 1 day, ...)
 * @param length the number of steps {@code T >= 1}
 * @param zone the time zone of the local times
 */
public record TimeIndex(LocalDateTime start, Duration step, int length, ZoneId zone) {

    /** Validates the components. */
    public TimeIndex {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(zone, "zone");
        if (step.isNegative() || step.isZero()) {
            throw new IllegalArgumentException("step must be positive, got " + step);
        }
        if (length < 1) {
            throw new IllegalArgumentException("length must be >= 1, got " + length);
        }
    }

    /**
     * @param k a step in {@code [0, T)}
     * @return the local time of step {@code k}
     */
    public LocalDateTime at(int k) {
        Objects.checkIndex(k, length);
        return start.plus(step.multipliedBy(k));
    }

    /**
     * @param k a step in {@code [0, T)}
     * @return the Unix time of step {@code k} in seconds, in {@link #zone()}
     */
    public long epochSecond(int k) {
        return at(k).atZone(zone).toEpochSecond();
    }

    /**
     * @param from first step, inclusive
     * @param to last step, exclusive
     * @return the sub-axis {@code [from, to)}
     */
    public TimeIndex slice(int from, int to) {
        Objects.checkFromToIndex(from, to, length);
        if (to == from) {
            throw new IllegalArgumentException("empty time slice [" + from + ", " + to + ")");
        }
        return new TimeIndex(at(from), step, to - from, zone);
    }
}
