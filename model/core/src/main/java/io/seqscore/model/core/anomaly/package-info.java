/**
 * The detector seam: {@link io.seqscore.model.core.anomaly.Detector} (how a key's events become anomaly
 * scores and flags, owning its per-key {@link io.seqscore.model.core.anomaly.DetectorState}), resolved by name
 * in {@link io.seqscore.model.core.anomaly.Detectors}. Built in: "range" (the scorer's default:
 * {@link io.seqscore.model.core.anomaly.RangeNovelty}, the range-novelty score of a key's values, levels, forecast
 * residuals and seasonal differences, flagged against the key's alarm level, which bounds its flag rate at the
 * target rate), "adaptive" (the same, scored against the alarm level too), "calibrated" (the release's
 * {@link io.seqscore.model.core.anomaly.ResidualCalibration} of the one-step residual,
 * {@link io.seqscore.model.core.anomaly.AnomalyScorer}) and "next-symbol" (categorical events).
 * Allocation-free per event.
 */
package io.seqscore.model.core.anomaly;
