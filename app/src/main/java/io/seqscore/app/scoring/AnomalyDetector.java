package io.seqscore.app.scoring;

/** How a key's events become anomaly scores and flags (seqscore.anomaly.detector). */
public enum AnomalyDetector {
    /**
     * The release's calibration of the one-step residual (optionally standardized by the key's running
     * statistics, see {@link io.seqscore.model.core.anomaly.AnomalyNormalization}); flagged at the calibrated or configured threshold.
     */
    CALIBRATED,
    /**
     * Range novelty ({@link io.seqscore.model.core.anomaly.RangeNovelty}): how far the key's value, levels,
     * forecast residual and seasonal difference lie outside the ranges they covered so far on this key.
     */
    RANGE;

    public String configValue() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static AnomalyDetector ofConfigValue(String value) {
        return valueOf(value.toUpperCase(java.util.Locale.ROOT));
    }
}
