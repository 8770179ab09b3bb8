package io.seqscore.trainer.train;

import io.seqscore.avro.FeatureKind;
import io.seqscore.avro.InputFeatures;
import io.seqscore.avro.ModelRelease;
import io.seqscore.avro.NormalizerMode;
import io.seqscore.model.core.CellType;
import io.seqscore.model.core.NetworkSpec;
import io.seqscore.model.core.features.SeasonalOffsetsFeatures;
import io.seqscore.trainer.calibrate.CalibrationOptions;
import io.seqscore.trainer.calibrate.ScaleEstimator;
import io.seqscore.trainer.calibrate.ScoreStatistic;
import io.seqscore.trainer.data.NormalizationMode;
import io.seqscore.trainer.data.WindowPlacement;
import io.seqscore.trainer.data.WindowShape;
import io.seqscore.trainer.release.ReleaseBuilder;
import io.seqscore.trainer.release.ReleaseOptions;
import io.seqscore.trainer.release.Rollout;
import io.seqscore.trainer.source.RawSeries;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One SEASONAL_OFFSETS forecaster over two hourly keys of different scale, each with its own normalizer. */
class SeasonalOffsetsTrainingTest {
    static final long HOUR = 3_600_000L;

    /** level + amplitude · daily pattern, hourly, 10 days. */
    static RawSeries daily(String key, double level, double amplitude) {
        int rows = 240;
        long[] t = new long[rows];
        double[] v = new double[rows];
        for (int i = 0; i < rows; i++) {
            t[i] = 500_000 * HOUR + i * HOUR;
            double phase = 2 * Math.PI * i / 24.0;
            v[i] = level + amplitude * (Math.sin(phase) + 0.3 * Math.sin(3 * phase));
        }
        return new RawSeries(key, 1, t, v);
    }

    static JobSettings config(int epochs) {
        TrainConfig train = TrainConfig.builder().cell(CellType.LSTM).layers(1).hidden(8).horizon(6)
                .window(new WindowShape(40, 16, 8, 6)).batchSize(8).epochs(epochs).optimizer(OptimizerKind.ADAM)
                .learningRate(0.01).momentum(0.9).weightDecay(0.0).schedule(ScheduleKind.COSINE).minLearningRate(0.0002)
                .learningRateWarmup(0).stepEpochs(10).gamma(0.5).clipNorm(1.0).patience(0).minDelta(0.0).seed(7)
                .sampling(Sampling.SHUFFLED_PADDED).shuffleSeed(11).shards(2).threads(2).build();
        CalibrationOptions calibration = new CalibrationOptions(0.01, 0.95, ScaleEstimator.MAD, ScoreStatistic.MAX_ABS,
                0, 16);
        return JobSettings.builder(train, calibration)
                .features(Recipes.seasonal(SeasonalOffsetsFeatures.KIND, 24 * HOUR, HOUR / 2, 96, 5f))
                .placement(WindowPlacement.BACKWARD)
                .normalization(NormalizationMode.PER_KEY)
                .build();
    }

