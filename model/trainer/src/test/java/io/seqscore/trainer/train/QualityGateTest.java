package io.seqscore.trainer.train;

import io.seqscore.avro.Metric;
import io.seqscore.avro.ModelRelease;
import io.seqscore.model.core.CellType;
import io.seqscore.schemas.QualityGateMetrics;
import io.seqscore.schemas.QualityGateMetrics.Gate;
import io.seqscore.trainer.calibrate.CalibrationOptions;
import io.seqscore.trainer.calibrate.ScaleEstimator;
import io.seqscore.trainer.calibrate.ScoreStatistic;
import io.seqscore.trainer.data.Dataset;
import io.seqscore.trainer.data.DatasetBuilder;
import io.seqscore.trainer.data.DatasetOptions;
import io.seqscore.trainer.data.NormalizationMode;
import io.seqscore.trainer.data.WindowShape;
import io.seqscore.trainer.eval.BaselineComparison;
import io.seqscore.trainer.eval.Forecaster;
import io.seqscore.trainer.release.QualityGate;
import io.seqscore.trainer.release.ReleaseBuilder;
import io.seqscore.trainer.release.ReleaseFiles;
import io.seqscore.trainer.release.ReleaseOptions;
import io.seqscore.trainer.release.Rollout;
import io.seqscore.trainer.source.History;
import io.seqscore.trainer.source.RawSeries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The quality gate on a ramp x_i = i, whose naive errors are known by hand: with one scale σ for every value
 * (GLOBAL normalization), the last value misses step s+1 by (s+1)/σ and the value m events back misses by m/σ.
 */
class QualityGateTest {
    private static final long HOUR = 3_600_000L;

    @TempDir
    Path dir;

    private static History ramp(int events) {
        History h = new History();
        for (int i = 0; i < events; i++) {
            h.add("k", 1_700_000_000_000L + i * HOUR, new double[] {i});
        }
        return h;
    }

    private static JobSettings values(int epochs, int season) {
        TrainConfig train = TrainConfig.builder().cell(CellType.LSTM).layers(1).hidden(4).horizon(1)
                .window(new WindowShape(40, 8, 16, 1)).batchSize(8).epochs(epochs).optimizer(OptimizerKind.ADAM)
                .learningRate(0.01).momentum(0.9).weightDecay(0).schedule(ScheduleKind.CONSTANT).minLearningRate(0)
                .learningRateWarmup(0).stepEpochs(10).gamma(0.5).clipNorm(1).patience(0).minDelta(0).seed(3)
                .shards(1).threads(1).build();
        CalibrationOptions calibration = new CalibrationOptions(0.01, 0.95, ScaleEstimator.MAD, ScoreStatistic.MAX_ABS,
                0, 8);
        return JobSettings.builder(train, calibration).season(season).build();
    }

    private static ModelRelease release(TrainingJob.Result r) {
        ReleaseOptions options = new ReleaseOptions("gate", 2, 0, Rollout.FULL, "test", 3, "t", new TreeMap<>());
        return ReleaseBuilder.build(r.model(), r.data(), options, r.features());
    }

    @Test
    void shouldRecordTheHandComputedNaiveErrorsOnTheHeldOutPartAndRefuseAnUntrainedModel() {
        Dataset data = DatasetBuilder.build(ramp(300), new DatasetOptions(0.2, null, 0, NormalizationMode.GLOBAL));
        TrainingJob.Result r = TrainingJob.run(data, values(1, 5), TrainingProgress.NONE);
        ModelRelease release = release(r);
        Gate gate = QualityGate.of(release).orElseThrow();

        double sigma = data.normalization().global().std(0);
        assertThat(gate.lastValueMae()).isCloseTo(1 / sigma, within(1e-4 / sigma));
        assertThat(gate.seasonalNaiveMae()).isCloseTo(5 / sigma, within(1e-4 / sigma));
        assertThat(gate.seasonalPeriod()).isEqualTo(5);
        assertThat(gate.pairs()).isEqualTo(60);
        assertThat(gate.heldOut()).isTrue();
        assertThat(gate.enforced()).isTrue();
        assertThat(gate.modelMae()).isEqualTo(r.model().forecastMetrics().mae(Forecaster.MODEL, 0));
        // one epoch of four units cannot follow a ramp to within one step: the gate fails and refuses
        assertThat(gate.modelMae()).isGreaterThan(gate.lastValueMae());
        assertThat(gate.passed()).isFalse();
        assertThat(gate.refuses()).isTrue();
        assertThatThrownBy(() -> QualityGate.check(release, false))
                .isInstanceOf(QualityGate.WorseThanNaiveException.class)
                .hasMessageContaining("gate version 2 is worse than the last-value forecast")
                .hasMessageContaining(QualityGate.ALLOW_OPTION)
                .hasMessageNotContaining("\n");
        QualityGate.check(release, true);
    }

