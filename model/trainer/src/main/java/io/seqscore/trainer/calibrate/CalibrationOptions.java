package io.seqscore.trainer.calibrate;

/**
 * @param targetFpr        fraction of validation events the threshold should flag, in (0, 1)
 * @param intervalCoverage nominal coverage of the prediction intervals, in (0, 1)
 * @param scaleEstimator   how the residual scale is estimated
 * @param statistic        how the D standardized residuals combine
 * @param scoreQuantiles   K ≥ 2 knots of the empirical score mapping, or 0 for erf(s/√2)
 * @param warmupSteps      events a key folds into its state before the scorer may flag it
 */
public record CalibrationOptions(double targetFpr, double intervalCoverage, ScaleEstimator scaleEstimator,
                                 ScoreStatistic statistic, int scoreQuantiles, int warmupSteps) {
    public CalibrationOptions {
        if (!(targetFpr > 0 && targetFpr < 1)) {
            throw new IllegalArgumentException("target FPR must be in (0, 1), got " + targetFpr);
        }
        if (!(intervalCoverage > 0 && intervalCoverage < 1)) {
            throw new IllegalArgumentException("interval coverage must be in (0, 1), got " + intervalCoverage);
        }
        if (scoreQuantiles == 1 || scoreQuantiles < 0) {
            throw new IllegalArgumentException("score quantiles must be 0 (erf mapping) or >= 2, got " + scoreQuantiles);
        }
        if (warmupSteps < 0) {
            throw new IllegalArgumentException("warm-up steps must be >= 0, got " + warmupSteps);
        }
    }
}
