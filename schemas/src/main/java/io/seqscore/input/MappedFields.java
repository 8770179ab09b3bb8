package io.seqscore.input;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a mapped decoder found in one record, field by field, and how it becomes a {@link DecodedEvent}:
 * the values of each values field in the mapping's order, the time field or the record timestamp, the
 * key field or the record key, the attributes. Reused for every record of one decoder.
 */
final class MappedFields {
    private final InputMapping mapping;
    private final DoubleList[] segments;
    private final boolean[] valueSeen;
    private final DoubleList values = new DoubleList();
    private final Map<String, String> attributes;
    private final DecodedEvent out = new DecodedEvent();
    private boolean timeSeen;
    private long time;
    private String key;
    private boolean keyNull;
    private String symbol;

    MappedFields(InputMapping mapping) {
        this.mapping = mapping;
        int n = mapping.values().size();
        this.segments = new DoubleList[n];
        for (int i = 0; i < n; i++) {
            segments[i] = new DoubleList();
        }
        this.valueSeen = new boolean[n];
        this.attributes = mapping.attributes().isEmpty() ? null : new HashMap<>();
    }

    InputMapping mapping() {
        return mapping;
    }

    void reset() {
        for (int i = 0; i < segments.length; i++) {
            segments[i].reset();
            valueSeen[i] = false;
        }
        if (attributes != null) {
            attributes.clear();
        }
        timeSeen = false;
        key = null;
        keyNull = false;
        symbol = null;
    }

    /** The buffer of values field {@code i}, emptied and marked as found. */
    DoubleList values(int i) {
        valueSeen[i] = true;
        segments[i].reset();
        return segments[i];
    }

    void time(long t) {
        timeSeen = true;
        time = t;
    }

    /** The key field's text, or null for a key field holding null. */
    void key(String k) {
        key = k;
        keyNull = k == null;
    }

    /** The symbol field's text (null for a symbol field holding null). */
    void symbol(String s) {
        symbol = s == null || s.isEmpty() ? null : s;
    }

    void attribute(String name, String value) {
        attributes.put(name, value);
    }

    DecodedEvent finish(byte[] recordKey, long timestamp) {
        List<FieldPath> paths = mapping.values();
        values.reset();
        for (int i = 0; i < segments.length; i++) {
            if (!valueSeen[i] && symbol == null) {
                throw new InputMappingException(MappingProblem.FIELD_MISSING, "no values field " + paths.get(i));
            }
            values.addAll(segments[i]);
        }
        if (values.isEmpty() && symbol == null) {
            throw new InputMappingException(MappingProblem.MALFORMED, "no values: " + (paths.size() == 1
                    ? "the field " + paths.get(0) + " is" : "the fields " + paths + " are") + " empty");
        }
        long eventTime;
        if (timeSeen) {
            eventTime = time;
        } else if (mapping.time() != null) {
            throw new InputMappingException(MappingProblem.FIELD_MISSING, "no time field " + mapping.time());
        } else if (timestamp < 0) {
            throw new InputMappingException(MappingProblem.BAD_TIME, "no field " + InputMapping.DEFAULT_TIME
                    + " and the record has no timestamp");
        } else {
            eventTime = timestamp;
        }
        if (key != null) {
            out.set(key, null, eventTime, values, attributes, symbol);
        } else if (mapping.key() != null) {
            throw keyNull ? new InputMappingException(MappingProblem.NULL_KEY, "the key field " + mapping.key() + " is null")
                    : new InputMappingException(MappingProblem.FIELD_MISSING, "no key field " + mapping.key());
        } else if (recordKey == null) {
            throw new InputMappingException(MappingProblem.NULL_KEY, "record has no key (the series id) and no field "
                    + InputMapping.DEFAULT_KEY);
        } else {
            out.set(new String(recordKey, StandardCharsets.UTF_8), recordKey, eventTime, values, attributes, symbol);
        }
        return out;
    }

    /** A time field's value that did not parse. */
    InputMappingException badTime(String why) {
        return new InputMappingException(MappingProblem.BAD_TIME, "time field " + mapping.timeField() + ": " + why);
    }
}
