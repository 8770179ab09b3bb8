package io.seqscore.trainer.source;

import io.seqscore.input.DecodedEvent;
import io.seqscore.input.EventDecoder;
import io.seqscore.input.InputFormat;
import io.seqscore.input.InputMapping;
import io.seqscore.trainer.kafka.KafkaSettings;
import io.seqscore.trainer.kafka.TopicSnapshotReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The events of the events topic that carry a symbol: every record from the earliest offset to the end offsets
 * found at the start, read as events by an input format ({@link EventRecords#decode}); an event without a symbol
 * is a bad input, one outside {@code from ≤ eventTime < to} is counted and left out, the others go to the handler.
 */
final class SymbolEventsReader {
    /** What a source does with an event that has a symbol and is in the time range. */
    interface Handler {
        void accept(ConsumerRecord<byte[], byte[]> record, DecodedEvent event, long time, String symbol);
    }

    private final KafkaSettings settings;
    private final String topic;
    private final long from;
    private final long to;
    private final InputProblems problems;
    private final InputFormat format;
    private final InputMapping mapping;
    private long outside;

    /**
     * @param from    earliest event time kept (epoch ms, inclusive), or null
     * @param to      end of the event times kept (epoch ms, exclusive), or null
     * @param mapping where the event's parts are (json, avro): its symbol field names the symbol
     */
    SymbolEventsReader(KafkaSettings settings, String topic, Long from, Long to, BadInputPolicy policy,
                       InputFormat format, InputMapping mapping) {
        this.settings = settings;
        this.topic = topic;
        this.from = from == null ? Long.MIN_VALUE : from;
        this.to = to == null ? Long.MAX_VALUE : to;
        this.problems = new InputProblems(policy);
        this.format = format;
        this.mapping = mapping;
    }

    /** Reads the topic once with a consumer of {@code groupId}; the number of records read. */
    long read(String groupId, Handler handler) {
        EventDecoder decoder = format.decoders(mapping, settings.common()).get();
        return TopicSnapshotReader.readAll(settings, topic, groupId, r -> accept(r, decoder, handler));
    }

    private void accept(ConsumerRecord<byte[], byte[]> r, EventDecoder decoder, Handler handler) {
        DecodedEvent event = EventRecords.decode(r, decoder, problems);
        if (event == null) {
            return;
        }
        String symbol = event.symbol();
        if (symbol == null || symbol.isEmpty()) {
            problems.report(EventRecords.where(r), "the event has no symbol");
            return;
        }
        long time = event.eventTime();
        if (time < from || time >= to) {
            outside++;
            return;
        }
        handler.accept(r, event, time, symbol);
    }

    String topic() {
        return topic;
    }

    InputProblems problems() {
        return problems;
    }

    long outside() {
        return outside;
    }
}
