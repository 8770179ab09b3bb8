package io.seqscore.app.replay;

import io.seqscore.avro.Score;

import java.util.Locale;

/** What a set of Scores says: how many, how many with a forecast, flags, mean absolute error, mean anomaly score. */
public final class SpanSummary {
    private long events;
    private long forecasts;
    private long flags;
    private long values;
    private double absError;
    private double anomalyScore;

    void add(Score s) {
        events++;
        if (s.getAnomaly()) {
            flags++;
        }
        if (s.getResidual() != null && !s.getResidual().isEmpty() && s.getAnomalyScore() != null) {
            forecasts++;
            for (Double r : s.getResidual()) {
                absError += Math.abs(r);
            }
            values += s.getResidual().size();
            anomalyScore += s.getAnomalyScore();
        }
    }

    public long events() {
        return events;
    }

    public long forecasts() {
        return forecasts;
    }

    public long flags() {
        return flags;
    }

    /** Mean |observed − expected| per forecast value; NaN without forecasts. */
    public double meanAbsError() {
        return values == 0 ? Double.NaN : absError / values;
    }

    public double meanAnomalyScore() {
        return forecasts == 0 ? Double.NaN : anomalyScore / forecasts;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%d events, %d with a forecast, %d flagged, MAE %.6g, mean anomaly score %.4f",
                events, forecasts, flags, meanAbsError(), meanAnomalyScore());
    }
}
