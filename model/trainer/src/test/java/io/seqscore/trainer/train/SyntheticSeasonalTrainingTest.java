package io.seqscore.trainer.train;

import io.seqscore.avro.Metric;
import io.seqscore.avro.ModelRelease;
import io.seqscore.trainer.release.ReleaseFiles;
import io.seqscore.trainer.testing.CliRun;
import io.seqscore.trainer.testing.ReleaseScorer;
import io.seqscore.trainer.testing.SyntheticSeasonal;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Trains on a seasonal data set with injected spikes through the CLI and checks the release as a scorer
 * would use it: the model beats the seasonal-naive forecast, and its calibration flags the spikes of the
 * validation period while flagging few normal events.
 */
class SyntheticSeasonalTrainingTest {
    static final int LENGTH = 2400;
    static final double VALIDATION = 0.25;
    static final double TARGET_FPR = 0.01;

    @TempDir
    static Path dir;
    static SyntheticSeasonal data;
    static ModelRelease release;
    static CliRun run;

    @BeforeAll
    static void train() {
        data = new SyntheticSeasonal(3, LENGTH, 0.01, 8, 11);
        Path csv = data.writeCsv(dir.resolve("history.csv"));
        Path out = dir.resolve("model.avro");
        run = CliRun.of("train", "--csv", csv.toString(), "--name", "synthetic", "--out", out.toString(),
                "--normalization", "per-key", "--hidden", "24", "--window", "72", "--burn-in", "24",
                "--batch", "16", "--epochs", "30", "--learning-rate", "0.01", "--patience", "0",
                "--validation-fraction", Double.toString(VALIDATION), "--target-fpr", Double.toString(TARGET_FPR),
                "--created-at", "2024-01-01T00:00:00Z", "--progress", "none");
        assertThat(run.exitCode()).as(run.err()).isZero();
        release = ReleaseFiles.read(out);
    }

    private static double metric(String name, int step) {
        return release.getProvenance().getMetrics().stream()
                .filter(m -> m.getName().equals(name) && m.getStep() == step)
                .mapToDouble(Metric::getValue).findFirst().orElseThrow();
    }

    @Test
    void shouldBeatTheSeasonalNaiveAndLastValueForecastsOnValidation() {
        assertThat(metric("seasonal_naive.period", 0)).isEqualTo(SyntheticSeasonal.PERIOD);
        assertThat(metric("mae", 1)).isLessThan(0.85 * metric("seasonal_naive.mae", 1));
        assertThat(metric("mae", 1)).isLessThan(metric("naive.mae", 1));
        assertThat(metric("mase", 1)).isLessThan(metric("seasonal_naive.mase", 1));
        assertThat(run.out()).contains("seasonal naive").doesNotContain("does not beat");
    }

    @Test
    void shouldFlagTheInjectedSpikesAndFewNormalEventsOfTheValidationPeriod() {
        int validationStart = LENGTH - (int) Math.ceil(VALIDATION * LENGTH);
        int spikes = 0;
        int caught = 0;
        int normal = 0;
        int falseFlags = 0;
        for (int k = 0; k < data.keys; k++) {
            boolean[] flags = new ReleaseScorer(release).flags(SyntheticSeasonal.key(k), data.values[k]);
            for (int p = validationStart; p < LENGTH; p++) {
                if (data.anomaly[k][p]) {
                    spikes++;
                    caught += flags[p] ? 1 : 0;
                } else if (!data.anomaly[k][p - 1]) {
                    normal++;
                    falseFlags += flags[p] ? 1 : 0;
                }
            }
        }
        assertThat(spikes).isGreaterThanOrEqualTo(8);
        assertThat((double) caught / spikes).as("caught %d of %d spikes", caught, spikes).isGreaterThanOrEqualTo(0.9);
        assertThat((double) falseFlags / normal).as("%d of %d normal events flagged", falseFlags, normal)
                .isLessThanOrEqualTo(TARGET_FPR);
    }

    @Test
    void shouldCalibrateForTheTargetFalsePositiveRate() {
        var c = release.getCalibration();
        assertThat(c.getTargetFpr()).isEqualTo(TARGET_FPR);
        assertThat(c.getWarmupSteps()).isEqualTo(24);
        assertThat(c.getSampleCount()).isEqualTo(3L * (int) Math.ceil(VALIDATION * LENGTH));
        assertThat(metric("calibration.flag_rate", 0)).isBetween(TARGET_FPR, TARGET_FPR + 3.0 / c.getSampleCount());
        assertThat(c.getScale().get(0)).isPositive();
        assertThat(c.getIntervalLower().get(0)).isNegative();
        assertThat(c.getIntervalUpper().get(0)).isPositive();
        assertThat(Arrays.asList(c.getScoreQuantiles().toArray())).isEmpty();
    }
}
