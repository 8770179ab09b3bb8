package io.seqscore.app.reliability;

import io.seqscore.app.kafka.EmbeddedKafka;
import io.seqscore.app.pipeline.EmbeddedPipeline;
import io.seqscore.app.scoring.DeadLetters;
import io.seqscore.avro.Event;
import io.seqscore.avro.Score;
import io.seqscore.serde.AvroDeserializer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;

/** The broker and scorer settings of the crash and fail-over tests, and what they read back. */
final class ChildScorers {
    /**
     * A dead member leaves the group after 2 s (not 45), and a dead instance's open transaction is aborted within
     * about a second of its timeout, so restarts and fail-overs take seconds.
     */
    static final Map<String, String> BROKER_OVERRIDES = Map.of(
            "group.min.session.timeout.ms", "1000",
            "transaction.abort.timed.out.transaction.cleanup.interval.ms", "500",
            "transaction.remove.expired.transaction.cleanup.interval.ms", "60000");

    private ChildScorers() {
    }

    /** A scorer on the topics, one stream thread, short session and transaction timeouts, the HTTP port free. */
    static Map<String, Object> properties(EmbeddedPipeline pipeline, Path stateDir, String guarantee) {
        Map<String, Object> p = pipeline.scorerSettings();
        p.put("state.dir", stateDir.toString());
        p.put("processing.guarantee", guarantee);
        p.put("commit.interval.ms", guarantee.equals("at_least_once") ? "1000" : "100");
        p.put("num.stream.threads", "1");
        p.put("consumer.session.timeout.ms", "2000");
        p.put("consumer.heartbeat.interval.ms", "500");
        p.put("producer.transaction.timeout.ms", "5000");
        p.put("seqscore.http.port", "0");
        p.put("seqscore.shutdown.timeout.ms", "20000");
        return p;
    }

    /**
     * SIGTERM, then: the JVM exited as after a signal-initiated shutdown (143), having closed Kafka Streams within the
     * shutdown timeout (the service logs "seqscore stopped" without "did not close").
     */
    static void assertStoppedGracefully(ScorerProcess scorer) throws Exception {
        int exit = scorer.stop();
        String log = scorer.logText();
        assertThat(exit).as("exit code after SIGTERM, log %s", scorer.log()).isIn(0, 143);
        assertThat(log).as("log %s", scorer.log()).contains("seqscore stopped").doesNotContain("did not close");
    }

    /** (key, event time) as one number: the key's index (series-NNNNN) and the event's step. */
    static long id(String key, Score score) {
        long k = Long.parseLong(key.substring(key.indexOf('-') + 1));
        return k << 32 | ((score.getEventTime().toEpochMilli() - Workload.T0) / 1000);
    }

    /** A dead letter of the workload: its key, the event's time ({@code -1} if unreadable) and the reason. */
    record DeadLetter(String key, long eventTime, String reason) {
        long id() {
            long k = Long.parseLong(key.substring(key.indexOf('-') + 1));
            return k << 32 | ((eventTime - Workload.T0) / 1000);
        }
    }

    /** Whether the application has committed every offset of the events topic (all input processed). */
    static boolean inputCommitted(EmbeddedKafka kafka, String applicationId, String eventsTopic) {
        try (Admin admin = kafka.admin()) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId)
                    .partitionsToOffsetAndMetadata().get();
            List<TopicPartition> tps = admin.describeTopics(List.of(eventsTopic)).allTopicNames().get().get(eventsTopic)
                    .partitions().stream().map(p -> new TopicPartition(eventsTopic, p.partition())).toList();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            tps.forEach(tp -> latest.put(tp, OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end = admin.listOffsets(latest).all().get();
            return tps.stream().allMatch(tp -> committed.get(tp) != null
                    && committed.get(tp).offset() >= end.get(tp).offset());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            return false;
        }
    }

    /** The committed records the dead-letter topic holds now. */
    static List<DeadLetter> deadLetters(String bootstrap, String registryUrl, String topic) {
        AvroDeserializer<Event> events = AvroDeserializer.forClass(Event.class);
        events.configure(Map.of("schema.registry.url", registryUrl), false);
        List<DeadLetter> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> tps = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            Map<TopicPartition, Long> end = consumer.endOffsets(tps);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (tps.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("timed out reading " + topic);
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    Header reason = r.headers().lastHeader(DeadLetters.REASON);
                    long time;
                    try {
                        time = events.deserialize(topic, r.value()).getEventTime().toEpochMilli();
                    } catch (RuntimeException e) {
                        time = -1;
                    }
                    out.add(new DeadLetter(new String(r.key(), StandardCharsets.UTF_8), time,
                            reason == null ? "" : new String(reason.value(), StandardCharsets.UTF_8)));
                }
            }
            return out;
        }
    }
}
