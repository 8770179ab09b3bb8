package io.seqscore.model.core.anomaly;

import io.seqscore.model.core.ConfigEnum;

/**
 * "calibrated": the release's calibration of the one-step residual ({@link AnomalyScorer}), optionally
 * standardized by the key's running statistics ({@link AnomalyNormalization}); flagged at the release's
 * threshold or the configured one. Its per-key state is the running statistics; it keeps no block.
 * <pre>
 * r_d      = (observed_d − f_d) / σ_d          f = the forecast stored at the previous event (d &lt; D)
 * score    = AnomalyScorer over r (see there); then the key's statistics absorb z_d (LIVE, REPLAY)
 * flag     = score ≥ threshold                 the setting "threshold", or the release's when NaN
 * </pre>
 * Settings: "normalization" (calibration, key, both), "key.min.count", "key.alpha", "threshold".
 */
public final class CalibratedDetector extends BlocklessDetector {
    public static final String NAME = "calibrated";

    private final AnomalyNormalization normalization;
    private final int keyMinCount;
    private final double keyAlpha;

    private double[] residual = new double[0];
    private double[] zCal = new double[0];
    private double[] zKey = new double[0];

    public CalibratedDetector(DetectorSettings settings) {
        super(NAME, settings);
        this.normalization = ConfigEnum.ofConfigValue(AnomalyNormalization.class, settings.getString("normalization"));
        this.keyMinCount = settings.getInt("key.min.count");
        this.keyAlpha = settings.getDouble("key.alpha");
        if (keyMinCount < 1 || !(keyAlpha > 0 && keyAlpha <= 1)) {
            throw new IllegalArgumentException("need a key minimum count >= 1 and a key alpha in (0, 1], got "
                    + keyMinCount + ", " + keyAlpha);
        }
    }

    @Override
    public double update(DetectorState state, DetectorEvent event, Mode mode) {
        if (mode == Mode.PEEK) {
            return event.forecast == null ? Double.NaN : residualScore(state, event, true);
        }
        double score = Double.NaN;
        if (event.forecast != null) {
            score = residualScore(state, event, mode == Mode.LIVE);
            AnomalyScorer.updateRunning(zCal, state.residualMean(), state.residualVariance(), event.dims, keyAlpha);
            state.residualCount(state.residualCount() + 1);
        }
        if (state.blockSize() > 0) {
            state.clearBlock();
        }
        return score;
    }

    @Override
    public boolean flags(double score, DetectorEvent event) {
        return reachesThreshold(score, event);
    }

    /** Fills zCal with the calibrated residuals; returns the score when asked, else NaN. */
    private double residualScore(DetectorState state, DetectorEvent event, boolean score) {
        int dims = event.dims;
        if (residual.length < dims) {
            residual = new double[dims];
            zCal = new double[dims];
            zKey = new double[dims];
        }
        AnomalyScorer.calibratedResiduals(event, residual, zCal);
        ResidualCalibration cal = event.calibration;
        return score ? AnomalyScorer.probability(statistic(state, cal, dims), cal) : Double.NaN;
    }

    private double statistic(DetectorState state, ResidualCalibration cal, int dims) {
        double byModel = AnomalyScorer.statistic(cal.statistic(), zCal, dims);
        if (normalization == AnomalyNormalization.CALIBRATION || state.residualCount() < keyMinCount) {
            return byModel;
        }
        AnomalyScorer.standardizeByKey(zCal, state.residualMean(), state.residualVariance(), dims, zKey);
        double byKey = AnomalyScorer.statistic(cal.statistic(), zKey, dims);
        return normalization == AnomalyNormalization.KEY ? byKey : Math.min(byModel, byKey);
    }
}
