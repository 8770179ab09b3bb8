package io.seqscore.input;

import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * Where an event's parts are in a record of the {@code json} and {@code avro} input formats:
 * <ul>
 *   <li>values: one or more field paths, each a number or an array of numbers, concatenated in order;</li>
 *   <li>time: a field path read in {@link #timeFormat()}; unset, the field {@value #DEFAULT_TIME} when the
 *       record has one, else the record's timestamp;</li>
 *   <li>key (the series id): a field path, a string or an integer; unset, the field {@value #DEFAULT_KEY}
 *       when the record has one, else the record key;</li>
 *   <li>attributes: optional field paths whose scalar values become the event's attributes, named by
 *       their path;</li>
 *   <li>symbol: optionally, a field path holding a categorical event's symbol (a string or an integer); a record
 *       whose symbol field holds one needs no values field (its values are then empty).</li>
 * </ul>
 * A set time or key field is required: a record without it does not map. The {@code event} format
 * ignores the mapping.
 *
 * @param values       the values' field paths, at least one
 * @param time         the time field, or null for the default
 * @param timeFormat   how the time field reads
 * @param key          the key field, or null for the default
 * @param attributes   the attributes' field paths, possibly none
 * @param symbol       the symbol field, or null for none
 */
public record InputMapping(List<FieldPath> values, FieldPath time, TimeFormat timeFormat, FieldPath key,
                           List<FieldPath> attributes, FieldPath symbol) {
    public static final String DEFAULT_VALUES = "values";
    public static final String DEFAULT_TIME = "time";
    public static final String DEFAULT_KEY = "key";

    /** The defaults: {@code {"key": "k", "time": 1700000000000, "values": [1.5]}} maps. */
    public static final InputMapping DEFAULT = of(List.of(DEFAULT_VALUES), null, TimeFormat.EPOCH_MILLIS, "UTC", null,
            List.of());

    /** A mapping without a symbol field. */
    public InputMapping(List<FieldPath> values, FieldPath time, TimeFormat timeFormat, FieldPath key,
                        List<FieldPath> attributes) {
        this(values, time, timeFormat, key, attributes, null);
    }

    public InputMapping {
        values = List.copyOf(values);
        attributes = List.copyOf(attributes);
        Objects.requireNonNull(timeFormat, "timeFormat");
        if (values.isEmpty()) {
            throw new IllegalArgumentException("the mapping names no values field");
        }
    }

    /**
     * From settings as written.
     *
     * @param time       null or blank for the default
     * @param timeFormat see {@link TimeFormat#named}
     * @param zone       a zone id ({@code UTC}, {@code Europe/Paris}, {@code +02:00})
     * @param key        null or blank for the default
     * @throws IllegalArgumentException naming the setting's problem
     */
    public static InputMapping of(List<String> values, String time, String timeFormat, String zone, String key,
                                  List<String> attributes) {
        ZoneId z;
        try {
            z = ZoneId.of(zone == null ? "UTC" : zone.trim());
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("'" + zone + "' is not a time zone: " + e.getMessage());
        }
        return new InputMapping(FieldPath.parseAll(values), optional(time), TimeFormat.named(timeFormat, z),
                optional(key), FieldPath.parseAll(attributes));
    }

    /** The same mapping with the symbol field at {@code path} (null or blank: none). */
    public InputMapping withSymbol(String path) {
        return new InputMapping(values, time, timeFormat, key, attributes, optional(path));
    }

    private static FieldPath optional(String path) {
        return path == null || path.isBlank() ? null : FieldPath.parse(path);
    }

    /** The time field to read: the set one, or the default one (which may be absent). */
    public FieldPath timeField() {
        return time != null ? time : FieldPaths.TIME;
    }

    /** The key field to read: the set one, or the default one (which may be absent). */
    public FieldPath keyField() {
        return key != null ? key : FieldPaths.KEY;
    }

    /** Holds the default paths apart from the record, so that the record's constants stay plain strings. */
    private static final class FieldPaths {
        static final FieldPath TIME = FieldPath.parse(DEFAULT_TIME);
        static final FieldPath KEY = FieldPath.parse(DEFAULT_KEY);
    }
}
