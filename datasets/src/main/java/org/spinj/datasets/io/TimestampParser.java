package org.spinj.datasets.io;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * Parses the timestamps users bring: {@code 2014/05/01 01:00:00}, {@code 2013-03-01 00:00:00},
 * {@code 2013-03-01 00:00}, ISO {@code 2013-03-01T00:00[:00]}, ISO with an offset ({@code
 * 2013-03-01T00:00Z}, converted to the series' zone), and dates {@code 1961-01-01} or {@code
 * 1961/01/01} (midnight).
 */
public final class TimestampParser {

    private static final List<DateTimeFormatter> DATE_TIMES =
            List.of(
                    DateTimeFormatter.ofPattern("uuuu/MM/dd HH:mm:ss"),
                    DateTimeFormatter.ofPattern("uuuu/MM/dd HH:mm"),
                    DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss"),
                    DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm"),
                    DateTimeFormatter.ISO_LOCAL_DATE_TIME);
    private static final List<DateTimeFormatter> DATES =
            List.of(DateTimeFormatter.ISO_LOCAL_DATE, DateTimeFormatter.ofPattern("uuuu/MM/dd"));

    private final ZoneId zone;

    /** @param zone the zone that offset timestamps are converted to */
    public TimestampParser(ZoneId zone) {
        this.zone = zone;
    }

    /**
     * @param text a timestamp in one of the accepted forms
     * @return the local time, or empty if the text matches no accepted form
     */
    public Optional<LocalDateTime> parse(String text) {
        String s = text.trim();
        for (DateTimeFormatter f : DATE_TIMES) {
            try {
                return Optional.of(LocalDateTime.parse(s, f));
            } catch (DateTimeParseException e) {
                // try the next form: the accepted forms are disjoint, so order does not matter
            }
        }
        for (DateTimeFormatter f : DATES) {
            try {
                return Optional.of(LocalDate.parse(s, f).atStartOfDay());
            } catch (DateTimeParseException e) {
                // try the next form
            }
        }
        try {
            return Optional.of(
                    OffsetDateTime.parse(s).atZoneSameInstant(zone).toLocalDateTime());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** The accepted forms, for error messages. */
    public static final String FORMS =
            "'2014/05/01 01:00:00', '2013-03-01 00:00:00', '2013-03-01T00:00', '2013-03-01T00:00Z'"
                    + " or '1961-01-01'";
}
