package io.seqscore.app.state;

/**
 * What a key's stored state says about it, for queries (e.g. {@code GET /api/keys/{key}}): read the
 * key's bytes from the store named {@code ScorerTopology.STATE_STORE} and pass them to {@link #of(byte[])}.
 *
 * @param modelName          model that produced the recurrent state, null when none (NO_MODEL)
 * @param modelVersion       its version, null when none
 * @param stepsSeen          events folded into the recurrent state
 * @param lastEventTime      event time of the key's last in-order event (epoch ms), null before the first
 * @param lastUpdatedAt      wall-clock time of the last update (epoch ms), what idle expiry measures
 * @param lastAnomalyScore   anomaly score of the last event, null when it had none
 * @param lastFlagged        whether the last event was flagged
 * @param inputSize          values per event of this key (0 before the first)
 * @param horizon            H of the forecast (0 when there is none)
 * @param forecast           the forecast for the key's next H steps made at its last event (H·D values, index
 *                           s·D + d, in the units of the events' values; the point forecasts of a quantile
 *                           head, whose bounds the state keeps after them); empty when none
 * @param residualCount      residuals folded into the key's running statistics
 * @param bufferedInputs     recent inputs held for re-warming
 * @param bufferCapacity     how many the buffer holds at most
 * @param stateBytes         size of the stored value
 */
public record KeyStateSummary(String modelName, Long modelVersion, long stepsSeen, Long lastEventTime,
                              long lastUpdatedAt, Double lastAnomalyScore, boolean lastFlagged, int inputSize,
                              int horizon, double[] forecast, int residualCount, int bufferedInputs, int bufferCapacity,
                              int stateBytes) {

    /** @throws StateFormatException when the bytes are not a valid state */
    public static KeyStateSummary of(byte[] stored) {
        KeyState s = KeyStateCodec.decode(stored);
        int dims = s.residualDims() > 0 && s.residualDims() < s.outputDim() ? s.residualDims() : s.outputDim();
        double[] forecast = new double[s.horizon() * dims];
        for (int i = 0; i < forecast.length; i++) {
            forecast[i] = s.forecast()[i];
        }
        return new KeyStateSummary(
                s.hasModel() ? s.modelName() : null,
                s.hasModel() ? s.modelVersion() : null,
                s.stepsSeen(),
                s.hasEventTime() ? s.lastEventTime() : null,
                s.lastUpdateWallClock(),
                Double.isNaN(s.lastAnomalyScore()) ? null : s.lastAnomalyScore(),
                s.lastFlagged(),
                s.inputSize(),
                s.horizon(),
                forecast,
                s.residualCount(),
                s.ringCount(),
                s.ringCapacity(),
                stored.length);
    }

    @Override
    public double[] forecast() {
        return forecast.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyStateSummary k && java.util.Objects.equals(modelName, k.modelName)
                && java.util.Objects.equals(modelVersion, k.modelVersion) && stepsSeen == k.stepsSeen
                && java.util.Objects.equals(lastEventTime, k.lastEventTime) && lastUpdatedAt == k.lastUpdatedAt
                && java.util.Objects.equals(lastAnomalyScore, k.lastAnomalyScore) && lastFlagged == k.lastFlagged
                && inputSize == k.inputSize && horizon == k.horizon && java.util.Arrays.equals(forecast, k.forecast)
                && residualCount == k.residualCount && bufferedInputs == k.bufferedInputs
                && bufferCapacity == k.bufferCapacity && stateBytes == k.stateBytes;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(modelName, modelVersion, stepsSeen, lastEventTime, lastUpdatedAt,
                java.util.Arrays.hashCode(forecast));
    }

    @Override
    public String toString() {
        return "KeyStateSummary[model=" + modelName + "@" + modelVersion + ", steps=" + stepsSeen + ", lastEventTime="
                + lastEventTime + ", forecast=" + java.util.Arrays.toString(forecast) + "]";
    }
}
