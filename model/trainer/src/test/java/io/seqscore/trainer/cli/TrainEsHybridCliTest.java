package io.seqscore.trainer.cli;

import io.seqscore.avro.FeatureKind;
import io.seqscore.avro.ModelRelease;
import io.seqscore.avro.NamedValue;
import io.seqscore.avro.NormalizerMode;
import io.seqscore.avro.Parameter;
import io.seqscore.model.core.features.EsHybridFeatures;
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

/** {@code train --features es-hybrid} from a user's CSV: the smoothing fitted, the release naming the kind. */
class TrainEsHybridCliTest {
    @TempDir
    Path dir;

    /** Two keys, 400 hourly rows each, a daily cycle on a positive level: key,timestamp,value. */
    private Path csv() throws IOException {
        StringBuilder b = new StringBuilder("key,timestamp,value\n");
        Instant t0 = Instant.parse("2024-03-01T00:00:00Z");
        for (String key : new String[] {"north", "south"}) {
            double level = key.equals("north") ? 100 : 40;
            for (int i = 0; i < 400; i++) {
                b.append(key).append(',').append(t0.plusSeconds(3600L * i)).append(',')
                        .append(level * (1 + 0.3 * Math.sin(2 * Math.PI * i / 24.0)) + (i % 7)).append('\n');
            }
        }
        return Files.writeString(dir.resolve("load.csv"), b.toString());
    }

    @Test
    void shouldFitTheSmoothingAndReleaseTheKindByNameWithItsParameters() throws IOException {
        Path out = dir.resolve("es.avro");
        CliRun run = CliRun.of("train", "--csv", csv().toString(), "--features", "es-hybrid", "--es-periods", "24,168",
                "--es-window", "12", "--horizon", "6", "--window", "48", "--burn-in", "24", "--stride", "12",
                "--hidden", "8", "--epochs", "1", "--name", "load", "--created-at", "0", "--progress", "none",
                "--out", out.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        assertThat(run.out()).contains("es-hybrid smoothing: {").contains("es-hybrid: 2 key(s), 800 events");
        ModelRelease r = ReleaseFiles.read(out);
        assertThat(r.getFeatures().getKind()).isEqualTo(FeatureKind.UNKNOWN);
        assertThat(r.getFeatures().getName()).isEqualTo(EsHybridFeatures.KIND);
        Map<String, Double> named = r.getFeatures().getParameters().stream()
                .collect(Collectors.toMap(NamedValue::getName, NamedValue::getValue));
        assertThat(named).containsEntry("period1", 24.0).containsEntry("period2", 168.0).containsEntry("window", 12.0)
                .containsEntry("multiplicative", 1.0).containsKeys("alpha", "gamma1", "gamma2");
        assertThat(r.getArchitecture().getInputSize()).isEqualTo(12);
        assertThat(r.getArchitecture().getHorizon()).isEqualTo(6);
        assertThat(r.getNormalizer().getMode()).isEqualTo(NormalizerMode.PER_KEY);
        Map<String, String> p = r.getProvenance().getHyperParameters().stream()
                .collect(Collectors.toMap(Parameter::getName, Parameter::getValue));
        assertThat(p).containsEntry("features", "es-hybrid").containsEntry("es-period1", "24.0")
                .containsEntry("es-alpha", Double.toString(named.get("alpha"))).doesNotContainKey("period")
                .doesNotContainKey("history");
    }

    @Test
    void shouldReleaseAQuantileHeadForEsHybridAndForValues() throws IOException {
        for (String kind : new String[] {"es-hybrid", "values"}) {
            Path out = dir.resolve(kind + "-q.avro");
            CliRun run = CliRun.of("train", "--csv", csv().toString(), "--features", kind, "--quantiles", "0.025,0.975",
                    "--horizon", "6", "--window", "48", "--burn-in", "24", "--hidden", "8", "--epochs", "1",
                    "--name", "load", "--created-at", "0", "--progress", "none", "--allow-worse-than-naive",
                    "--out", out.toString());

            assertThat(run.exitCode()).as(kind + ": " + run.err()).isEqualTo(0);
            ModelRelease r = ReleaseFiles.read(out);
            assertThat(r.getArchitecture().getOutputDim()).as(kind).isEqualTo(3);
            assertThat(r.getArchitecture().getHead().getKind()).as(kind).isEqualTo("quantile");
            assertThat(r.getArchitecture().getHead().getParameters().stream()
                    .collect(Collectors.toMap(NamedValue::getName, NamedValue::getValue)))
                    .containsEntry("lower", 0.025).containsEntry("upper", 0.975);
            assertThat(r.getCalibration().getCenter()).as(kind + ": calibrated on the point forecasts").hasSize(6);
            assertThat(r.getProvenance().getHyperParameters().stream()
                    .collect(Collectors.toMap(Parameter::getName, Parameter::getValue)))
                    .containsEntry("quantiles", "0.025,0.975");
        }
    }

    @Test
    void shouldRefuseQuantileLevelsThatAreNotTwoIncreasingProbabilities() throws IOException {
        for (String levels : new String[] {"0.975,0.025", "0.1,0.5,0.9", "0,0.9"}) {
            CliRun run = CliRun.of("train", "--csv", csv().toString(), "--features", "es-hybrid", "--quantiles", levels,
                    "--name", "k", "--out", dir.resolve("q.avro").toString());
            run.assertUsageError("--quantiles needs two levels 0 < LO < HI < 1");
        }
    }

    @Test
    void shouldRefuseTheLookBackOptionsForEsHybridAndItsOwnForOtherKinds() throws IOException {
        CliRun period = CliRun.of("train", "--csv", csv().toString(), "--features", "es-hybrid", "--period", "1h",
                "--name", "k", "--out", dir.resolve("a.avro").toString());
        period.assertUsageError("--period does not apply to --features es-hybrid");

        CliRun window = CliRun.of("train", "--csv", csv().toString(), "--features", "seasonal-offsets", "--es-window",
                "4", "--name", "k", "--out", dir.resolve("b.avro").toString());
        window.assertUsageError("--es-window does not apply to --features seasonal-offsets");

        CliRun periods = CliRun.of("train", "--csv", csv().toString(), "--features", "es-hybrid", "--es-periods",
                "24,168,720", "--name", "k", "--out", dir.resolve("c.avro").toString());
        periods.assertUsageError("--es-periods takes one or two seasons");
    }
}
