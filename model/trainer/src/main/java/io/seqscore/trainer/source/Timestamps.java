package io.seqscore.trainer.source;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.Locale;

/**
 * Event times as they appear in files and on the command line, to epoch milliseconds:
 * <ul>
 *   <li>an integer: epoch milliseconds ({@code 1700000000000});</li>
 *   <li>an ISO-8601 date-time with an offset ({@code 2024-01-01T10:00:00Z}, {@code 2024-01-01 10:00:00+02:00});</li>
 *   <li>a local date-time or date ({@code 2013-12-02 21:15:00}, NAB's form; {@code 2024-01-01T10:00};
 *       {@code 2024-01-01}), read in the given zone.</li>
 * </ul>
 * 'T' or a space separates date and time; seconds and fractions of a second are optional.
 */
public final class Timestamps {
    private static final DateTimeFormatter FORMAT = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart()
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .append(DateTimeFormatter.ISO_LOCAL_TIME)
            .optionalStart().appendOffset("+HH:MM:ss", "Z").optionalEnd()
            .optionalEnd()
            .toFormatter(Locale.ROOT)
            .withChronology(IsoChronology.INSTANCE)
            .withResolverStyle(ResolverStyle.STRICT);

    private Timestamps() {
    }

    /** @throws IllegalArgumentException naming the text when it is not a time of a form above */
    public static long parse(String text, ZoneId zone) {
        String s = text.trim();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("empty timestamp");
        }
        if (isInteger(s)) {
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("timestamp '" + text + "' is out of range for epoch milliseconds");
            }
        }
        try {
            TemporalAccessor t = FORMAT.parse(s);
            LocalDate date = t.query(TemporalQueries.localDate());
            LocalTime time = t.query(TemporalQueries.localTime());
            LocalDateTime local = LocalDateTime.of(date, time == null ? LocalTime.MIDNIGHT : time);
            ZoneOffset offset = t.query(TemporalQueries.offset());
            return offset != null
                    ? local.toInstant(offset).toEpochMilli()
                    : local.atZone(zone).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("cannot read timestamp '" + text
                    + "' (expected epoch milliseconds or an ISO-8601 date-time such as 2024-01-31 12:00:00)");
        } catch (DateTimeException | ArithmeticException e) {
            throw new IllegalArgumentException("timestamp '" + text + "' is not a valid time: " + e.getMessage());
        }
    }

    private static boolean isInteger(String s) {
        int start = s.charAt(0) == '-' || s.charAt(0) == '+' ? 1 : 0;
        if (start == s.length()) {
            return false;
        }
        for (int i = start; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
