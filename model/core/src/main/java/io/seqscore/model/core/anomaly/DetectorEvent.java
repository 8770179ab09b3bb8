package io.seqscore.model.core.anomaly;

import io.seqscore.model.core.features.EventHistory;

/**
 * What a {@link Detector} sees of one event of one key: its values, the key's scaling, the forecast the
 * model made for it at the previous event, the model's calibration, the event's time and the key's events
 * before it. One mutable instance per scoring thread, refilled by the scorer per event (no allocation);
 * the arrays are the scorer's and valid for the call only.
 */
public final class DetectorEvent {
    /** Values the event carries (n). */
    public int values;
    /** Values forecast per step (D). */
    public int dims;
    /** The event's values, n of them. */
    public double[] observed;
    /** μ_j, σ_j of the key's scaling. */
    public float[] mu;
    public float[] sigma;
    /** The forecast made at the previous event (H·D, events' units), or null when there is none. */
    public float[] forecast;
    /** The model's calibration of residuals to scores. */
    public ResidualCalibration calibration;
    /** The event's time. */
    public long time;
    /** The key's events before this one, newest first ({@link Detector#historySize()} of them at most). */
    public EventHistory before;
    /** A next-symbol release's seen transitions ({@link SymbolTransitions#NONE} when it carries none). */
    public SymbolTransitions transitions = SymbolTransitions.NONE;
    /** The index of a next-symbol release's end symbol, −1 when it has none. */
    public int endSymbol = -1;

    /** (v − μ_j)/σ_j in double, rounded to float: the scaled value of v. */
    public float scaled(double v, int j) {
        return (float) ((v - mu[j]) / sigma[j]);
    }
}
