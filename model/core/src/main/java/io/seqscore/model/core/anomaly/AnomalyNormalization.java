package io.seqscore.model.core.anomaly;

import io.seqscore.model.core.ConfigEnum;

/**
 * Which spread standardizes a key's one-step residuals before they become an anomaly score.
 * In every mode the residual r_d (in the normalizer's units) is first standardized by the release's
 * calibration: z_d = (r_d − center_d) / scale_d.
 */
public enum AnomalyNormalization implements ConfigEnum {
    /** The statistic of z_d alone: the same calibration for every key. */
    CALIBRATION,
    /**
     * The statistic of (z_d − μ_k,d) / σ_k,d, where μ_k, σ_k are the key's running (EWMA) mean and standard
     * deviation of z_d; the calibration alone until the key has the minimum count of residuals.
     */
    KEY,
    /** The smaller of the two statistics: flagged only when unusual for the model and for the key. */
    BOTH
}
