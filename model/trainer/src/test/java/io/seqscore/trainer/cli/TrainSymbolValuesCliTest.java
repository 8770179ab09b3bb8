package io.seqscore.trainer.cli;

import io.seqscore.avro.ModelRelease;
import io.seqscore.trainer.release.ReleaseFiles;
import io.seqscore.trainer.release.ReleaseNetwork;
import io.seqscore.trainer.testing.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class TrainSymbolValuesCliTest {
    private static final String[] STEPS = {"open", "read", "write", "close"};
    private static final double[] BYTES = {0.5, 120, 80, 0.5};

    @TempDir
    Path dir;

    /** key,timestamp,symbol,bytes,millis: 20 keys of the four steps. */
    private Path events() throws Exception {
        StringBuilder sb = new StringBuilder("key,time,step,bytes,millis\n");
        for (int k = 0; k < 20; k++) {
            for (int t = 0; t < STEPS.length; t++) {
                sb.append(String.format(Locale.ROOT, "f%d,%d,%s,%.2f,%d%n", k, 1000 * t + k, STEPS[t],
                        BYTES[t] + (k % 3), 2 + t + k % 2));
            }
        }
        return Files.writeString(dir.resolve("events.csv"), sb.toString());
    }

    @Test
    void shouldTrainAReleaseOfSymbolsAndValuesFromACsv() throws Exception {
        Path out = dir.resolve("io.avro");
        CliRun run = CliRun.of("train", "--csv", events().toString(), "--csv-format", "symbols", "--name", "io",
                "--hidden", "8", "--layers", "1", "--embedding", "3", "--epochs", "3", "--value-weight", "0.5",
                "--out", out.toString(), "--created-at", "0");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("events: 80 of 20 keys").contains("2 values each")
                .contains("vocabulary 4 symbols + unknown").contains("value weight 0.5").contains("wrote io version 1");
        ModelRelease release = ReleaseFiles.read(out);
        assertThat(release.getFeatures().getName().toString()).isEqualTo("SYMBOLS");
        assertThat(release.getFeatures().getParameters().stream().map(p -> p.getName() + "=" + p.getValue()))
                .containsExactly("embedding=3.0", "values=2.0");
        assertThat(release.getArchitecture().getHead().getKind().toString()).isEqualTo("softmax-values");
        assertThat(release.getArchitecture().getInputSize()).isEqualTo(3);
        assertThat(release.getNormalizer().getMean()).hasSize(3).first().isEqualTo(0f);
        assertThat(release.getCalibration().getScale()).hasSize(5 + 2);
        ReleaseNetwork network = ReleaseNetwork.of(release);
        assertThat(network.spec().embeddingRows()).isEqualTo(5);
        assertThat(network.spec().embeddingDim()).isEqualTo(3);
        assertThat(network.spec().embeddedValues()).isEqualTo(2);
        CliRun inspect = CliRun.of("inspect", "--in", out.toString());
        assertThat(inspect.exitCode()).as(inspect.err()).isZero();
        assertThat(inspect.out()).contains("SYMBOLS").contains("softmax-values");
    }

    @Test
    void shouldNameTheLineOfAnEventWithoutItsSymbolOrValues() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.csv"), "f1,1,open,0.5\nf1,2,,3\n");
        CliRun run = CliRun.of("train", "--csv", bad.toString(), "--csv-format", "symbols", "--name", "io",
                "--out", dir.resolve("x.avro").toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().lines().toList()).hasSize(1);
        assertThat(run.err()).contains("bad.csv:2").contains("empty symbol");
        Path noValues = Files.writeString(dir.resolve("nv.csv"), "f1,1,open,0.5\nf1,2,read\n");
        CliRun none = CliRun.of("train", "--csv", noValues.toString(), "--csv-format", "symbols", "--name", "io",
                "--out", dir.resolve("x.avro").toString());
        assertThat(none.exitCode()).isEqualTo(1);
        assertThat(none.err()).contains("nv.csv:2").contains("key,timestamp,symbol,value");
    }

    @Test
    void shouldRefuseOptionsOfTheSeriesTraining() throws Exception {
        CliRun run = CliRun.of("train", "--csv", events().toString(), "--csv-format", "symbols", "--name", "io",
                "--features", "values", "--out", dir.resolve("x.avro").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--features does not apply to --csv-format symbols");
        CliRun weight = CliRun.of("train", "--csv", events().toString(), "--csv-format", "symbols", "--name", "io",
                "--value-weight", "-1", "--out", dir.resolve("x.avro").toString());
        assertThat(weight.exitCode()).isEqualTo(2);
        assertThat(weight.err()).contains("--value-weight must be finite and >= 0");
    }
}
