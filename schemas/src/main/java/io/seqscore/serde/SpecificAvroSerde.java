package io.seqscore.serde;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Kafka Streams serde of a generated Avro class in Confluent's wire format. Configure it with the
 * same properties as the serializer and deserializer ({@code schema.registry.url} at least).
 *
 * @param <T> the generated class
 */
public class SpecificAvroSerde<T extends SpecificRecord> extends Serdes.WrapperSerde<T> {

    /** Reads into the generated class the writer schema names (for {@code default.value.serde}). */
    public SpecificAvroSerde() {
        super(new AvroSerializer<>(), new AvroDeserializer<>(null, null, true));
    }

    /** Reads every value into {@code type}. */
    public SpecificAvroSerde(Class<T> type) {
        super(new AvroSerializer<>(), AvroDeserializer.forClass(type));
    }

    /** Reads every value into {@code type}, with a registry client of the caller's. */
    public SpecificAvroSerde(Class<T> type, SchemaRegistryClient client) {
        super(new AvroSerializer<>(client), AvroDeserializer.forClass(type, client));
    }
}
