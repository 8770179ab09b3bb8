package io.seqscore.trainer.train;

import io.seqscore.model.core.CellType;
import io.seqscore.model.core.features.FeatureParameters;
import io.seqscore.model.core.features.SeasonalChangesFeatures;
import io.seqscore.trainer.calibrate.CalibrationOptions;
import io.seqscore.trainer.calibrate.ScaleEstimator;
import io.seqscore.trainer.calibrate.ScoreStatistic;
import io.seqscore.trainer.data.NormalizationMode;
import io.seqscore.trainer.data.WindowPlacement;
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
    public static JobSettings nab() {
        return nab(NAB_EPOCHS);
    }

    /** The NAB recipe with another number of epochs (e.g. a quick test run). */
    public static JobSettings nab(int epochs) {
        return nab(epochs, NAB_SEED);
    }

    /** The NAB recipe with another number of epochs and another weight seed (the shuffle seed stays). */
    public static JobSettings nab(int epochs, long seed) {
        TrainConfig train = TrainConfig.builder().cell(CellType.LSTM).layers(1).hidden(16).horizon(4)
                .window(new WindowShape(48, 8, 4, 4)).batchSize(16).epochs(epochs).optimizer(OptimizerKind.ADAM)
                .learningRate(NAB_LEARNING_RATE).momentum(0.9).weightDecay(0.0).schedule(ScheduleKind.COSINE_FLOOR)
                .minLearningRate(0.02 * NAB_LEARNING_RATE).learningRateWarmup(0).stepEpochs(10).gamma(0.5).clipNorm(1.0)
                .patience(0).minDelta(0.0).seed(seed).sampling(Sampling.SHUFFLED_PADDED).shuffleSeed(NAB_SHUFFLE_SEED)
                .shards(1).threads(1).build();
        CalibrationOptions calibration = new CalibrationOptions(0.01, 0.95, ScaleEstimator.MAD, ScoreStatistic.MAX_ABS,
                0, 8);
        return JobSettings.builder(train, calibration)
                .features(seasonal(SeasonalChangesFeatures.KIND, DAY_MILLIS, NAB_TOLERANCE_MILLIS, NAB_HISTORY, NAB_CLIP))
                .placement(WindowPlacement.FORWARD)
                .normalization(NormalizationMode.GLOBAL)
                .build();
    }

    /** A seasonal kind's parameters before its spacing is fitted. */
    public static FeatureParameters seasonal(String kind, long periodMillis, long toleranceMillis, int historySize,
                                             float clip) {
        return new FeatureParameters(kind, periodMillis, 0, toleranceMillis, historySize, clip);
    }
}
