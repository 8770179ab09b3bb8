package io.seqscore.trainer.train;

import io.seqscore.trainer.calibrate.CalibrationOptions;

/**
 * Everything a training job needs beyond the data.
 *
 * @param season the seasonal-naive period in events, or 0 to detect it from the training data
 */
public record JobConfig(TrainConfig train, CalibrationOptions calibration, int season) {
    public JobConfig {
        if (season < 0) {
            throw new IllegalArgumentException("season must be >= 0 (0 = detect), got " + season);
        }
    }
}
