package io.seqscore.app.topology;

import io.seqscore.app.model.CanarySplit;
import io.seqscore.app.testing.Rollouts;
import io.seqscore.app.testing.ScorerDriver;
import io.seqscore.avro.ModelRelease;
import io.seqscore.avro.RolloutMode;
import io.seqscore.avro.Score;
import io.seqscore.avro.ScoreStatus;
import io.seqscore.trainer.release.RollbackRelease;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static io.seqscore.app.topology.ModelLifecycleTest.PARAMS_V2;
import static io.seqscore.app.topology.ScoringValuesTest.PARAMS;
import static io.seqscore.app.topology.ScoringValuesTest.release;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The releases {@code seqscore-trainer rollout watch} publishes, as the scorer takes them: a promotion (a FULL
 * release restoring the canary's version) serves the canary's version to every key, the canary keys carrying on
 * with their states and the others re-warming; a roll-back (a FULL release restoring the serving version) ends a
 * canary, the canary keys re-warming onto the serving version and the others carrying on.
 */
class ControllerDecisionReleaseTest {
    private static final int KEYS = 30;

    @TempDir
    Path stateDir;

    private static boolean inCanary(int k) {
        return CanarySplit.bucket(("k" + k).getBytes(StandardCharsets.UTF_8)) < CanarySplit.buckets(40);
    }

    private static Map<String, Score> sendAll(ScorerDriver driver, int t) {
        for (int k = 0; k < KEYS; k++) {
            driver.send("k" + k, 1_000L * t, 10.0 + 0.5 * Math.sin(0.7 * t + k));
        }
        Map<String, Score> out = new HashMap<>();
        for (int k = 0; k < KEYS; k++) {
            var r = driver.nextScore();
            out.put(r.key(), r.value());
        }
        return out;
    }

    /** As the controller publishes them: active just after the latest event time of its evidence. */
    private static ModelRelease activatedAt(ModelRelease release, long time) {
        return Rollouts.with(release, RolloutMode.FULL, 0.0, time, release.getRollout().getRollbackTo());
    }

    @Test
    void shouldServeThePromotedCanaryToEveryKeyAndRestoreTheServingVersionOnARollBack() {
        try (ScorerDriver driver = new ScorerDriver(stateDir, Map.of())) {
            driver.publish(release(1, PARAMS));
            ModelRelease canary = Rollouts.canary(release(2, PARAMS_V2), 40, null);
            driver.publish(canary);
            for (int t = 0; t < 4; t++) {
                sendAll(driver, t);
            }
            ModelRelease promotion = activatedAt(RollbackRelease.of(canary, 3, 1_800_000_000_000L), 3_001L);
            driver.publish(promotion);
            Map<String, Score> promoted = sendAll(driver, 4);
            int canaryKeys = 0;
            for (int k = 0; k < KEYS; k++) {
                Score s = promoted.get("k" + k);
                canaryKeys += inCanary(k) ? 1 : 0;
                assertThat(s.getModelVersion()).as("key %d", k).isEqualTo(2L);
                assertThat(s.getStatus()).as("key %d", k).isEqualTo(inCanary(k) ? ScoreStatus.OK : ScoreStatus.REWARMED);
            }
            assertThat(canaryKeys).isBetween(1, KEYS - 1);
            assertThat(driver.registry().plan("default").phaseAt(4_000).canary()).isNull();

            driver.publish(Rollouts.canary(release(4, PARAMS), 40, null));
            for (int t = 5; t < 8; t++) {
                sendAll(driver, t);
            }
            driver.publish(activatedAt(RollbackRelease.of(promotion, 5, 1_800_000_000_001L), 7_001L));
            Map<String, Score> rolledBack = sendAll(driver, 8);
            for (int k = 0; k < KEYS; k++) {
                Score s = rolledBack.get("k" + k);
                assertThat(s.getModelVersion()).as("key %d", k).isEqualTo(2L);
                assertThat(s.getStatus()).as("key %d", k).isEqualTo(inCanary(k) ? ScoreStatus.REWARMED : ScoreStatus.OK);
            }
            assertThat(driver.registry().rejectedCount()).isZero();
            driver.assertNoMoreOutput();
        }
    }
}
