package io.seqscore.app.topology;

import io.seqscore.app.model.CanarySplit;
import io.seqscore.app.pipeline.EmbeddedPipeline;
import io.seqscore.app.pipeline.EventsProducer;
import io.seqscore.app.pipeline.TopicReader;
import io.seqscore.app.testing.Await;
import io.seqscore.app.testing.ReferenceForecaster;
import io.seqscore.app.testing.Rollouts;
import io.seqscore.app.testing.RunningScorer;
import io.seqscore.app.testing.ScorerDriver;
import io.seqscore.app.testing.SharedCluster;
import io.seqscore.avro.Event;
import io.seqscore.avro.Score;
import io.seqscore.avro.ScoreStatus;
import io.seqscore.avro.ShadowScore;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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

import static io.seqscore.app.topology.ModelLifecycleTest.PARAMS_V2;
import static io.seqscore.app.topology.ScoringValuesTest.MEAN;
import static io.seqscore.app.topology.ScoringValuesTest.PARAMS;
import static io.seqscore.app.topology.ScoringValuesTest.SPEC;
import static io.seqscore.app.topology.ScoringValuesTest.STD;
import static io.seqscore.app.topology.ScoringValuesTest.assertScored;
import static io.seqscore.app.topology.ScoringValuesTest.release;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rollout on a real single-node KRaft broker, exactly-once: an event-time activation gives the same
 * scores whether its release arrives before the stream, mid-stream, while the scorer is down, or before a
 * restart; a canary and a shadow taken up by a running scorer, the shadow's output on its own topic only.
 */
class RolloutIntegrationTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final long ACTIVATE_AT = 6_000;
    private static final int EVENTS = 10;
    @RegisterExtension
    static final SharedCluster CLUSTER = new SharedCluster("rollout-integration");

    private static double value(int k, int t) {
        return 10.0 + 0.5 * Math.sin(0.6 * t + 1.3 * k);
    }

    private static List<Map.Entry<String, Event>> events(int keys, int from, int to) {
        return ScorerDriver.events(keys, from, to, RolloutIntegrationTest::value);
    }

    private static <V> Map<String, List<V>> byKey(List<ConsumerRecord<String, V>> records) {
        Map<String, List<V>> out = new LinkedHashMap<>();
        for (ConsumerRecord<String, V> r : records) {
            out.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.value());
        }
        return out;
    }

    private static void awaitRelease(RunningScorer scorer, long version) {
        Await.until(TIMEOUT, "release " + version + " taken up", () -> scorer.registry().hasRelease("default", version));
    }

    /**
     * v1, then v2 activating at 6 s published after event {@code publishAfter} (−1: before the scorer starts);
     * the scorer stopped after event {@code restartAfter} (−1: never) and started again on the same state
     * directory — when both are the same event, v2 is published while the scorer is down.
     */
    private static Map<String, List<Score>> run(Path stateDir, int publishAfter, int restartAfter) {
        List<ConsumerRecord<String, Score>> records = new ArrayList<>();
        try (EmbeddedPipeline t = CLUSTER.pipeline("rollout", stateDir).start()) {
            t.publish(release(1, PARAMS));
            if (publishAfter < 0) {
                t.publish(Rollouts.full(release(2, PARAMS_V2), ACTIVATE_AT));
            }
            TopicReader<Score> scores = t.scoresReader();
            EventsProducer events = t.eventsProducer("rollout-events", Map.of());
            RunningScorer scorer = RunningScorer.start(t.scorerSettings());
            try {
                int next = 0;
                for (int stop : new int[] {publishAfter, restartAfter, EVENTS - 1}) {
                    if (stop < next) {
                        continue;
                    }
                    send(events, events(2, next, stop + 1));
                    scores.readInto(records, 2 * (stop + 1), TIMEOUT);
                    next = stop + 1;
                    if (stop == restartAfter) {
                        scorer.close();
                        if (stop == publishAfter) {
                            t.publish(Rollouts.full(release(2, PARAMS_V2), ACTIVATE_AT));
                        }
                        scorer = RunningScorer.start(t.scorerSettings());
                        awaitRelease(scorer, 2);
                    } else if (stop == publishAfter) {
                        t.publish(Rollouts.full(release(2, PARAMS_V2), ACTIVATE_AT));
                        awaitRelease(scorer, 2);
                    }
                }
            } finally {
                scorer.close();
            }
        }
        return byKey(records);
    }

    private static void send(EventsProducer producer, List<Map.Entry<String, Event>> events) {
        events.forEach(e -> producer.send(e.getKey(), e.getValue()));
        producer.flush();
    }

    @Test
    void shouldScoreAnActivationIdenticallyWhenItsReleaseArrivesEarlyLateOrAroundARestart(@TempDir Path early,
            @TempDir Path late, @TempDir Path whileDown, @TempDir Path beforeRestart) {
        Map<String, List<Score>> reference = run(early, -1, -1);
        assertThat(run(late, 4, -1)).as("published mid-stream").isEqualTo(reference);
        assertThat(run(whileDown, 5, 5)).as("published while the scorer is down").isEqualTo(reference);
        assertThat(run(beforeRestart, 2, 3)).as("taken up, then the scorer restarted").isEqualTo(reference);

        assertThat(reference).containsOnlyKeys("k0", "k1");
        for (int k = 0; k < 2; k++) {
            List<Score> scores = reference.get("k" + k);
            assertThat(scores).hasSize(EVENTS);
            ReferenceForecaster v1 = new ReferenceForecaster(SPEC, PARAMS, MEAN, STD);
            ReferenceForecaster v2 = new ReferenceForecaster(SPEC, PARAMS_V2, MEAN, STD);
            float[] previous = null;
            float[] replayed = null;
            for (int t = 0; t < EVENTS; t++) {
                if (1_000L * t < ACTIVATE_AT) {
                    previous = assertScored(scores.get(t), v1, previous, 1_000L * t, value(k, t), 1, t + 1,
                            t < ScoringValuesTest.WARMUP ? ScoreStatus.WARMING_UP : ScoreStatus.OK);
                    replayed = v2.step(value(k, t));
                } else {
                    boolean first = 1_000L * t == ACTIVATE_AT;
                    previous = assertScored(scores.get(t), v2, first ? replayed : previous, 1_000L * t, value(k, t), 2,
                            t + 1, first ? ScoreStatus.REWARMED : ScoreStatus.OK);
                }
            }
        }
    }

    @Test
    void shouldTakeUpACanaryAndAShadowWhileRunningAndWriteShadowScoresToTheirOwnTopicOnly(@TempDir Path dir) {
        int keys = 6;
        List<ConsumerRecord<String, Score>> scored = new ArrayList<>();
        List<ConsumerRecord<String, ShadowScore>> shadowed = new ArrayList<>();
        try (EmbeddedPipeline t = CLUSTER.pipeline("rollout", dir).start()) {
            t.publish(release(1, PARAMS));
            TopicReader<Score> scores = t.scoresReader();
            TopicReader<ShadowScore> shadows = t.reader(t.topics().shadowScores(), ShadowScore.class);
            EventsProducer events = t.eventsProducer("rollout-events", Map.of());
            try (RunningScorer scorer = RunningScorer.start(t.scorerSettings())) {
                send(events, events(keys, 0, 3));
                scores.readInto(scored, 3 * keys, TIMEOUT);
                t.publish(Rollouts.canary(release(2, PARAMS_V2), 50, null));
                t.publish(Rollouts.shadow(release(3, PARAMS_V2), null));
                awaitRelease(scorer, 3);
                send(events, events(keys, 3, 6));
                scores.readInto(scored, 6 * keys, TIMEOUT);
                shadows.readInto(shadowed, 3 * keys, TIMEOUT);
                assertThat(shadows.poll(Duration.ofMillis(500))).as("one shadow score per scored event").isEmpty();
            }
        }
        Map<String, List<Score>> scoresByKey = byKey(scored);
        Map<String, List<ShadowScore>> shadowsByKey = byKey(shadowed);
        int canaries = 0;
        for (int k = 0; k < keys; k++) {
            String key = "k" + k;
            boolean canary = CanarySplit.bucket(key.getBytes(StandardCharsets.UTF_8)) < CanarySplit.buckets(50);
            canaries += canary ? 1 : 0;
            List<Score> s = scoresByKey.get(key);
            assertThat(s).extracting(Score::getModelVersion).containsExactly(1L, 1L, 1L, canary ? 2L : 1L,
                    canary ? 2L : 1L, canary ? 2L : 1L);
            List<ShadowScore> sh = shadowsByKey.get(key);
            assertThat(sh).hasSize(3);
            for (int i = 0; i < 3; i++) {
                assertThat(sh.get(i).getServing()).isEqualTo(s.get(3 + i));
                assertThat(sh.get(i).getShadow().getModelVersion()).isEqualTo(3L);
                assertThat(sh.get(i).getShadow().getEventTime()).isEqualTo(s.get(3 + i).getEventTime());
                assertThat(sh.get(i).getShadow().getStatus()).isEqualTo(i == 0 ? ScoreStatus.REWARMED : ScoreStatus.OK);
            }
            if (canary) {
                assertThat(sh.get(2).getShadow().getForecast()).as("same weights, same re-warmed state")
                        .isEqualTo(s.get(5).getForecast());
            }
        }
        assertThat(canaries).isBetween(1, keys - 1);
    }
}
