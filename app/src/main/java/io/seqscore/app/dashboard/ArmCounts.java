package io.seqscore.app.dashboard;

import io.seqscore.app.evidence.ArmEvidence;

/**
 * One reading of an arm's cumulative counters ({@link ArmEvidence}): the figures a window is the difference of.
 *
 * @param role      serving, canary or shadow
 * @param forecasts scores with a forecast
 * @param values    forecast values compared
 * @param absError  Σ |residual| over those values
 * @param anomaly   Σ anomaly score over the scores with a forecast
 */
public record ArmCounts(String model, long version, String role, long scored, long forecasts, long flagged,
                        long values, double absError, double anomaly) {

    /** The arm's counters now (each read once; see {@link ArmWindows} on reading them while they move). */
    public static ArmCounts of(ArmEvidence arm) {
        return new ArmCounts(arm.model(), arm.version(), arm.role().label(), arm.scoredCount(), arm.forecastCount(),
                arm.flaggedCount(), arm.valueCount(), arm.absErrorSum(), arm.anomalyScoreSum());
    }
}
