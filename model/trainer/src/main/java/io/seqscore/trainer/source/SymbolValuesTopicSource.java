package io.seqscore.trainer.source;

import io.seqscore.input.DecodedEvent;
import io.seqscore.input.InputFormat;
import io.seqscore.input.InputMapping;
import io.seqscore.trainer.kafka.KafkaSettings;
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

    private final SymbolEventsReader reader;
    private long events;

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
        this.reader = new SymbolEventsReader(settings, topic, from, to, policy, format, mapping);
    }

    public Result read(EventSink sink) {
        long records = reader.read("seqscore-trainer-symbol-values", (r, event, time, symbol) ->
                accept(r, event, time, symbol, sink));
        long skipped = reader.problems().skipped();
        LOG.info("read {} records from {}: {} events, {} outside the time range, {} bad records skipped", records,
                reader.topic(), events, reader.outside(), skipped);
        return new Result(records, events, reader.outside(), skipped);
    }

    private void accept(ConsumerRecord<byte[], byte[]> r, DecodedEvent event, long time, String symbol,
                        EventSink sink) {
        List<Double> decoded = event.values();
        double[] values = new double[decoded.size()];
        for (int j = 0; j < values.length; j++) {
            values[j] = decoded.get(j);
        }
        try {
            sink.add(event.key(), time, symbol, values);
            events++;
        } catch (IllegalArgumentException e) {
            reader.problems().report(EventRecords.where(r), e.getMessage());
        }
    }
}
