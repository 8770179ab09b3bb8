package io.seqscore.input;

import io.seqscore.serde.AvroDeserializer;
import io.seqscore.serde.AvroSerdeConfig;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.common.header.Headers;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code avro}: any Avro record in the Confluent wire format, read through the registry under its writer
 * schema as a {@link GenericRecord} (whatever {@code specific.avro.reader} says for the other serdes).
 * Paths go through nested records and maps (by key); unions are their branch's value. A time field of
 * type long with a {@code timestamp-millis}, {@code timestamp-micros} or {@code timestamp-nanos} logical
 * type is read in its own unit, whatever the configured time format.
 */
final class AvroInput implements InputFormat {
    @Override
    public String name() {
        return InputFormats.AVRO;
    }

    @Override
    public boolean needsRegistry() {
        return true;
    }

    @Override
    public Supplier<EventDecoder> decoders(InputMapping mapping, Map<String, ?> serdeConfig) {
        Map<String, Object> generic = new HashMap<>(serdeConfig);
        generic.remove(AvroSerdeConfig.SPECIFIC_AVRO_READER_CONFIG);
        AvroDeserializer<GenericRecord> records = new AvroDeserializer<>();
        records.configure(generic, false);
        return () -> new Decoder(mapping, records);
    }

    private static final class Decoder implements EventDecoder {
        private final MappedFields fields;
        private final AvroDeserializer<GenericRecord> records;
        private final FieldPath[] values;
        private final FieldPath time;
        private final FieldPath key;
        private final FieldPath symbol;
        private final FieldPath[] attributes;
        /** The schema of the last field {@link #find} reached, union resolved. */
        private Schema found;

        Decoder(InputMapping mapping, AvroDeserializer<GenericRecord> records) {
            this.fields = new MappedFields(mapping);
            this.records = records;
            this.values = mapping.values().toArray(new FieldPath[0]);
            this.time = mapping.timeField();
            this.key = mapping.keyField();
            this.symbol = mapping.symbol();
            this.attributes = mapping.attributes().toArray(new FieldPath[0]);
        }

        @Override
        public DecodedEvent decode(String topic, Headers headers, byte[] recordKey, byte[] value, long timestamp) {
            fields.reset();
            GenericRecord record = records.deserialize(topic, headers, value);
            for (int i = 0; i < values.length; i++) {
                Object v = find(record, values[i]);
                if (v != MISSING) {
                    readValues(v, values[i], fields.values(i));
                }
            }
            Object t = find(record, time);
            if (t != MISSING && t != null) {
                time(t);
            }
            Object k = find(record, key);
            if (k != MISSING) {
                key(k);
            }
            if (symbol != null) {
                Object s = find(record, symbol);
                if (s instanceof CharSequence || s instanceof Integer || s instanceof Long
                        || s instanceof GenericData.EnumSymbol) {
                    fields.symbol(s.toString());
                } else if (s != MISSING && s != null) {
                    throw new InputMappingException(MappingProblem.MALFORMED, "symbol field " + symbol
                            + " is not a string or an integer");
                }
            }
            for (FieldPath a : attributes) {
                Object v = find(record, a);
                if (v instanceof CharSequence || v instanceof Number || v instanceof Boolean
                        || v instanceof GenericData.EnumSymbol) {
                    fields.attribute(a.toString(), v.toString());
                }
            }
            return fields.finish(recordKey, timestamp);
        }

        private static final Object MISSING = new Object();

        /** The value at {@code path}, or {@link #MISSING}; sets {@link #found}. */
        private Object find(GenericRecord record, FieldPath path) {
            Object at = record;
            Schema schema = record.getSchema();
            for (int i = 0; i < path.length(); i++) {
                if (at instanceof IndexedRecord r) {
                    Schema.Field f = r.getSchema().getField(path.segment(i));
                    if (f == null) {
                        return MISSING;
                    }
                    at = r.get(f.pos());
                    schema = f.schema();
                } else if (at instanceof Map<?, ?> m) {
                    Object v = m.get(path.utf8Segment(i));
                    if (v == null && !m.containsKey(path.utf8Segment(i))) {
                        v = m.get(path.segment(i));
                        if (v == null && !m.containsKey(path.segment(i))) {
                            return MISSING;
                        }
                    }
                    at = v;
                    schema = schema.getValueType();
                } else {
                    return MISSING;
                }
                if (schema.getType() == Schema.Type.UNION) {
                    schema = schema.getTypes().get(GenericData.get().resolveUnion(schema, at));
                }
            }
            found = schema;
            return at;
        }

        private static void readValues(Object v, FieldPath path, DoubleList into) {
            if (v instanceof Number n) {
                into.add(n.doubleValue());
            } else if (v instanceof List<?> list) {
                for (int j = 0; j < list.size(); j++) {
                    if (!(list.get(j) instanceof Number n)) {
                        throw new InputMappingException(MappingProblem.NOT_A_NUMBER, "values field " + path + "[" + j
                                + "] is " + describe(list.get(j)) + ", not a number");
                    }
                    into.add(n.doubleValue());
                }
            } else {
                throw new InputMappingException(MappingProblem.NOT_A_NUMBER, "values field " + path + " is "
                        + describe(v) + ", not a number or an array of numbers");
            }
        }

        private void time(Object t) {
            TimeFormat format = fields.mapping().timeFormat();
            try {
                if (t instanceof Long l && found.getLogicalType() != null) {
                    fields.time(logical(l, found.getLogicalType(), format));
                } else if (t instanceof Long || t instanceof Integer) {
                    fields.time(format.fromLong(((Number) t).longValue()));
                } else if (t instanceof Float || t instanceof Double) {
                    fields.time(format.fromDouble(((Number) t).doubleValue()));
                } else if (t instanceof CharSequence s) {
                    fields.time(format.fromText(s.toString()));
                } else {
                    throw fields.badTime("it is " + describe(t) + ", not a number or text");
                }
            } catch (IllegalArgumentException e) {
                throw fields.badTime(e.getMessage());
            }
        }

        private static long logical(long v, LogicalType type, TimeFormat format) {
            if (type instanceof LogicalTypes.TimestampMillis) {
                return v;
            }
            if (type instanceof LogicalTypes.TimestampMicros) {
                return Math.floorDiv(v, 1000L);
            }
            if (type instanceof LogicalTypes.TimestampNanos) {
                return Math.floorDiv(v, 1_000_000L);
            }
            return format.fromLong(v);
        }

        private void key(Object k) {
            if (k == null) {
                fields.key(null);
            } else if (k instanceof CharSequence || k instanceof Integer || k instanceof Long) {
                fields.key(k.toString());
            } else {
                throw new InputMappingException(MappingProblem.MALFORMED, "key field " + key + " is " + describe(k)
                        + ", not a string or an integer");
            }
        }

        private static String describe(Object v) {
            if (v == null) {
                return "null";
            }
            if (v instanceof CharSequence) {
                return "a string";
            }
            if (v instanceof Boolean) {
                return "a boolean";
            }
            if (v instanceof IndexedRecord) {
                return "a record";
            }
            if (v instanceof Map) {
                return "a map";
            }
            if (v instanceof List) {
                return "an array";
            }
            return "a " + v.getClass().getSimpleName();
        }
    }
}
