package io.seqscore.serde;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Reads Confluent-framed Avro values ({@link WireFormat}), and Confluent 8's header form: when the record
 * has a {@code __value_schema_id} (or {@code __key_schema_id}) header, its last one gives the schema id or
 * GUID and the whole value is the Avro body ({@link HeaderSchemaIds}; what Confluent's default
 * {@code DualSchemaIdDeserializer} does). The writer schema comes from the registry by that id and is resolved against the reader schema, so values written with an older (or
 * newer, compatible) schema version are read into the current class. The reader schema is, in this
 * order: the generated class given to {@link #forClass}; with {@code specific.avro.reader=true}, the
 * generated class the writer schema names; with {@code use.latest.version}, the subject's latest schema
 * (as GenericRecord); otherwise the writer schema itself (as GenericRecord). Null reads as null.
 *
 * <p>Every failure is a {@link SerializationException} that says which: a value shorter than the
 * header, a wrong magic byte, a schema-id header of unknown format or length, an unknown schema id or GUID, an unreachable registry, a body shorter than its
 * schema needs or with bytes left over, a body that does not decode under its schema, or a writer
 * schema the reader schema cannot read. The registry's exception, when there is one, is the cause
 * ({@link SchemaRegistryException#isTransient()} tells an outage from a bad record).
 *
 * <p>The reader for a schema id is built once and cached; reading a value then allocates only what
 * Avro builds for the record. Thread-safe.
 *
 * @param <T> the record type: a generated class, or {@link org.apache.avro.generic.GenericRecord}
 */
public class AvroDeserializer<T extends IndexedRecord> implements Deserializer<T> {
    static {
        AvroTrust.trustContracts();
    }

    private static final ThreadLocal<BinaryDecoder> DECODERS = new ThreadLocal<>();

    private SchemaRegistryClient client;
    private final Schema fixedReader;
    private final boolean forceSpecific;
    private boolean specific;
    private boolean useLatest;
    private boolean isKey;
    private SubjectNameStrategy strategy = new TopicNameStrategy();
    private String headerName = HeaderSchemaIds.VALUE_HEADER;
    private final PlanCache<Integer, Plan> plans = new PlanCache<>(this::newPlan);
    private final PlanCache<UUID, Plan> guidPlans = new PlanCache<>(this::newGuidPlan);
    private Plan last;
    private Plan lastByGuid;

    /** How values of one writer schema (by id or by GUID, on one topic) are read; immutable. */
    private static final class Plan {
        final String topic;
        final int id;
        final long guidMsb;
        final long guidLsb;
        /** "schema id 7" or "schema GUID …", for messages. */
        final String idText;
        final Schema writer;
        final DatumReader<Object> reader;
        final String error;

        Plan(String topic, int id, UUID guid, Schema writer, DatumReader<Object> reader, String error) {
            this.topic = topic;
            this.id = id;
            this.guidMsb = guid == null ? 0 : guid.getMostSignificantBits();
            this.guidLsb = guid == null ? 0 : guid.getLeastSignificantBits();
            this.idText = guid == null ? "schema id " + id : "schema GUID " + guid;
            this.writer = writer;
            this.reader = reader;
            this.error = error;
        }
    }

    /** For Kafka's reflective construction: generic unless {@code specific.avro.reader=true}. */
    public AvroDeserializer() {
        this(null, null, false);
    }

    /** With a registry client of the caller's; generic unless {@code specific.avro.reader=true}. */
    public AvroDeserializer(SchemaRegistryClient client) {
        this(client, null, false);
    }

    AvroDeserializer(SchemaRegistryClient client, Schema fixedReader, boolean forceSpecific) {
        this.client = client;
        this.fixedReader = fixedReader;
        this.forceSpecific = forceSpecific;
        this.specific = forceSpecific || fixedReader != null;
    }

    /** Reads every value into {@code type}, whatever the writer schema's version. */
    public static <T extends SpecificRecord> AvroDeserializer<T> forClass(Class<T> type) {
        return new AvroDeserializer<>(null, SpecificData.get().getSchema(type), true);
    }

    /** Reads every value into {@code type}, with a registry client of the caller's. */
    public static <T extends SpecificRecord> AvroDeserializer<T> forClass(Class<T> type, SchemaRegistryClient client) {
        return new AvroDeserializer<>(client, SpecificData.get().getSchema(type), true);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        AvroSerdeConfig config = new AvroSerdeConfig(configs);
        client = SchemaRegistryClients.orFromConfig(client, config);
        this.isKey = isKey;
        this.specific = forceSpecific || fixedReader != null || config.specificReader();
        this.useLatest = config.useLatestVersion();
        this.strategy = config.subjectNameStrategy(isKey);
        this.headerName = HeaderSchemaIds.headerName(isKey);
        plans.clear();
        guidPlans.clear();
        last = null;
        lastByGuid = null;
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        return data == null ? null : read(topic, null, data, 0, data.length);
    }

    @Override
    public T deserialize(String topic, Headers headers, byte[] data) {
        return data == null ? null : read(topic, headers, data, 0, data.length);
    }

    @Override
    public T deserialize(String topic, Headers headers, ByteBuffer data) {
        if (data == null) {
            return null;
        }
        if (data.hasArray()) {
            return read(topic, headers, data.array(), data.arrayOffset() + data.position(), data.remaining());
        }
        byte[] copy = new byte[data.remaining()];
        data.duplicate().get(copy);
        return read(topic, headers, copy, 0, copy.length);
    }

    @SuppressWarnings("unchecked")
    private T read(String topic, Headers headers, byte[] data, int offset, int length) {
        String t = topic == null ? "" : topic;
        Header idHeader = headers == null ? null : headers.lastHeader(headerName);
        byte[] headerValue = idHeader == null ? null : idHeader.value();
        Plan plan;
        int bodyOffset = offset;
        int bodyLength = length;
        if (headerValue != null) {
            plan = planOfHeader(t, headerValue);
        } else {
            int id = WireFormat.schemaId(data, offset, length);
            plan = last;
            if (plan == null || plan.id != id || !plan.topic.equals(t)) {
                plan = plans.get(t, id);
                last = plan;
            }
            bodyOffset += WireFormat.HEADER_SIZE;
            bodyLength -= WireFormat.HEADER_SIZE;
        }
        if (plan.error != null) {
            throw new SerializationException(plan.error);
        }
        BinaryDecoder reuse = DECODERS.get();
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(data, bodyOffset, bodyLength, reuse);
        if (decoder != reuse) {
            DECODERS.set(decoder);
        }
        Object record;
        try {
            record = plan.reader.read(null, decoder);
            if (!decoder.isEnd()) {
                throw new SerializationException("Body does not match writer " + plan.idText + " ("
                        + plan.writer.getFullName() + "): bytes are left over after the record");
            }
        } catch (EOFException e) {
            throw new SerializationException("Truncated body: the value ends before its " + plan.writer.getFullName()
                    + " (writer " + plan.idText + ") does: " + e.getMessage(), e);
        } catch (SerializationException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Body does not match writer " + plan.idText + " ("
                    + plan.writer.getFullName() + "): " + e, e);
        }
        return (T) record;
    }

    /** The plan of the schema a {@link HeaderSchemaIds} header names: by id, or by GUID without allocating on a hit. */
    private Plan planOfHeader(String topic, byte[] value) {
        if (HeaderSchemaIds.format(value, headerName) == HeaderSchemaIds.ID_FORMAT) {
            int id = HeaderSchemaIds.id(value);
            Plan plan = last;
            if (plan == null || plan.id != id || !plan.topic.equals(topic)) {
                plan = plans.get(topic, id);
                last = plan;
            }
            return plan;
        }
        long msb = HeaderSchemaIds.guidMostSignificant(value);
        long lsb = HeaderSchemaIds.guidLeastSignificant(value);
        Plan plan = lastByGuid;
        if (plan != null && plan.guidMsb == msb && plan.guidLsb == lsb && plan.topic.equals(topic)) {
            return plan;
        }
        plan = guidPlans.get(topic, new UUID(msb, lsb));
        lastByGuid = plan;
        return plan;
    }

    private Plan newGuidPlan(String topic, UUID guid) {
        return newPlan(topic, -1, guid, writer(() -> client().schemaByGuid(guid), "schema GUID " + guid));
    }

    private SchemaRegistryClient client() {
        if (client == null) {
            throw new SerializationException("AvroDeserializer used before configure(): no Schema Registry");
        }
        return client;
    }

    private Plan newPlan(String topic, int id) {
        return newPlan(topic, id, null, writer(() -> client().schemaById(id), "schema id " + id));
    }

    /** The writer schema {@code fetch} gets from the registry; a failure names {@code what} ("schema id 7"). */
    private static Schema writer(Supplier<Schema> fetch, String what) {
        try {
            return fetch.get();
        } catch (SchemaRegistryException e) {
            String reason = e.isNotFound() ? "Unknown " + what + " (not in the Schema Registry)"
                    : e.isTransient() ? "Schema Registry unavailable while fetching " + what
                    : "Schema Registry error while fetching " + what;
            throw new SerializationException(reason + ": " + e.getMessage(), e);
        }
    }

    private Plan newPlan(String topic, int id, UUID guid, Schema writer) {
        String idText = guid == null ? "schema id " + id : "schema GUID " + guid;
        Schema reader;
        if (fixedReader != null) {
            reader = fixedReader;
        } else if (specific) {
            Class<?> generated;
            try {
                generated = SpecificData.get().getClass(writer);
            } catch (RuntimeException e) {
                return new Plan(topic, id, guid, writer, null, "Avro cannot use the generated class of "
                        + writer.getFullName() + " (writer " + idText + "): " + e.getMessage()
                        + "; trust its package with -Dorg.apache.avro.SERIALIZABLE_PACKAGES");
            }
            if (generated == null || !SpecificRecord.class.isAssignableFrom(generated)) {
                return new Plan(topic, id, guid, writer, null, "specific.avro.reader=true but no generated class "
                        + writer.getFullName() + " (writer " + idText + ") is on the classpath");
            }
            reader = SpecificData.get().getSchema(generated);
        } else if (useLatest) {
            String subject = strategy.subjectName(topic, isKey, writer);
            try {
                reader = client().latest(subject).schema();
            } catch (SchemaRegistryException e) {
                throw new SerializationException("use.latest.version: could not fetch the latest schema of subject '"
                        + subject + "': " + e.getMessage(), e);
            }
        } else {
            reader = writer;
        }
        if (reader != writer) {
            SchemaCompatibility.SchemaPairCompatibility check =
                    SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
            if (check.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
                return new Plan(topic, id, guid, writer, null, "Writer " + idText + " (" + writer.getFullName()
                        + ") cannot be read as " + reader.getFullName() + ": " + check.getDescription());
            }
        }
        DatumReader<Object> datumReader = specific
                ? new SpecificDatumReader<>(writer, reader)
                : new GenericDatumReader<>(writer, reader, GenericData.get());
        return new Plan(topic, id, guid, writer, datumReader, null);
    }
}
