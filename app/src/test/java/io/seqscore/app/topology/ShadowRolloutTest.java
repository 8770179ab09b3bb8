package io.seqscore.app.topology;

import io.seqscore.app.state.KeyStateSummary;
import io.seqscore.app.testing.ReferenceForecaster;
import io.seqscore.app.testing.Rollouts;
import io.seqscore.app.testing.ScorerDriver;
import io.seqscore.avro.Score;
import io.seqscore.avro.ScoreStatus;
import io.seqscore.avro.ShadowScore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
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
 * A shadow runs beside the serving version on every key with its own state: one ShadowScore per score
 * (both outputs) on the shadow-scores topic, nothing in the scores or anomalies topics, the serving
 * scores exactly as without it.
 */
class ShadowRolloutTest {
    private static final String[] KEYS = {"a", "b"};
    private static final Map<String, String> SETTINGS = Map.of("seqscore.state.ttl.ms", "86400000",
            "seqscore.state.expiry.scan.interval.ms", "1000");

    private static double value(int k, int t) {
        return 10.0 + 0.5 * Math.sin(0.9 * t + 2 * k);
    }

    private static List<TestRecord<String, Score>> send(ScorerDriver driver, int from, int to) {
        return driver.sendAll(KEYS, from, to, ShadowRolloutTest::value);
    }

    @Test
    void shouldWriteOneShadowScoreWithBothOutputsPerScoreAndLeaveTheScoresAsTheyWere(@TempDir Path plain,
                                                                                     @TempDir Path shadowed) {
        List<TestRecord<String, Score>> expected;
        try (ScorerDriver driver = new ScorerDriver(plain, SETTINGS)) {
            driver.publish(release(1, PARAMS));
            expected = send(driver, 0, 6);
            driver.assertNoMoreOutput();
        }
        try (ScorerDriver driver = new ScorerDriver(shadowed, SETTINGS)) {
            driver.publish(release(1, PARAMS));
            List<TestRecord<String, Score>> scores = send(driver, 0, 3);
            assertThat(driver.shadowScores().isEmpty()).isTrue();

            driver.publish(Rollouts.shadow(release(2, PARAMS_V2), null));
            scores.addAll(send(driver, 3, 6));
            assertThat(scores).extracting(TestRecord::key).containsExactlyElementsOf(
                    expected.stream().map(TestRecord::key).toList());
            assertThat(scores).extracting(TestRecord::value).containsExactlyElementsOf(
                    expected.stream().map(TestRecord::value).toList());

            List<TestRecord<String, ShadowScore>> shadows = driver.shadowScores().readRecordsToList();
            assertThat(shadows).hasSize(6);
            for (int k = 0; k < KEYS.length; k++) {
                ReferenceForecaster v2 = new ReferenceForecaster(SPEC, PARAMS_V2, MEAN, STD);
                float[] previous = null;
                for (int t = 0; t < 3; t++) {
                    previous = v2.step(value(k, t));
                }
                for (int t = 3; t < 6; t++) {
                    int i = 2 * (t - 3) + k;
                    TestRecord<String, ShadowScore> record = shadows.get(i);
                    assertThat(record.key()).isEqualTo(KEYS[k]);
                    assertThat(record.value().getServing()).isEqualTo(scores.get(2 * t + k).value());
                    previous = assertScored(record.value().getShadow(), v2, previous, 1_000L * t, value(k, t), 2, t + 1,
                            t == 3 ? ScoreStatus.REWARMED : ScoreStatus.OK);
                }
                assertThat(KeyStateSummary.of(driver.shadowStateStore().get(KEYS[k])).modelVersion()).isEqualTo(2);
                assertThat(KeyStateSummary.of(driver.stateStore().get(KEYS[k])).modelVersion()).isEqualTo(1);
            }
            assertThat(driver.counters().shadowScoredCount(ScoreStatus.REWARMED)).isEqualTo(2);
            assertThat(driver.counters().shadowScoredCount(ScoreStatus.OK)).isEqualTo(4);

            driver.publish(release(3, PARAMS));
            send(driver, 6, 7);
            assertThat(driver.shadowScores().isEmpty()).as("the FULL release ended the shadow").isTrue();
            driver.advanceWallClock(Duration.ofSeconds(1));
            assertThat(driver.shadowStateStore().get("a")).as("shadow states of an ended shadow are deleted").isNull();
            assertThat(driver.shadowStateStore().get("b")).isNull();
            assertThat(driver.stateStore().get("a")).isNotNull();
            driver.assertNoMoreOutput();
        }
    }

    @Test
    void shouldMirrorLateEventsAndGapResetsAndScoreModelsThatOnlyHaveAShadow(@TempDir Path dir) {
        try (ScorerDriver driver = new ScorerDriver(dir, Map.of("seqscore.late.policy", "score",
                "seqscore.gap.reset.ms", "10000"))) {
            driver.publish(Rollouts.shadow(release(1, PARAMS), null));
            driver.send("k", 0, 10.0);
            assertThat(driver.nextScore().value().getStatus()).isEqualTo(ScoreStatus.NO_MODEL);
            ShadowScore alone = driver.shadowScores().readValue();
            assertThat(alone.getServing()).as("nothing serves the key").isNull();
            ReferenceForecaster v1 = new ReferenceForecaster(SPEC, PARAMS, MEAN, STD);
            float[] previous = assertScored(alone.getShadow(), v1, null, 0, 10.0, 1, 1, ScoreStatus.WARMING_UP);

            driver.publish(release(2, PARAMS_V2));
            driver.publish(Rollouts.shadow(release(3, PARAMS), null));
            driver.send("k", 1_000, 10.5);
            Score served = driver.nextScore().value();
            assertThat(served.getModelVersion()).isEqualTo(2L);
            assertThat(served.getStatus()).isEqualTo(ScoreStatus.REWARMED);
            ShadowScore next = driver.shadowScores().readValue();
            assertThat(next.getServing()).isEqualTo(served);
            ReferenceForecaster v3 = new ReferenceForecaster(SPEC, PARAMS, MEAN, STD);
            previous = v3.step(10.0);
            previous = assertScored(next.getShadow(), v3, previous, 1_000, 10.5, 3, 2, ScoreStatus.REWARMED);

            driver.send("k", 1_000, 9.5);
            Score late = driver.nextScore().value();
            assertThat(late.getStatus()).isEqualTo(ScoreStatus.LATE_UNCHANGED);
            ShadowScore lateShadow = driver.shadowScores().readValue();
            assertThat(lateShadow.getServing()).isEqualTo(late);
            assertThat(lateShadow.getShadow().getStatus()).isEqualTo(ScoreStatus.LATE_UNCHANGED);
            assertThat(lateShadow.getShadow().getModelVersion()).isEqualTo(3L);
            assertThat(lateShadow.getShadow().getExpected()).containsExactly((double) previous[0]);
            assertThat(lateShadow.getShadow().getForecast()).containsExactly((double) previous[0]);
            assertThat(lateShadow.getShadow().getStepsSeen()).isZero();

            driver.send("k", 30_000, 11.0);
            assertThat(driver.nextScore().value().getStatus()).isEqualTo(ScoreStatus.RESET_GAP);
            ShadowScore reset = driver.shadowScores().readValue();
            v3.reset();
            assertScored(reset.getShadow(), v3, null, 30_000, 11.0, 3, 1, ScoreStatus.RESET_GAP);
            driver.assertNoMoreOutput();
        }
    }
}
