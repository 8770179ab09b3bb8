package io.seqscore.app.topology;

import io.seqscore.app.kafka.EmbeddedKafka;
import io.seqscore.app.scoring.DeadLetters;
import io.seqscore.app.scoring.DlqReason;
import io.seqscore.app.testing.Await;
import io.seqscore.app.testing.ReferenceForecaster;
import io.seqscore.app.testing.RunningScorer;
import io.seqscore.app.testing.ScorerDriver;
import io.seqscore.avro.Event;
import io.seqscore.avro.ModelRelease;
import io.seqscore.avro.Score;
import io.seqscore.avro.ScoreStatus;
import io.seqscore.serde.AvroDeserializer;
import io.seqscore.serde.AvroSerializer;
import io.seqscore.serde.MockSchemaRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import static io.seqscore.app.topology.ModelLifecycleTest.PARAMS_V2;
import static io.seqscore.app.topology.ScoringValuesTest.MEAN;
import static io.seqscore.app.topology.ScoringValuesTest.PARAMS;
import static io.seqscore.app.topology.ScoringValuesTest.SPEC;
import static io.seqscore.app.topology.ScoringValuesTest.STD;
import static io.seqscore.app.topology.ScoringValuesTest.assertScored;
import static io.seqscore.app.topology.ScoringValuesTest.release;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scorer on a real single-node KRaft broker (one per class), exactly-once: scores with the values
 * model/core computes, a release swapped in without a restart, a dead letter among good events, and a
 * stop and restart (keeping or wiping the local state) that scores exactly as an uninterrupted run.
 */
class ScorerIntegrationTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String REGISTRY = MockSchemaRegistry.URL_PREFIX + "scorer-integration";
    private static EmbeddedKafka kafka;
    private static int runs;

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) {
            kafka.close();
        }
        MockSchemaRegistry.dropScope("scorer-integration");
    }

    /** A fresh set of topics and an application id for one scorer run. */
    private record Run(String prefix) {
        static Run create() {
            Run run = new Run("run" + (++runs));
            kafka.createTopic(run.events(), 2, Map.of());
            kafka.createTopic(run.scores(), 2, Map.of());
            kafka.createTopic(run.anomalies(), 1, Map.of());
            kafka.createTopic(run.dlq(), 1, Map.of());
            kafka.createTopic(run.models(), 1, Map.of("cleanup.policy", "compact"));
            return run;
        }

        String events() {
            return prefix + "-events";
        }

        String scores() {
            return prefix + "-scores";
        }

        String anomalies() {
            return prefix + "-anomalies";
        }

        String dlq() {
            return prefix + "-dlq";
        }

        String models() {
            return prefix + "-models";
        }

        Map<String, Object> properties(Path stateDir) {
            Map<String, Object> p = new HashMap<>();
            p.put("bootstrap.servers", kafka.bootstrapServers());
            p.put("application.id", prefix + "-scorer");
            p.put("state.dir", stateDir.toString());
            p.put("schema.registry.url", REGISTRY);
            p.put("commit.interval.ms", "100");
            p.put("seqscore.events.topic", events());
            p.put("seqscore.scores.topic", scores());
            p.put("seqscore.anomalies.topic", anomalies());
            p.put("seqscore.dlq.topic", dlq());
            p.put("seqscore.models.topic", models());
            return p;
        }
    }

    private static Map<String, Object> producerProps() {
        return Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", "schema.registry.url", REGISTRY);
    }

    private static void publish(Run run, ModelRelease release) throws ExecutionException, InterruptedException {
        AvroSerializer<ModelRelease> serializer = new AvroSerializer<>();
        serializer.configure(producerProps(), false);
        try (KafkaProducer<String, ModelRelease> producer = new KafkaProducer<>(producerProps(), new StringSerializer(),
                serializer)) {
            producer.send(new ProducerRecord<>(run.models(), release.getName(), release)).get();
        }
    }

    /** Sends the events (key → event), in order, and waits for the broker's acknowledgement. */
    private static void send(Run run, List<Map.Entry<String, Event>> events) throws ExecutionException, InterruptedException {
        AvroSerializer<Event> serializer = new AvroSerializer<>();
        serializer.configure(producerProps(), false);
        try (KafkaProducer<String, Event> producer = new KafkaProducer<>(producerProps(), new StringSerializer(),
                serializer)) {
            for (Map.Entry<String, Event> e : events) {
                producer.send(new ProducerRecord<>(run.events(), e.getKey(), e.getValue())).get();
            }
        }
    }

    private static void sendRaw(Run run, byte[] key, byte[] value) throws ExecutionException, InterruptedException {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps(), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(run.events(), key, value)).get();
        }
    }

    /** A committed-read consumer of one output topic, from its beginning. */
    private static <V> KafkaConsumer<String, V> consumer(String topic, Deserializer<V> values) {
        KafkaConsumer<String, V> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, topic + "-reader",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), values);
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    private static KafkaConsumer<String, Score> scoreConsumer(Run run) {
        AvroDeserializer<Score> scores = AvroDeserializer.forClass(Score.class);
        scores.configure(Map.of("schema.registry.url", REGISTRY), false);
        return consumer(run.scores(), scores);
    }

    /** Polls until {@code into} holds {@code count} records in all (or fails at the time-out). */
    private static <V> void pollUntil(KafkaConsumer<String, V> consumer, List<ConsumerRecord<String, V>> into, int count) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (into.size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out with " + into.size() + " of " + count + " records");
            }
            consumer.poll(Duration.ofMillis(100)).forEach(into::add);
        }
    }

    private static Map<String, List<Score>> byKey(List<ConsumerRecord<String, Score>> records) {
        Map<String, List<Score>> out = new LinkedHashMap<>();
        for (ConsumerRecord<String, Score> r : records) {
            out.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.value());
        }
        return out;
    }

    private static double value(int key, int t) {
        return 10.0 + Math.sin(0.7 * t + key) * (1.0 + 0.3 * key);
    }

    /** Events t in [from, to) for keys k0..k(keys−1), interleaved by time. */
    private static List<Map.Entry<String, Event>> events(int keys, int from, int to) {
        List<Map.Entry<String, Event>> out = new ArrayList<>();
        for (int t = from; t < to; t++) {
            for (int k = 0; k < keys; k++) {
                out.add(Map.entry("k" + k, ScorerDriver.event(1_000L * t, value(k, t))));
            }
        }
        return out;
    }

    @Test
    void shouldScoreWithModelCoreValuesSwapReleasesLiveAndDeadLetterMalformedRecords(@TempDir Path stateDir)
            throws Exception {
        Run run = Run.create();
        publish(run, release(1, PARAMS));
        List<ConsumerRecord<String, Score>> records = new ArrayList<>();
        try (RunningScorer scorer = RunningScorer.start(run.properties(stateDir));
             KafkaConsumer<String, Score> scores = scoreConsumer(run)) {
            assertThat(scorer.registry().serving("default").version()).isEqualTo(1);
            send(run, events(2, 0, 5));
            pollUntil(scores, records, 10);

            publish(run, release(2, PARAMS_V2));
            Await.until(TIMEOUT, "release 2 serves", () -> scorer.registry().isServing("default", 2));
            sendRaw(run, "k0".getBytes(StandardCharsets.UTF_8), "garbage".getBytes(StandardCharsets.UTF_8));
            send(run, events(2, 5, 8));
            pollUntil(scores, records, 16);
        }
        Map<String, List<Score>> byKey = byKey(records);
        assertThat(byKey).containsOnlyKeys("k0", "k1");
        for (int k = 0; k < 2; k++) {
            List<Score> scores = byKey.get("k" + k);
            assertThat(scores).hasSize(8);
            ReferenceForecaster v1 = new ReferenceForecaster(SPEC, PARAMS, MEAN, STD);
            float[] previous = null;
            for (int t = 0; t < 5; t++) {
                previous = assertScored(scores.get(t), v1, previous, 1_000L * t, value(k, t), 1, t + 1,
                        t < ScoringValuesTest.WARMUP ? ScoreStatus.WARMING_UP : ScoreStatus.OK);
            }
            ReferenceForecaster v2 = new ReferenceForecaster(SPEC, PARAMS_V2, MEAN, STD);
            for (int t = 0; t < 5; t++) {
                previous = v2.step(value(k, t));
            }
            for (int t = 5; t < 8; t++) {
                previous = assertScored(scores.get(t), v2, previous, 1_000L * t, value(k, t), 2, t + 1,
                        t == 5 ? ScoreStatus.REWARMED : ScoreStatus.OK);
            }
        }
        try (KafkaConsumer<String, byte[]> dlq = consumer(run.dlq(), new ByteArrayDeserializer())) {
            List<ConsumerRecord<String, byte[]>> dead = new ArrayList<>();
            pollUntil(dlq, dead, 1);
            ConsumerRecord<String, byte[]> letter = dead.get(0);
            assertThat(letter.key()).isEqualTo("k0");
            assertThat(letter.value()).isEqualTo("garbage".getBytes(StandardCharsets.UTF_8));
            assertThat(new String(letter.headers().lastHeader(DeadLetters.REASON).value(), StandardCharsets.UTF_8))
                    .isEqualTo(DlqReason.MALFORMED.name());
            assertThat(new String(letter.headers().lastHeader(DeadLetters.TOPIC).value(), StandardCharsets.UTF_8))
                    .isEqualTo(run.events());
        }
    }

    @Test
    void shouldContinueAfterARestartExactlyAsIfNeverStopped(@TempDir Path uninterruptedDir, @TempDir Path restartedDir,
                                                          @TempDir Path wipedDir) throws Exception {
        int keys = 3;
        Run uninterrupted = Run.create();
        publish(uninterrupted, release(1, PARAMS));
        List<ConsumerRecord<String, Score>> expected = new ArrayList<>();
        try (RunningScorer scorer = RunningScorer.start(uninterrupted.properties(uninterruptedDir));
             KafkaConsumer<String, Score> scores = scoreConsumer(uninterrupted)) {
            send(uninterrupted, events(keys, 0, 12));
            pollUntil(scores, expected, keys * 12);
            assertThat(scorer.counters().scoredTotal()).isGreaterThanOrEqualTo(keys * 12);
        }

        Run restarted = Run.create();
        publish(restarted, release(1, PARAMS));
        List<ConsumerRecord<String, Score>> actual = new ArrayList<>();
        try (KafkaConsumer<String, Score> scores = scoreConsumer(restarted)) {
            try (RunningScorer first = RunningScorer.start(restarted.properties(restartedDir))) {
                assertThat(first.registry().serving("default").version()).isEqualTo(1);
                send(restarted, events(keys, 0, 6));
                pollUntil(scores, actual, keys * 6);
            }
            try (RunningScorer sameState = RunningScorer.start(restarted.properties(restartedDir))) {
                assertThat(sameState.registry().serving("default").version()).isEqualTo(1);
                send(restarted, events(keys, 6, 9));
                pollUntil(scores, actual, keys * 9);
            }
            try (RunningScorer fromChangelog = RunningScorer.start(restarted.properties(wipedDir))) {
                assertThat(fromChangelog.registry().serving("default").version()).isEqualTo(1);
                send(restarted, events(keys, 9, 12));
                pollUntil(scores, actual, keys * 12);
            }
        }
        Map<String, List<Score>> want = byKey(expected);
        Map<String, List<Score>> got = byKey(actual);
        assertThat(got.keySet()).containsExactlyInAnyOrderElementsOf(want.keySet());
        for (String key : want.keySet()) {
            assertThat(got.get(key)).as("scores of %s", key).containsExactlyElementsOf(want.get(key));
        }
        ReferenceForecaster ref = new ReferenceForecaster(SPEC, PARAMS, MEAN, STD);
        float[] previous = null;
        for (int t = 0; t < 12; t++) {
            previous = assertScored(got.get("k0").get(t), ref, previous, 1_000L * t, value(0, t), 1, t + 1,
                    t < ScoringValuesTest.WARMUP ? ScoreStatus.WARMING_UP : ScoreStatus.OK);
        }
    }
}
