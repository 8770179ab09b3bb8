package io.seqscore.trainer.train;

import io.seqscore.model.core.CellType;
import io.seqscore.trainer.calibrate.CalibrationOptions;
import io.seqscore.trainer.calibrate.ScaleEstimator;
import io.seqscore.trainer.calibrate.ScoreStatistic;
import io.seqscore.trainer.data.WindowShape;

/**
 * Named training settings. {@code nab}: the SEASONAL_CHANGES forecaster of the NAB method, one model per key
 * trained on its probationary rows (see QUALITY.md):
 * <pre>
 *   LSTM 16, H = 4, windows 48 (burn-in 8, stride 4), batch 16, 90 epochs, Adam lr 0.005,
 *   cosine to 0 floored at 0.02·lr, clip 1.0, weight seed 42, shuffle seed 7;
 *   features: period 1 day, tolerance 30 min, history 320 events, clip 5
 * </pre>
 */
public final class Recipes {
    public static final int NAB_EPOCHS = 90;
    public static final double NAB_LEARNING_RATE = 0.005;
    public static final long NAB_SEED = 42;
    public static final long NAB_SHUFFLE_SEED = 7;
    public static final long DAY_MILLIS = 86_400_000L;
    public static final long NAB_TOLERANCE_MILLIS = 1_800_000L;
    public static final int NAB_HISTORY = 320;
    public static final float NAB_CLIP = 5f;

    private Recipes() {
    }

    /** The NAB recipe with its 90 epochs. */
    public static ChangeConfig nab() {
        return nab(NAB_EPOCHS);
    }

    /** The NAB recipe with another number of epochs (e.g. a quick test run). */
    public static ChangeConfig nab(int epochs) {
        TrainConfig train = new TrainConfig(CellType.LSTM, 1, 16, 4, new WindowShape(48, 8, 4, 4), 16, epochs,
                OptimizerKind.ADAM, NAB_LEARNING_RATE, 0.9, 0.0, ScheduleKind.COSINE_FLOOR, 0.02 * NAB_LEARNING_RATE,
                0, 10, 0.5, 1.0, 0, 0.0, NAB_SEED, 1, 1);
        CalibrationOptions calibration = new CalibrationOptions(0.01, 0.95, ScaleEstimator.MAD, ScoreStatistic.MAX_ABS,
                0, 8);
        return new ChangeConfig(train, NAB_SHUFFLE_SEED, DAY_MILLIS, NAB_TOLERANCE_MILLIS, NAB_HISTORY, NAB_CLIP,
                calibration);
    }
}
