package io.seqscore.app.evidence;

import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * The running evidence of one arm (a model version in one role): events scored, events with a forecast to
 * compare with, flags, and the two errors on the events with a forecast — the absolute residual
 * |observed − expected| summed over the forecast values (value units), and the anomaly score, which is the
 * error the detector thresholds. Thread-safe; adding allocates nothing once an adder's cells exist.
 */
public final class ArmEvidence {
    private final String model;
    private final long version;
    private final ModelRole role;
    private final LongAdder scored = new LongAdder();
    private final LongAdder forecasts = new LongAdder();
    private final LongAdder flagged = new LongAdder();
    private final LongAdder values = new LongAdder();
    private final DoubleAdder absError = new DoubleAdder();
    private final DoubleAdder anomalyScore = new DoubleAdder();

    ArmEvidence(String model, long version, ModelRole role) {
        this.model = model;
        this.version = version;
        this.role = role;
    }

    public String model() {
        return model;
    }

    public long version() {
        return version;
    }

    public ModelRole role() {
        return role;
    }

    /** An event scored with no forecast to compare with (the key's first, a reset, a state without one). */
    public void scored(boolean flag) {
        scored.increment();
        if (flag) {
            flagged.increment();
        }
    }

    /**
     * An event scored against a forecast.
     *
     * @param absErrorSum Σ_d |residual_d| over the event's {@code dims} forecast values
     */
    public void forecast(double absErrorSum, int dims, double anomaly, boolean flag) {
        scored.increment();
        forecasts.increment();
        values.add(dims);
        absError.add(absErrorSum);
        anomalyScore.add(anomaly);
        if (flag) {
            flagged.increment();
        }
    }

    /** Scores written by this arm, whatever their status. */
    public long scoredCount() {
        return scored.sum();
    }

    /** Scores with a forecast to compare with (a residual and an anomaly score). */
    public long forecastCount() {
        return forecasts.sum();
    }

    public long flaggedCount() {
        return flagged.sum();
    }

    /** Forecast values compared (events with a forecast × values per event). */
    public long valueCount() {
        return values.sum();
    }

    /** Σ |residual| over every value compared. */
    public double absErrorSum() {
        return absError.sum();
    }

    /** Σ anomaly score over the events with a forecast. */
    public double anomalyScoreSum() {
        return anomalyScore.sum();
    }

    /** Mean absolute residual per forecast value, NaN before the first forecast. */
    public double meanAbsError() {
        long n = valueCount();
        return n == 0 ? Double.NaN : absErrorSum() / n;
    }

    /** Mean anomaly score over the events with a forecast, NaN before the first. */
    public double meanAnomalyScore() {
        long n = forecastCount();
        return n == 0 ? Double.NaN : anomalyScoreSum() / n;
    }

    /** Flags per event with a forecast, NaN before the first. */
    public double flagRate() {
        long n = forecastCount();
        return n == 0 ? Double.NaN : (double) flaggedCount() / n;
    }
}
