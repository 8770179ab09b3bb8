package io.seqscore.app.scoring;

import io.seqscore.app.model.ServingModel;
import io.seqscore.model.core.Require;
import io.seqscore.model.core.anomaly.AdaptiveDetector;
import io.seqscore.model.core.anomaly.AnomalyNormalization;
import io.seqscore.model.core.anomaly.DetectorSettings;
import io.seqscore.model.core.anomaly.LikelihoodDetector;
import io.seqscore.model.core.anomaly.RangeDetector;

import java.util.List;

/**
 * The settings one {@link ScoringProcessor} works with, resolved once from the configuration.
 *
 * @param modelName             the default model (see {@link io.seqscore.app.routing.ModelRouter} for routing)
 * @param latePolicy            out-of-order and duplicate event times
 * @param nonFinitePolicy       NaN and infinite values
 * @param gapResetMs            a gap in event time longer than this resets the key's state; 0 = never
 * @param normalization         how residuals are standardized
 * @param thresholdOverride     flag threshold in [0, 1]; NaN = the release's calibrated threshold
 * @param warmupOverride        steps before a key may be flagged; −1 = the release's warm-up
 * @param keyAlpha              EWMA weight of a new residual in the key's running statistics, (0, 1]
 * @param keyMinCount           residuals a key needs before its running statistics are used
 * @param rewarmCapacity        recent inputs kept per key for re-warming onto a new model version
 * @param stateTtlMs            idle time (wall clock) after which a key's state is deleted; 0 = never
 * @param expiryScanIntervalMs  how often (wall clock) idle keys are looked for
 * @param normalizerWarmup      values a key's own normalizer (PER_KEY releases) is fitted on before use
 * @param detector              how events of releases of values become anomaly scores and flags: a name registered
 *                              in {@link io.seqscore.model.core.anomaly.Detectors} (SYMBOLS releases: next-symbol)
 * @param range                 the range detector's parameters (used with "range" and "adaptive")
 * @param adaptive              the alarm level's parameters (used with "range", "adaptive" and "likelihood")
 * @param likelihood            the likelihood detector's parameters (used with "likelihood")
 * @param nextSymbol            the next-symbol detector's parameters (g, transitions, threshold scope)
 * @param nextSymbols           how many of the most likely next symbols a Score of a SYMBOLS model lists
 * @param forecast              what the scorer does to a release's forecast before a Score carries it
 */
