/**
 * Calibration from validation residuals, with the meaning the release's Calibration record gives it:
 * per forecast value a center (median) and a scale (1.4826·MAD or the standard deviation), residual
 * quantiles for the prediction intervals, and the anomaly threshold for a target false-positive rate,
 * computed with exactly the statistic and score mapping the scorer applies.
 */
package io.seqscore.trainer.calibrate;
