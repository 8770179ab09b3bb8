package io.seqscore.input;

import org.apache.kafka.common.header.Headers;

/**
 * Reads a record of the events topic as an event. One decoder serves one thread (a stream task, a
 * reader): it reuses its buffers and the {@link DecodedEvent} it returns.
 *
 * <p>Failures: bytes that are not in the format (not JSON, not a registered Avro record) throw Kafka's
 * {@link org.apache.kafka.common.errors.SerializationException}, with the registry's exception as the
 * cause when the registry was involved; a record that decodes but does not map throws
 * {@link InputMappingException} naming the field.
 */
public interface EventDecoder {
    /**
     * @param topic     the topic the record came from
     * @param headers   the record's headers
     * @param key       the record key, possibly null
     * @param value     the record value, never null
     * @param timestamp the record timestamp (ms), the event time when the mapping names no time field
     */
    DecodedEvent decode(String topic, Headers headers, byte[] key, byte[] value, long timestamp);
}
