package io.seqscore.app.topology;

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
 * With an activation time, which version scores an event depends on the event's time alone: the same
 * scores whether the release is read before the stream starts or just before the first event it applies to.
 */
class EventTimeActivationTest {
    private static final long ACTIVATE_AT = 5_000;
    private static final int EVENTS = 9;
    private static final String[] KEYS = {"x", "y"};

    private static double value(int k, int t) {
        return 10.0 + 0.4 * Math.cos(0.8 * t + k);
    }

    private static List<TestRecord<String, Score>> send(ScorerDriver driver, int from, int to) {
        return driver.sendAll(KEYS, from, to, EventTimeActivationTest::value);
    }

    /** Runs the stream with v2 (activating at 5 s) published before event {@code publishBefore}. */
    private static List<TestRecord<String, Score>> run(Path dir, int publishBefore) {
        try (ScorerDriver driver = new ScorerDriver(dir, Map.of())) {
            driver.publish(release(1, PARAMS));
            List<TestRecord<String, Score>> scores = send(driver, 0, publishBefore);
            driver.publish(Rollouts.full(release(2, PARAMS_V2), ACTIVATE_AT));
            scores.addAll(send(driver, publishBefore, EVENTS));
            driver.assertNoMoreOutput();
            return scores;
        }
    }

    @Test
    void shouldScoreEventsBeforeTheActivationTimeWithTheOldVersionWhenTheReleaseArrivesEarlyOrLate(
            @TempDir Path early, @TempDir Path middle, @TempDir Path late) {
        List<TestRecord<String, Score>> first = run(early, 0);
        assertThat(run(middle, 2)).usingRecursiveFieldByFieldElementComparator().containsExactlyElementsOf(first);
        assertThat(run(late, 5)).usingRecursiveFieldByFieldElementComparator().containsExactlyElementsOf(first);

        for (int k = 0; k < KEYS.length; k++) {
            ReferenceForecaster v1 = new ReferenceForecaster(SPEC, PARAMS, MEAN, STD);
            ReferenceForecaster v2 = new ReferenceForecaster(SPEC, PARAMS_V2, MEAN, STD);
            float[] previous = null;
            float[] replayed = null;
            for (int t = 0; t < EVENTS; t++) {
                Score s = first.get(2 * t + k).value();
                if (1_000L * t < ACTIVATE_AT) {
                    previous = assertScored(s, v1, previous, 1_000L * t, value(k, t), 1, t + 1,
                            t < ScoringValuesTest.WARMUP ? ScoreStatus.WARMING_UP : ScoreStatus.OK);
                    replayed = v2.step(value(k, t));
                } else {
                    previous = assertScored(s, v2, t == 5 ? replayed : previous, 1_000L * t, value(k, t), 2, t + 1,
                            t == 5 ? ScoreStatus.REWARMED : ScoreStatus.OK);
                }
            }
        }
    }

    @Test
    void shouldStartAShadowAtItsActivationTime(@TempDir Path dir) {
        try (ScorerDriver driver = new ScorerDriver(dir, Map.of())) {
            driver.publish(release(1, PARAMS));
            driver.publish(Rollouts.shadow(release(2, PARAMS_V2), ACTIVATE_AT));
            List<TestRecord<String, Score>> scores = send(driver, 0, EVENTS);
            List<TestRecord<String, ShadowScore>> shadows = driver.shadowScores().readRecordsToList();
            assertThat(shadows).hasSize(2 * (EVENTS - 5));
            assertThat(shadows).extracting(r -> r.value().getShadow().getEventTime().toEpochMilli())
                    .containsExactly(5_000L, 5_000L, 6_000L, 6_000L, 7_000L, 7_000L, 8_000L, 8_000L);
            assertThat(shadows).extracting(r -> r.value().getServing())
                    .containsExactlyElementsOf(scores.subList(10, 18).stream().map(TestRecord::value).toList());
            assertThat(shadows.get(0).value().getShadow().getStatus()).isEqualTo(ScoreStatus.REWARMED);
            assertThat(scores).extracting(r -> r.value().getModelVersion()).containsOnly(1L);
            driver.assertNoMoreOutput();
        }
    }
}