public record ScoringSettings(String modelName, LatePolicy latePolicy, NonFinitePolicy nonFinitePolicy,
                              long gapResetMs, AnomalyNormalization normalization, double thresholdOverride,
                              int warmupOverride, double keyAlpha, int keyMinCount, int rewarmCapacity,
                              long stateTtlMs, long expiryScanIntervalMs, int normalizerWarmup,
                              String detector, RangeSettings range, AdaptiveSettings adaptive,
                              LikelihoodSettings likelihood, NextSymbolSettings nextSymbol, int nextSymbols,
                              ForecastSettings forecast) {
    public static final int MAX_REWARM_CAPACITY = 0xFFFF;

    public ScoringSettings {
        Require.nonNull("modelName latePolicy nonFinitePolicy normalization detector range adaptive likelihood nextSymbol"
                + " forecast", modelName, latePolicy, nonFinitePolicy, normalization, detector, range, adaptive, likelihood,
                nextSymbol, forecast);
        if (modelName.isEmpty()) {
            throw new IllegalArgumentException("model name must not be empty");
        }
        if (gapResetMs < 0 || stateTtlMs < 0) {
            throw new IllegalArgumentException("gap reset and state TTL must be >= 0");
        }
        if (!Double.isNaN(thresholdOverride) && !(thresholdOverride >= 0 && thresholdOverride <= 1)) {
            throw new IllegalArgumentException("threshold override must be in [0, 1], got " + thresholdOverride);
        }
        if (warmupOverride < -1) {
            throw new IllegalArgumentException("warm-up override must be >= 0 (or -1 for none), got " + warmupOverride);
        }
        if (!(keyAlpha > 0 && keyAlpha <= 1)) {
            throw new IllegalArgumentException("key alpha must be in (0, 1], got " + keyAlpha);
        }
        if (nextSymbols < 0) {
            throw new IllegalArgumentException("the number of next symbols must be >= 0, got " + nextSymbols);
        }
        if (keyMinCount < 1 || normalizerWarmup < 1) {
            throw new IllegalArgumentException("key minimum count and normalizer warm-up must be >= 1");
        }
        if (rewarmCapacity < 0 || rewarmCapacity > MAX_REWARM_CAPACITY) {
            throw new IllegalArgumentException("re-warm capacity must be in [0, " + MAX_REWARM_CAPACITY + "], got "
                    + rewarmCapacity);
        }
        if (expiryScanIntervalMs < 1) {
            throw new IllegalArgumentException("expiry scan interval must be >= 1 ms, got " + expiryScanIntervalMs);
        }
    }

    /** Steps a key of this model must have folded before it may be flagged: the override, or the release's. */
    public int warmup(ServingModel model) {
        return warmupOverride >= 0 ? warmupOverride : model.calibration().warmupSteps();
    }

    /**
     * Whether the next-symbol detector flags unseen transitions under this model: the setting is on and the release
     * carries transitions (only a model of symbols does).
     */
    public boolean transitionsInUse(ServingModel model) {
        return nextSymbol.transitions() && !model.transitions().isEmpty();
    }

    /**
     * Events each key's ring keeps under a model (and a shadow beside it, or null): the re-warm buffer
     * length, at least a SEASONAL_CHANGES model's history, with the range detector and a model of values
     * (or none yet), its look-back history plus the current event, and with a model of symbols whose transitions
     * are in use, the previous event plus the current one.
     */
    public int ringCapacity(ServingModel model, ServingModel shadow) {
        int capacity = rewarmCapacity;
        if ((RangeDetector.NAME.equals(detector) || AdaptiveDetector.NAME.equals(detector)
                || LikelihoodDetector.NAME.equals(detector))
                && (model == null || model.vocabulary() == null)) {
            capacity = Math.max(capacity, range.ringEvents());
        }
        if (model != null) {
            capacity = Math.max(capacity, model.historySize());
            if (transitionsInUse(model)) {
                capacity = Math.max(capacity, 2);
            }
        }
        if (shadow != null) {
            capacity = Math.max(capacity, shadow.historySize());
        }
        return capacity;
    }

    /** The flag threshold under this model: the override, or the release's calibrated one. */
    public double threshold(ServingModel model) {
        return Double.isNaN(thresholdOverride) ? model.calibration().threshold() : thresholdOverride;
    }

    /** The registered name of the detector ({@link io.seqscore.model.core.anomaly.Detectors}). */
    public String detectorName() {
        return detector;
    }

    /**
     * The detector settings by name, "NAME" standing for {@code seqscore.anomaly.NAME}: "normalization",
     * "threshold" (NaN: the release's), "key.alpha", "key.min.count", the range detector's "range.*", the alarm
     * level's "adaptive.step" and "target.rate" (NaN: the release's), the likelihood detector's "likelihood.*".
     */
    public DetectorSettings detectorSettings() {
        return new DetectorSettings() {
            @Override
            public double getDouble(String name) {
                return switch (name) {
                    case "threshold" -> thresholdOverride;
                    case "key.alpha" -> keyAlpha;
                    case "range.seasonal.weight" -> range.seasonalWeight();
                    case "range.instant.weight" -> range.instantWeight();
                    case "range.dispersion.weight" -> range.dispersionWeight();
                    case "range.transient.min.exceedance" -> range.minExceedance();
                    case "range.margin" -> range.margin();
                    case "adaptive.step" -> adaptive.step();
                    case "target.rate" -> adaptive.targetRate();
                    default -> throw unknown(name);
                };
            }

            @Override
            public int getInt(String name) {
                return switch (name) {
                    case "key.min.count" -> keyMinCount;
                    case "range.residual.scale" -> range.residualScale();
                    case "range.seasonal.scale" -> range.seasonalScale();
                    case "range.refractory.events" -> range.refractory();
                    case "range.memory.events" -> range.memory();
                    case "range.instant.memory.events" -> range.instantMemory();
                    case "range.transient.events" -> range.transientEvents();
                    case "range.transient.mature.events" -> range.matureEvents();
                    case "range.dispersion.scale" -> range.dispersionScale();
                    case "likelihood.short.events" -> likelihood.shortEvents();
                    case "likelihood.memory.events" -> likelihood.memoryEvents();
                    case "likelihood.learning.events" -> likelihood.learningEvents();
                    case "range.season.history" -> range.history();
                    case "next-symbol.top-g" -> nextSymbol.topG();
                    default -> throw unknown(name);
                };
            }

            @Override
            public long getLong(String name) {
                return switch (name) {
                    case "range.season.period.ms" -> range.periodMs();
                    case "range.season.tolerance.ms" -> range.toleranceMs();
                    default -> throw unknown(name);
                };
            }

            @Override
            public String getString(String name) {
                return switch (name) {
                    case "normalization" -> normalization.configValue();
                    case "range.forecaster" -> range.forecaster().configValue();
                    case "likelihood.raw" -> likelihood.raw().configValue();
                    case "likelihood.combine" -> likelihood.combine().configValue();
                    case "next-symbol.threshold-scope" -> nextSymbol.scope().configValue();
                    default -> throw unknown(name);
                };
            }

            @Override
            public List<Integer> getIntList(String name) {
                if (name.equals("range.level.scales")) {
                    return range.levelScales();
                }
                throw unknown(name);
            }

            @Override
            public boolean getBoolean(String name) {
                if (name.equals("next-symbol.transitions")) {
                    return nextSymbol.transitions();
                }
                throw unknown(name);
            }

            private IllegalArgumentException unknown(String name) {
                return new IllegalArgumentException("no detector setting seqscore.anomaly." + name);
            }
        };
    }
}
