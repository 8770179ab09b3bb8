package io.seqscore.trainer.source;

import io.seqscore.input.DecodedEvent;
import io.seqscore.input.EventDecoder;
import io.seqscore.input.InputMappingException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A topic record read as an event: a record without a value, that does not decode or map, or whose record key
 * (as the key) is not UTF-8 is a bad input located as {@code topic-partition@offset}.
 */
final class EventRecords {
    private EventRecords() {
    }

    static String where(ConsumerRecord<?, ?> r) {
        return r.topic() + "-" + r.partition() + "@" + r.offset();
    }

    /** The record's event, or null once the record is reported to {@code problems}. */
    static DecodedEvent decode(ConsumerRecord<byte[], byte[]> r, EventDecoder decoder, InputProblems problems) {
        String where = where(r);
        if (r.value() == null) {
            problems.report(where, "record without a value");
            return null;
        }
        DecodedEvent event;
        try {
            event = decoder.decode(r.topic(), r.headers(), r.key(), r.value(), r.timestamp());
        } catch (KafkaException e) {
            problems.report(where, "cannot decode the value: " + e.getMessage());
            return null;
        } catch (InputMappingException e) {
            problems.report(where, e.getMessage());
            return null;
        }
        if (event.keyBytes() == r.key() && !isUtf8(r.key())) {
            problems.report(where, "the key is not UTF-8 text");
            return null;
        }
        return event;
    }

    static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