    @Test
    void shouldReleasePerKeyNormalizersAndSeasonalOffsetsFeatures() {
        List<RawSeries> keys = List.of(daily("small", 5, 1), daily("large", 1000, 300));
        TrainingJob.Result r = TrainingJob.run(keys, config(2), TrainingProgress.NONE);
        ReleaseOptions options = new ReleaseOptions("m4", 1, 0, Rollout.FULL, "test", 7, "t", new TreeMap<>());
        ModelRelease release = ReleaseBuilder.build(r.model(), r.data(), options, r.features());

        InputFeatures f = release.getFeatures();
        assertThat(f.getKind()).isEqualTo(FeatureKind.SEASONAL_OFFSETS);
        assertThat(f.getPeriodMillis()).isEqualTo(24 * HOUR);
        assertThat(f.getSpacingMillis()).as("the median gap").isEqualTo(HOUR);
        assertThat(f.getToleranceMillis()).isEqualTo(HOUR / 2);
        assertThat(f.getHistorySize()).isEqualTo(96);
        assertThat(f.getClip()).isEqualTo(5f);
        assertThat(release.getArchitecture().getInputSize()).isEqualTo(4);
        assertThat(release.getArchitecture().getHorizon()).isEqualTo(6);
        assertThat(release.getNormalizer().getMode()).isEqualTo(NormalizerMode.PER_KEY);
        assertThat(release.getNormalizer().getPerKey()).extracting(k -> k.getKey()).containsExactly("large", "small");
        // the pattern's mean over whole days is the level: sin and sin 3x sum to 0 over 10 full periods
        assertThat(release.getNormalizer().getPerKey().get(0).getMean().get(0)).isCloseTo(1000f,
                org.assertj.core.api.Assertions.within(1e-3f));
        assertThat(release.getNormalizer().getPerKey().get(1).getMean().get(0)).isCloseTo(5f,
                org.assertj.core.api.Assertions.within(1e-5f));
        float largeStd = release.getNormalizer().getPerKey().get(0).getStd().get(0);
        float smallStd = release.getNormalizer().getPerKey().get(1).getStd().get(0);
        assertThat((double) largeStd / smallStd).as("σ scales with the amplitude").isCloseTo(300.0,
                org.assertj.core.api.Assertions.within(1e-3));
        assertThat(release.getCalibration().getScale()).hasSize(6);
    }

    @Test
    void shouldReduceTheLossAndReproduceItsWeights() {
        List<RawSeries> keys = List.of(daily("small", 5, 1), daily("large", 1000, 300));
        TrainingJob.Result a = TrainingJob.run(keys, config(6), TrainingProgress.NONE);
        TrainingJob.Result b = TrainingJob.run(keys, config(6), TrainingProgress.NONE);
        assertThat(b.model().params()).containsExactly(a.model().params());
        List<EpochSummary> epochs = a.model().training().epochs();
        assertThat(epochs).hasSize(6);
        assertThat(epochs.get(5).trainLoss()).isLessThan(epochs.get(0).trainLoss());
        // windows: start = 240 − 40 − 6 = 194, 186, …, 2 per key: 25 each
        assertThat(a.model().training().windowsTrained()).isEqualTo(6 * 50);
    }

    @Test
    void shouldHalveTheHeadAndNothingElseForTheEqualWeightCombination() {
        List<RawSeries> keys = List.of(daily("small", 5, 1), daily("large", 1000, 300));
        JobSettings alone = config(3);
        JobSettings half = alone.toBuilder().headWeight(0.5f).build();
        TrainingJob.Result a = TrainingJob.run(keys, alone, TrainingProgress.NONE);
        TrainingJob.Result h = TrainingJob.run(keys, half, TrainingProgress.NONE);
        NetworkSpec spec = a.model().spec();
        float[] pa = a.model().params();
        float[] ph = h.model().params();
        int head = spec.headWOffset();
        int end = spec.headBOffset() + spec.outputSize();
        for (int i = 0; i < pa.length; i++) {
            float expected = i >= head && i < end ? pa[i] * 0.5f : pa[i];
            assertThat(Float.floatToRawIntBits(ph[i])).as("parameter %d", i).isEqualTo(Float.floatToRawIntBits(expected));
        }
        assertThat(h.model().metrics()).anySatisfy(m -> {
            assertThat(m.name()).isEqualTo("head.weight");
            assertThat(m.value()).isEqualTo(0.5);
        });
        assertThat(a.model().metrics()).noneSatisfy(m -> assertThat(m.name()).isEqualTo("head.weight"));
    }

    @Test
    void shouldRejectAHeadWeightOutsideZeroToOne() {
        JobSettings c = config(1);
        for (float w : new float[] {-0.1f, 1.5f, Float.NaN}) {
            assertThatThrownBy(() -> c.toBuilder().headWeight(w).build())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("head weight");
        }
    }
}
