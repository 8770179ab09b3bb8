package io.seqscore.app.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.seqscore.app.evidence.ArmEvidence;
import io.seqscore.app.evidence.VersionEvidence;
import io.seqscore.app.model.ModelRegistry;
import io.seqscore.app.scoring.DlqReason;
import io.seqscore.app.scoring.DropReason;
import io.seqscore.app.scoring.ScoringCounters;
import io.seqscore.avro.ScoreStatus;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.ToDoubleFunction;

/**
 * seqscore's own meters. Every one reads a counter the scoring processor or the model registry already
 * keeps ({@link ScoringCounters}' {@code LongAdder}s, {@link ModelRegistry}'s swap count) when it is
 * scraped, so binding them adds nothing to the per-event path. Names as Prometheus shows them:
 * <pre>
 *   seqscore_events_scored_total{status}      Scores written, by ScoreStatus
 *   seqscore_anomalies_total                  flagged Scores (also sent to the anomalies topic)
 *   seqscore_dlq_events_total{reason}         events sent to the dead-letter topic, by DlqReason
 *   seqscore_events_dropped_total{reason}     events a policy dropped, by DropReason
 *   seqscore_state_expired_keys_total         idle keys whose state was deleted
 *   seqscore_shadow_events_scored_total{status}
 *                                             ShadowScores written, by the shadow Score's status
 *   seqscore_shadow_events_skipped_total      events a running shadow could not score (it cannot read the event, or
 *                                             reads another row than the serving version)
 *   seqscore_model_swaps_total                releases put into service (first arrivals included)
 *   seqscore_model_rejections_total           releases refused (see /api/models for why)
 *   seqscore_model_serving_version{model}     the version serving each model name
 *   seqscore_state_keys                       keys in this instance's key-state store, counted exactly
 *   seqscore_step_seconds_count / _sum        model work per scored event (normalize, step, forecast)
 *   seqscore_step_max_seconds                 the longest such step since start
 * </pre>
 * Per model version and role ({@link VersionEvidence}; labels {@code model}, {@code version},
 * {@code role} = serving/canary/shadow), registered when the arm first scores:
 * <pre>
 *   seqscore_version_events_scored_total      Scores the arm wrote (shadow: ShadowScores), any status
 *   seqscore_version_forecasts_total          of which scored against a forecast (residual and anomaly score)
 *   seqscore_version_anomalies_total          of which flagged
 *   seqscore_version_forecast_values_total    forecast values compared (forecasts × values per event)
 *   seqscore_version_abs_error_total          Σ |observed − expected| over those values (value units)
 *   seqscore_version_anomaly_score_total      Σ anomaly score over the forecasts (the detector's error)
 *   seqscore_version_mae                      abs_error / forecast_values since start (NaN before any)
 *   seqscore_version_anomaly_score_mean       anomaly_score / forecasts since start
 *   seqscore_version_flag_rate                anomalies / forecasts since start
 * </pre>
 */
public final class SeqscoreMeters implements MeterBinder {
    private final ScoringCounters counters;
    private final ModelRegistry registry;
    private final LongSupplier stateKeys;
    private MultiGauge servingVersions;
    private MeterRegistry bound;
    private final Set<ArmEvidence> armsBound = Collections.newSetFromMap(new IdentityHashMap<>());

    /** @param stateKeys keys in the local key-state store, negative when it cannot be read now */
    public SeqscoreMeters(ScoringCounters counters, ModelRegistry registry, LongSupplier stateKeys) {
        this.counters = Objects.requireNonNull(counters, "counters");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.stateKeys = Objects.requireNonNull(stateKeys, "stateKeys");
    }

