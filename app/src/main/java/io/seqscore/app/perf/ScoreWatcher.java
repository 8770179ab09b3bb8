package io.seqscore.app.perf;

import io.seqscore.avro.Score;
import io.seqscore.serde.AvroDeserializer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Reads the scores topic from its end on a thread of its own (read_committed) and notes, by the broker's
 * append time of each score (the topic's LogAppendTime): for the events {@code from} … {@code from + count − 1}
 * of the paced stream, when their score was appended; for each model version, when its first score was.
 */
final class ScoreWatcher implements AutoCloseable {
    private final KafkaConsumer<String, Score> consumer;
    private final long from;
    private final AtomicLongArray scoreAppend;
    private final Map<Long, Long> firstOfVersion = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile RuntimeException failure;

    ScoreWatcher(Map<String, Object> clientProps, String topic, int partitions, long from, int count) {
        this.from = from;
        this.scoreAppend = new AtomicLongArray(count);
        for (int i = 0; i < count; i++) {
            scoreAppend.set(i, -1L);
        }
        Map<String, Object> props = new HashMap<>(clientProps);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "seqscore-perf-score-watcher");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        AvroDeserializer<Score> scores = AvroDeserializer.forClass(Score.class);
        scores.configure(clientProps, false);
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), scores);
        List<TopicPartition> tps = new java.util.ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            tps.add(new TopicPartition(topic, p));
        }
        consumer.assign(tps);
        consumer.seekToEnd(tps);
        tps.forEach(consumer::position);
        thread = new Thread(this::run, "seqscore-perf-score-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<String, Score> r : consumer.poll(Duration.ofMillis(50))) {
                    Score s = r.value();
                    long i = Workload.seq(s.getEventTime().toEpochMilli()) - from;
                    if (i >= 0 && i < scoreAppend.length() && scoreAppend.get((int) i) < 0) {
                        scoreAppend.set((int) i, r.timestamp());
                    }
                    if (s.getModelVersion() != null) {
                        firstOfVersion.putIfAbsent(s.getModelVersion(), r.timestamp());
                    }
                }
            }
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Waits until the scores of events {@code from} … {@code from + upTo − 1} have all been read, at most {@code timeout}. */
    boolean awaitScores(int upTo, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (failure != null) {
                throw failure;
            }
            if (countUpTo(upTo) == upTo) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }

    /** Waits until a score of {@code version} has been read, at most {@code timeout}. */
    boolean awaitVersion(long version, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (failure != null) {
                throw failure;
            }
            if (firstOfVersion.containsKey(version)) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }

    private int countUpTo(int upTo) {
        int n = 0;
        for (int i = 0; i < upTo; i++) {
            if (scoreAppend.get(i) >= 0) {
                n++;
            }
        }
        return n;
    }

    /** The append time of event {@code from + i}'s score, or −1 when it has not been read. */
    long scoreAppend(int i) {
        return scoreAppend.get(i);
    }

    /** The append time of the first score of {@code version}, or −1. */
    long firstOfVersion(long version) {
        return firstOfVersion.getOrDefault(version, -1L);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(10_000);
    }
}
