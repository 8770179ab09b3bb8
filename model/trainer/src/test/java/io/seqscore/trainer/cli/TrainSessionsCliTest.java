package io.seqscore.trainer.cli;

import io.seqscore.avro.ModelRelease;
import io.seqscore.model.core.Network;
import io.seqscore.model.core.SoftmaxMixtureHead;
import io.seqscore.trainer.release.ReleaseFiles;
import io.seqscore.trainer.release.ReleaseNetwork;
import io.seqscore.trainer.testing.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class TrainSessionsCliTest {
    @TempDir
    Path dir;

    private Path sessions() throws Exception {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            sb.append(i % 3 == 0 ? "a b b c d" : "a b c d").append(i % 5 == 0 ? " e" : "").append('\n');
        }
        return Files.writeString(dir.resolve("sessions.txt"), sb.toString());
    }

    @Test
    void shouldTrainASymbolsReleaseFromASessionsFile() throws Exception {
        Path out = dir.resolve("s.avro");
        CliRun run = CliRun.of("train", "--sessions", sessions().toString(), "--name", "flows", "--hidden", "8",
                "--layers", "1", "--embedding", "3", "--epochs", "2", "--end-symbol", "END", "--out", out.toString(),
                "--created-at", "0");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("vocabulary 6 symbols + unknown").contains("wrote flows version 1");
        ModelRelease release = ReleaseFiles.read(out);
        assertThat(release.getFeatures().getName().toString()).isEqualTo("SYMBOLS");
        assertThat(release.getFeatures().getVocabulary()).hasSize(6);
        assertThat(release.getArchitecture().getHead().getKind().toString()).isEqualTo("softmax");
        ReleaseNetwork network = ReleaseNetwork.of(release);
        assertThat(network.spec().embeddingRows()).isEqualTo(7);
        assertThat(network.spec().embeddingDim()).isEqualTo(3);
        CliRun inspect = CliRun.of("inspect", "--in", out.toString());
        assertThat(inspect.out()).contains("SYMBOLS").contains("softmax").contains("calibration.top_g");
    }

    @Test
    void shouldRefuseOptionsOfTheSeriesTraining() throws Exception {
        CliRun run = CliRun.of("train", "--sessions", sessions().toString(), "--name", "flows", "--window", "30",
                "--out", dir.resolve("x.avro").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--window does not apply to --sessions");
        CliRun missing = CliRun.of("train", "--sessions", dir.resolve("none").toString(), "--name", "flows",
                "--out", dir.resolve("x.avro").toString());
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err().lines().toList()).hasSize(1);
        assertThat(missing.err()).contains("does not exist");
    }

    @Test
    void shouldCrossValidateAndPrintTheTotals() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.txt"), "a c b d\na x\n");
        CliRun run = CliRun.of("cross-validate", "--sessions", sessions().toString(), "--abnormal", bad.toString(),
                "--folds", "2", "--seeds", "1", "--hidden", "8", "--layers", "1", "--epochs", "2", "--ensemble", "2",
                "--also-target-fpr", "0.01");
        assertThat(run.exitCode()).as(run.err()).isZero();
        for (String model : new String[] {"single", "ensemble"}) {
            assertThat(run.out()).contains(model + " top-g: false positives")
                    .contains(model + " threshold empirical: false positives")
                    .contains(model + " threshold smoothed: false positives")
                    .contains("  seed 1 " + model + " threshold smoothed: false positives");
            for (String rule : new String[] {"empirical", "smoothed"}) {
                assertThat(run.out().lines().filter(l -> l.startsWith("1,0," + model + "," + rule + ",")
                        || l.startsWith("1,1," + model + "," + rule + ","))).hasSize(2);
            }
        }
        assertThat(run.out()).contains("recall ").contains("ensemble threshold smoothed@0.01: false positives")
                .contains("single threshold empirical@0.01: false positives");
        CliRun zero = CliRun.of("cross-validate", "--sessions", sessions().toString(), "--ensemble", "0");
        assertThat(zero.exitCode()).isEqualTo(2);
        assertThat(zero.err()).contains("--ensemble must be >= 1, got 0");
    }

    @Test
    void shouldCalibrateTheThresholdByTheRuleAsked() throws Exception {
        Path out = dir.resolve("s.avro");
        CliRun run = CliRun.of("train", "--sessions", sessions().toString(), "--name", "flows", "--hidden", "8",
                "--layers", "1", "--embedding", "3", "--epochs", "2", "--threshold-rule", "smoothed",
                "--out", out.toString(), "--created-at", "0");
        assertThat(run.exitCode()).as(run.err()).isZero();
        ModelRelease release = ReleaseFiles.read(out);
        assertThat(release.getProvenance().getHyperParameters()).anySatisfy(p -> {
            assertThat(p.getName().toString()).isEqualTo("threshold-rule");
            assertThat(p.getValue().toString()).isEqualTo("smoothed");
        });
        CliRun bad = CliRun.of("train", "--sessions", sessions().toString(), "--name", "flows",
                "--threshold-rule", "median", "--out", out.toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("unknown threshold rule 'median', expected one of [empirical, smoothed]");
    }

    @Test
    void shouldTrainAnEnsembleReleaseWhoseFirstMemberIsTheSingleModelOfTheSeed() throws Exception {
        Path one = dir.resolve("one.avro");
        Path three = dir.resolve("three.avro");
        String[] common = {"train", "--sessions", sessions().toString(), "--name", "flows", "--hidden", "8",
                "--layers", "2", "--embedding", "3", "--epochs", "2", "--seed", "4", "--created-at", "0"};
        CliRun single = CliRun.of(concat(common, "--out", one.toString()));
        CliRun run = CliRun.of(concat(common, "--ensemble", "3", "--out", three.toString()));
        assertThat(single.exitCode()).as(single.err()).isZero();
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("ensemble of 3 models (seeds 4..6");
        ModelRelease plain = ReleaseFiles.read(one);
        ModelRelease ensemble = ReleaseFiles.read(three);
        assertThat(plain.getArchitecture().getHead().getParameters()).isEmpty();
        assertThat(plain.getProvenance().getHyperParameters()).noneMatch(p -> p.getName().toString().equals("ensemble"));
        assertThat(ensemble.getArchitecture().getHead().getKind().toString()).isEqualTo(SoftmaxMixtureHead.KIND);
        assertThat(ensemble.getArchitecture().getHead().getParameters()).singleElement()
                .satisfies(p -> assertThat(p.getValue()).isEqualTo(3.0));
        assertThat(ensemble.getProvenance().getHyperParameters()).anySatisfy(p -> {
            assertThat(p.getName().toString()).isEqualTo("ensemble");
            assertThat(p.getValue().toString()).isEqualTo("3");
        });
        assertThat(ensemble.getProvenance().getMetrics()).anySatisfy(m -> {
            assertThat(m.getName().toString()).isEqualTo("ensemble.members");
            assertThat(m.getValue()).isEqualTo(3.0);
        });
        ReleaseNetwork a = ReleaseNetwork.of(plain);
        ReleaseNetwork b = ReleaseNetwork.of(ensemble);
        int v = a.spec().embeddingRows();
        assertThat(b.spec().embeddingRows()).isEqualTo(v);
        assertThat(b.spec().embeddingDim()).isEqualTo(9);
        assertThat(b.spec().outputDim()).isEqualTo(3 * v);
        assertThat(b.spec().stateSize()).isEqualTo(3 * a.spec().stateSize());
        Network first = Network.of(a.spec(), a.params());
        Network fused = Network.of(b.spec(), b.params());
        float[] s1 = first.newState();
        float[] s3 = fused.newState();
        float[] out1 = new float[v];
        float[] out3 = new float[3 * v];
        for (int symbol : new int[] {1, 2, 3, 2, 4, 1}) {
            first.step(s1, new float[] {symbol}, out1);
            fused.step(s3, new float[] {symbol}, out3);
            for (int j = 0; j < v; j++) {
                assertThat(out3[j]).as("member 0's logit %d is the single model's", j).isEqualTo(out1[j]);
            }
        }
        CliRun inspect = CliRun.of("inspect", "--in", three.toString());
        assertThat(inspect.exitCode()).as(inspect.err()).isZero();
        assertThat(inspect.out()).contains("softmax-mixture");
    }

    @Test
    void shouldRefuseAnEnsembleOfModelsOfSymbolsAndValues() throws Exception {
        Path csv = Files.writeString(dir.resolve("sv.csv"), "k,1,a,1.0\nk,2,b,2.0\n");
        CliRun run = CliRun.of("train", "--csv", csv.toString(), "--csv-format", "symbols", "--name", "io",
                "--ensemble", "2", "--out", dir.resolve("x.avro").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--ensemble does not apply to --csv-format symbols");
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
