package io.seqscore.model.core.features;

/**
 * SEASONAL_OFFSETS: the inputs of {@link SeasonalChanges}; the head forecasts offsets from each step's
 * seasonal anchor A_s = {@link SeasonalChanges#anchor} (the same phase in the latest season the history
 * holds): ẑ_{t+1+s} = z_{A_s} + out_s (z_t + out_s without an anchor), target z_{t+1+s} − z_{A_s}. A row
 * lacking an anchor for some step (a key's first season) is not trained on.
 */
public final class SeasonalOffsetsFeatures extends SeasonalFeatures {
    public static final String KIND = "SEASONAL_OFFSETS";

    public SeasonalOffsetsFeatures(FeatureParameters p) {
        super(KIND, p);
    }

    @Override
    int anchor(EventHistory history, int s) {
        return seasonal.anchor(history, s);
    }

    @Override
    boolean needsAnchors() {
        return true;
    }
}
