package io.seqscore.trainer.train;

import io.seqscore.avro.ModelRelease;
import io.seqscore.avro.NamedValue;
import io.seqscore.model.core.NetworkSpec;
import io.seqscore.model.core.QuantileHead;
import io.seqscore.trainer.release.ReleaseBuilder;
import io.seqscore.trainer.release.ReleaseOptions;
import io.seqscore.trainer.release.Rollout;
import io.seqscore.trainer.source.RawSeries;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static io.seqscore.trainer.train.SeasonalOffsetsTrainingTest.config;
import static io.seqscore.trainer.train.SeasonalOffsetsTrainingTest.daily;
import static org.assertj.core.api.Assertions.assertThat;

/** The quantile head through the training job: three rows per value, the head weight on the point's only, released. */
class QuantileHeadTrainingTest {
    private static final List<RawSeries> KEYS = List.of(daily("small", 5, 1), daily("large", 1000, 300));

    @Test
    void shouldTrainThreeRowsPerValueAndNameTheHeadInTheRelease() {
        JobSettings settings = config(3).toBuilder().head(QuantileHead.of(0.9)).build();
        TrainingJob.Result r = TrainingJob.run(KEYS, settings, TrainingProgress.NONE);

        assertThat(r.model().spec().outputDim()).isEqualTo(3);
        assertThat(r.model().calibration().center()).as("calibrated on the point: H values").hasSize(6);
        List<EpochSummary> epochs = r.model().training().epochs();
        assertThat(epochs.get(2).trainLoss()).isLessThan(epochs.get(0).trainLoss());
        double coverage = r.model().metrics().stream().filter(m -> m.name().equals("interval.coverage")).findFirst()
                .orElseThrow().value();
        assertThat(coverage).as("in-sample coverage of a 90 %% interval").isBetween(0.0, 1.0);

        ReleaseOptions options = new ReleaseOptions("m4", 1, 0, Rollout.FULL, "test", 7, "t", new TreeMap<>());
        ModelRelease release = ReleaseBuilder.build(r.model(), r.data(), options, r.features(), r.head());
        assertThat(release.getArchitecture().getOutputDim()).isEqualTo(3);
        assertThat(release.getArchitecture().getHead().getKind()).isEqualTo("quantile");
        Map<String, Double> levels = release.getArchitecture().getHead().getParameters().stream()
                .collect(Collectors.toMap(NamedValue::getName, NamedValue::getValue));
        assertThat(levels.get("lower")).isCloseTo(0.05, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(levels.get("upper")).isCloseTo(0.95, org.assertj.core.api.Assertions.within(1e-12));
    }

    @Test
    void shouldScaleOnlyThePointRowsByTheHeadWeight() {
        JobSettings alone = config(2).toBuilder().head(QuantileHead.of(0.95)).build();
        TrainingJob.Result a = TrainingJob.run(KEYS, alone, TrainingProgress.NONE);
        TrainingJob.Result h = TrainingJob.run(KEYS, alone.toBuilder().headWeight(0.5f).build(), TrainingProgress.NONE);
        NetworkSpec spec = a.model().spec();
        float[] pa = a.model().params();
        float[] ph = h.model().params();
        int units = spec.lastUnits();
        for (int i = 0; i < pa.length; i++) {
            int row = i >= spec.headBOffset() ? i - spec.headBOffset()
                    : i >= spec.headWOffset() ? (i - spec.headWOffset()) / units : -1;
            boolean point = row >= 0 && row < spec.outputSize() && row % 3 == 1;
            float expected = point ? pa[i] * 0.5f : pa[i];
            assertThat(Float.floatToRawIntBits(ph[i])).as("parameter %d", i).isEqualTo(Float.floatToRawIntBits(expected));
        }
    }
}