    @Test
    void shouldRecordAnInSampleComparisonThatNeverRefusesWhenTrainedOnEveryEvent() {
        RawSeries ramp = ramp(200).series().get(0);
        TrainingJob.Result r = TrainingJob.run(List.of(ramp), Recipes.nab(1), TrainingProgress.NONE);
        Gate gate = QualityGate.of(release(r)).orElseThrow();

        double sigma = r.model().normalization().global().std(0);
        // horizon 4: the last value misses by 1, 2, 3, 4 steps alike often → 2.5/σ; the period is 1 day of 1 h events
        assertThat(gate.seasonalPeriod()).isEqualTo(24);
        assertThat(gate.lastValueMae()).isCloseTo(2.5 / sigma, within(1e-4 / sigma));
        assertThat(gate.seasonalNaiveMae()).isCloseTo(24 / sigma, within(1e-4 / sigma));
        // rows 160 .. 199 are the last 20 %, each the target of 4 steps
        assertThat(gate.pairs()).isEqualTo(4 * 40);
        assertThat(gate.heldOut()).isFalse();
        assertThat(gate.enforced()).isFalse();
        assertThat(gate.passed()).isNotNull();
        assertThat(gate.refuses()).isFalse();
        QualityGate.check(release(r), false);
    }

    @Test
    void shouldKeepTheGateThroughAReleaseFile() {
        Dataset data = DatasetBuilder.build(ramp(300), new DatasetOptions(0.2, null, 0, NormalizationMode.GLOBAL));
        ModelRelease release = release(TrainingJob.run(data, values(1, 5), TrainingProgress.NONE));
        Path file = dir.resolve("gate.avro");
        ReleaseFiles.write(release, file);
        ModelRelease read = ReleaseFiles.read(file);

        assertThat(QualityGate.of(read)).isEqualTo(QualityGate.of(release)).isPresent();
        assertThat(read.getProvenance().getMetrics()).filteredOn(m -> m.getName().startsWith("gate."))
                .extracting(m -> m.getName()).containsExactly(QualityGateMetrics.ENFORCED, QualityGateMetrics.HELD_OUT,
                        QualityGateMetrics.LAST_VALUE_MAE, QualityGateMetrics.MODEL_MAE, QualityGateMetrics.PAIRS,
                        QualityGateMetrics.PASSED, QualityGateMetrics.SEASONAL_NAIVE_MAE,
                        QualityGateMetrics.SEASONAL_PERIOD);
    }

    @Test
    void shouldPassAModelNoWorseThanTheBetterNaiveForecastAndLeaveOutTheVerdictWithoutPairs() {
        List<MetricValue> tie = GateMetrics.of(
                new BaselineComparison(0.5, 0.5, 0.9, 24, 10, true), true);
        Gate g = QualityGateMetrics.read(tie.stream().map(m -> Metric.newBuilder()
                .setName(m.name()).setStep(m.step()).setValue(m.value()).build()).toList()).orElseThrow();
        assertThat(g.passed()).isTrue();
        assertThat(g.refuses()).isFalse();

        List<MetricValue> none = GateMetrics.of(
                new BaselineComparison(Double.NaN, Double.NaN, Double.NaN, 24, 0, true), true);
        assertThat(none).extracting(MetricValue::name).doesNotContain(QualityGateMetrics.PASSED,
                QualityGateMetrics.MODEL_MAE);
        Gate empty = QualityGateMetrics.read(none.stream().map(m -> Metric.newBuilder()
                .setName(m.name()).setStep(m.step()).setValue(m.value()).build()).toList()).orElseThrow();
        assertThat(empty.passed()).isNull();
        assertThat(empty.refuses()).isFalse();
    }
}
