package io.seqscore.trainer.calibrate;

/**
 * A fitted calibration, field for field the release's Calibration record (arrays of H·D values indexed
 * s·D+d, normalized units).
 *
 * @param flagRate the fraction of the validation events the threshold flags
 */
public record CalibrationResult(double[] center, double[] scale, ScaleEstimator scaleEstimator,
                                ScoreStatistic statistic, double[] scoreQuantiles, double threshold,
                                double targetFpr, double intervalCoverage, double[] intervalLower,
                                double[] intervalUpper, int warmupSteps, long sampleCount, double flagRate) {

    /** The scorer's map from one-step residuals to scores under this calibration. */
    public AnomalyScoring scoring(int outputDim) {
        double[] c = new double[outputDim];
        double[] s = new double[outputDim];
        System.arraycopy(center, 0, c, 0, outputDim);
        System.arraycopy(scale, 0, s, 0, outputDim);
        return new AnomalyScoring(c, s, statistic, scoreQuantiles);
    }
}
