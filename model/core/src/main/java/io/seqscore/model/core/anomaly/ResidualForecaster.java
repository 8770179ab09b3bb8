package io.seqscore.model.core.anomaly;

import io.seqscore.model.core.ConfigEnum;

/**
 * What the range channels' forecast-error channel compares an event with ("range.forecaster"): the model's
 * step-1 forecast ẑ (the default), or the key's previous scaled value, a last-value forecast that needs no model
 * (the ablation that measures what the network adds; see QUALITY.md).
 * <pre>
 * NETWORK      ẑ_{t+1} = the model's scaled step-1 forecast made at event t
 * LAST_VALUE   ẑ_{t+1} = z_t                    residual_{t+1} = |z_{t+1} − z_t|
 * </pre>
 */
public enum ResidualForecaster implements ConfigEnum {
    NETWORK {
        @Override
        float[] next(float[] zNext, SeasonLookup values, DetectorEvent event) {
            return zNext;
        }
    },
    LAST_VALUE {
        @Override
        float[] next(float[] zNext, SeasonLookup values, DetectorEvent event) {
            return values.scaled(event);
        }
    };

    /** The forecast of the next event's scaled values, given the model's (zNext) and the event (scaled by values). */
    abstract float[] next(float[] zNext, SeasonLookup values, DetectorEvent event);
}
