package io.seqscore.app.dashboard;

import io.seqscore.avro.Score;
import io.seqscore.serde.AvroDeserializer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Reads the scores topic from its beginning with a consumer of its own (no group: every partition
 * assigned, {@code read_committed}) and hands every score to a {@link ScoreBoard}, on one thread. A record
 * that does not decode is logged once and passed over.
 */
public final class ScoreFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ScoreFeed.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration JOIN = Duration.ofSeconds(5);

    private final Map<String, Object> props;
    private final String topic;
    private final ScoreBoard board;
    private final LongSupplier clock;
    private final Thread thread;
    private volatile KafkaConsumer<String, Score> consumer;
    private volatile boolean closed;
    private boolean loggedBadRecord;

    /**
     * @param clientProps bootstrap servers, the Schema Registry URL and any client property (security...)
     */
    public ScoreFeed(Map<String, ?> clientProps, String topic, ScoreBoard board) {
        this(clientProps, topic, board, System::currentTimeMillis);
    }

    ScoreFeed(Map<String, ?> clientProps, String topic, ScoreBoard board, LongSupplier clock) {
        this.props = new HashMap<>(clientProps);
        this.topic = Objects.requireNonNull(topic, "topic");
        this.board = Objects.requireNonNull(board, "board");
        this.clock = clock;
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "seqscore-dashboard-feed");
        props.putIfAbsent(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100");
        this.thread = new Thread(this::run, "seqscore-dashboard-feed");
        thread.setDaemon(true);
    }

    public ScoreFeed start() {
        thread.start();
        return this;
    }

    private void run() {
        AvroDeserializer<Score> values = AvroDeserializer.forClass(Score.class);
        values.configure(props, false);
        try (KafkaConsumer<String, Score> c = new KafkaConsumer<>(props, new StringDeserializer(), values)) {
            consumer = c;
            if (closed) {
                return;
            }
            List<TopicPartition> partitions = partitions(c);
            c.assign(partitions);
            c.seekToBeginning(partitions);
            while (!closed) {
                poll(c);
            }
        } catch (WakeupException e) {
            // closed
        } catch (KafkaException e) {
            if (!closed) {
                LOG.warn("The dashboard stopped reading {}: {}", topic, e.toString());
            }
        }
    }

    private List<TopicPartition> partitions(KafkaConsumer<String, Score> c) {
        while (!closed) {
            List<PartitionInfo> infos = c.partitionsFor(topic, Duration.ofSeconds(10));
            if (infos != null && !infos.isEmpty()) {
                return infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            }
            LOG.info("The dashboard waits for topic {} to exist", topic);
        }
        return List.of();
    }

    private void poll(KafkaConsumer<String, Score> c) {
        try {
            for (ConsumerRecord<String, Score> r : c.poll(POLL)) {
                if (r.key() != null && r.value() != null) {
                    board.accept(r.key(), r.value(), r.timestamp(), clock.getAsLong());
                }
            }
        } catch (RecordDeserializationException e) {
            if (!loggedBadRecord) {
                LOG.warn("The dashboard passes over undecodable scores, the first at {}-{}@{}: {}", e.topicPartition().topic(),
                        e.topicPartition().partition(), e.offset(), e.getMessage());
                loggedBadRecord = true;
            }
            c.seek(e.topicPartition(), e.offset() + 1);
        }
    }

    /** Stops reading and waits for the thread (a few seconds at most). */
    @Override
    public void close() {
        closed = true;
        KafkaConsumer<String, Score> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        try {
            thread.join(JOIN.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
