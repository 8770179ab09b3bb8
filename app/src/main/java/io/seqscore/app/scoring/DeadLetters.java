package io.seqscore.app.scoring;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Builds dead-letter records: the original key and value bytes, the original headers, and headers that
 * say why, named as Kafka Streams' own dead-letter records name them ({@code __streams.errors.*},
 * UTF-8 strings) plus {@code seqscore.dlq.reason} (a {@link DlqReason}) and, for CORRUPT_STATE,
 * {@code seqscore.dlq.state} with the undecodable state bytes.
 */
public final class DeadLetters {
    public static final String REASON = "seqscore.dlq.reason";
    public static final String STATE = "seqscore.dlq.state";
    public static final String EXCEPTION = "__streams.errors.exception";
    public static final String MESSAGE = "__streams.errors.message";
    public static final String TOPIC = "__streams.errors.topic";
    public static final String PARTITION = "__streams.errors.partition";
    public static final String OFFSET = "__streams.errors.offset";

    private DeadLetters() {
    }

    /**
     * @param source     the record as read from the events topic (raw bytes)
     * @param metadata   where it was read from, when known
     * @param stateBytes the undecodable state (CORRUPT_STATE only), else null
     */
    public static Record<Object, Object> record(Record<byte[], byte[]> source, Optional<RecordMetadata> metadata,
                                                DlqReason reason, Throwable cause, byte[] stateBytes) {
        Headers headers = new RecordHeaders(source.headers().toArray());
        headers.add(REASON, utf8(reason.name()));
        headers.add(EXCEPTION, utf8(cause.getClass().getName()));
        headers.add(MESSAGE, utf8(String.valueOf(cause.getMessage())));
        if (metadata.isPresent()) {
            RecordMetadata m = metadata.get();
            headers.add(TOPIC, utf8(m.topic()));
            headers.add(PARTITION, utf8(Integer.toString(m.partition())));
            headers.add(OFFSET, utf8(Long.toString(m.offset())));
        }
        if (stateBytes != null) {
            headers.add(STATE, stateBytes);
        }
        return new Record<>(source.key(), source.value(), source.timestamp(), headers);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
