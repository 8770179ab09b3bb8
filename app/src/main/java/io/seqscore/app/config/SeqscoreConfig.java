package io.seqscore.app.config;

import io.seqscore.app.model.ModelRegistry;
import io.seqscore.app.model.ReleaseVerifier;
import io.seqscore.app.model.SignatureVerifier;
import io.seqscore.app.model.TrustedKeys;
import io.seqscore.app.routing.ModelRouter;
import io.seqscore.model.core.ConfigEnum;
import io.seqscore.model.core.anomaly.AnomalyNormalization;
import io.seqscore.model.core.anomaly.Detectors;
import io.seqscore.model.core.anomaly.LikelihoodDetector;
import io.seqscore.model.core.anomaly.RangeDetector;
import io.seqscore.model.core.anomaly.ResidualForecaster;
import io.seqscore.model.core.anomaly.ThresholdScope;
import io.seqscore.app.scoring.LatePolicy;
import io.seqscore.app.scoring.NonFinitePolicy;
import io.seqscore.app.scoring.AdaptiveSettings;
import io.seqscore.app.scoring.LikelihoodSettings;
import io.seqscore.app.scoring.NextSymbolSettings;
import io.seqscore.app.scoring.RangeSettings;
import io.seqscore.app.scoring.ForecastSettings;
import io.seqscore.app.scoring.ScoringSettings;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.ValidString;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * seqscore's own settings, declared once (name, type, default, validator, importance, documentation),
 * beside every Kafka Streams, client and serde property, which pass through untouched.
 *
 * <p>Two Kafka Streams properties are declared here too because seqscore sets their defaults:
 * {@code application.id} ({@value #DEFAULT_APPLICATION_ID}) and {@code processing.guarantee}
 * ({@code exactly_once_v2}). The settings table in docs/settings.md is generated from {@link #CONFIG}.
 */
public final class SeqscoreConfig extends AbstractConfig {
    public static final String PREFIX = "seqscore.";
    public static final String DEFAULT_APPLICATION_ID = "seqscore";

    public static final String EVENTS_TOPIC_CONFIG = "seqscore.events.topic";
    public static final String EVENTS_TOPIC_DOC = "Topic of the events to score: by default key = series id (string),"
            + " value = Event (Avro, Confluent wire format); other layouts by seqscore.input.format.";
    public static final String SCORES_TOPIC_CONFIG = "seqscore.scores.topic";
    public static final String SCORES_TOPIC_DOC = "Topic the scores go to: one Score per event that was scored or"
            + " buffered (key = series id).";
    public static final String ANOMALIES_TOPIC_CONFIG = "seqscore.anomalies.topic";
    public static final String ANOMALIES_TOPIC_DOC = "Topic that receives a copy of every flagged Score.";
    public static final String DLQ_TOPIC_CONFIG = "seqscore.dlq.topic";
    public static final String DLQ_TOPIC_DOC = "Dead-letter topic: the original key and value bytes of every event that"
            + " could not be scored, with headers saying why (seqscore.dlq.reason, __streams.errors.*).";
    public static final String MODELS_TOPIC_CONFIG = "seqscore.models.topic";
    public static final String MODELS_TOPIC_DOC = "Compacted topic of model releases: key = model name, value ="
            + " ModelRelease (Avro). Read by every instance into a global store.";

    public static final String SHADOW_SCORES_TOPIC_CONFIG = "seqscore.shadow.scores.topic";
    public static final String SHADOW_SCORES_TOPIC_DOC = "Topic of the shadow rollouts' output: while a SHADOW"
            + " release runs beside a model's serving version, one ShadowScore (the serving version's Score and"
            + " the shadow's Score of the same event) per scored event of the model's keys (key = series id)."
            + " Shadow scores never go to the scores or anomalies topic.";

    public static final String MODEL_NAME_CONFIG = "seqscore.model.name";
    public static final String MODEL_NAME_DOC = "The default model: the name (the key on the models topic) of the"
            + " model that scores every event that neither the routing attribute nor a routing rule sends to"
            + " another model.";
    public static final String ROUTING_RULES_CONFIG = "seqscore.routing.rules";
    public static final String ROUTING_RULES_DOC = "Routing rules, comma-separated, each glob=model: an event whose"
            + " series key matches the glob (the whole key; * any run of characters, ? one character, backslash"
            + " escapes the next) is scored by that model. The first matching rule wins; keys no rule matches go to"
            + " seqscore.model.name. Precedence: the routing attribute, then the rules in order, then the default."
            + " Example: sensor-*=sensors,host-??=hosts.";
    public static final String ROUTING_ATTRIBUTE_CONFIG = "seqscore.routing.attribute";
    public static final String ROUTING_ATTRIBUTE_DOC = "Name of an event attribute whose value, when an event has"
            + " it and it is not empty, is the name of the model that scores the event, before any routing rule."
            + " Unset: attributes do not route. A key's state is kept per key: when its events change model, the"
            + " state is rebuilt from the key's recent inputs (REWARMED).";
    public static final String MODEL_VERSIONS_KEPT_CONFIG = "seqscore.model.versions.kept";
    public static final String MODEL_VERSIONS_KEPT_DOC = "Versions of each model name the scorer keeps, in memory"
            + " and in its models store: first those its rollout phases use (serving, canary, shadow, and the version"
            + " that scores events before an activation time), then the most recent others, which /api/models lists"
            + " and a rollback is checked against. When the phases alone would use more, the oldest phase is dropped"
            + " and the next one applies from the start of time: keep this above the number of versions your"
            + " scheduled activations need.";
    public static final String TRUSTED_KEYS_CONFIG = "seqscore.release.trusted.keys";
    public static final String TRUSTED_KEYS_DOC = "Ed25519 public keys (PEM, as the trainer's keygen writes them),"
            + " comma-separated files or directories (a directory stands for its *.pub and *.pem files); a key's id"
            + " is its file name without the extension. When set, every model release must carry a valid signature"
            + " by one of these keys over its canonical form: an unsigned release, one signed with another key or"
            + " one altered after signing is rejected and the serving model stays. Empty: releases are not checked.";

    public static final String LATE_POLICY_CONFIG = "seqscore.late.policy";
    public static final String LATE_POLICY_DOC = "An event whose time is before its key's last event time (late) or"
            + " equal to it (duplicate): 'dlq' sends it to the dead-letter topic (reason LATE); 'score' scores it"
            + " against the key's current state without updating it (status LATE_UNCHANGED); 'drop' only counts it.";
    public static final String NONFINITE_POLICY_CONFIG = "seqscore.nonfinite.policy";
    public static final String NONFINITE_POLICY_DOC = "An event with a NaN or infinite value: 'dlq' sends it to the"
            + " dead-letter topic (reason NON_FINITE); 'drop' only counts it.";
    public static final String GAP_RESET_MS_CONFIG = "seqscore.gap.reset.ms";
    public static final String GAP_RESET_MS_DOC = "When a key's event comes more than this many milliseconds (event"
            + " time) after its previous one, the key's recurrent state, residual statistics and re-warm buffer are"
            + " reset first (status RESET_GAP). 0 disables the check.";

    public static final String ANOMALY_NORMALIZATION_CONFIG = "seqscore.anomaly.normalization";
    public static final String ANOMALY_NORMALIZATION_DOC = "How one-step residuals are standardized before they"
            + " become an anomaly score: 'calibration' by the release's calibration (the same for every key); 'key'"
            + " further by the key's own running mean and deviation of its standardized residuals (once it has"
            + " seqscore.anomaly.key.min.count of them); 'both' takes the smaller of the two statistics, so an event"
            + " is flagged only when it is unusual for the model and for the key.";
    public static final String ANOMALY_THRESHOLD_CONFIG = "seqscore.anomaly.threshold";
    public static final String ANOMALY_THRESHOLD_DOC = "Anomaly score in [0, 1] at or above which an event is flagged"
            + " (with 'range', 'adaptive' and 'likelihood': and above 0), replacing each detector's own rule. Unset:"
            + " 'range' flags an exceedance above seqscore.anomaly.range.margin (a score above 0.5) outside the"
            + " refractory period and above the key's alarm level (see seqscore.anomaly.target.rate); 'calibrated' and"
            + " 'next-symbol' flag at the threshold calibrated in the serving release.";
    public static final String ANOMALY_KEY_ALPHA_CONFIG = "seqscore.anomaly.key.alpha";
    public static final String ANOMALY_KEY_ALPHA_DOC = "Weight in (0, 1] of a new residual in a key's running"
            + " (exponentially weighted) residual mean and variance: about the reciprocal of the number of recent"
            + " events they reflect.";
    public static final String ANOMALY_KEY_MIN_COUNT_CONFIG = "seqscore.anomaly.key.min.count";
    public static final String ANOMALY_KEY_MIN_COUNT_DOC = "Residuals a key needs before its running statistics are"
            + " used ('key' and 'both' normalization); before that the calibration alone standardizes.";
    public static final String ANOMALY_DETECTOR_CONFIG = "seqscore.anomaly.detector";
    public static final String ANOMALY_DETECTOR_DOC = "How events of releases of values become anomaly scores and flags"
            + " (a release of feature kind SYMBOLS is always judged by 'next-symbol', see seqscore.anomaly.next-symbol.top-g):"
            + " 'range' (the default) scores range novelty: how far the key's"
            + " value, its moving averages (seqscore.anomaly.range.level.scales), the moving average of its forecast's"
            + " absolute one-step residual and of its difference from one season ago lie outside the ranges the same"
            + " statistics covered so far on this key, in units of those ranges; E = the largest exceedance (the"
            + " seasonal one weighted), score = E / (E + margin), 0 for the refractory events after an alarm (E > margin)."
            + " An event is flagged when E > margin outside the refractory period (score > 0.5) and E is above the key's"
            + " alarm level, which rises only on keys whose exceedances come more often than seqscore.anomaly.target.rate;"
            + " or, when seqscore.anomaly.threshold is set, when its score is > 0 and at least that threshold. Events with several"
            + " values are scored per value (per forecast value for the residual), E being the largest over all. Each"
            + " key's event ring then keeps at least seqscore.anomaly.range.season.history + 1 events. 'adaptive' is 'range'"
            + " scored against the key's alarm level too: score = E / (E + max(margin, q)). 'calibrated' maps the one-step"
            + " residual through the release's calibration (see seqscore.anomaly.normalization) and flags at"
            + " seqscore.anomaly.threshold or the calibrated threshold. 'likelihood' scores Numenta's anomaly likelihood"
            + " of a raw score (seqscore.anomaly.likelihood.raw): the upper Gaussian tail of its short moving average"
            + " under the key's own long-run mean and variance of it, log-scaled (0.5: a tail of 1e-5), flagged above"
            + " 0.5 and the key's alarm level.";
    public static final String NEXT_SYMBOL_TOP_G_CONFIG = "seqscore.anomaly.next-symbol.top-g";
    public static final String NEXT_SYMBOL_TOP_G_DOC = "With the 'next-symbol' detector (models of feature kind SYMBOLS):"
            + " an event is flagged when its symbol is not among the g most likely after the key's previous event"
            + " (rank > g, DeepLog's rule). 0: flagged instead when its score 1 - p (p: the probability the model gave"
            + " the symbol) reaches seqscore.anomaly.threshold or the release's calibrated threshold. A symbol the"
            + " model's vocabulary does not hold is always flagged (status UNSEEN_SYMBOL).";
    public static final String NEXT_SYMBOL_TRANSITIONS_CONFIG = "seqscore.anomaly.next-symbol.transitions";
    public static final String NEXT_SYMBOL_TRANSITIONS_DOC = "With the 'next-symbol' detector: whether a release that"
            + " carries the transitions its normal sessions had (pairs of consecutive symbols, a key's first event"
            + " following the start; releases of 'seqscore-trainer train --sessions') flags an event whose pair with the"
            + " key's previous event it never saw. The key's event ring then keeps at least 2 events. false: the"
            + " transitions are ignored (and seqscore.anomaly.next-symbol.threshold-scope 'auto' means 'all').";
    public static final String NEXT_SYMBOL_THRESHOLD_SCOPE_CONFIG = "seqscore.anomaly.next-symbol.threshold-scope";
    public static final String NEXT_SYMBOL_THRESHOLD_SCOPE_DOC = "With the 'next-symbol' detector: which events the"
            + " threshold (or seqscore.anomaly.next-symbol.top-g) judges. 'all': every event; 'end': only the events"
            + " of the release's end symbol (the symbol the trainer appended to every session; none when it has"
            + " none), so that within a session only unknown symbols and unseen transitions flag; 'auto': 'end' when"
            + " the release carries transitions in use and an end symbol, else 'all' (every release before them).";
    public static final String NEXT_SYMBOLS_CONFIG = "seqscore.score.next.symbols";
    public static final String NEXT_SYMBOLS_DOC = "How many of the most likely next symbols a score of a SYMBOLS model"
            + " lists (Score.nextSymbols, most likely first, with their probabilities); 0 for none.";
    public static final String RANGE_MARGIN_CONFIG = "seqscore.anomaly.range.margin";
    public static final String RANGE_MARGIN_DOC = "Range detector: the exceedance (a fraction of a statistic's range)"
            + " that scores 0.5 and raises an alarm.";
    public static final String RANGE_REFRACTORY_CONFIG = "seqscore.anomaly.range.refractory.events";
    public static final String RANGE_REFRACTORY_DOC = "Range detector: the key's events after an alarm that score 0 and"
            + " are not flagged (one alarm per cluster of unusual events).";
    public static final String RANGE_MEMORY_CONFIG = "seqscore.anomaly.range.memory.events";
    public static final String RANGE_MEMORY_DOC = "Range detector: how long a statistic's record low and high are"
            + " remembered, in the key's events: after each event a range [lo, hi] shrinks by the factor 1 - 1/N about"
            + " its midpoint, so that after a few N events it spans what the key showed recently rather than in all its"
            + " history (a long stream stays sensitive to anomalies inside its all-time range). 0 remembers everything;"
            + " otherwise at least 2.";
    public static final String RANGE_LEVEL_SCALES_CONFIG = "seqscore.anomaly.range.level.scales";
    public static final String RANGE_LEVEL_SCALES_DOC = "Range detector: events of each level channel, a moving"
            + " average a <- a + (v - a)/s of the raw value starting at the key's first value; scored once the key has"
            + " s events. Empty: no level channel.";
    public static final String RANGE_RESIDUAL_SCALE_CONFIG = "seqscore.anomaly.range.residual.scale";
    public static final String RANGE_RESIDUAL_SCALE_DOC = "Range detector: events of the residual channel, a moving"
            + " average from 0 of |z - forecast| (the model's scaled units, the step-1 forecast made at the key's"
            + " previous event); only its upper side is scored, once it has 2 x this many residuals.";
    public static final String RANGE_SEASONAL_SCALE_CONFIG = "seqscore.anomaly.range.seasonal.scale";
    public static final String RANGE_SEASONAL_SCALE_DOC = "Range detector: events of the seasonal channel, a moving"
            + " average of z - z(one season ago), starting at the first difference; scored once it has 2 x this many.";
    public static final String RANGE_INSTANT_WEIGHT_CONFIG = "seqscore.anomaly.range.instant.weight";
    public static final String RANGE_INSTANT_WEIGHT_DOC = "Range detector: weight of the instant channel, the current"
            + " |z - forecast| without averaging, scored (upper side, once it has 2 x seqscore.anomaly.range.residual.scale"
            + " residuals) against the range it covered so far on the key: an isolated spike inside the key's range of"
            + " values. 0 (the default) leaves the channel out, and its state with it.";
    public static final String RANGE_INSTANT_MEMORY_CONFIG = "seqscore.anomaly.range.instant.memory.events";
    public static final String RANGE_INSTANT_MEMORY_DOC = "Range detector: the instant channel's own memory, in the"
            + " key's residuals: after each one its range shrinks by the factor 1 - 1/N about its midpoint (in place of"
            + " seqscore.anomaly.range.memory.events), so a large forecast error an earlier anomaly set stops masking"
            + " the spikes after it. 0 (the default): the instant channel remembers as the other channels do;"
            + " otherwise at least 2.";
    public static final String RANGE_TRANSIENT_EVENTS_CONFIG = "seqscore.anomaly.range.transient.events";
    public static final String RANGE_TRANSIENT_EVENTS_DOC = "Range detector: how long an excursion of a mature key"
            + " may last and still be given back, in the key's events. An alarm of a key that has absorbed at least"
            + " seqscore.anomaly.range.transient.mature.events events keeps the ranges as they were before it; within"
            + " this many events after it, each side of a range whose statistic is back inside the kept edge gets that"
            + " edge back, so a short incident does not hide the next one; what lasts longer is learned. 0 (the"
            + " default): every record is kept, and no state for it.";
    public static final String RANGE_TRANSIENT_MATURE_EVENTS_CONFIG = "seqscore.anomaly.range.transient.mature.events";
    public static final String RANGE_TRANSIENT_MATURE_EVENTS_DOC = "Range detector: events a key must have absorbed"
            + " before its alarms are given back (seqscore.anomaly.range.transient.events); earlier, while its ranges"
            + " are still learning the key's normal swing, every record is kept.";
    public static final String RANGE_DISPERSION_WEIGHT_CONFIG = "seqscore.anomaly.range.dispersion.weight";
    public static final String RANGE_DISPERSION_WEIGHT_DOC = "Range detector: weight of the dispersion channel, a moving"
            + " average of |v - previous v| (the spread of a key's changes) against the range it covered so far on the"
            + " key, both sides: a value that freezes, or noise that grows, inside the key's range of values. 0 (the"
            + " default) leaves the channel out, and its state with it.";
    public static final String RANGE_DISPERSION_SCALE_CONFIG = "seqscore.anomaly.range.dispersion.scale";
    public static final String RANGE_DISPERSION_SCALE_DOC = "Range detector: events of the dispersion channel's moving"
            + " average; scored once it has averaged 2 x this many changes (its own count: switched on for keys"
            + " already scored, it warms up anew on each).";
    public static final String RANGE_TRANSIENT_MIN_EXCEEDANCE_CONFIG = "seqscore.anomaly.range.transient.min.exceedance";
    public static final String RANGE_TRANSIENT_MIN_EXCEEDANCE_DOC = "Range detector: the exceedance (in units of the"
            + " broken range) an alarm needs for its records to be given back (seqscore.anomaly.range.transient.events):"
            + " an incident far beyond what the key has shown, rather than ordinary variation that barely breaks a"
            + " record. 0 (the default): every alarm of a mature key.";
    public static final String RANGE_SEASONAL_WEIGHT_CONFIG = "seqscore.anomaly.range.seasonal.weight";
    public static final String RANGE_SEASONAL_WEIGHT_DOC = "Range detector: weight of the seasonal channel's"
            + " exceedance (0 ignores it).";
    public static final String RANGE_SEASON_PERIOD_MS_CONFIG = "seqscore.anomaly.range.season.period.ms";
    public static final String RANGE_SEASON_PERIOD_MS_DOC = "Range detector: the season (event time) of the seasonal"
            + " channel: it compares an event with the key's newest earlier event at or before its time minus this.";
    public static final String RANGE_SEASON_TOLERANCE_MS_CONFIG = "seqscore.anomaly.range.season.tolerance.ms";
    public static final String RANGE_SEASON_TOLERANCE_MS_DOC = "Range detector: how far before 'one season ago' that"
            + " earlier event may lie; without one within it, the seasonal channel skips the event.";
    public static final String RANGE_SEASON_HISTORY_CONFIG = "seqscore.anomaly.range.season.history";
    public static final String RANGE_SEASON_HISTORY_DOC = "Range detector: the key's latest events (before the current"
            + " one) the seasonal look-back searches; at least one season of events (320 covers a day at 5-minute"
            + " spacing). Each key's event ring keeps max(seqscore.rewarm.buffer.length, this + 1, the history size of"
            + " a SEASONAL_CHANGES release) events, about 12 bytes each for one value.";
    public static final String RANGE_FORECASTER_CONFIG = "seqscore.anomaly.range.forecaster";
    public static final String RANGE_FORECASTER_DOC = "Range detector: what the residual channel compares an event"
            + " with: 'network' the model's step-1 forecast; 'last_value' the key's previous value (a forecaster"
            + " without a model: the ablation that measures what the network adds, see QUALITY.md).";
    public static final String LIKELIHOOD_RAW_CONFIG = "seqscore.anomaly.likelihood.raw";
    public static final String LIKELIHOOD_RAW_DOC = "Likelihood detector: the raw score per event whose likelihood it"
            + " takes: 'residual' the step-1 forecast residual's calibrated score (as the calibrated detector with"
            + " normalization calibration); 'range' the range detector's exceedance E as E / (E + margin).";
    public static final String LIKELIHOOD_COMBINE_CONFIG = "seqscore.anomaly.likelihood.combine";
    public static final String LIKELIHOOD_COMBINE_DOC = "Likelihood detector: 'none' scores by the likelihood alone;"
            + " 'range' by the larger of the likelihood's score and the range detector's (as Numenta's NAB detector"
            + " adds a value outside the key's past range).";
    public static final String LIKELIHOOD_SHORT_EVENTS_CONFIG = "seqscore.anomaly.likelihood.short.events";
    public static final String LIKELIHOOD_SHORT_EVENTS_DOC = "Likelihood detector: raw scores in the short moving"
            + " average whose upper tail is scored (Numenta: 10).";
    public static final String LIKELIHOOD_MEMORY_EVENTS_CONFIG = "seqscore.anomaly.likelihood.memory.events";
    public static final String LIKELIHOOD_MEMORY_EVENTS_DOC = "Likelihood detector: the long memory of the mean and"
            + " variance of the key's averaged raw scores, in events: their exact mean and variance up to this many,"
            + " an exponential memory of this many after (Numenta: a window of 8640).";
    public static final String LIKELIHOOD_LEARNING_EVENTS_CONFIG = "seqscore.anomaly.likelihood.learning.events";
    public static final String LIKELIHOOD_LEARNING_EVENTS_DOC = "Likelihood detector: a key's first raw scores left"
            + " out of the mean and variance while its ranges and forecasts settle; the key is scored 0 (or range's"
            + " score with combine=range) until 100 more are in (Numenta: 288).";
    public static final String ADAPTIVE_STEP_CONFIG = "seqscore.anomaly.adaptive.step";
    public static final String ADAPTIVE_STEP_DOC = "Range, adaptive and likelihood detectors: how fast each key's"
            + " alarm level q follows its own exceedances E (with 'likelihood': its scores), in margins per event: q <-"
            + " max(0, q + step x margin x ([E > q] - rate)), rate = seqscore.anomaly.target.rate. 'range' and"
            + " 'likelihood' flag only above q, 'adaptive' also scores against max(margin, q). 0 keeps q at 0: 'range'"
            + " flags every alarm and 'adaptive' scores exactly as 'range'.";
    public static final String TARGET_RATE_CONFIG = "seqscore.anomaly.target.rate";
    public static final String TARGET_RATE_DOC = "Range, adaptive and likelihood detectors: the share of a key's"
            + " events on its normal data that may be flagged, in (0, 1); each key's alarm level rises until its"
            + " exceedances are at most this frequent. Unset: the serving release's calibration.targetFpr"
            + " (seqscore-trainer train --target-fpr, 0.01 by default).";
    public static final String WARMUP_STEPS_CONFIG = "seqscore.warmup.steps";
    public static final String WARMUP_STEPS_DOC = "Events a key must have folded into its state before its scores"
            + " may be flagged (status WARMING_UP until then). Unset: the serving release's calibrated warm-up.";

    public static final String REWARM_BUFFER_LENGTH_CONFIG = "seqscore.rewarm.buffer.length";
    public static final String REWARM_BUFFER_LENGTH_DOC = "Recent inputs kept in each key's state. When a key meets"
            + " another model version (or its first model after NO_MODEL), its state is rebuilt by replaying them"
            + " through the new weights (status REWARMED). 0 keeps none: the key starts from a zero state. The ring"
            + " keeps more when a SEASONAL_CHANGES release needs a longer history, the range detector its"
            + " seasonal look-back (see seqscore.anomaly.range.season.history) or the season selection a week (see"
            + " seqscore.forecast.season.selection); a re-warm replays every event it holds.";
    public static final String STATE_TTL_MS_CONFIG = "seqscore.state.ttl.ms";
    public static final String STATE_TTL_MS_DOC = "A key's state is deleted (a tombstone in the changelog) when it has"
            + " not been updated for this many milliseconds of wall-clock time. 0 keeps state forever.";
    public static final String STATE_EXPIRY_SCAN_INTERVAL_MS_CONFIG = "seqscore.state.expiry.scan.interval.ms";
    public static final String STATE_EXPIRY_SCAN_INTERVAL_MS_DOC = "How often (wall clock) each task scans its store"
            + " for idle keys.";
    public static final String NORMALIZER_ONLINE_WARMUP_CONFIG = "seqscore.normalizer.online.warmup";
    public static final String NORMALIZER_ONLINE_WARMUP_DOC = "For releases with PER_KEY normalization: a key the"
            + " release has no statistics for is scaled by the release's global mean and std for its first this many"
            + " events, and from then on by its own mean and std over those events (then frozen).";

    public static final String SEASON_SELECTION_CONFIG = "seqscore.forecast.season.selection";
    public static final String SEASON_SELECTION_DOC = "For releases whose features are SEASONAL_OFFSETS (a season P,"
            + " e.g. a day of hourly events): each key keeps running mean absolute errors of three predictors of its"
            + " value, the value one season ago, one week (7P) ago and the mean of the two, and once it has counted P"
            + " events with a week behind them, its Scores carry the release's forecast when the daily predictor is the"
            + " best, weekly seasonal naive when the weekly one is, and the mean of the release's forecast and weekly"
            + " seasonal naive when the mean is; the interval moves with the forecast. The anomaly score, the expected"
            + " value and the forecast the detector reads stay the release's. Each key's ring then keeps at least"
            + " 7P + 1 events (8 bytes each for one value) and its state 35 bytes more (docs/forecasting.md). On by"
            + " default: false serves every key the release's forecast as trained. No effect on other kinds.";
    public static final String SEASON_SELECTION_MEMORY_CONFIG = "seqscore.forecast.season.selection.memory.events";
    public static final String SEASON_SELECTION_MEMORY_DOC = "Season selection: the events its running errors"
            + " remember (a plain mean over a key's first this many, then exponentially weighted with weight"
            + " 1/this). Unset: one week, 7P events of the release's season (168 for hourly events).";

    public static final String APPLICATION_ID_DOC = "Kafka Streams application id: the consumer group, the prefix of"
            + " internal topics and of the state directory. Instances with the same id share the work.";
    public static final String PROCESSING_GUARANTEE_DOC = "Kafka Streams processing guarantee: 'exactly_once_v2'"
            + " (transactions; needs brokers 2.5+) or 'at_least_once'.";

    /** Every setting, in the order of the settings table (docs/settings.md). */
    public static final ConfigDef CONFIG = new ConfigDef()
            .define(StreamsConfig.APPLICATION_ID_CONFIG, Type.STRING, DEFAULT_APPLICATION_ID,
                    new ConfigDef.NonEmptyString(), Importance.HIGH, APPLICATION_ID_DOC)
            .define(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, Type.STRING, StreamsConfig.EXACTLY_ONCE_V2,
                    ValidString.in(StreamsConfig.EXACTLY_ONCE_V2, StreamsConfig.AT_LEAST_ONCE), Importance.MEDIUM,
                    PROCESSING_GUARANTEE_DOC)
            .define(EVENTS_TOPIC_CONFIG, Type.STRING, "events", new ConfigDef.NonEmptyString(), Importance.HIGH,
                    EVENTS_TOPIC_DOC)
            .define(SCORES_TOPIC_CONFIG, Type.STRING, "scores", new ConfigDef.NonEmptyString(), Importance.HIGH,
                    SCORES_TOPIC_DOC)
            .define(ANOMALIES_TOPIC_CONFIG, Type.STRING, "anomalies", new ConfigDef.NonEmptyString(),
                    Importance.MEDIUM, ANOMALIES_TOPIC_DOC)
            .define(DLQ_TOPIC_CONFIG, Type.STRING, "events-dlq", new ConfigDef.NonEmptyString(), Importance.MEDIUM,
                    DLQ_TOPIC_DOC)
            .define(MODELS_TOPIC_CONFIG, Type.STRING, "models", new ConfigDef.NonEmptyString(), Importance.HIGH,
                    MODELS_TOPIC_DOC)
            .define(SHADOW_SCORES_TOPIC_CONFIG, Type.STRING, "shadow-scores", new ConfigDef.NonEmptyString(),
                    Importance.MEDIUM, SHADOW_SCORES_TOPIC_DOC)
            .define(MODEL_NAME_CONFIG, Type.STRING, "default", new ConfigDef.NonEmptyString(), Importance.HIGH,
                    MODEL_NAME_DOC)
            .define(ROUTING_RULES_CONFIG, Type.LIST, "", Validators.routingRules(), Importance.MEDIUM,
                    ROUTING_RULES_DOC)
            .define(ROUTING_ATTRIBUTE_CONFIG, Type.STRING, null, Validators.nullOr(new ConfigDef.NonEmptyString()),
                    Importance.LOW, ROUTING_ATTRIBUTE_DOC)
            .define(MODEL_VERSIONS_KEPT_CONFIG, Type.INT, ModelRegistry.DEFAULT_VERSIONS_KEPT, Range.between(2, 1000),
                    Importance.LOW, MODEL_VERSIONS_KEPT_DOC)
            .define(TRUSTED_KEYS_CONFIG, Type.LIST, "", Validators.trustedKeys(), Importance.HIGH, TRUSTED_KEYS_DOC)
            .define(LATE_POLICY_CONFIG, Type.STRING, LatePolicy.DLQ.configValue(), ValidString.in(
                    LatePolicy.DLQ.configValue(), LatePolicy.SCORE.configValue(), LatePolicy.DROP.configValue()),
                    Importance.MEDIUM, LATE_POLICY_DOC)
            .define(NONFINITE_POLICY_CONFIG, Type.STRING, NonFinitePolicy.DLQ.configValue(), ValidString.in(
                    NonFinitePolicy.DLQ.configValue(), NonFinitePolicy.DROP.configValue()),
                    Importance.MEDIUM, NONFINITE_POLICY_DOC)
            .define(GAP_RESET_MS_CONFIG, Type.LONG, 0L, Range.atLeast(0), Importance.MEDIUM, GAP_RESET_MS_DOC)
            .define(ANOMALY_NORMALIZATION_CONFIG, Type.STRING, AnomalyNormalization.CALIBRATION.configValue(),
                    ValidString.in(AnomalyNormalization.CALIBRATION.configValue(),
                            AnomalyNormalization.KEY.configValue(), AnomalyNormalization.BOTH.configValue()),
                    Importance.MEDIUM, ANOMALY_NORMALIZATION_DOC)
            .define(ANOMALY_THRESHOLD_CONFIG, Type.DOUBLE, null, Validators.nullOr(Range.between(0.0, 1.0)),
                    Importance.MEDIUM, ANOMALY_THRESHOLD_DOC)
            .define(ANOMALY_KEY_ALPHA_CONFIG, Type.DOUBLE, 0.01, Validators.openClosed(0.0, 1.0), Importance.LOW,
                    ANOMALY_KEY_ALPHA_DOC)
            .define(ANOMALY_KEY_MIN_COUNT_CONFIG, Type.INT, 30, Range.atLeast(1), Importance.LOW,
                    ANOMALY_KEY_MIN_COUNT_DOC)
            .define(ANOMALY_DETECTOR_CONFIG, Type.STRING, RangeDetector.NAME,
                    ValidString.in(Detectors.names().toArray(String[]::new)),
                    Importance.MEDIUM, ANOMALY_DETECTOR_DOC)
            .define(NEXT_SYMBOL_TOP_G_CONFIG, Type.INT, 0, Range.between(0, 1_000_000), Importance.LOW,
                    NEXT_SYMBOL_TOP_G_DOC)
            .define(NEXT_SYMBOL_TRANSITIONS_CONFIG, Type.BOOLEAN, NextSymbolSettings.DEFAULTS.transitions(),
                    Importance.LOW, NEXT_SYMBOL_TRANSITIONS_DOC)
            .define(NEXT_SYMBOL_THRESHOLD_SCOPE_CONFIG, Type.STRING, NextSymbolSettings.DEFAULTS.scope().configValue(),
                    ValidString.in(ThresholdScope.AUTO.configValue(), ThresholdScope.ALL.configValue(),
                            ThresholdScope.END.configValue()), Importance.LOW, NEXT_SYMBOL_THRESHOLD_SCOPE_DOC)
            .define(NEXT_SYMBOLS_CONFIG, Type.INT, 3, Range.between(0, 1000), Importance.LOW, NEXT_SYMBOLS_DOC)
            .define(RANGE_MARGIN_CONFIG, Type.DOUBLE, RangeSettings.DEFAULTS.margin(), Validators.openClosed(0.0, 10.0),
                    Importance.LOW, RANGE_MARGIN_DOC)
            .define(RANGE_REFRACTORY_CONFIG, Type.INT, RangeSettings.DEFAULTS.refractory(), Range.between(0, 1_000_000),
                    Importance.LOW, RANGE_REFRACTORY_DOC)
            .define(RANGE_MEMORY_CONFIG, Type.INT, RangeSettings.DEFAULTS.memory(), Validators.zeroOr(2, 100_000_000),
                    Importance.LOW, RANGE_MEMORY_DOC)
            .define(RANGE_INSTANT_WEIGHT_CONFIG, Type.DOUBLE, RangeSettings.DEFAULTS.instantWeight(),
                    Range.between(0.0, 10.0), Importance.LOW, RANGE_INSTANT_WEIGHT_DOC)
            .define(RANGE_INSTANT_MEMORY_CONFIG, Type.INT, RangeSettings.DEFAULTS.instantMemory(),
                    Validators.zeroOr(2, 100_000_000), Importance.LOW, RANGE_INSTANT_MEMORY_DOC)
            .define(RANGE_TRANSIENT_MIN_EXCEEDANCE_CONFIG, Type.DOUBLE, RangeSettings.DEFAULTS.minExceedance(),
                    Range.between(0.0, 1_000_000.0), Importance.LOW, RANGE_TRANSIENT_MIN_EXCEEDANCE_DOC)
            .define(RANGE_DISPERSION_WEIGHT_CONFIG, Type.DOUBLE, RangeSettings.DEFAULTS.dispersionWeight(),
                    Range.between(0.0, 10.0), Importance.LOW, RANGE_DISPERSION_WEIGHT_DOC)
            .define(RANGE_DISPERSION_SCALE_CONFIG, Type.INT, RangeSettings.DEFAULTS.dispersionScale(),
                    Range.between(1, 100_000), Importance.LOW, RANGE_DISPERSION_SCALE_DOC)
            .define(RANGE_TRANSIENT_EVENTS_CONFIG, Type.INT, RangeSettings.DEFAULTS.transientEvents(),
                    Range.between(0, 100_000_000), Importance.LOW, RANGE_TRANSIENT_EVENTS_DOC)
            .define(RANGE_TRANSIENT_MATURE_EVENTS_CONFIG, Type.INT, RangeSettings.DEFAULTS.matureEvents(),
                    Range.between(0, 1_000_000_000), Importance.LOW, RANGE_TRANSIENT_MATURE_EVENTS_DOC)
            .define(RANGE_LEVEL_SCALES_CONFIG, Type.LIST, "8,32", Validators.positiveInts(1_000_000, 8), Importance.LOW,
                    RANGE_LEVEL_SCALES_DOC)
            .define(RANGE_RESIDUAL_SCALE_CONFIG, Type.INT, RangeSettings.DEFAULTS.residualScale(),
                    Range.between(1, 1_000_000), Importance.LOW, RANGE_RESIDUAL_SCALE_DOC)
            .define(RANGE_SEASONAL_SCALE_CONFIG, Type.INT, RangeSettings.DEFAULTS.seasonalScale(),
                    Range.between(1, 1_000_000), Importance.LOW, RANGE_SEASONAL_SCALE_DOC)
            .define(RANGE_SEASONAL_WEIGHT_CONFIG, Type.DOUBLE, RangeSettings.DEFAULTS.seasonalWeight(),
                    Range.between(0.0, 10.0), Importance.LOW, RANGE_SEASONAL_WEIGHT_DOC)
            .define(RANGE_SEASON_PERIOD_MS_CONFIG, Type.LONG, RangeSettings.DEFAULTS.periodMs(), Range.atLeast(1),
                    Importance.LOW, RANGE_SEASON_PERIOD_MS_DOC)
            .define(RANGE_SEASON_TOLERANCE_MS_CONFIG, Type.LONG, RangeSettings.DEFAULTS.toleranceMs(), Range.atLeast(0),
                    Importance.LOW, RANGE_SEASON_TOLERANCE_MS_DOC)
            .define(RANGE_SEASON_HISTORY_CONFIG, Type.INT, RangeSettings.DEFAULTS.history(),
                    Range.between(1, ScoringSettings.MAX_REWARM_CAPACITY - 1), Importance.LOW, RANGE_SEASON_HISTORY_DOC)
            .define(RANGE_FORECASTER_CONFIG, Type.STRING, RangeSettings.DEFAULTS.forecaster().configValue(),
                    ValidString.in(ResidualForecaster.NETWORK.configValue(),
                            ResidualForecaster.LAST_VALUE.configValue()), Importance.LOW, RANGE_FORECASTER_DOC)
            .define(LIKELIHOOD_RAW_CONFIG, Type.STRING, LikelihoodSettings.DEFAULTS.raw().configValue(),
                    ValidString.in(LikelihoodDetector.Raw.RESIDUAL.configValue(),
                            LikelihoodDetector.Raw.RANGE.configValue()), Importance.LOW, LIKELIHOOD_RAW_DOC)
            .define(LIKELIHOOD_COMBINE_CONFIG, Type.STRING, LikelihoodSettings.DEFAULTS.combine().configValue(),
                    ValidString.in(LikelihoodDetector.Combine.NONE.configValue(),
                            LikelihoodDetector.Combine.RANGE.configValue()), Importance.LOW, LIKELIHOOD_COMBINE_DOC)
            .define(LIKELIHOOD_SHORT_EVENTS_CONFIG, Type.INT, LikelihoodSettings.DEFAULTS.shortEvents(),
                    Range.between(1, 10_000), Importance.LOW, LIKELIHOOD_SHORT_EVENTS_DOC)
            .define(LIKELIHOOD_MEMORY_EVENTS_CONFIG, Type.INT, LikelihoodSettings.DEFAULTS.memoryEvents(),
                    Range.between(1, 100_000_000), Importance.LOW, LIKELIHOOD_MEMORY_EVENTS_DOC)
            .define(LIKELIHOOD_LEARNING_EVENTS_CONFIG, Type.INT, LikelihoodSettings.DEFAULTS.learningEvents(),
                    Range.between(0, 100_000_000), Importance.LOW, LIKELIHOOD_LEARNING_EVENTS_DOC)
            .define(ADAPTIVE_STEP_CONFIG, Type.DOUBLE, AdaptiveSettings.DEFAULTS.step(), Range.between(0.0, 100.0),
                    Importance.LOW, ADAPTIVE_STEP_DOC)
            .define(TARGET_RATE_CONFIG, Type.DOUBLE, null, Validators.nullOr(Validators.open(0.0, 1.0)),
                    Importance.MEDIUM, TARGET_RATE_DOC)
            .define(WARMUP_STEPS_CONFIG, Type.INT, null, Validators.nullOr(Range.atLeast(0)), Importance.MEDIUM,
                    WARMUP_STEPS_DOC)
            .define(REWARM_BUFFER_LENGTH_CONFIG, Type.INT, 32, Range.between(0, ScoringSettings.MAX_REWARM_CAPACITY),
                    Importance.MEDIUM, REWARM_BUFFER_LENGTH_DOC)
            .define(STATE_TTL_MS_CONFIG, Type.LONG, 7L * 24 * 60 * 60 * 1000, Range.atLeast(0), Importance.MEDIUM,
                    STATE_TTL_MS_DOC)
            .define(STATE_EXPIRY_SCAN_INTERVAL_MS_CONFIG, Type.LONG, 60_000L, Range.atLeast(1), Importance.LOW,
                    STATE_EXPIRY_SCAN_INTERVAL_MS_DOC)
            .define(NORMALIZER_ONLINE_WARMUP_CONFIG, Type.INT, 50, Range.atLeast(1), Importance.LOW,
                    NORMALIZER_ONLINE_WARMUP_DOC)
            .define(SEASON_SELECTION_CONFIG, Type.BOOLEAN, ForecastSettings.DEFAULTS.seasonSelection(),
                    Importance.MEDIUM, SEASON_SELECTION_DOC)
            .define(SEASON_SELECTION_MEMORY_CONFIG, Type.INT, null, Validators.nullOr(Range.between(1, 100_000_000)),
                    Importance.LOW, SEASON_SELECTION_MEMORY_DOC);

    public static final String HTTP_AUTH_TOKEN_CONFIG = "seqscore.http.auth.token";
    public static final String HTTP_AUTH_TOKEN_DOC = "When set, every HTTP request except GET /health/live and"
            + " /health/ready must carry the header 'Authorization: Bearer <token>' with this token, or gets 401 with"
            + " WWW-Authenticate: Bearer; a key query forwarded to another instance carries it too, so every instance"
            + " of an application id needs the same token. A secret: never logged (SEQSCORE_HTTP_AUTH_TOKEN sets it"
            + " from the environment). Unset: no authentication (the endpoint binds 127.0.0.1 by default).";

    static {
        ServiceSettings.define(CONFIG);
        FormatSettings.define(CONFIG);
        TopicSettings.define(CONFIG);
        CONFIG.define(HTTP_AUTH_TOKEN_CONFIG, Type.PASSWORD, null, Validators.nullOr(Validators.bearerToken()),
                Importance.MEDIUM, HTTP_AUTH_TOKEN_DOC);
    }

    public SeqscoreConfig(Map<?, ?> props) {
        super(CONFIG, props, false);
        for (String name : originals().keySet()) {
            if (name.startsWith(PREFIX) && !CONFIG.names().contains(name)) {
                throw new ConfigException("Unknown seqscore setting '" + name + "'; the settings are "
                        + new java.util.TreeSet<>(CONFIG.names()));
            }
        }
        FormatSettings.from(this);
    }

    /**
     * Reads a properties file, then applies the {@code SEQSCORE_*} variables of {@code env} over it
     * (see {@link EnvOverrides}).
     */
    public static SeqscoreConfig load(Path file, Map<String, String> env) throws IOException {
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(in);
        }
        return fromProperties(props, env);
    }

    /** Applies the {@code SEQSCORE_*} variables of {@code env} over {@code props}. */
    public static SeqscoreConfig fromProperties(Properties props, Map<String, String> env) {
        Map<String, Object> merged = new HashMap<>();
        props.stringPropertyNames().forEach(k -> merged.put(k, props.getProperty(k)));
        merged.putAll(EnvOverrides.overrides(env, CONFIG.names()));
        return new SeqscoreConfig(merged);
    }

    /** The events topic's format and field mapping, and the scores' format. */
    public FormatSettings formatSettings() {
        return FormatSettings.from(this);
    }

    public String eventsTopic() {
        return getString(EVENTS_TOPIC_CONFIG);
    }

    public String scoresTopic() {
        return getString(SCORES_TOPIC_CONFIG);
    }

    public String anomaliesTopic() {
        return getString(ANOMALIES_TOPIC_CONFIG);
    }

    public String dlqTopic() {
        return getString(DLQ_TOPIC_CONFIG);
    }

    public String modelsTopic() {
        return getString(MODELS_TOPIC_CONFIG);
    }

    public String shadowScoresTopic() {
        return getString(SHADOW_SCORES_TOPIC_CONFIG);
    }

    /** Whether and how {@code seqscore run} creates the topics it finds missing. */
    public TopicSettings topicSettings() {
        return new TopicSettings(getBoolean(TopicSettings.CREATE_CONFIG), getInt(TopicSettings.PARTITIONS_CONFIG),
                getShort(TopicSettings.REPLICATION_FACTOR_CONFIG));
    }

    /** Which model scores which key: the routing attribute, the routing rules, the default model. */
    public ModelRouter modelRouter() {
        return new ModelRouter(getString(MODEL_NAME_CONFIG), ModelRouter.parseRules(getList(ROUTING_RULES_CONFIG)),
                getString(ROUTING_ATTRIBUTE_CONFIG));
    }

    public int modelVersionsKept() {
        return getInt(MODEL_VERSIONS_KEPT_CONFIG);
    }

    /**
     * The trusted keys' signature check, or {@link ReleaseVerifier#ACCEPT_UNSIGNED} without trusted keys.
     *
     * @throws ConfigException when a key cannot be read
     */
    public ReleaseVerifier releaseVerifier() {
        List<String> paths = getList(TRUSTED_KEYS_CONFIG);
        if (paths.isEmpty()) {
            return ReleaseVerifier.ACCEPT_UNSIGNED;
        }
        try {
            return new SignatureVerifier(TrustedKeys.load(paths.stream().map(Path::of).toList()));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(TRUSTED_KEYS_CONFIG, paths, e.getMessage());
        }
    }

    /** The bearer token the HTTP endpoint requires, or null when it requires none. */
    public String httpAuthToken() {
        org.apache.kafka.common.config.types.Password token = getPassword(HTTP_AUTH_TOKEN_CONFIG);
        return token == null ? null : token.value();
    }

    public String applicationId() {
        return getString(StreamsConfig.APPLICATION_ID_CONFIG);
    }

    /** The settings of the scoring processor. */
    public ScoringSettings scoringSettings() {
        Double threshold = getDouble(ANOMALY_THRESHOLD_CONFIG);
        Integer warmup = getInt(WARMUP_STEPS_CONFIG);
        return new ScoringSettings(
                getString(MODEL_NAME_CONFIG),
                ConfigEnum.ofConfigValue(LatePolicy.class, getString(LATE_POLICY_CONFIG)),
                ConfigEnum.ofConfigValue(NonFinitePolicy.class, getString(NONFINITE_POLICY_CONFIG)),
                getLong(GAP_RESET_MS_CONFIG),
                ConfigEnum.ofConfigValue(AnomalyNormalization.class, getString(ANOMALY_NORMALIZATION_CONFIG)),
                threshold == null ? Double.NaN : threshold,
                warmup == null ? -1 : warmup,
                getDouble(ANOMALY_KEY_ALPHA_CONFIG),
                getInt(ANOMALY_KEY_MIN_COUNT_CONFIG),
                getInt(REWARM_BUFFER_LENGTH_CONFIG),
                getLong(STATE_TTL_MS_CONFIG),
                getLong(STATE_EXPIRY_SCAN_INTERVAL_MS_CONFIG),
                getInt(NORMALIZER_ONLINE_WARMUP_CONFIG),
                getString(ANOMALY_DETECTOR_CONFIG),
                rangeSettings(),
                adaptiveSettings(),
                likelihoodSettings(),
                new NextSymbolSettings(getInt(NEXT_SYMBOL_TOP_G_CONFIG), getBoolean(NEXT_SYMBOL_TRANSITIONS_CONFIG),
                        ConfigEnum.ofConfigValue(ThresholdScope.class, getString(NEXT_SYMBOL_THRESHOLD_SCOPE_CONFIG))),
                getInt(NEXT_SYMBOLS_CONFIG),
                forecastSettings());
    }

    /** What the scorer does to a release's forecast (seqscore.forecast.*). */
    public ForecastSettings forecastSettings() {
        Integer memory = getInt(SEASON_SELECTION_MEMORY_CONFIG);
        return new ForecastSettings(getBoolean(SEASON_SELECTION_CONFIG), memory == null ? 0 : memory);
    }

    /** The adaptive detector's parameters (seqscore.anomaly.adaptive.*). */
    public AdaptiveSettings adaptiveSettings() {
        Double rate = getDouble(TARGET_RATE_CONFIG);
        return new AdaptiveSettings(getDouble(ADAPTIVE_STEP_CONFIG), rate == null ? Double.NaN : rate);
    }

    /** The likelihood detector's parameters (seqscore.anomaly.likelihood.*). */
    public LikelihoodSettings likelihoodSettings() {
        return new LikelihoodSettings(
                ConfigEnum.ofConfigValue(LikelihoodDetector.Raw.class, getString(LIKELIHOOD_RAW_CONFIG)),
                ConfigEnum.ofConfigValue(LikelihoodDetector.Combine.class, getString(LIKELIHOOD_COMBINE_CONFIG)),
                getInt(LIKELIHOOD_SHORT_EVENTS_CONFIG), getInt(LIKELIHOOD_MEMORY_EVENTS_CONFIG),
                getInt(LIKELIHOOD_LEARNING_EVENTS_CONFIG));
    }

    /** The range detector's parameters (seqscore.anomaly.range.*). */
    public RangeSettings rangeSettings() {
        return new RangeSettings(getList(RANGE_LEVEL_SCALES_CONFIG).stream().map(v -> Integer.parseInt(v.trim())).toList(),
                getInt(RANGE_RESIDUAL_SCALE_CONFIG), getInt(RANGE_SEASONAL_SCALE_CONFIG),
                getDouble(RANGE_SEASONAL_WEIGHT_CONFIG), getDouble(RANGE_MARGIN_CONFIG), getInt(RANGE_REFRACTORY_CONFIG),
                getLong(RANGE_SEASON_PERIOD_MS_CONFIG), getLong(RANGE_SEASON_TOLERANCE_MS_CONFIG),
                getInt(RANGE_SEASON_HISTORY_CONFIG),
                ConfigEnum.ofConfigValue(ResidualForecaster.class, getString(RANGE_FORECASTER_CONFIG)),
                getInt(RANGE_MEMORY_CONFIG), getDouble(RANGE_INSTANT_WEIGHT_CONFIG), getInt(RANGE_INSTANT_MEMORY_CONFIG),
                getInt(RANGE_TRANSIENT_EVENTS_CONFIG), getInt(RANGE_TRANSIENT_MATURE_EVENTS_CONFIG),
                getDouble(RANGE_TRANSIENT_MIN_EXCEEDANCE_CONFIG),
                getDouble(RANGE_DISPERSION_WEIGHT_CONFIG), getInt(RANGE_DISPERSION_SCALE_CONFIG));
    }

    /**
     * What Kafka Streams is started with: every property that is not a {@code seqscore.*} setting, as
     * given (clients' and serdes' settings included), with {@code application.id} and
     * {@code processing.guarantee} resolved to seqscore's defaults when absent, and, when absent,
     * {@code statestore.cache.max.bytes} that gives each stream thread Kafka's default cache ({@link RecordCacheSize}).
     */
    public Properties streamsProperties() {
        Properties p = new Properties();
        originals().forEach((k, v) -> {
            if (!k.startsWith(PREFIX) && v != null) {
                p.put(k, v);
            }
        });
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, getString(StreamsConfig.PROCESSING_GUARANTEE_CONFIG));
        if (!RecordCacheSize.isSet(p)) {
            p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG,
                    Long.toString(RecordCacheSize.scorerDefault(RecordCacheSize.streamThreads(p))));
        }
        return p;
    }

    /** The properties the Avro serdes are configured with (they read the Schema Registry settings among them). */
    public Map<String, Object> serdeProperties() {
        Map<String, Object> m = new HashMap<>();
        originals().forEach((k, v) -> {
            if (!k.startsWith(PREFIX) && v != null) {
                m.put(k, v);
            }
        });
        return m;
    }

    /** Every property, seqscore's and passed-through ones, with secrets shown as {@code [hidden]}: safe to log. */
    public Map<String, String> loggableProperties() {
        Map<String, String> out = new java.util.TreeMap<>();
        values().forEach((k, v) -> out.put(k, String.valueOf(v)));
        originals().forEach((k, v) -> {
            if (!CONFIG.names().contains(k)) {
                out.put(k, Secrets.isSecret(k) ? Secrets.HIDDEN : String.valueOf(v));
            }
        });
        return out;
    }

    /** The settings table (docs/settings.md) (Markdown), generated from {@link #CONFIG}. */
    public static String settingsTable() {
        StringBuilder sb = new StringBuilder("| setting | type | default | valid values | importance | description |\n")
                .append("|---|---|---|---|---|---|\n");
        for (ConfigDef.ConfigKey key : CONFIG.configKeys().values()) {
            sb.append("| `").append(key.name).append("` | ").append(key.type.name().toLowerCase(java.util.Locale.ROOT))
                    .append(" | ").append(key.hasDefault() ? defaultText(key) : "(required)")
                    .append(" | ").append(key.validator == null ? "" : key.validator.toString().replace("|", "\\|"))
                    .append(" | ").append(key.importance.name().toLowerCase(java.util.Locale.ROOT))
                    .append(" | ").append(key.documentation.replace("|", "\\|")).append(" |\n");
        }
        return sb.toString();
    }

    private static String defaultText(ConfigDef.ConfigKey key) {
        if (key.defaultValue == null) {
            return "(unset)";
        }
        String text = ConfigDef.convertToString(key.defaultValue, key.type);
        return text.isEmpty() ? "(empty)" : "`" + text + "`";
    }

    @Override
    public String toString() {
        return "SeqscoreConfig" + Arrays.toString(loggableProperties().entrySet().toArray());
    }
}
