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
import java.util.Map;

/**
 * History from the events topic: every record from the earliest offset to the end offsets found at the
 * start, read as events by an input format ({@code event}: seqscore's Avro Event through the registry;
 * {@code json}, {@code avro}: by the field mapping, as the scorer reads them), kept when
 * {@code from ≤ eventTime < to}. A record without a value, without a series id, with a record key (as the
 * series id) that is not UTF-8, that does not decode or map, or whose value count differs from the key's
 * first event's is a bad input located as {@code topic-partition@offset}.
 */
public final class TopicSource {
    private static final Logger LOG = LoggerFactory.getLogger(TopicSource.class);

    private final KafkaSettings settings;
    private final String topic;
    private final Long from;
    private final Long to;
    private final InputProblems problems;
    private final InputFormat format;
    private final InputMapping mapping;

    /**
     * @param from    earliest event time kept (epoch ms, inclusive), or null
     * @param to      end of the event times kept (epoch ms, exclusive), or null
     * @param format  how the records read
     * @param mapping where the event's parts are (json, avro)
     */
    public TopicSource(KafkaSettings settings, String topic, Long from, Long to, BadInputPolicy policy,
                       InputFormat format, InputMapping mapping) {
        this.settings = settings;
        this.topic = topic;
        this.from = from;
        this.to = to;
        this.problems = new InputProblems(policy);
        this.format = format;
        this.mapping = mapping;
    }

    public SourceResult read() {
        History history = new History(from, to);
        Map<String, Object> serdeConfig = settings.common();
        EventDecoder decoder = format.decoders(mapping, serdeConfig).get();
        long records = TopicSnapshotReader.readAll(settings, topic, "seqscore-trainer-history",
                r -> accept(r, decoder, history));
        if (records == 0) {
            LOG.warn("topic {} holds no record (or does not exist)", topic);
        }
        LOG.info("read {} records from {}: {} events of {} keys kept, {} outside the time range, {} dropped for NaN"
                + " values, {} bad records skipped", records, topic, history.accepted(), history.keyCount(), history.outside(),
                history.nonFinite(), problems.skipped());
        return new SourceResult(history, "topic:" + topic, problems.skipped());
    }

    private void accept(ConsumerRecord<byte[], byte[]> r, EventDecoder decoder, History history) {
        DecodedEvent event = EventRecords.decode(r, decoder, problems);
        if (event == null) {
            return;
        }
        List<Double> values = event.values();
        double[] x = new double[values.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = values.get(i);
        }
        try {
            history.add(event.key(), event.eventTime(), x);
        } catch (IllegalArgumentException e) {
            problems.report(EventRecords.where(r), e.getMessage());
        }
    }
}
