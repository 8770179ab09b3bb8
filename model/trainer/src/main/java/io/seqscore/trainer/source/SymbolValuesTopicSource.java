package io.seqscore.trainer.source;

import io.seqscore.input.DecodedEvent;
import io.seqscore.input.EventDecoder;
import io.seqscore.input.InputFormat;
import io.seqscore.input.InputMapping;
import io.seqscore.trainer.kafka.KafkaSettings;
import io.seqscore.trainer.kafka.TopicSnapshotReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Events that carry a symbol and values from the events topic, for a model of both: every record from the
 * earliest offset to the end offsets found at the start, read as events by an input format, kept when
 * {@code from ≤ eventTime < to}, and given to an {@link EventSink} (its {@code add(key, time, symbol, values)}),
 * as the CSV reader gives the lines of {@code key,timestamp,symbol,value...}. A record without a value or a symbol,
 * whose key is not UTF-8, that does not decode or map, or that the sink refuses (e.g. another number of values
 * than the first event) is a bad input located as {@code topic-partition@offset}.
 */
public final class SymbolValuesTopicSource {
    private static final Logger LOG = LoggerFactory.getLogger(SymbolValuesTopicSource.class);

    private final KafkaSettings settings;
    private final String topic;
    private final long from;
    private final long to;
    private final InputProblems problems;
    private final InputFormat format;
    private final InputMapping mapping;
    private long events;
    private long outside;

    /**
     * What was read.
     *
     * @param records records read
     * @param events  events given to the sink and taken
     * @param outside events outside the time range
     * @param skipped bad records skipped
     */
    public record Result(long records, long events, long outside, long skipped) {
    }

    /**
     * @param from    earliest event time kept (epoch ms, inclusive), or null
     * @param to      end of the event times kept (epoch ms, exclusive), or null
     * @param mapping where the event's parts are (json, avro): its symbol field names the symbol
     */
    public SymbolValuesTopicSource(KafkaSettings settings, String topic, Long from, Long to, BadInputPolicy policy,
                                   InputFormat format, InputMapping mapping) {
        this.settings = settings;
        this.topic = topic;
        this.from = from == null ? Long.MIN_VALUE : from;
        this.to = to == null ? Long.MAX_VALUE : to;
        this.problems = new InputProblems(policy);
        this.format = format;
        this.mapping = mapping;
    }

    public Result read(EventSink sink) {
        EventDecoder decoder = format.decoders(mapping, settings.common()).get();
        long records = TopicSnapshotReader.readAll(settings, topic, "seqscore-trainer-symbol-values",
                r -> accept(r, decoder, sink));
        LOG.info("read {} records from {}: {} events, {} outside the time range, {} bad records skipped", records, topic,
                events, outside, problems.skipped());
        return new Result(records, events, outside, problems.skipped());
    }

    private void accept(ConsumerRecord<byte[], byte[]> r, EventDecoder decoder, EventSink sink) {
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
        List<Double> decoded = event.values();
        double[] values = new double[decoded.size()];
        for (int j = 0; j < values.length; j++) {
            values[j] = decoded.get(j);
        }
        try {
            sink.add(event.key(), time, symbol, values);
            events++;
        } catch (IllegalArgumentException e) {
            problems.report(EventRecords.where(r), e.getMessage());
        }
    }
}
