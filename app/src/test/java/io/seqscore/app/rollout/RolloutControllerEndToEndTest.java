package io.seqscore.app.rollout;

import io.seqscore.app.model.CanarySplit;
import io.seqscore.app.testing.ClassKafka;
import io.seqscore.app.testing.Await;
import io.seqscore.app.testing.Releases;
import io.seqscore.app.testing.Rollouts;
import io.seqscore.app.testing.RunningScorer;
import io.seqscore.avro.Event;
import io.seqscore.avro.ModelRelease;
import io.seqscore.avro.Score;
import io.seqscore.model.core.CellType;
import io.seqscore.model.core.NetworkSpec;
import io.seqscore.serde.AvroDeserializer;
import io.seqscore.serde.AvroSerializer;
import io.seqscore.serde.MockSchemaRegistry;
import io.seqscore.trainer.kafka.KafkaSettings;
import io.seqscore.trainer.rollout.RolloutController;
import io.seqscore.trainer.rollout.RolloutMetrics;
import io.seqscore.trainer.rollout.RolloutRules;
import io.seqscore.trainer.rollout.WatchSettings;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The acceptance on a real broker: a scorer serves v1; v2 (normalized like the data) goes to a 50 %
 * canary and the controller promotes it without a person; v4 (normalized for data shifted by +10) goes to a
 * canary and the controller rolls it back; every event has exactly one Score and each names the version the
 * rollout gave its key at the time.
 */
class RolloutControllerEndToEndTest {
    private static final String SCOPE = "rollout-e2e";
    private static final String REGISTRY = MockSchemaRegistry.URL_PREFIX + SCOPE;
    private static final NetworkSpec SPEC = NetworkSpec.uniform(CellType.LSTM, 1, 6, 1);
    private static final int KEYS = 20;
    private static final long T0 = Instant.parse("2030-01-01T00:00:00Z").toEpochMilli();
    private static final long MINUTE = 60_000L;
    @RegisterExtension
    static final ClassKafka KAFKA = new ClassKafka(SCOPE);

    @TempDir
    static Path dir;

    @BeforeAll
    static void createTopics() {
        for (String t : List.of("events", "scores", "anomalies", "events-dlq", "shadow-scores")) {
            KAFKA.createTopic(t, 2, Map.of());
        }
        KAFKA.createTopic("models", 1, Map.of("cleanup.policy", "compact"));
    }

    private static ModelRelease release(long version, float mean) {
        return Releases.release("default", version, SPEC, Releases.randomParams(SPEC, 7, 0.3f),
                Releases.global(new float[] {mean}, new float[] {1f}), Releases.gaussian(SPEC, 1.0, 0.99, 5));
    }

    private static Map<String, Object> clientProps() {
        return Map.of("bootstrap.servers", KAFKA.bootstrapServers(), "schema.registry.url", REGISTRY, "acks", "all");
    }

    private static void publish(ModelRelease release) throws Exception {
        AvroSerializer<ModelRelease> serializer = new AvroSerializer<>();
        serializer.configure(clientProps(), false);
        try (KafkaProducer<String, ModelRelease> p = new KafkaProducer<>(clientProps(), new StringSerializer(),
                serializer)) {
            p.send(new ProducerRecord<>("models", release.getName(), release)).get();
        }
    }

    private static void events(int from, int to) {
        AvroSerializer<Event> serializer = new AvroSerializer<>();
        serializer.configure(clientProps(), false);
        try (KafkaProducer<String, Event> p = new KafkaProducer<>(clientProps(), new StringSerializer(), serializer)) {
            for (int t = from; t < to; t++) {
                for (int k = 0; k < KEYS; k++) {
                    p.send(new ProducerRecord<>("events", "k" + k, Event.newBuilder()
                            .setEventTime(Instant.ofEpochMilli(T0 + MINUTE * t))
                            .setValues(List.of(10 + Math.sin(0.3 * t + k))).setAttributes(null).build()));
                }
            }
        }
    }

