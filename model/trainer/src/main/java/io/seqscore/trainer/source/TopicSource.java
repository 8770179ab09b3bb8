package io.seqscore.trainer.source;

import io.seqscore.avro.Event;
import io.seqscore.serde.AvroDeserializer;
import io.seqscore.trainer.kafka.KafkaSettings;
import io.seqscore.trainer.kafka.TopicSnapshotReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * History from the events topic: every record from the earliest offset to the end offsets found at the
 * start, values read as {@link Event} through the registry, kept when {@code from ≤ eventTime < to}.
 * A record without a key, without a value, with a key that is not UTF-8, that does not decode, or whose
 * value count differs from the first event's is a bad input located as {@code topic-partition@offset}.
 */
public final class TopicSource {
    private static final Logger LOG = LoggerFactory.getLogger(TopicSource.class);

    private final KafkaSettings settings;
    private final String topic;
    private final Long from;
    private final Long to;
    private final InputProblems problems;

    /**
     * @param from earliest event time kept (epoch ms, inclusive), or null
     * @param to   end of the event times kept (epoch ms, exclusive), or null
     */
    public TopicSource(KafkaSettings settings, String topic, Long from, Long to, BadInputPolicy policy) {
        this.settings = settings;
        this.topic = topic;
        this.from = from;
        this.to = to;
        this.problems = new InputProblems(policy);
    }

    public SourceResult read() {
        History history = new History(from, to);
        long records;
        try (AvroDeserializer<Event> deserializer = AvroDeserializer.forClass(Event.class)) {
            deserializer.configure(settings.common(), false);
            records = TopicSnapshotReader.readAll(settings, topic, "seqscore-trainer-history",
                    r -> accept(r, deserializer, history));
        }
        if (records == 0) {
            LOG.warn("topic {} holds no record (or does not exist)", topic);
        }
        LOG.info("read {} records from {}: {} events of {} keys kept, {} outside the time range, {} dropped for NaN"
                + " values, {} bad records skipped", records, topic, history.accepted(), history.keyCount(), history.outside(),
                history.nonFinite(), problems.skipped());
        return new SourceResult(history, "topic:" + topic, problems.skipped());
    }

    private void accept(ConsumerRecord<byte[], byte[]> r, AvroDeserializer<Event> deserializer, History history) {
        String where = r.topic() + "-" + r.partition() + "@" + r.offset();
        if (r.key() == null) {
            problems.report(where, "record without a key (the key is the series id)");
            return;
        }
        if (r.value() == null) {
            problems.report(where, "record without a value");
            return;
        }
        String key;
        try {
            key = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(r.key())).toString();
        } catch (CharacterCodingException e) {
            problems.report(where, "the key is not UTF-8 text");
            return;
        }
        Event event;
        try {
            event = deserializer.deserialize(r.topic(), r.value());
        } catch (KafkaException e) {
            problems.report(where, "cannot decode the value: " + e.getMessage());
            return;
        }
        List<Double> values = event.getValues();
        double[] x = new double[values.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = values.get(i);
        }
        try {
            history.add(key, event.getEventTime().toEpochMilli(), x);
        } catch (IllegalArgumentException e) {
            problems.report(where, e.getMessage());
        }
    }
}
