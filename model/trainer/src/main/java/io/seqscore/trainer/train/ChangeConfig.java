package io.seqscore.trainer.train;

import io.seqscore.model.core.features.SeasonalChanges;
import io.seqscore.trainer.calibrate.CalibrationOptions;

/**
 * Everything a SEASONAL_CHANGES training job needs beyond the data: the training settings, the shuffle seed,
 * the features' season, tolerance, history size and clip (the spacing is fitted), and the calibration.
 *
 * @param shuffleSeed seed of the java.util.Random that shuffles the windows (the weights use {@code train.seed()})
 * @param historySize events of a key the seasonal lookup searches (the scorer keeps them per key)
 */
public record ChangeConfig(TrainConfig train, long shuffleSeed, long periodMillis, long toleranceMillis,
                           int historySize, float clip, CalibrationOptions calibration) {
    public ChangeConfig {
        if (periodMillis <= 0 || toleranceMillis < 0 || historySize < 2 || !(clip > 0) || Float.isInfinite(clip)) {
            throw new IllegalArgumentException("need period > 0, tolerance >= 0, history size >= 2 and a finite clip > 0;"
                    + " got " + periodMillis + ", " + toleranceMillis + ", " + historySize + ", " + clip);
        }
    }

    /** The features computation for a fitted spacing. */
    public SeasonalChanges features(long spacingMillis) {
        return new SeasonalChanges(periodMillis, spacingMillis, toleranceMillis, clip);
    }
}
