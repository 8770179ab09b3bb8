package io.seqscore.trainer.train;

import io.seqscore.avro.FeatureKind;
import io.seqscore.avro.InputFeatures;
import io.seqscore.avro.ModelRelease;
import io.seqscore.model.core.CellType;
import io.seqscore.model.core.NetworkSpec;
import io.seqscore.trainer.release.ReleaseBuilder;
import io.seqscore.trainer.release.ReleaseOptions;
import io.seqscore.trainer.release.Rollout;
import io.seqscore.trainer.source.RawSeries;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The NAB recipe on a daily pattern at 5-minute spacing: 2.5 days = 720 rows (NAB's probation is at most 750). */
class ChangeTrainingTest {
    private static final long FIVE_MINUTES = 300_000;

    static RawSeries daily(int rows) {
        long[] t = new long[rows];
        double[] v = new double[rows];
        for (int i = 0; i < rows; i++) {
            t[i] = 1_400_000_000_000L + i * FIVE_MINUTES;
            double phase = 2 * Math.PI * i / 288.0;
            v[i] = 50 + 20 * Math.sin(phase) + 5 * Math.sin(7 * phase);
        }
        return new RawSeries("k", 1, t, v);
    }

    @Test
    void shouldReduceTheTrainingLossAndReproduceItsWeights() {
        JobSettings recipe = Recipes.nab(12);
        TrainingJob.Result a = TrainingJob.run(List.of(daily(720)), recipe, TrainingProgress.NONE);
        TrainingJob.Result b = TrainingJob.run(List.of(daily(720)), recipe, TrainingProgress.NONE);

        List<EpochSummary> epochs = a.model().training().epochs();
        assertThat(epochs).hasSize(12);
        assertThat(epochs.get(11).trainLoss()).isLessThan(epochs.get(0).trainLoss() / LOSS_RATIO);
        assertThat(b.model().params()).containsExactly(a.model().params());
        // windows: start + 48 + 4 ≤ 720 → starts 0, 4, …, 668: 168, in 11 batches of 16 (the last padded)
        assertThat(a.model().training().windowsTrained()).isEqualTo(12 * 168);
    }

    /** Measured: the first epoch's mean loss is 8.1 times the twelfth's (0.0522 and 0.0064). */
    private static final double LOSS_RATIO = 5;

    @Test
    void shouldReleaseTheSeasonalChangesNetworkNormalizerAndFeatures() {
        RawSeries rows = daily(720);
        TrainingJob.Result r = TrainingJob.run(List.of(rows), Recipes.nab(1), TrainingProgress.NONE);
        ReleaseOptions options = new ReleaseOptions("k", 1, 0, Rollout.FULL, "test", 42, "t", new TreeMap<>());
        ModelRelease release = ReleaseBuilder.build(r.model(), r.data(), options, r.features());

        assertThat(r.model().spec()).isEqualTo(NetworkSpec.uniform(CellType.LSTM, 4, 16, 1, 4, 1));
        assertThat(release.getArchitecture().getInputSize()).isEqualTo(4);
        assertThat(release.getArchitecture().getOutputDim()).isEqualTo(1);
        assertThat(release.getArchitecture().getHorizon()).isEqualTo(4);
        InputFeatures f = release.getFeatures();
        assertThat(f.getKind()).isEqualTo(FeatureKind.SEASONAL_CHANGES);
        assertThat(f.getPeriodMillis()).isEqualTo(86_400_000L);
        assertThat(f.getSpacingMillis()).isEqualTo(FIVE_MINUTES);
        assertThat(f.getToleranceMillis()).isEqualTo(1_800_000L);
        assertThat(f.getHistorySize()).isEqualTo(320);
        assertThat(f.getClip()).isEqualTo(5f);
        double mean = 0;
        for (double v : rows.values()) {
            mean += v;
        }
        mean /= rows.size();
        assertThat(release.getNormalizer().getMean()).containsExactly((float) mean);
        assertThat(release.getCalibration().getWarmupSteps()).isEqualTo(8);
        assertThat(release.getProvenance().getEventCount()).isEqualTo(720);
        assertThat(ReleaseBuilder.build(r.model(), r.data(), options).getFeatures())
                .isEqualTo(InputFeatures.newBuilder().build());
    }

    @Test
    void shouldKeepTheInitialWeightsWhenNoWindowFits() {
        TrainingJob.Result r = TrainingJob.run(List.of(daily(51)), Recipes.nab(3), TrainingProgress.NONE);
        assertThat(r.model().training().epochs()).isEmpty();
        assertThat(r.model().params()).containsExactly(
                io.seqscore.model.core.train.WeightInit.initialize(r.model().spec(), Recipes.NAB_SEED));
    }
}
