package io.seqscore.input;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.Locale;
import java.util.Objects;

/**
 * Text in a {@link DateTimeFormatter} pattern ({@code yyyy-MM-dd HH:mm:ss}, {@code dd/MM/yyyy}); a time
 * without an offset is in the configured zone, a date without a time is its midnight.
 */
final class PatternTime implements TimeFormat {
    private final String pattern;
    private final DateTimeFormatter formatter;
    private final ZoneId zone;

    PatternTime(String pattern, ZoneId zone) {
        this.pattern = pattern;
        this.zone = Objects.requireNonNull(zone, "zone");
        try {
            this.formatter = DateTimeFormatter.ofPattern(pattern, Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + pattern + "' is neither epoch-millis, epoch-seconds, iso-8601 nor a"
                    + " date-time pattern: " + e.getMessage());
        }
    }

    @Override
    public long fromLong(long value) {
        return fromText(Long.toString(value));
    }

    @Override
    public long fromDouble(double value) {
        throw new IllegalArgumentException("the number " + value + " is not a time in the pattern '" + pattern + "'");
    }

    @Override
    public long fromText(String text) {
        try {
            return instant(formatter.parse(text.trim()), zone);
        } catch (DateTimeException | ArithmeticException e) {
            throw new IllegalArgumentException("'" + text + "' is not a time in the pattern '" + pattern + "'");
        }
    }

    @Override
    public String name() {
        return pattern;
    }

    /**
     * Milliseconds since the epoch of a parsed date-time, in {@code zone} when it names no offset or zone.
     *
     * @throws DateTimeException when it has no date
     * @throws ArithmeticException when it is beyond a long of milliseconds
     */
    static long instant(TemporalAccessor t, ZoneId zone) {
        if (t.isSupported(ChronoField.INSTANT_SECONDS)) {
            return Math.addExact(Math.multiplyExact(t.getLong(ChronoField.INSTANT_SECONDS), 1000L),
                    t.get(ChronoField.MILLI_OF_SECOND));
        }
        LocalDate date = t.query(TemporalQueries.localDate());
        if (date == null) {
            throw new DateTimeException("no date");
        }
        LocalTime time = t.query(TemporalQueries.localTime());
        ZoneId z = t.query(TemporalQueries.zone());
        ZoneId at = z != null ? z : zone;
        return date.atTime(time == null ? LocalTime.MIDNIGHT : time).atZone(at == null ? ZoneOffset.UTC : at)
                .toInstant().toEpochMilli();
    }
}
