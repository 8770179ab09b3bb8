package io.seqscore.trainer.cli;

import io.seqscore.avro.FeatureKind;
import io.seqscore.avro.ModelRelease;
import io.seqscore.avro.NormalizerMode;
import io.seqscore.avro.Parameter;
import io.seqscore.schemas.QualityGateMetrics;
import io.seqscore.trainer.release.ReleaseFiles;
import io.seqscore.trainer.testing.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code train --recipe nab}, {@code --features seasonal-changes} and {@code seasonal-offsets} from a NAB-layout CSV. */
class TrainSeasonalChangesCliTest {
    @TempDir
    Path dir;

    /** 200 rows at 5-minute spacing: timestamp,value as NAB writes them. */
    private Path csv() throws IOException {
        StringBuilder b = new StringBuilder("timestamp,value\n");
        Instant t0 = Instant.parse("2014-04-01T00:00:00Z");
        for (int i = 0; i < 200; i++) {
            b.append(t0.plusSeconds(300L * i).toString().replace('T', ' ').replace("Z", "")).append(',')
                    .append(50 + 20 * Math.sin(2 * Math.PI * i / 288.0)).append('\n');
        }
        return Files.writeString(dir.resolve("speed_1.csv"), b.toString());
    }

    private static Map<String, String> parameters(ModelRelease r) {
        return r.getProvenance().getHyperParameters().stream().collect(Collectors.toMap(Parameter::getName, Parameter::getValue));
    }

    @Test
    void shouldTrainTheNabRecipeWithExplicitFlagsOverridingIt() throws IOException {
        Path out = dir.resolve("k.avro");
        CliRun run = CliRun.of("train", "--csv", csv().toString(), "--csv-format", "series", "--recipe", "nab",
                "--epochs", "2", "--name", "k", "--created-at", "0", "--progress", "none", "--out", out.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        assertThat(run.out()).contains("seasonal-changes: 1 key(s), 200 events").contains("spacing 300000 ms, 2 epochs");
        ModelRelease r = ReleaseFiles.read(out);
        assertThat(r.getFeatures().getKind()).isEqualTo(FeatureKind.SEASONAL_CHANGES);
        assertThat(r.getFeatures().getSpacingMillis()).isEqualTo(300_000L);
        assertThat(r.getArchitecture().getInputSize()).isEqualTo(4);
        assertThat(r.getArchitecture().getHorizon()).isEqualTo(4);
        assertThat(r.getArchitecture().getLayers().get(0).getUnits()).isEqualTo(16);
        Map<String, String> p = parameters(r);
        assertThat(p).containsEntry("recipe", "nab").containsEntry("epochs", "2").containsEntry("hidden", "16")
                .containsEntry("window", "48").containsEntry("stride", "4").containsEntry("batch", "16")
                .containsEntry("learning-rate", "0.005").containsEntry("lr-schedule", "cosine-floor")
                .containsEntry("lr-min", "1.0E-4").containsEntry("shuffle-seed", "7").containsEntry("seed", "42")
                .containsEntry("features", "seasonal-changes").doesNotContainKey("validation-fraction");
        // no validation part: the gate is recorded, never enforced; 200 rows hold no value one day (288 rows) back
        var gate = QualityGateMetrics.read(r.getProvenance()).orElseThrow();
        assertThat(gate.enforced()).isFalse();
        assertThat(gate.heldOut()).isFalse();
        assertThat(gate.seasonalPeriod()).isEqualTo(288);
        assertThat(gate.pairs()).isZero();
        assertThat(gate.passed()).isNull();
        assertThat(run.out()).contains("quality gate: MAE in normalized units on in-sample pairs (0)")
                .contains("no pair to compare");
    }

    @Test
    void shouldTrainSeasonalChangesWithTheTrainersOwnDefaults() throws IOException {
        Path out = dir.resolve("k.avro");
        CliRun run = CliRun.of("train", "--csv", csv().toString(), "--csv-format", "series", "--features",
                "seasonal-changes", "--epochs", "1", "--window", "24", "--burn-in", "4", "--name", "k", "--created-at", "0",
                "--progress", "none", "--out", out.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        ModelRelease r = ReleaseFiles.read(out);
        assertThat(r.getArchitecture().getLayers().get(0).getUnits()).isEqualTo(32);
        assertThat(r.getArchitecture().getHorizon()).isEqualTo(1);
        assertThat(parameters(r)).containsEntry("stride", "20").doesNotContainKey("recipe");
    }

    @Test
    void shouldRefuseOptionsSeasonalChangesDoesNotUse() throws IOException {
        CliRun run = CliRun.of("train", "--csv", csv().toString(), "--csv-format", "series", "--recipe", "nab",
                "--validation-fraction", "0.1", "--name", "k", "--out", dir.resolve("k.avro").toString());

        run.assertUsageError("--validation-fraction does not apply to --features seasonal-changes");
    }

    @Test
    void shouldTrainSeasonalOffsetsWithPerKeyScalingAndAHeadWeight() throws IOException {
        Path out = dir.resolve("o.avro");
        CliRun run = CliRun.of("train", "--csv", csv().toString(), "--csv-format", "series", "--features",
                "seasonal-offsets", "--period", "1h", "--history", "24", "--horizon", "2", "--window", "24", "--burn-in",
                "4", "--epochs", "1", "--head-weight", "0.5", "--name", "k", "--created-at", "0", "--progress", "none",
                "--out", out.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        assertThat(run.out()).contains("seasonal-offsets: 1 key(s), 200 events").contains("spacing 300000 ms, 1 epochs");
        ModelRelease r = ReleaseFiles.read(out);
        assertThat(r.getFeatures().getKind()).isEqualTo(FeatureKind.SEASONAL_OFFSETS);
        assertThat(r.getFeatures().getPeriodMillis()).isEqualTo(3_600_000L);
        assertThat(r.getFeatures().getHistorySize()).isEqualTo(24);
        assertThat(r.getArchitecture().getHorizon()).isEqualTo(2);
        assertThat(r.getNormalizer().getMode()).isEqualTo(NormalizerMode.PER_KEY);
        assertThat(r.getNormalizer().getPerKey()).hasSize(1);
        assertThat(parameters(r)).containsEntry("features", "seasonal-offsets").containsEntry("head-weight", "0.5")
                .containsEntry("normalization", "per-key").containsEntry("period", "3600000")
                .doesNotContainKey("validation-fraction");
    }

    @Test
    void shouldRefuseSeasonalOptionsForValues() throws IOException {
        CliRun run = CliRun.of("train", "--csv", csv().toString(), "--csv-format", "series", "--period", "1h",
                "--name", "k", "--out", dir.resolve("v.avro").toString());

        run.assertUsageError("--period does not apply to --features values");
    }
}
