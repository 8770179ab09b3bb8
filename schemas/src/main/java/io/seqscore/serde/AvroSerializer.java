package io.seqscore.serde;

import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;

/**
 * Writes Avro records (generated {@link SpecificRecord}s or {@link org.apache.avro.generic.GenericRecord}s)
 * in Confluent's wire format ({@link WireFormat}), byte for byte as Confluent's {@code KafkaAvroSerializer}
 * does. The schema id comes from the registry: registered under the subject when
 * {@code auto.register.schemas} (the default), looked up otherwise, or the subject's latest version
 * with {@code use.latest.version}. Null serializes to null (a tombstone).
 *
 * <p>With {@code value.schema.id.serializer} (or {@code key.…}) set to Confluent's
 * {@code HeaderSchemaIdSerializer}, the id goes into the record header {@code __value_schema_id} (or
 * {@code __key_schema_id}) as the schema's GUID and the body is not prefixed, as Confluent 8 writes it
 * ({@link HeaderSchemaIds}); that needs the {@code Headers} that Kafka's producer and Streams pass. In either
 * form, a schema-id header of the same name already on the record (copied from the record it was made
 * from, as Kafka Streams does) is removed: it describes another value, and a reader would take it first.
 *
 * <p>Per (topic, schema) the id and the datum writer are resolved once and cached; a record then
 * costs its encoding into a per-thread buffer and one copy into the returned array. Thread-safe.
 *
 * @param <T> the record type
 */
public class AvroSerializer<T extends IndexedRecord> implements Serializer<T> {
    static {
        AvroTrust.trustContracts();
    }

    private SchemaRegistryClient client;
    private SubjectNameStrategy strategy = new TopicNameStrategy();
    private boolean isKey;
    private boolean autoRegister = true;
    private boolean useLatest;
    private boolean headerIds;
    private String headerName = HeaderSchemaIds.VALUE_HEADER;
    private final PlanCache<Schema, Plan> plans = new PlanCache<>(this::newPlan);
    private Plan last;

    /** What writing records of one schema to one topic needs; immutable. */
    private static final class Plan {
        final String topic;
        final Schema schema;
        final int id;
        final DatumWriter<Object> specificWriter;
        final String specificError;
        final DatumWriter<Object> genericWriter;
        final Projection projection;
        /** The header value with the schema's GUID, when ids go in a header; null for the prefix. */
        final byte[] guidHeader;

        @SuppressWarnings("unchecked")
        Plan(String topic, Schema schema, int id, Projection projection, byte[] guidHeader) {
            this.topic = topic;
            this.schema = schema;
            this.id = id;
            this.guidHeader = guidHeader;
            DatumWriter<Object> specificWriter = null;
            String specificError = null;
            try {
                specificWriter = (DatumWriter<Object>) (DatumWriter<?>) new SpecificDatumWriter<>(schema);
            } catch (RuntimeException e) {
                specificError = "Avro cannot use the generated class of " + schema.getFullName() + " (" + e.getMessage()
                        + "); trust its package with -Dorg.apache.avro.SERIALIZABLE_PACKAGES";
            }
            this.specificWriter = specificWriter;
            this.specificError = specificError;
            this.genericWriter = new GenericDatumWriter<>(schema, GenericData.get());
            this.projection = projection;
        }

        /** Generated classes carry logical-type conversions (Instant for timestamp-millis); generic records do not. */
        DatumWriter<Object> writerOf(IndexedRecord record) {
            if (!(record instanceof SpecificRecord)) {
                return genericWriter;
            }
            if (specificWriter == null) {
                throw new SerializationException(specificError);
            }
            return specificWriter;
        }
    }

    /** With use.latest.version: converts a record of its own schema to the subject's latest schema. */
    private record Projection(DatumReader<Object> reader, DatumWriter<Object> writer) {
    }

    /** For Kafka's reflective construction; {@link #configure} supplies the registry. */
    public AvroSerializer() {
    }

    /** With a registry client of the caller's (e.g. a {@link MockSchemaRegistry}); {@link #configure} still reads the other settings. */
    public AvroSerializer(SchemaRegistryClient client) {
        this.client = client;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        AvroSerdeConfig config = new AvroSerdeConfig(configs);
        client = SchemaRegistryClients.orFromConfig(client, config);
        this.isKey = isKey;
        this.strategy = config.subjectNameStrategy(isKey);
        this.autoRegister = config.autoRegister();
        this.useLatest = config.useLatestVersion();
        this.headerIds = config.headerSchemaIds(isKey);
        this.headerName = HeaderSchemaIds.headerName(isKey);
        plans.clear();
        last = null;
    }

    @Override
    public byte[] serialize(String topic, T record) {
        return serialize(topic, null, record);
    }

