package io.seqscore.app.topology;

import io.seqscore.app.model.CanarySplit;
import io.seqscore.app.testing.ReferenceForecaster;
import io.seqscore.app.testing.Rollouts;
import io.seqscore.app.testing.ScorerDriver;
import io.seqscore.app.testing.ScorerDrivers;
import io.seqscore.avro.Score;
import io.seqscore.avro.ScoreStatus;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
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
 * A canary serves a share of the keys chosen by their hash, the same keys at every event; raising its
 * percentage and promoting it are further releases; keys re-warm whenever their version changes.
 */
class CanaryRolloutTest {
    private static final int KEYS = 30;

    @RegisterExtension
    final ScorerDrivers drivers = new ScorerDrivers();
    private ScorerDriver driver;

    private static String key(int k) {
        return "k" + k;
    }

    private static double value(int k, int t) {
        return 10.0 + 0.5 * Math.sin(0.7 * t + k);
    }

    private static boolean inCanary(int k, double percent) {
        return CanarySplit.bucket(key(k).getBytes(StandardCharsets.UTF_8)) < CanarySplit.buckets(percent);
    }

    /** Sends event t of every key and returns the scores by key. */
    private Map<String, Score> sendAll(int t) {
        for (int k = 0; k < KEYS; k++) {
            driver.send(key(k), 1_000L * t, value(k, t));
        }
        Map<String, Score> out = new HashMap<>();
        for (int k = 0; k < KEYS; k++) {
            TestRecord<String, Score> r = driver.nextScore();
            out.put(r.key(), r.value());
        }
        assertThat(out).hasSize(KEYS);
        return out;
    }

    /** Steps the reference through values t0..t(last) of key k from a zero state; returns the last forecast. */
    private static float[] replay(ReferenceForecaster ref, int k, int last) {
        float[] f = null;
        for (int t = 0; t <= last; t++) {
            f = ref.step(value(k, t));
        }
        return f;
    }

    @Test
    void shouldServeTheCanaryToTheSameHashedKeysUntilItIsRaisedAndPromoted() {
        driver = drivers.start(Map.of());
        driver.publish(release(1, PARAMS));
        sendAll(0);
        sendAll(1);

        driver.publish(Rollouts.canary(release(2, PARAMS_V2), 30, null));
        Map<String, Score> t2 = sendAll(2);
        Map<String, Score> t3 = sendAll(3);
        int canaryKeys = 0;
        for (int k = 0; k < KEYS; k++) {
            boolean canary = inCanary(k, 30);
            canaryKeys += canary ? 1 : 0;
            assertThat(t2.get(key(k)).getModelVersion()).as("key %d at t2", k).isEqualTo(canary ? 2L : 1L);
            assertThat(t3.get(key(k)).getModelVersion()).as("key %d stays on its side", k).isEqualTo(canary ? 2L : 1L);
            assertThat(t2.get(key(k)).getStatus()).isEqualTo(canary ? ScoreStatus.REWARMED : ScoreStatus.WARMING_UP);
            assertThat(t3.get(key(k)).getStatus()).isEqualTo(ScoreStatus.OK);
        }
        assertThat(canaryKeys).as("both sides have keys").isBetween(1, KEYS - 1);

        int c = firstKey(true, 30);
        ReferenceForecaster v2 = new ReferenceForecaster(SPEC, PARAMS_V2, MEAN, STD);
        float[] previous = replay(v2, c, 1);
        previous = assertScored(t2.get(key(c)), v2, previous, 2_000, value(c, 2), 2, 3, ScoreStatus.REWARMED);
        assertScored(t3.get(key(c)), v2, previous, 3_000, value(c, 3), 2, 4, ScoreStatus.OK);
        int b = firstKey(false, 30);
        ReferenceForecaster v1 = new ReferenceForecaster(SPEC, PARAMS, MEAN, STD);
        previous = replay(v1, b, 1);
        previous = assertScored(t2.get(key(b)), v1, previous, 2_000, value(b, 2), 1, 3, ScoreStatus.WARMING_UP);
        assertScored(t3.get(key(b)), v1, previous, 3_000, value(b, 3), 1, 4, ScoreStatus.OK);

        driver.publish(Rollouts.canary(release(3, PARAMS_V2), 60, null));
        Map<String, Score> t4 = sendAll(4);
        for (int k = 0; k < KEYS; k++) {
            Score s = t4.get(key(k));
            assertThat(s.getModelVersion()).as("key %d at 60%%", k).isEqualTo(inCanary(k, 60) ? 3L : 1L);
            assertThat(s.getStatus()).isEqualTo(inCanary(k, 60) ? ScoreStatus.REWARMED : ScoreStatus.OK);
            if (inCanary(k, 30)) {
                assertThat(inCanary(k, 60)).as("a canary key stays in the raised canary").isTrue();
            }
        }

        driver.publish(release(4, PARAMS_V2));
        Map<String, Score> t5 = sendAll(5);
        for (int k = 0; k < KEYS; k++) {
            assertThat(t5.get(key(k)).getModelVersion()).isEqualTo(4L);
            assertThat(t5.get(key(k)).getStatus()).isEqualTo(ScoreStatus.REWARMED);
        }
        ReferenceForecaster v4 = new ReferenceForecaster(SPEC, PARAMS_V2, MEAN, STD);
        previous = replay(v4, b, 4);
        assertScored(t5.get(key(b)), v4, previous, 5_000, value(b, 5), 4, 6, ScoreStatus.REWARMED);
        assertThat(driver.registry().plan("default").phaseAt(5_000).canary()).isNull();
        driver.assertNoMoreOutput();
    }

    private static int firstKey(boolean canary, double percent) {
        for (int k = 0; k < KEYS; k++) {
            if (inCanary(k, percent) == canary) {
                return k;
            }
        }
        throw new AssertionError("no key on the " + (canary ? "canary" : "serving") + " side");
    }

    @Test
    void shouldRouteKeysByTheirCanaryBucketEvenWhenNothingElseServes() {
        driver = drivers.start(Map.of());
        driver.publish(Rollouts.canary(release(1, PARAMS), 50, null));
        Map<String, Score> t0 = sendAll(0);
        for (int k = 0; k < KEYS; k++) {
            Score s = t0.get(key(k));
            assertThat(s.getStatus()).isEqualTo(inCanary(k, 50) ? ScoreStatus.WARMING_UP : ScoreStatus.NO_MODEL);
            assertThat(s.getModelVersion()).isEqualTo(inCanary(k, 50) ? 1L : null);
        }
        assertThat(List.copyOf(t0.values())).extracting(Score::getStatus).contains(ScoreStatus.NO_MODEL,
                ScoreStatus.WARMING_UP);
        driver.assertNoMoreOutput();
    }
}
