package io.seqscore.serde;

import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.serialization.Serdes;

/** Kafka Streams serde of {@link GenericRecord}s in Confluent's wire format. */
public class GenericAvroSerde extends Serdes.WrapperSerde<GenericRecord> {

    public GenericAvroSerde() {
        super(new AvroSerializer<>(), new AvroDeserializer<>());
    }

    /** With a registry client of the caller's. */
    public GenericAvroSerde(SchemaRegistryClient client) {
        super(new AvroSerializer<>(client), new AvroDeserializer<>(client));
    }
}
