package io.seqscore.trainer.calibrate;

/** How the D standardized one-step residuals z_d combine into one statistic s ≥ 0 (the release's ScoreStatistic). */
public enum ScoreStatistic {
    /** s = max_d |z_d|. */
    MAX_ABS,
    /** s = √(mean_d z_d²). */
    RMS
}
