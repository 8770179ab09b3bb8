package io.seqscore.app.topology;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.seqscore.app.evidence.ArmEvidence;
import io.seqscore.app.evidence.ModelRole;
import io.seqscore.app.http.ModelsView;
import io.seqscore.app.metrics.SeqscoreMeters;
import io.seqscore.app.testing.Rollouts;
import io.seqscore.app.testing.ScorerDriver;
import io.seqscore.avro.Score;
import io.seqscore.avro.ShadowScore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.seqscore.app.testing.PrometheusText.require;
import static io.seqscore.app.topology.ModelLifecycleTest.PARAMS_V2;
import static io.seqscore.app.topology.ScoringValuesTest.PARAMS;
import static io.seqscore.app.topology.ScoringValuesTest.release;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The per-version evidence equals what the scores topics say: for each arm (v1 serving, v2 canary, v3 shadow)
 * the events, forecasts, flags, mean absolute error and mean anomaly score recomputed from the Scores and
 * ShadowScores the topology wrote; the same figures on /metrics and in GET /api/models.
 */
class VersionEvidenceTest {
    private static final int KEYS = 20;
    private static final int EVENTS = 12;

    @TempDir
    Path stateDir;

    /** What one arm's Scores add up to, computed from the output records. */
    private static final class Expected {
        long scored;
        long forecasts;
        long flagged;
        long values;
        double absError;
        double anomaly;

        void add(Score s) {
            scored++;
            flagged += s.getAnomaly() ? 1 : 0;
            if (s.getResidual() != null) {
                forecasts++;
                values += s.getResidual().size();
                for (double r : s.getResidual()) {
                    absError += Math.abs(r);
                }
                anomaly += s.getAnomalyScore();
            }
        }

        void assertEquals(ArmEvidence arm) {
            assertThat(arm.scoredCount()).as("scored").isEqualTo(scored);
            assertThat(arm.forecastCount()).as("forecasts").isEqualTo(forecasts);
            assertThat(arm.flaggedCount()).as("flagged").isEqualTo(flagged);
            assertThat(arm.valueCount()).as("values").isEqualTo(values);
            assertThat(arm.meanAbsError()).as("MAE").isCloseTo(absError / values, within(1e-12));
            assertThat(arm.meanAnomalyScore()).as("mean anomaly score").isCloseTo(anomaly / forecasts, within(1e-12));
        }
    }

    private static double value(int k, int t) {
        return t == 9 && k % 4 == 0 ? 40.0 : 10.0 + 0.5 * Math.sin(0.7 * t + k);
    }

    @Test
    void shouldCountEachVersionInItsRoleExactlyAsItsScoresSay() throws Exception {
        try (ScorerDriver driver = new ScorerDriver(stateDir, Map.of())) {
            PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            SeqscoreMeters meters = new SeqscoreMeters(driver.counters(), driver.registry(), () -> -1);
            meters.bindTo(prometheus);
            driver.publish(release(1, PARAMS));
            driver.publish(Rollouts.canary(release(2, PARAMS_V2), 40, null));
            driver.publish(Rollouts.shadow(release(3, PARAMS_V2), null));
            List<Score> scores = new ArrayList<>();
            for (int t = 0; t < EVENTS; t++) {
                for (int k = 0; k < KEYS; k++) {
                    driver.send("k" + k, 1_000L * t, value(k, t));
                    scores.add(driver.nextScore().value());
                }
            }
            Expected serving = new Expected();
            Expected canary = new Expected();
            Expected shadow = new Expected();
            for (Score s : scores) {
                (s.getModelVersion() == 2L ? canary : serving).add(s);
            }
            List<ShadowScore> shadows = driver.shadowScores().readValuesToList();
            for (ShadowScore s : shadows) {
                shadow.add(s.getShadow());
            }
            assertThat(shadows).hasSize(KEYS * EVENTS);
            assertThat(serving.scored).isPositive();
            assertThat(canary.scored).isPositive();
            assertThat(serving.scored + canary.scored).isEqualTo(KEYS * EVENTS);
            assertThat(serving.flagged + canary.flagged).as("the spikes are flagged").isPositive();

            List<ArmEvidence> arms = driver.counters().evidence().arms();
            assertThat(arms).extracting(a -> a.version() + " " + a.role()).containsExactly("1 SERVING", "2 CANARY",
                    "3 SHADOW");
            serving.assertEquals(arms.get(0));
            canary.assertEquals(arms.get(1));
            shadow.assertEquals(arms.get(2));

            meters.refresh();
            String text = prometheus.scrape();
            String v2 = "{model=\"default\",role=\"canary\",version=\"2\"}";
            assertThat(require(text, "seqscore_version_events_scored_total" + v2)).isEqualTo(canary.scored);
            assertThat(require(text, "seqscore_version_forecasts_total" + v2)).isEqualTo(canary.forecasts);
            assertThat(require(text, "seqscore_version_anomalies_total" + v2)).isEqualTo(canary.flagged);
            assertThat(require(text, "seqscore_version_mae" + v2)).isCloseTo(canary.absError / canary.values,
                    within(1e-9));
            String v3 = "{model=\"default\",role=\"shadow\",version=\"3\"}";
            assertThat(require(text, "seqscore_version_events_scored_total" + v3)).isEqualTo(KEYS * EVENTS);
            assertThat(require(text, "seqscore_version_anomaly_score_mean" + v3)).isCloseTo(
                    shadow.anomaly / shadow.forecasts, within(1e-9));
            assertThat(require(text, "seqscore_version_flag_rate{model=\"default\",role=\"serving\",version=\"1\"}"))
                    .isCloseTo((double) serving.flagged / serving.forecasts, within(1e-12));

            ObjectMapper mapper = new ObjectMapper();
            JsonNode json = mapper.readTree(mapper.writeValueAsBytes(ModelsView.of(driver.registry(),
                    driver.counters().evidence())));
            JsonNode first = json.get("evidence").get(0);
            assertThat(first.get("version").asLong()).isEqualTo(1L);
            assertThat(first.get("role").asText()).isEqualTo(ModelRole.SERVING.label());
            assertThat(first.get("eventsScored").asLong()).isEqualTo(serving.scored);
            assertThat(first.get("flagged").asLong()).isEqualTo(serving.flagged);
            assertThat(first.get("meanAbsError").asDouble()).isCloseTo(serving.absError / serving.values, within(1e-12));
            prometheus.close();
        }
    }
}
