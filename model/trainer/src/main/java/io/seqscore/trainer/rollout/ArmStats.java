package io.seqscore.trainer.rollout;

import io.seqscore.avro.Score;
import io.seqscore.avro.ScoreStatus;

import java.util.List;
import java.util.Locale;

/**
 * One arm's comparable scores: those with status OK (a warm state past warm-up, scored against a forecast).
 * Keeps their count, flags, forecast values compared, Σ |residual| (value units) and Σ anomaly score. A Score of a
 * next-symbol model of symbols alone has no residual and compares no values: its anomaly score, 1 − the
 * probability given to the symbol that came, is its error.
 */
public final class ArmStats {
    private long events;
    private long flagged;
    private long values;
    private double absError;
    private double anomalyScore;

    /**
     * Whether a Score is comparable: status OK with an anomaly score and a residual, or, for a model of symbols alone,
     * a symbol and no residual.
     */
    public static boolean comparable(Score s) {
        if (s == null || s.getStatus() != ScoreStatus.OK || s.getAnomalyScore() == null
                || Double.isNaN(s.getAnomalyScore())) {
            return false;
        }
        return s.getResidual() == null ? s.getSymbol() != null : !s.getResidual().isEmpty();
    }

    /** Adds a comparable Score. */
    public void add(Score s) {
        List<Double> residual = s.getResidual();
        if (residual == null) {
            add(0, 0, s.getAnomalyScore(), s.getAnomaly());
            return;
        }
        double sum = 0;
        for (Double r : residual) {
            sum += Math.abs(r);
        }
        add(residual.size(), sum, s.getAnomalyScore(), s.getAnomaly());
    }

    void add(int dims, double absErrorSum, double anomaly, boolean flag) {
        events++;
        values += dims;
        absError += absErrorSum;
        anomalyScore += anomaly;
        if (flag) {
            flagged++;
        }
    }

    public long events() {
        return events;
    }

    public long flagged() {
        return flagged;
    }

    /** Forecast values compared (0 for a model of symbols alone). */
    public long values() {
        return values;
    }

    /** Mean absolute residual per forecast value; NaN with no events. */
    public double meanAbsError() {
        return values == 0 ? Double.NaN : absError / values;
    }

    /** Mean anomaly score (the detector's error); NaN with no events. */
    public double meanAnomalyScore() {
        return events == 0 ? Double.NaN : anomalyScore / events;
    }

    /** Flags per comparable score; NaN with no events. */
    public double flagRate() {
        return events == 0 ? Double.NaN : (double) flagged / events;
    }

    /** The five sums as text that {@link #decode} reads back exactly. */
    String encode() {
        return events + "," + flagged + "," + values + "," + Double.toString(absError) + "," + Double.toString(anomalyScore);
    }

    static ArmStats decode(String text) {
        String[] f = text.split(",", -1);
        if (f.length != 5) {
            throw new IllegalArgumentException("arm statistics need 5 fields, got '" + text + "'");
        }
        ArmStats a = new ArmStats();
        a.events = Long.parseLong(f[0]);
        a.flagged = Long.parseLong(f[1]);
        a.values = Long.parseLong(f[2]);
        a.absError = Double.parseDouble(f[3]);
        a.anomalyScore = Double.parseDouble(f[4]);
        return a;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%d events, MAE %.6g, mean anomaly score %.4f, flag rate %.4f (%d flags)",
                events, meanAbsError(), meanAnomalyScore(), flagRate(), flagged);
    }
}
