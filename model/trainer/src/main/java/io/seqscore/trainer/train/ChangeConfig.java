package io.seqscore.trainer.train;

import io.seqscore.model.core.features.SeasonalChanges;
import io.seqscore.trainer.calibrate.CalibrationOptions;

/**
 * Everything a SEASONAL_CHANGES training job needs beyond the data: the training settings, the shuffle seed,
 * the features' season, tolerance, history size and clip (the spacing is fitted), and the calibration.
 *
 * @param shuffleSeed seed of the java.util.Random that shuffles the windows (the weights use {@code train.seed()})
 * @param historySize events of a key the seasonal lookup searches (the scorer keeps them per key)
 * @param headWeight  SEASONAL_OFFSETS only: the weight of the network's correction in the released forecast,
 *                    anchor + w·offset; its head is scaled by w after training (exact for w = 0.5). 1: the network
 *                    alone; 0.5: the equal-weight combination of the network's forecast and seasonal naive.
 */
public record ChangeConfig(TrainConfig train, long shuffleSeed, long periodMillis, long toleranceMillis,
                           int historySize, float clip, CalibrationOptions calibration, float headWeight) {
    /** The network's forecast alone ({@code headWeight} 1). */
    public ChangeConfig(TrainConfig train, long shuffleSeed, long periodMillis, long toleranceMillis, int historySize,
                        float clip, CalibrationOptions calibration) {
        this(train, shuffleSeed, periodMillis, toleranceMillis, historySize, clip, calibration, 1f);
    }

    public ChangeConfig {
        if (!(headWeight >= 0f && headWeight <= 1f)) {
            throw new IllegalArgumentException("head weight must be in [0, 1]; got " + headWeight);
        }
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
