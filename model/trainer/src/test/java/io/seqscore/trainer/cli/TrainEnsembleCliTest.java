package io.seqscore.trainer.cli;

import io.seqscore.avro.Metric;
import io.seqscore.avro.ModelRelease;
import io.seqscore.avro.Parameter;
import io.seqscore.model.core.Network;
import io.seqscore.model.core.math.KernelPath;
import io.seqscore.trainer.release.ReleaseFiles;
import io.seqscore.trainer.release.ReleaseNetwork;
import io.seqscore.trainer.testing.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** {@code train --ensemble K}: K networks trained with consecutive seeds, released as one that forecasts their mean. */
class TrainEnsembleCliTest {
    @TempDir
    Path dir;

    /** Two keys, 300 hourly rows each, a daily cycle with noise: key,timestamp,value. */
    private Path csv() throws IOException {
        StringBuilder b = new StringBuilder("key,timestamp,value\n");
        Instant t0 = Instant.parse("2024-03-01T00:00:00Z");
        SplittableRandom rnd = new SplittableRandom(3);
        for (String key : new String[] {"north", "south"}) {
            double level = key.equals("north") ? 100 : 40;
            for (int i = 0; i < 300; i++) {
                b.append(key).append(',').append(t0.plusSeconds(3600L * i)).append(',')
                        .append(level * (1 + 0.3 * Math.sin(2 * Math.PI * i / 24.0)) + rnd.nextDouble(-3, 3))
                        .append('\n');
            }
        }
        return Files.writeString(dir.resolve("load.csv"), b.toString());
    }

    private ModelRelease train(Path csv, String file, String... extra) throws IOException {
        List<String> args = new ArrayList<>(List.of("train", "--csv", csv.toString(), "--features", "seasonal-offsets",
                "--period", "1d", "--horizon", "4", "--window", "48", "--burn-in", "24", "--stride", "12",
                "--hidden", "6", "--epochs", "2", "--name", "load", "--created-at", "0", "--progress", "none",
                "--allow-worse-than-naive", "--out", dir.resolve(file).toString()));
        args.addAll(List.of(extra));
        CliRun run = CliRun.of(args.toArray(new String[0]));
        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        return ReleaseFiles.read(dir.resolve(file));
    }

    @Test
    void shouldReleaseOneNetworkThatForecastsTheMeanOfTheMembersTrainedAlone() throws IOException {
        Path csv = csv();
        ModelRelease ensemble = train(csv, "ens.avro", "--ensemble", "2", "--seed", "5", "--shuffle-seed", "9",
                "--head-weight", "0.5");
        ModelRelease first = train(csv, "a.avro", "--seed", "5", "--shuffle-seed", "9", "--head-weight", "0.5");
        ModelRelease second = train(csv, "b.avro", "--seed", "6", "--shuffle-seed", "10", "--head-weight", "0.5");

        assertThat(ensemble.getArchitecture().getLayers().get(0).getUnits()).isEqualTo(12);
        Map<String, String> hyper = ensemble.getProvenance().getHyperParameters().stream()
                .collect(Collectors.toMap(Parameter::getName, Parameter::getValue));
        assertThat(hyper).containsEntry("ensemble", "2").containsEntry("hidden", "6").containsEntry("seed", "5");
        assertThat(ensemble.getProvenance().getMetrics().stream().filter(m -> m.getName().equals("ensemble.members"))
                .map(Metric::getValue)).containsExactly(2.0);
        assertThat(ensemble.getCalibration().getScale()).as("calibrated on the ensemble's own residuals")
                .isNotEqualTo(first.getCalibration().getScale());

        Network fused = network(ensemble);
        Network a = network(first);
        Network b = network(second);
        assertThat(fused.blockCount()).isEqualTo(2);
        float[] sf = fused.newState();
        float[] sa = a.newState();
        float[] sb = b.newState();
        float[] of = new float[4];
        float[] oa = new float[4];
        float[] ob = new float[4];
        SplittableRandom rnd = new SplittableRandom(1);
        for (int t = 0; t < 50; t++) {
            float[] x = new float[fused.inputSize()];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) rnd.nextDouble(-1, 1);
            }
            fused.step(sf, x, of);
            a.step(sa, x, oa);
            b.step(sb, x, ob);
            for (int s = 0; s < 4; s++) {
                assertThat((double) of[s]).isCloseTo((oa[s] + (double) ob[s]) / 2, within(1e-5));
            }
        }
    }

    @Test
    void shouldTrainAnEnsembleOnTheValidatedJob() throws IOException {
        Path out = dir.resolve("values.avro");
        CliRun run = CliRun.of("train", "--csv", csv().toString(), "--horizon", "2", "--window", "32", "--burn-in", "8",
                "--hidden", "4", "--epochs", "2", "--name", "load", "--created-at", "0", "--progress", "none",
                "--ensemble", "3", "--allow-worse-than-naive", "--out", out.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        ModelRelease r = ReleaseFiles.read(out);
        assertThat(r.getArchitecture().getLayers().get(0).getUnits()).isEqualTo(12);
        assertThat(network(r).blockCount()).isEqualTo(3);
    }

    @Test
    void shouldRefuseAnEnsembleOfNoNetwork() throws IOException {
        CliRun none = CliRun.of("train", "--csv", csv().toString(), "--ensemble", "0", "--name", "k", "--out",
                dir.resolve("a.avro").toString());
        none.assertUsageError("--ensemble must be >= 1, got 0");

        Path sessions = Files.writeString(dir.resolve("s.txt"), "a b c\na b\n");
        CliRun withSessions = CliRun.of("train", "--sessions", sessions.toString(), "--ensemble", "0", "--name", "k",
                "--out", dir.resolve("b.avro").toString());
        withSessions.assertUsageError("--ensemble must be >= 1, got 0");
    }

    private static Network network(ModelRelease r) {
        ReleaseNetwork n = ReleaseNetwork.of(r);
        return Network.of(n.spec(), n.params(), KernelPath.SCALAR);
    }
}
