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
import org.apache.kafka.common.serialization.Serializer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes Avro records (generated {@link SpecificRecord}s or {@link org.apache.avro.generic.GenericRecord}s)
 * in Confluent's wire format ({@link WireFormat}), byte for byte as Confluent's {@code KafkaAvroSerializer}
 * does. The schema id comes from the registry: registered under the subject when
 * {@code auto.register.schemas} (the default), looked up otherwise, or the subject's latest version
 * with {@code use.latest.version}. Null serializes to null (a tombstone).
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
    private final Map<String, Map<Schema, Plan>> plans = new ConcurrentHashMap<>();
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

        @SuppressWarnings("unchecked")
        Plan(String topic, Schema schema, int id, Projection projection) {
            this.topic = topic;
            this.schema = schema;
            this.id = id;
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
        if (client == null) {
            client = SchemaRegistryClients.fromConfig(config);
        }
        this.isKey = isKey;
        this.strategy = config.subjectNameStrategy(isKey);
        this.autoRegister = config.autoRegister();
        this.useLatest = config.useLatestVersion();
        plans.clear();
        last = null;
    }

    @Override
    public byte[] serialize(String topic, T record) {
        if (record == null) {
            return null;
        }
        Schema schema = record.getSchema();
        Plan plan = last;
        if (plan == null || plan.schema != schema || !plan.topic.equals(topic)) {
            plan = plan(topic, schema);
            last = plan;
        }
        DatumWriter<Object> writer = plan.writerOf(record);
        EncodeBuffer out = EncodeBuffer.acquire();
        out.skip(WireFormat.HEADER_SIZE);
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
        WireFormat.writeHeader(out.array(), 0, plan.id);
        return out.toByteArrayAndRelease();
    }

    private static Object project(DatumWriter<Object> own, Projection projection, Object record) throws IOException {
        ByteArrayOutputStream scratch = new ByteArrayOutputStream();
        BinaryEncoder enc = EncoderFactory.get().directBinaryEncoder(scratch, null);
        own.write(record, enc);
        return projection.reader().read(null, DecoderFactory.get().binaryDecoder(scratch.toByteArray(), null));
    }

    private Plan plan(String topic, Schema schema) {
        Map<Schema, Plan> byTopic = plans.computeIfAbsent(topic, t -> new ConcurrentHashMap<>());
        Plan plan = byTopic.get(schema);
        if (plan == null) {
            plan = newPlan(topic, schema);
            byTopic.put(schema, plan);
        }
        return plan;
    }

    private Plan newPlan(String topic, Schema schema) {
        if (client == null) {
            throw new SerializationException("AvroSerializer used before configure(): no Schema Registry");
        }
        String subject = strategy.subjectName(topic, isKey, schema);
        try {
            if (autoRegister) {
                return new Plan(topic, schema, client.register(subject, schema), null);
            }
            if (!useLatest) {
                return new Plan(topic, schema, client.idOf(subject, schema), null);
            }
            RegisteredSchema latest = client.latest(subject);
            if (latest.schema().equals(schema)) {
                return new Plan(topic, schema, latest.id(), null);
            }
            SchemaCompatibility.SchemaPairCompatibility check =
                    SchemaCompatibility.checkReaderWriterCompatibility(latest.schema(), schema);
            if (check.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
                throw new SerializationException("use.latest.version: the latest schema of subject '" + subject
                        + "' (version " + latest.version() + ", id " + latest.id() + ") cannot represent records of "
                        + schema.getFullName() + ": " + check.getDescription());
            }
            return new Plan(topic, schema, latest.id(), new Projection(
                    new GenericDatumReader<>(schema, latest.schema(), GenericData.get()),
                    new GenericDatumWriter<>(latest.schema(), GenericData.get())));
        } catch (SchemaRegistryException e) {
            throw new SerializationException(registryFailure(subject, schema, e), e);
        }
    }

    private String registryFailure(String subject, Schema schema, SchemaRegistryException e) {
        String what = autoRegister ? "register schema " + schema.getFullName() + " under subject '" + subject + "'"
                : useLatest ? "fetch the latest schema of subject '" + subject + "'"
                : "find schema " + schema.getFullName() + " under subject '" + subject + "' (auto.register.schemas=false)";
        return (e.isTransient() ? "Schema Registry unavailable: could not " : "Schema Registry error: could not ")
                + what + ": " + e.getMessage();
    }
}