    @Override
    public byte[] serialize(String topic, Headers headers, T record) {
        if (record == null) {
            return null;
        }
        Schema schema = record.getSchema();
        Plan plan = last;
        if (plan == null || plan.schema != schema || !plan.topic.equals(topic)) {
            plan = plans.get(topic, schema);
            last = plan;
        }
        if (headers != null && headers.lastHeader(headerName) != null) {
            try {
                headers.remove(headerName);
            } catch (IllegalStateException readOnly) {
                throw new SerializationException("Cannot replace the " + headerName + " header the record carries:"
                        + " its headers are read-only (a record sent before?)");
            }
        }
        if (plan.guidHeader == null) {
            return encode(plan, record, WireFormat.HEADER_SIZE);
        }
        if (headers == null) {
            throw new SerializationException((isKey ? AvroSerdeConfig.KEY_SCHEMA_ID_SERIALIZER_CONFIG
                    : AvroSerdeConfig.VALUE_SCHEMA_ID_SERIALIZER_CONFIG) + "=HeaderSchemaIdSerializer puts the schema id"
                    + " in the record's " + headerName + " header, but this call passed no headers");
        }
        byte[] body = encode(plan, record, 0);
        headers.add(headerName, plan.guidHeader.clone());
        return body;
    }

    /** The Avro body after {@code prefix} bytes, filled with the wire-format prefix when there are any. */
    private byte[] encode(Plan plan, T record, int prefix) {
        Schema schema = plan.schema;
        String topic = plan.topic;
        DatumWriter<Object> writer = plan.writerOf(record);
        EncodeBuffer out = EncodeBuffer.acquire();
        out.skip(prefix);
        try {
            if (plan.projection == null) {
                writer.write(record, out.encoder());
            } else {
                plan.projection.writer().write(project(writer, plan.projection, record), out.encoder());
            }
        } catch (IOException | AvroRuntimeException | NullPointerException | ClassCastException
                 | IndexOutOfBoundsException e) {
            out.toByteArrayAndRelease();
            throw new SerializationException("Cannot serialize a " + schema.getFullName() + " for topic " + topic
                    + ": the record does not match its schema: " + e, e);
        }
        if (prefix > 0) {
            WireFormat.writeHeader(out.array(), 0, plan.id);
        }
        return out.toByteArrayAndRelease();
    }

    private static Object project(DatumWriter<Object> own, Projection projection, Object record) throws IOException {
        ByteArrayOutputStream scratch = new ByteArrayOutputStream();
        BinaryEncoder enc = EncoderFactory.get().directBinaryEncoder(scratch, null);
        own.write(record, enc);
        return projection.reader().read(null, DecoderFactory.get().binaryDecoder(scratch.toByteArray(), null));
    }

    private Plan newPlan(String topic, Schema schema) {
        if (client == null) {
            throw new SerializationException("AvroSerializer used before configure(): no Schema Registry");
        }
        String subject = strategy.subjectName(topic, isKey, schema);
        int id;
        Projection projection = null;
        try {
            if (autoRegister) {
                id = client.register(subject, schema);
            } else if (!useLatest) {
                id = client.idOf(subject, schema);
            } else {
                RegisteredSchema latest = client.latest(subject);
                id = latest.id();
                if (!latest.schema().equals(schema)) {
                    SchemaCompatibility.SchemaPairCompatibility check =
                            SchemaCompatibility.checkReaderWriterCompatibility(latest.schema(), schema);
                    if (check.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
                        throw new SerializationException("use.latest.version: the latest schema of subject '" + subject
                                + "' (version " + latest.version() + ", id " + latest.id() + ") cannot represent records of "
                                + schema.getFullName() + ": " + check.getDescription());
                    }
                    projection = new Projection(
                            new GenericDatumReader<>(schema, latest.schema(), GenericData.get()),
                            new GenericDatumWriter<>(latest.schema(), GenericData.get()));
                }
            }
        } catch (SchemaRegistryException e) {
            throw new SerializationException(registryFailure(subject, schema, e), e);
        }
        byte[] guidHeader = null;
        if (headerIds) {
            try {
                guidHeader = HeaderSchemaIds.guidHeader(client.guidOf(id));
            } catch (SchemaRegistryException e) {
                throw new SerializationException((e.isTransient() ? "Schema Registry unavailable" : "Schema Registry error")
                        + ": could not find the GUID of schema id " + id + " for the " + headerName + " header: "
                        + e.getMessage(), e);
            }
        }
        return new Plan(topic, schema, id, projection, guidHeader);
    }

    private String registryFailure(String subject, Schema schema, SchemaRegistryException e) {
        String what = autoRegister ? "register schema " + schema.getFullName() + " under subject '" + subject + "'"
                : useLatest ? "fetch the latest schema of subject '" + subject + "'"
                : "find schema " + schema.getFullName() + " under subject '" + subject + "' (auto.register.schemas=false)";
        return (e.isTransient() ? "Schema Registry unavailable: could not " : "Schema Registry error: could not ")
                + what + ": " + e.getMessage();
    }
}