    @Override
    public void bindTo(MeterRegistry meters) {
        bound = meters;
        for (ScoreStatus status : ScoreStatus.values()) {
            if (status != ScoreStatus.UNKNOWN) {
                FunctionCounter.builder("seqscore.events.scored", counters, c -> c.scoredCount(status))
                        .tag("status", status.name()).description("Scores written, by status").register(meters);
            }
        }
        FunctionCounter.builder("seqscore.anomalies", counters, ScoringCounters::flaggedCount)
                .description("Flagged scores").register(meters);
        for (DlqReason reason : DlqReason.values()) {
            FunctionCounter.builder("seqscore.dlq.events", counters, c -> c.deadLetteredCount(reason))
                    .tag("reason", reason.name()).description("Events sent to the dead-letter topic, by reason")
                    .register(meters);
        }
        for (DropReason reason : DropReason.values()) {
            FunctionCounter.builder("seqscore.events.dropped", counters, c -> c.droppedCount(reason))
                    .tag("reason", reason.name()).description("Events dropped by a policy, by reason").register(meters);
        }
        FunctionCounter.builder("seqscore.state.expired.keys", counters, ScoringCounters::expiredCount)
                .description("Idle keys whose state was deleted").register(meters);
        for (boolean rewound : new boolean[] {true, false}) {
            FunctionCounter.builder("seqscore.replays", counters,
                            c -> rewound ? c.replaysRewoundCount() : c.replaysAheadCount())
                    .tag("outcome", rewound ? "rewound" : "ahead")
                    .description("At-least-once: events replayed after a crash onto a key state that had folded them "
                            + "in (rewound: scored again from the key's checkpoint; ahead: no checkpoint to go back "
                            + "to, the late policy applied)")
                    .register(meters);
        }
        for (ScoreStatus status : ScoreStatus.values()) {
            if (status != ScoreStatus.UNKNOWN) {
                FunctionCounter.builder("seqscore.shadow.events.scored", counters, c -> c.shadowScoredCount(status))
                        .tag("status", status.name()).description("ShadowScores written, by the shadow's status")
                        .register(meters);
            }
        }
        FunctionCounter.builder("seqscore.shadow.events.skipped", counters, ScoringCounters::shadowSkippedCount)
                .description("Events a running shadow could not score").register(meters);
        FunctionCounter.builder("seqscore.model.swaps", registry, ModelRegistry::swapCount)
                .description("Model releases put into service").register(meters);
        FunctionCounter.builder("seqscore.model.rejections", registry, ModelRegistry::rejectedCount)
                .description("Model releases refused").register(meters);
        servingVersions = MultiGauge.builder("seqscore.model.serving.version")
                .description("Version serving each model name").register(meters);
        refresh();
        Gauge.builder("seqscore.state.keys", stateKeys, s -> {
                    long n = s.getAsLong();
                    return n < 0 ? Double.NaN : n;
                })
                .description("Keys in this instance's key-state store").register(meters);
        FunctionTimer.builder("seqscore.step", counters, ScoringCounters::stepCount, ScoringCounters::stepNanosTotal,
                        TimeUnit.NANOSECONDS)
                .description("Model work per scored event").register(meters);
        TimeGauge.builder("seqscore.step.max", counters, TimeUnit.NANOSECONDS, ScoringCounters::stepNanosMax)
                .description("Longest model step since start").register(meters);
    }

    /** Brings the per-model gauges up to the registry's serving models and the arms that scored (call before a scrape). */
    public synchronized void refresh() {
        if (servingVersions == null) {
            return;
        }
        for (ArmEvidence arm : counters.evidence().arms()) {
            if (armsBound.add(arm)) {
                bindArm(arm);
            }
        }
        List<MultiGauge.Row<?>> rows = registry.servingModels().values().stream()
                .<MultiGauge.Row<?>>map(m -> MultiGauge.Row.of(Tags.of("model", m.name()), m.version()))
                .toList();
        servingVersions.register(rows, true);
    }

    private void bindArm(ArmEvidence arm) {
        Tags tags = Tags.of("model", arm.model(), "version", Long.toString(arm.version()), "role", arm.role().label());
        armCounter("seqscore.version.events.scored", arm, tags, ArmEvidence::scoredCount, "Scores the version wrote in this role");
        armCounter("seqscore.version.forecasts", arm, tags, ArmEvidence::forecastCount,
                "Scores the version wrote against a forecast");
        armCounter("seqscore.version.anomalies", arm, tags, ArmEvidence::flaggedCount, "Scores the version flagged");
        armCounter("seqscore.version.forecast.values", arm, tags, ArmEvidence::valueCount,
                "Forecast values compared with the observed values");
        armCounter("seqscore.version.abs.error", arm, tags, ArmEvidence::absErrorSum,
                "Sum of |observed - expected| over the forecast values compared (value units)");
        armCounter("seqscore.version.anomaly.score", arm, tags, ArmEvidence::anomalyScoreSum,
                "Sum of the anomaly scores of the scores with a forecast");
        Gauge.builder("seqscore.version.mae", arm, ArmEvidence::meanAbsError).tags(tags)
                .description("Mean absolute forecast error per value since start").register(bound);
        Gauge.builder("seqscore.version.anomaly.score.mean", arm, ArmEvidence::meanAnomalyScore).tags(tags)
                .description("Mean anomaly score of the scores with a forecast since start").register(bound);
        Gauge.builder("seqscore.version.flag.rate", arm, ArmEvidence::flagRate).tags(tags)
                .description("Flags per score with a forecast since start").register(bound);
    }

    private void armCounter(String name, ArmEvidence arm, Tags tags, ToDoubleFunction<ArmEvidence> value,
                            String description) {
        FunctionCounter.builder(name, arm, value).tags(tags).description(description).register(bound);
    }
}