    /** Every Score on the scores topic, by key, in order. */
    private static Map<String, List<Score>> scores() {
        Map<String, Object> props = new HashMap<>(clientProps());
        props.put("isolation.level", "read_committed");
        AvroDeserializer<Score> d = AvroDeserializer.forClass(Score.class);
        d.configure(props, false);
        Map<String, List<Score>> out = new TreeMap<>();
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> parts = List.of(new TopicPartition("scores", 0), new TopicPartition("scores", 1));
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            long deadline = System.currentTimeMillis() + 30_000;
            while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp)) && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(100))) {
                    out.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(d.deserialize("scores", r.value()));
                }
            }
        }
        return out;
    }

    private static long count() {
        return scores().values().stream().mapToLong(List::size).sum();
    }

    private static boolean inCanary(String key) {
        return CanarySplit.bucket(key.getBytes(StandardCharsets.UTF_8)) < CanarySplit.buckets(50);
    }

    private static int minute(Score s) {
        return (int) ((s.getEventTime().toEpochMilli() - T0) / MINUTE);
    }

    @Test
    void shouldPromoteABetterCanaryAndRollBackAWorseOneWithoutAPerson() throws Exception {
        publish(release(1, 0f));
        Map<String, Object> scorer = new HashMap<>(clientProps());
        scorer.put("application.id", "e2e-scorer");
        scorer.put("state.dir", dir.resolve("state").toString());
        scorer.put("commit.interval.ms", "100");
        KafkaSettings kafkaSettings = new KafkaSettings(KAFKA.bootstrapServers(), REGISTRY, Map.of(),
                Duration.ofSeconds(30));
        WatchSettings watch = new WatchSettings("default", "scores", "shadow-scores", "models", "e2e-controller",
                "e2e-controller", new RolloutRules(300, 0.05, 0.02, Duration.ofHours(10)), null, null,
                Duration.ofMillis(200));
        RolloutMetrics metrics = new RolloutMetrics("default");
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try (RunningScorer live = RunningScorer.start(scorer);
             RolloutController controller = new RolloutController(kafkaSettings, watch, metrics,
                     System::currentTimeMillis)) {
            Thread loop = new Thread(() -> {
                try {
                    controller.run();
                } catch (Throwable t) {
                    failure.set(t);
                }
            }, "controller");
            loop.start();
            try {
                events(0, 60);
                publish(Rollouts.canary(release(2, 10f), 50, T0 + 60 * MINUTE));
                events(60, 160);
                Await.until(Duration.ofSeconds(90), "the promotion reaching the scorer",
                        () -> live.registry().plan("default") != null
                                && live.registry().plan("default").latestRelease() == 3);
                assertThat(metrics.promotions()).isEqualTo(1);

                publish(Rollouts.canary(release(4, 20f), 50, T0 + 200 * MINUTE));
                events(160, 300);
                Await.until(Duration.ofSeconds(90), "the roll-back reaching the scorer",
                        () -> live.registry().plan("default").latestRelease() == 5);
                assertThat(metrics.rollbacks()).isEqualTo(1);
                events(300, 320);
                Await.until(Duration.ofSeconds(60), "every event scored", () -> count() == KEYS * 320L);
            } finally {
                controller.stop();
                loop.join(30_000);
            }
            assertThat(failure.get()).isNull();
        }

        Map<String, List<Score>> byKey = scores();
        assertThat(byKey).hasSize(KEYS);
        for (Map.Entry<String, List<Score>> e : byKey.entrySet()) {
            boolean canary = inCanary(e.getKey());
            List<Score> s = e.getValue();
            assertThat(s).hasSize(320);
            long previous = 1;
            for (int t = 0; t < 320; t++) {
                Score score = s.get(t);
                long v = score.getModelVersion();
                assertThat(minute(score)).isEqualTo(t);
                String at = e.getKey() + " at minute " + t;
                if (t < 60) {
                    assertThat(v).as(at).isEqualTo(1L);
                } else if (t < 160) {
                    assertThat(v).as(at).isIn(canary ? List.of(2L) : List.of(1L, 2L));
                    assertThat(v).as(at + ": once promoted, stays").isGreaterThanOrEqualTo(previous);
                } else if (t < 200) {
                    assertThat(v).as(at).isEqualTo(2L);
                } else if (t < 300) {
                    assertThat(v).as(at).isIn(canary ? List.of(4L, 2L) : List.of(2L));
                } else {
                    assertThat(v).as(at).isEqualTo(2L);
                }
                if (canary && t >= 200 && previous == 2L && t > 200) {
                    assertThat(v).as(at + ": once rolled back, stays").isEqualTo(2L);
                }
                previous = v;
            }
        }
        long v4 = byKey.values().stream().flatMap(List::stream).filter(x -> x.getModelVersion() == 4L).count();
        assertThat(v4).as("the worse canary served its keys until the roll-back").isPositive();
    }
}
