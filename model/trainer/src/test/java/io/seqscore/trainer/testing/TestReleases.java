package io.seqscore.trainer.testing;

import io.seqscore.avro.ModelRelease;
import io.seqscore.model.core.CellType;
import io.seqscore.model.core.LayerSpec;
import io.seqscore.model.core.NetworkSpec;
import io.seqscore.model.core.norm.ZScoreNormalizer;
import io.seqscore.trainer.calibrate.CalibrationResult;
import io.seqscore.trainer.calibrate.ScaleEstimator;
import io.seqscore.trainer.calibrate.ScoreStatistic;
import io.seqscore.trainer.data.Dataset;
import io.seqscore.trainer.data.FittedNormalization;
import io.seqscore.trainer.release.ReleaseBuilder;
import io.seqscore.trainer.release.ReleaseOptions;
import io.seqscore.trainer.release.Rollout;
import io.seqscore.trainer.train.EpochSummary;
import io.seqscore.trainer.train.TrainedModel;
import io.seqscore.trainer.train.TrainingResult;

import java.util.List;
import java.util.TreeMap;

/** Small valid releases (one-value GRU, weights derived from the version) for tests that need several versions. */
public final class TestReleases {
    public static final NetworkSpec SPEC = new NetworkSpec(1, List.of(new LayerSpec(CellType.GRU_RESET_AFTER, 1, 2)), 1, 1);

    private TestReleases() {
    }

    public static ModelRelease release(String name, long version, Rollout rollout) {
        float[] params = new float[SPEC.paramCount()];
        for (int i = 0; i < params.length; i++) {
            params[i] = ((i + version) % 5 - 2) * 0.1f;
        }
        FittedNormalization norm = FittedNormalization.global(ZScoreNormalizer.of(new float[] {10}, new float[] {2}));
        CalibrationResult calibration = new CalibrationResult(new double[] {0}, new double[] {1}, ScaleEstimator.MAD,
                ScoreStatistic.MAX_ABS, new double[0], 0.99, 0.01, 0.9, new double[] {-1}, new double[] {1}, 4, 100,
                0.01);
        TrainingResult training = new TrainingResult(SPEC, params, 1, List.of(new EpochSummary(1, 1, 0.5, 0.25, true, 10,
                100)), 10, 100);
        TrainedModel model = new TrainedModel(SPEC, params, norm, calibration, null, List.of(), training, 0);
        Dataset data = new Dataset(List.of(), norm, 1, 100, 80, 20, 0, 0, 1_000L, 2_000L);
        return ReleaseBuilder.build(model, data, new ReleaseOptions(name, version, 1_700_000_000_000L + version, rollout,
                "test", 1, "test", new TreeMap<>()));
    }
}
