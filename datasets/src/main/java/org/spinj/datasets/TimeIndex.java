package org.spinj.datasets;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.util.Objects;

/**
 * A regular time axis of {@code T} steps: step {@code k} is the wall-clock time {@code start + k
 * * step} in {@code zone}, or, for a calendar axis ({@code months > 0}), {@code start} plus
 * {@code k * months} calendar months (monthly, quarterly or yearly data, as pandas' {@code MS}
 * and {@code YS} frequencies).
 *
 * <p>Steps are counted in local (wall-clock) time, as pandas does for naive timestamps; the zone
 * turns them into instants for time features ({@link #epochSecond(int)}).
 *
 * @param start the local time of step 0
 * @param step the positive sampling period (5 min, 1 h, 1 day, ...); for a calendar axis the
 *     nominal period, {@code months} mean Gregorian months ({@link #MEAN_MONTH})
 * @param length the number of steps {@code T >= 1}
 * @param zone the time zone of the local times
 * @param months calendar months per step, or 0 for a fixed {@code step}
 */
public record TimeIndex(LocalDateTime start, Duration step, int length, ZoneId zone, int months) {

    /** The mean Gregorian month, 365.2425 / 12 days: the nominal step of a monthly axis. */
    public static final Duration MEAN_MONTH = Duration.ofSeconds(2_629_746L);

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
        if (months < 0) {
            throw new IllegalArgumentException("months must be >= 0, got " + months);
        }
        if (months > 0 && !step.equals(MEAN_MONTH.multipliedBy(months))) {
            throw new IllegalArgumentException("a calendar axis of " + months + " month(s) has the"
                    + " nominal step " + MEAN_MONTH.multipliedBy(months) + ", got " + step);
        }
    }

    /**
     * A fixed-period axis.
     *
     * @param start the local time of step 0
     * @param step the positive sampling period
     * @param length the number of steps
     * @param zone the time zone of the local times
     */
    public TimeIndex(LocalDateTime start, Duration step, int length, ZoneId zone) {
        this(start, step, length, zone, 0);
    }

    /**
     * A calendar axis: step {@code k} is {@code start} plus {@code k * months} months.
     *
     * @param start the local time of step 0 (a day of the month up to the 28th)
     * @param months calendar months per step, {@code >= 1}
     * @param length the number of steps
     * @param zone the time zone of the local times
     * @return the axis
     */
    public static TimeIndex monthly(LocalDateTime start, int months, int length, ZoneId zone) {
        if (months < 1) {
            throw new IllegalArgumentException("months must be >= 1, got " + months);
        }
        if (start.getDayOfMonth() > 28) {
            throw new IllegalArgumentException("a calendar axis starts on day 1..28 of a month, got "
                    + start);
        }
        return new TimeIndex(start, MEAN_MONTH.multipliedBy(months), length, zone, months);
    }

    /** @return whether steps are calendar months rather than a fixed duration */
    public boolean isCalendar() {
        return months > 0;
    }

    /** @return the sampling period as ISO-8601 text: {@code PT1H}, {@code P1M}, {@code P1Y} */
    public String frequency() {
        return months > 0 ? Period.ofMonths(months).normalized().toString() : step.toString();
    }

    /**
     * @param k a step in {@code [0, T)}
     * @return the local time of step {@code k}
     */
    public LocalDateTime at(int k) {
        Objects.checkIndex(k, length);
        return months > 0 ? start.plusMonths((long) k * months) : start.plus(step.multipliedBy(k));
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
        return new TimeIndex(at(from), step, to - from, zone, months);
    }
}
