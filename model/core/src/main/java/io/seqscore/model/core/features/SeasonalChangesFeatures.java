package io.seqscore.model.core.features;

/**
 * SEASONAL_CHANGES: the inputs of {@link SeasonalChanges}; the head forecasts changes from the current
 * value, so every base is z_t: ẑ_{t+1+s} = z_t + out_s, target z_{t+1+s} − z_t. Every row is trained on.
 */
public final class SeasonalChangesFeatures extends SeasonalFeatures {
    public static final String KIND = "SEASONAL_CHANGES";

    public SeasonalChangesFeatures(FeatureParameters p) {
        super(KIND, p);
    }

    @Override
    int anchor(EventHistory history, int s) {
        return EventHistory.NONE;
    }

    @Override
    boolean needsAnchors() {
        return false;
    }
}
