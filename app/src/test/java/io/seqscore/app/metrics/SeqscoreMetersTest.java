package io.seqscore.app.metrics;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.seqscore.app.model.ModelRegistry;
import io.seqscore.app.model.ModelReleaseDecoder;
import io.seqscore.app.model.ReleaseVerifier;
import io.seqscore.app.model.ServingModel;
import io.seqscore.app.scoring.DlqReason;
import io.seqscore.app.scoring.DropReason;
import io.seqscore.app.scoring.ScoringCounters;
import io.seqscore.app.testing.Releases;
import io.seqscore.avro.ScoreStatus;
import io.seqscore.model.core.CellType;
import io.seqscore.model.core.NetworkSpec;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static io.seqscore.app.testing.PrometheusText.require;
import static io.seqscore.app.testing.PrometheusText.value;
import static org.assertj.core.api.Assertions.assertThat;

class SeqscoreMetersTest {
    private static final NetworkSpec SPEC = NetworkSpec.uniform(CellType.GRU_RESET_AFTER, 1, 2, 1);

    private final ScoringCounters counters = new ScoringCounters();
    private final ModelRegistry registry = new ModelRegistry();
    private final AtomicLong keys = new AtomicLong(-1);
    private final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final SeqscoreMeters seqscore = new SeqscoreMeters(counters, registry, keys::get);

    private static ServingModel model(String name, long version) throws Exception {
        return new ModelReleaseDecoder(ReleaseVerifier.ACCEPT_UNSIGNED).decode(name, Releases.release(name, version, SPEC,
                Releases.randomParams(SPEC, version, 0.3f), Releases.none(), Releases.gaussian(SPEC, 1.0, 0.99, 0)));
    }

    private String scrape() {
        seqscore.refresh();
        return meters.scrape();
    }

    @Test
    void shouldExposeTheScoringCountersWithTheirExactValues() {
        seqscore.bindTo(meters);
        for (int i = 0; i < 3; i++) {
            counters.scored(ScoreStatus.OK);
        }
        counters.scored(ScoreStatus.WARMING_UP);
        counters.scored(ScoreStatus.NO_MODEL);
        counters.flagged();
        counters.deadLettered(DlqReason.MALFORMED);
        counters.deadLettered(DlqReason.MALFORMED);
        counters.deadLettered(DlqReason.LATE);
        counters.dropped(DropReason.NON_FINITE);
        counters.expired(4);
        counters.replayed(true);
        counters.replayed(true);
        counters.replayed(false);
        counters.shadowScored(ScoreStatus.REWARMED);
        counters.shadowScored(ScoreStatus.OK);
        counters.shadowScored(ScoreStatus.OK);
        counters.shadowSkipped();
        counters.stepNanos(1_000);
        counters.stepNanos(3_000);
        keys.set(7);

        String text = scrape();
        assertThat(require(text, "seqscore_events_scored_total{status=\"OK\"}")).isEqualTo(3.0);
        assertThat(require(text, "seqscore_events_scored_total{status=\"WARMING_UP\"}")).isEqualTo(1.0);
        assertThat(require(text, "seqscore_events_scored_total{status=\"NO_MODEL\"}")).isEqualTo(1.0);
        assertThat(require(text, "seqscore_events_scored_total{status=\"REWARMED\"}")).isEqualTo(0.0);
        assertThat(value(text, "seqscore_events_scored_total{status=\"UNKNOWN\"}")).isEmpty();
        assertThat(require(text, "seqscore_anomalies_total")).isEqualTo(1.0);
        assertThat(require(text, "seqscore_dlq_events_total{reason=\"MALFORMED\"}")).isEqualTo(2.0);
        assertThat(require(text, "seqscore_dlq_events_total{reason=\"LATE\"}")).isEqualTo(1.0);
        assertThat(require(text, "seqscore_dlq_events_total{reason=\"CORRUPT_STATE\"}")).isEqualTo(0.0);
        assertThat(require(text, "seqscore_events_dropped_total{reason=\"NON_FINITE\"}")).isEqualTo(1.0);
        assertThat(require(text, "seqscore_events_dropped_total{reason=\"LATE\"}")).isEqualTo(0.0);
        assertThat(require(text, "seqscore_state_expired_keys_total")).isEqualTo(4.0);
        assertThat(require(text, "seqscore_replays_total{outcome=\"rewound\"}")).isEqualTo(2.0);
        assertThat(require(text, "seqscore_replays_total{outcome=\"ahead\"}")).isEqualTo(1.0);
        assertThat(require(text, "seqscore_shadow_events_scored_total{status=\"OK\"}")).isEqualTo(2.0);
        assertThat(require(text, "seqscore_shadow_events_scored_total{status=\"REWARMED\"}")).isEqualTo(1.0);
        assertThat(require(text, "seqscore_shadow_events_scored_total{status=\"LATE_UNCHANGED\"}")).isEqualTo(0.0);
        assertThat(value(text, "seqscore_shadow_events_scored_total{status=\"UNKNOWN\"}")).isEmpty();
        assertThat(require(text, "seqscore_shadow_events_skipped_total")).isEqualTo(1.0);
        assertThat(require(text, "seqscore_state_keys")).isEqualTo(7.0);
        assertThat(require(text, "seqscore_step_seconds_count")).isEqualTo(2.0);
        assertThat(require(text, "seqscore_step_seconds_sum")).isEqualTo(4.0e-6);
        assertThat(require(text, "seqscore_step_max_seconds")).isEqualTo(3.0e-6);
    }

    @Test
    void shouldReportStateKeysAsNaNWhileTheStoresCannotBeRead() {
        seqscore.bindTo(meters);
        assertThat(require(scrape(), "seqscore_state_keys")).isNaN();
    }

    @Test
    void shouldFollowModelSwapsRejectionsAndServingVersions() throws Exception {
        seqscore.bindTo(meters);
        assertThat(require(scrape(), "seqscore_model_swaps_total")).isEqualTo(0.0);
        assertThat(value(scrape(), "seqscore_model_serving_version{model=\"m\"}")).isEmpty();

        registry.offer(model("m", 1), 0);
        registry.offer(model("other", 4), 0);
        registry.offer(model("m", 3), 0);
        registry.offer(model("m", 2), 0);
        String text = scrape();
        assertThat(require(text, "seqscore_model_swaps_total")).isEqualTo(3.0);
        assertThat(require(text, "seqscore_model_rejections_total")).isEqualTo(1.0);
        assertThat(require(text, "seqscore_model_serving_version{model=\"m\"}")).isEqualTo(3.0);
        assertThat(require(text, "seqscore_model_serving_version{model=\"other\"}")).isEqualTo(4.0);

        registry.retire("other");
        assertThat(value(scrape(), "seqscore_model_serving_version{model=\"other\"}")).isEmpty();
    }
}
