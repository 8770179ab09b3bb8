package io.seqscore.input;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * ISO-8601 date-time text: {@code 2023-11-14T22:13:20Z}, {@code 2023-11-14T23:13:20.5+01:00},
 * {@code 2023-11-14T22:13:20} (in the configured zone).
 */
final class IsoTime implements TimeFormat {
    private final ZoneId zone;

    IsoTime(ZoneId zone) {
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    @Override
    public long fromLong(long value) {
        throw new IllegalArgumentException("the number " + value + " is not ISO-8601 text");
    }

    @Override
    public long fromDouble(double value) {
        throw new IllegalArgumentException("the number " + value + " is not ISO-8601 text");
    }

    @Override
    public long fromText(String text) {
        try {
            return PatternTime.instant(DateTimeFormatter.ISO_DATE_TIME.parse(text.trim()), zone);
        } catch (DateTimeException | ArithmeticException e) {
            throw new IllegalArgumentException("'" + text + "' is not an ISO-8601 date-time");
        }
    }

    @Override
    public String name() {
        return ISO_8601;
    }
}
