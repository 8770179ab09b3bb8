package io.seqscore.input;

import java.time.ZoneId;
import java.util.Locale;

/**
 * How a time field's value reads as an event time (UTC milliseconds since the epoch). A field holds a
 * number or text; each kind says what it makes of either, and fails with an {@link IllegalArgumentException}
 * whose message says why (the decoder adds the field's name).
 */
public interface TimeFormat {
    String EPOCH_MILLIS = "epoch-millis";
    String EPOCH_SECONDS = "epoch-seconds";
    String ISO_8601 = "iso-8601";

    /** The time of an integral number. */
    long fromLong(long value);

    /** The time of a number with a fraction. */
    long fromDouble(double value);

    /** The time of a string. */
    long fromText(String text);

    /** The name it was configured with. */
    String name();

    /**
     * {@value #EPOCH_MILLIS}, {@value #EPOCH_SECONDS}, {@value #ISO_8601}, or else a
     * {@link java.time.format.DateTimeFormatter} pattern such as {@code yyyy-MM-dd HH:mm:ss}.
     *
     * @param zone the zone of ISO-8601 or pattern times that carry no offset
     * @throws IllegalArgumentException for a blank name or an invalid pattern
     */
    static TimeFormat named(String name, ZoneId zone) {
        String n = name == null ? "" : name.trim();
        return switch (n.toLowerCase(Locale.ROOT)) {
            case "" -> throw new IllegalArgumentException("a time format is empty");
            case EPOCH_MILLIS -> new EpochMillisTime();
            case EPOCH_SECONDS -> new EpochSecondsTime();
            case ISO_8601 -> new IsoTime(zone);
            default -> new PatternTime(n, zone);
        };
    }
}
