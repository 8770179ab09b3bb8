package io.seqscore.input;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * One record read as an event: its series id, event time, values and attributes. A decoder refills the
 * same instance for every record: read it before decoding the next one, and keep nothing of it.
 */
public final class DecodedEvent {
    private String key;
    private byte[] keyBytes;
    private long eventTime;
    private List<Double> values;
    private Map<String, String> attributes;
    private String symbol;

    /** The series id. */
    public String key() {
        return key;
    }

    /** The series id as UTF-8 bytes (the record key's own bytes when the key is the record key). */
    public byte[] keyBytes() {
        return keyBytes;
    }

    /** Event time, UTC milliseconds since the epoch. */
    public long eventTime() {
        return eventTime;
    }

    /** The values in feature order: never empty, unless the event carries a {@link #symbol}. */
    public List<Double> values() {
        return values;
    }

    /** The attributes, or null when the record has none. */
    public Map<String, String> attributes() {
        return attributes;
    }

    /** The categorical event's symbol, or null for an event of values only. */
    public String symbol() {
        return symbol;
    }

    void set(String key, byte[] keyBytes, long eventTime, List<Double> values, Map<String, String> attributes) {
        set(key, keyBytes, eventTime, values, attributes, null);
    }

    void set(String key, byte[] keyBytes, long eventTime, List<Double> values, Map<String, String> attributes,
             String symbol) {
        this.symbol = symbol;
        this.key = key;
        this.keyBytes = keyBytes != null ? keyBytes : key.getBytes(StandardCharsets.UTF_8);
        this.eventTime = eventTime;
        this.values = values;
        this.attributes = attributes;
    }
}
