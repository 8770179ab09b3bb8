package io.seqscore.app.topology;

import io.seqscore.app.pipeline.EmbeddedPipeline;
import io.seqscore.app.pipeline.EventsProducer;
import io.seqscore.app.pipeline.TopicReader;
import io.seqscore.app.scoring.DeadLetters;
import io.seqscore.app.scoring.DlqReason;
import io.seqscore.app.testing.Await;
import io.seqscore.app.testing.ReferenceForecaster;
import io.seqscore.app.testing.RunningScorer;
import io.seqscore.app.testing.ScorerDriver;
import io.seqscore.app.testing.SharedCluster;
import io.seqscore.avro.Event;
import io.seqscore.avro.Score;
import io.seqscore.avro.ScoreStatus;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
    @RegisterExtension
    static final SharedCluster CLUSTER = new SharedCluster("scorer-integration");

    /** The scorer's settings with its state in {@code stateDir}. */
    private static Map<String, Object> settings(EmbeddedPipeline pipeline, Path stateDir) {
        Map<String, Object> p = pipeline.scorerSettings();
        p.put("state.dir", stateDir.toString());
        return p;
    }

    /** Sends the events (key → event), in order, and waits for the broker's acknowledgement. */
    private static void send(EventsProducer producer, List<Map.Entry<String, Event>> events) {
        events.forEach(e -> producer.send(e.getKey(), e.getValue()));
        producer.flush();
    }

    private static void sendRaw(EmbeddedPipeline pipeline, byte[] key, byte[] value)
            throws ExecutionException, InterruptedException {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(pipeline.clientProperties(),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(pipeline.topics().events(), key, value)).get();
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

    private static List<Map.Entry<String, Event>> events(int keys, int from, int to) {
        return ScorerDriver.events(keys, from, to, ScorerIntegrationTest::value);
    }

    @Test
    void shouldScoreWithModelCoreValuesSwapReleasesLiveAndDeadLetterMalformedRecords(@TempDir Path stateDir)
            throws Exception {
        List<ConsumerRecord<String, Score>> records = new ArrayList<>();
        List<ConsumerRecord<String, byte[]>> dead;
        String eventsTopic;
        try (EmbeddedPipeline run = CLUSTER.pipeline("run", stateDir).start()) {
            eventsTopic = run.topics().events();
            run.publish(release(1, PARAMS));
            TopicReader<Score> scores = run.scoresReader();
            EventsProducer events = run.eventsProducer("integration-events", Map.of());
            try (RunningScorer scorer = RunningScorer.start(run.scorerSettings())) {
                assertThat(scorer.registry().serving("default").version()).isEqualTo(1);
                send(events, events(2, 0, 5));
                scores.readInto(records, 10, TIMEOUT);

                run.publish(release(2, PARAMS_V2));
                Await.until(TIMEOUT, "release 2 serves", () -> scorer.registry().isServing("default", 2));
                sendRaw(run, "k0".getBytes(StandardCharsets.UTF_8), "garbage".getBytes(StandardCharsets.UTF_8));
                send(events, events(2, 5, 8));
                scores.readInto(records, 16, TIMEOUT);
            }
            try (TopicReader<byte[]> dlq = TopicReader.bytes(run.clientProperties(), run.topics().dlq())) {
                dead = dlq.read(1, TIMEOUT);
            }
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
        ConsumerRecord<String, byte[]> letter = dead.get(0);
        assertThat(letter.key()).isEqualTo("k0");
        assertThat(letter.value()).isEqualTo("garbage".getBytes(StandardCharsets.UTF_8));
        assertThat(new String(letter.headers().lastHeader(DeadLetters.REASON).value(), StandardCharsets.UTF_8))
                .isEqualTo(DlqReason.MALFORMED.name());
        assertThat(new String(letter.headers().lastHeader(DeadLetters.TOPIC).value(), StandardCharsets.UTF_8))
                .isEqualTo(eventsTopic);
    }

    @Test
    void shouldContinueAfterARestartExactlyAsIfNeverStopped(@TempDir Path uninterruptedDir, @TempDir Path restartedDir,
                                                          @TempDir Path wipedDir) throws Exception {
        int keys = 3;
        List<ConsumerRecord<String, Score>> expected = new ArrayList<>();
        try (EmbeddedPipeline uninterrupted = CLUSTER.pipeline("run", uninterruptedDir).start()) {
            uninterrupted.publish(release(1, PARAMS));
            TopicReader<Score> scores = uninterrupted.scoresReader();
            try (RunningScorer scorer = RunningScorer.start(uninterrupted.scorerSettings())) {
                send(uninterrupted.eventsProducer("integration-events", Map.of()), events(keys, 0, 12));
                scores.readInto(expected, keys * 12, TIMEOUT);
                assertThat(scorer.counters().scoredTotal()).isGreaterThanOrEqualTo(keys * 12);
            }
        }

        List<ConsumerRecord<String, Score>> actual = new ArrayList<>();
        try (EmbeddedPipeline restarted = CLUSTER.pipeline("run", restartedDir).start()) {
            restarted.publish(release(1, PARAMS));
            TopicReader<Score> scores = restarted.scoresReader();
            EventsProducer events = restarted.eventsProducer("integration-events", Map.of());
            try (RunningScorer first = RunningScorer.start(restarted.scorerSettings())) {
                assertThat(first.registry().serving("default").version()).isEqualTo(1);
                send(events, events(keys, 0, 6));
                scores.readInto(actual, keys * 6, TIMEOUT);
            }
            try (RunningScorer sameState = RunningScorer.start(restarted.scorerSettings())) {
                assertThat(sameState.registry().serving("default").version()).isEqualTo(1);
                send(events, events(keys, 6, 9));
                scores.readInto(actual, keys * 9, TIMEOUT);
            }
            try (RunningScorer fromChangelog = RunningScorer.start(settings(restarted, wipedDir))) {
                assertThat(fromChangelog.registry().serving("default").version()).isEqualTo(1);
                send(events, events(keys, 9, 12));
                scores.readInto(actual, keys * 12, TIMEOUT);
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
