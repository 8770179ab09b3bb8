package io.seqscore.app.input;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.seqscore.app.pipeline.ScorerTopics;
import io.seqscore.app.scoring.DeadLetters;
import io.seqscore.app.scoring.DlqReason;
import io.seqscore.app.testing.ClassKafka;
import io.seqscore.app.testing.Await;
import io.seqscore.app.testing.RunningScorer;
import io.seqscore.app.testing.ScorerDriver;
import io.seqscore.avro.ModelRelease;
import io.seqscore.avro.Score;
import io.seqscore.serde.AvroSerializer;
import io.seqscore.serde.MockSchemaRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On a real KRaft broker: JSON events in (series id and ISO times from fields, values from a nested object),
 * JSON scores out, a record that does not map dead-lettered among them; the scores are those of the same
 * events as Avro Events through the topology test driver, number for number.
 */
class JsonScorerIntegrationTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String SCOPE = "json-scorer-integration";
    private static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    static final ClassKafka KAFKA = new ClassKafka(SCOPE);

    @BeforeAll
    static void createTopics() {
        KAFKA.createTopic("j-events", 2, Map.of());
        KAFKA.createTopic("j-scores", 2, Map.of());
        KAFKA.createTopic("j-anomalies", 1, Map.of());
        KAFKA.createTopic("j-dlq", 1, Map.of());
        KAFKA.createTopic("j-models", 1, Map.of("cleanup.policy", "compact"));
    }

    private static double value(int key, int t) {
        return 10.0 + Math.sin(0.7 * t + key) * (1.0 + 0.3 * key);
    }

    private static <V> List<ConsumerRecord<String, V>> read(String topic, Deserializer<V> d, int count) {
        List<ConsumerRecord<String, V>> out = new ArrayList<>();
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, topic + "-reader",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), d)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (out.size() < count) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("timed out with " + out.size() + " of " + count + " records of " + topic);
                }
                consumer.poll(Duration.ofMillis(100)).forEach(out::add);
            }
        }
        return out;
    }

    @Test
    void shouldScoreJsonEventsIntoJsonScoresAsTheAvroPathDoes(@TempDir Path stateDir, @TempDir Path driverDir)
            throws Exception {
        ModelRelease release = InputReleases.release("default", 1);
        Map<String, Object> producer = Map.of("bootstrap.servers", KAFKA.bootstrapServers(), "acks", "all",
                "schema.registry.url", MockSchemaRegistry.URL_PREFIX + SCOPE);
        AvroSerializer<ModelRelease> releases = new AvroSerializer<>();
        releases.configure(producer, false);
        try (KafkaProducer<String, ModelRelease> p = new KafkaProducer<>(producer, new StringSerializer(), releases)) {
            p.send(new ProducerRecord<>("j-models", "default", release)).get();
        }
        Map<String, Object> props = ScorerTopics.prefixed("j-").settings();
        props.put("bootstrap.servers", KAFKA.bootstrapServers());
        props.put("application.id", "json-scorer");
        props.put("state.dir", stateDir.toString());
        props.put("schema.registry.url", MockSchemaRegistry.URL_PREFIX + SCOPE);
        props.put("commit.interval.ms", "100");
        props.put("seqscore.input.format", "json");
        props.put("seqscore.input.values", "m.v");
        props.put("seqscore.input.time", "at");
        props.put("seqscore.input.time.format", "iso-8601");
        props.put("seqscore.input.key", "device");
        props.put("seqscore.output.format", "json");
        int steps = 6;
        Map<String, List<JsonNode>> byKey = new HashMap<>();
        try (RunningScorer scorer = RunningScorer.start(props);
             KafkaProducer<String, String> p = new KafkaProducer<>(producer, new StringSerializer(), new StringSerializer())) {
            Await.until(TIMEOUT, "the release serves", () -> scorer.registry().isServing("default", 1));
            for (int t = 0; t < steps; t++) {
                for (int k = 0; k < 2; k++) {
                    p.send(new ProducerRecord<>("j-events", "k" + k, "{\"device\":\"k" + k + "\",\"at\":\""
                            + Instant.ofEpochMilli(1_000L * t) + "\",\"m\":{\"v\":" + value(k, t) + "}}")).get();
                }
                if (t == 2) {
                    p.send(new ProducerRecord<>("j-events", "k0", "{\"device\":\"k0\",\"at\":\"later\",\"m\":{\"v\":1}}"))
                            .get();
                }
            }
            for (ConsumerRecord<String, byte[]> r : read("j-scores", new ByteArrayDeserializer(), 2 * steps)) {
                byKey.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(JSON.readTree(r.value()));
            }
        }
        assertThat(byKey).containsOnlyKeys("k0", "k1");
        try (ScorerDriver avro = new ScorerDriver(driverDir, Map.of())) {
            avro.publish(release);
            for (int k = 0; k < 2; k++) {
                for (int t = 0; t < steps; t++) {
                    avro.send("k" + k, 1_000L * t, value(k, t));
                }
                List<Score> expected = avro.scores();
                List<JsonNode> written = byKey.get("k" + k);
                assertThat(written).hasSize(steps);
                for (int t = 0; t < steps; t++) {
                    Score s = expected.get(t);
                    JsonNode n = written.get(t);
                    assertThat(n.get("eventTime").longValue()).isEqualTo(s.getEventTime().toEpochMilli());
                    assertThat(n.get("observed").get(0).doubleValue()).isEqualTo(s.getObserved().get(0));
                    assertThat(n.get("status").textValue()).isEqualTo(s.getStatus().name());
                    assertThat(n.get("forecast").get(0).doubleValue()).isEqualTo(s.getForecast().get(0));
                    assertThat(n.get("anomalyScore").isNull() ? null : n.get("anomalyScore").doubleValue())
                            .isEqualTo(s.getAnomalyScore());
                    assertThat(n.get("stepsSeen").longValue()).isEqualTo(s.getStepsSeen());
                }
            }
        }
        ConsumerRecord<String, byte[]> letter = read("j-dlq", new ByteArrayDeserializer(), 1).get(0);
        assertThat(new String(letter.headers().lastHeader(DeadLetters.REASON).value(), StandardCharsets.UTF_8))
                .isEqualTo(DlqReason.BAD_TIME.name());
        assertThat(new String(letter.headers().lastHeader(DeadLetters.MESSAGE).value(), StandardCharsets.UTF_8))
                .isEqualTo("time field at: 'later' is not an ISO-8601 date-time");
    }
}
