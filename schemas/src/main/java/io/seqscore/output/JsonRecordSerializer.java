package io.seqscore.output;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Writes an Avro record (a generated class such as {@code Score}, or a generic record) as one UTF-8 JSON
 * object, walking its schema: the fields by name in schema order; a union as its branch's plain value
 * (or {@code null}), not Avro's {@code {"type": value}} wrapping; an enum as its symbol; a
 * {@code timestamp-millis} as a number of epoch milliseconds; arrays and maps as JSON arrays and objects;
 * bytes and fixed as base64 strings; NaN and infinities as the strings {@code "NaN"}, {@code "Infinity"},
 * {@code "-Infinity"}. No registry, no schema id. Null serializes to null. Thread-safe; the output buffer
 * is reused per thread.
 *
 * @param <T> the record type
 */
public final class JsonRecordSerializer<T extends IndexedRecord> implements Serializer<T> {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();
    private static final ThreadLocal<ByteArrayOutputStream> BUFFERS =
            ThreadLocal.withInitial(() -> new ByteArrayOutputStream(512));

    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null;
        }
        ByteArrayOutputStream buffer = BUFFERS.get();
        buffer.reset();
        try (JsonGenerator g = FACTORY.createGenerator(buffer)) {
            record(g, data);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Cannot write " + data.getSchema().getFullName() + " as JSON: " + e, e);
        }
        return buffer.toByteArray();
    }

    private static void record(JsonGenerator g, IndexedRecord r) throws IOException {
        g.writeStartObject();
        List<Schema.Field> fields = r.getSchema().getFields();
        for (int i = 0; i < fields.size(); i++) {
            Schema.Field f = fields.get(i);
            g.writeFieldName(f.name());
            value(g, r.get(f.pos()), f.schema());
        }
        g.writeEndObject();
    }

    private static void value(JsonGenerator g, Object v, Schema s) throws IOException {
        if (v == null) {
            g.writeNull();
            return;
        }
        switch (s.getType()) {
            case UNION -> value(g, v, branch(s, v));
            case RECORD -> record(g, (IndexedRecord) v);
            case ARRAY -> {
                List<?> list = v instanceof List<?> l ? l : List.copyOf((Collection<?>) v);
                g.writeStartArray();
                Schema items = s.getElementType();
                for (int i = 0; i < list.size(); i++) {
                    value(g, list.get(i), items);
                }
                g.writeEndArray();
            }
            case MAP -> {
                g.writeStartObject();
                for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                    g.writeFieldName(e.getKey().toString());
                    value(g, e.getValue(), s.getValueType());
                }
                g.writeEndObject();
            }
            case STRING, ENUM -> g.writeString(v.toString());
            case BOOLEAN -> g.writeBoolean((Boolean) v);
            case INT -> g.writeNumber(((Number) v).intValue());
            case LONG -> g.writeNumber(v instanceof Instant t ? t.toEpochMilli() : ((Number) v).longValue());
            case FLOAT -> g.writeNumber(((Number) v).floatValue());
            case DOUBLE -> g.writeNumber(((Number) v).doubleValue());
            case BYTES -> {
                ByteBuffer b = ((ByteBuffer) v).duplicate();
                byte[] bytes = new byte[b.remaining()];
                b.get(bytes);
                g.writeBinary(bytes);
            }
            case FIXED -> g.writeBinary(((GenericFixed) v).bytes());
            case NULL -> g.writeNull();
        }
    }

    /** The branch of a union that {@code v} (not null) is a value of. */
    private static Schema branch(Schema union, Object v) {
        for (Schema b : union.getTypes()) {
            if (matches(b, v)) {
                return b;
            }
        }
        throw new SerializationException("a " + v.getClass().getName() + " is in no branch of " + union);
    }

    private static boolean matches(Schema s, Object v) {
        return switch (s.getType()) {
            case NULL -> false;
            case BOOLEAN -> v instanceof Boolean;
            case INT -> v instanceof Integer;
            case LONG -> v instanceof Long || v instanceof Instant;
            case FLOAT -> v instanceof Float;
            case DOUBLE -> v instanceof Double;
            case STRING -> v instanceof CharSequence;
            case ENUM -> v instanceof Enum<?> || v instanceof GenericEnumSymbol<?>;
            case BYTES -> v instanceof ByteBuffer;
            case FIXED -> v instanceof GenericFixed;
            case ARRAY -> v instanceof Collection<?>;
            case MAP -> v instanceof Map<?, ?>;
            case RECORD -> v instanceof IndexedRecord r && r.getSchema().getFullName().equals(s.getFullName());
            case UNION -> false;
        };
    }
}
