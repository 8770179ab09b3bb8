package io.seqscore.trainer.calibrate;

/** How the spread of residuals is estimated (the release's ScaleEstimator). */
public enum ScaleEstimator {
    /** Population standard deviation about the mean. */
    STD,
    /** 1.4826 × the median absolute deviation from the median: the standard deviation for Gaussian residuals, robust to outliers. */
    MAD
}
