package io.seqscore.trainer.cli;

import io.seqscore.avro.Metric;
import io.seqscore.avro.ModelRelease;
import io.seqscore.schemas.QualityGateMetrics;
import io.seqscore.trainer.release.ReleaseFiles;
import io.seqscore.trainer.testing.CliRun;
import io.seqscore.trainer.testing.SyntheticSeasonal;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TrainerCliTest {
    @TempDir
    static Path dir;
    static Path csv;

    @BeforeAll
    static void data() {
        csv = new SyntheticSeasonal(2, 400, 0.0, 0, 5).writeCsv(dir.resolve("h.csv"));
    }

    private static void assertOneLineError(CliRun run, int code, String message) {
        assertThat(run.exitCode()).isEqualTo(code);
        assertThat(run.err().lines().toList()).as(run.err()).hasSize(1);
        assertThat(run.err()).startsWith("error: ").contains(message);
        assertThat(run.out()).isEmpty();
    }

    private static String[] train(String... extra) {
        List<String> args = new ArrayList<>(List.of("train", "--csv", csv.toString(), "--name", "m",
                "--hidden", "4", "--window", "30", "--burn-in", "5", "--epochs", "1", "--progress", "none",
                "--allow-worse-than-naive"));
        args.addAll(List.of(extra));
        return args.toArray(new String[0]);
    }

    /** One epoch of four units on a noiseless daily pattern: far worse than the value one period back. */
    private static String[] untrained(Path out, String... extra) {
        List<String> args = new ArrayList<>(List.of("train", "--csv", csv.toString(), "--name", "m", "--out",
                out.toString(), "--hidden", "4", "--window", "30", "--burn-in", "5", "--epochs", "1", "--progress",
                "none"));
        args.addAll(List.of(extra));
        return args.toArray(new String[0]);
    }

    @Test
    void shouldRefuseAModelWorseThanNaiveWithOneLineAndExitCode1AndReleaseNothing() {
        Path out = dir.resolve("refused.avro");
        CliRun run = CliRun.of(untrained(out));

        assertThat(run.exitCode()).isEqualTo(TrainerCli.FAILED);
        assertThat(run.err().lines().toList()).as(run.err()).hasSize(1);
        assertThat(run.err()).startsWith("error: m version 1 is worse than the seasonal-naive forecast on the held-out"
                + " end of each key's history (MAE ").contains("--allow-worse-than-naive");
        assertThat(run.out()).contains("quality gate: MAE in normalized units on held-out pairs")
                .contains("FAILED (worse than the seasonal-naive forecast)").doesNotContain("wrote");
        assertThat(out).doesNotExist();
    }

    @Test
    void shouldReleaseAModelWorseThanNaiveWhenAllowedAndShowItsGateInInspect() {
        Path out = dir.resolve("allowed.avro");
        CliRun run = CliRun.of(untrained(out, "--allow-worse-than-naive"));
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("wrote m version 1 to " + out);

        ModelRelease r = ReleaseFiles.read(out);
        var gate = QualityGateMetrics.read(r.getProvenance()).orElseThrow();
        assertThat(gate.passed()).isFalse();
        assertThat(gate.enforced()).isTrue();
        assertThat(gate.modelMae()).isGreaterThan(gate.seasonalNaiveMae());
        CliRun inspect = CliRun.of("inspect", "--in", out.toString());
        assertThat(inspect.exitCode()).isZero();
        assertThat(inspect.out()).containsPattern("quality gate +MAE in normalized units on held-out pairs \\(\\d+\\):"
                + " model [0-9.]+, last value [0-9.]+, seasonal naive \\(period 24\\) [0-9.]+: FAILED")
                .contains("metric            gate.model.mae = ");

        CliRun publish = CliRun.of("publish", "--in", out.toString(), "--bootstrap-servers", "localhost:1",
                "--schema-registry-url", "mock://gate");
        assertThat(publish.exitCode()).isEqualTo(TrainerCli.FAILED);
        assertThat(publish.err().lines().toList()).as(publish.err()).hasSize(1);
        assertThat(publish.err()).startsWith("error: m version 1 is worse than the seasonal-naive forecast")
                .contains("not published");
    }

    @Test
    void shouldAnswerBadArgumentsWithOneLineAndExitCode2() {
        assertOneLineError(CliRun.of(), 2, "missing command: train, publish, inspect, keygen, generate, rollout or cross-validate");
        assertOneLineError(CliRun.of("fly"), 2, "Unmatched argument at index 0: 'fly'");
        assertOneLineError(CliRun.of("train", "--csv", csv.toString()), 2, "Missing required option: '--name=NAME'");
        assertOneLineError(CliRun.of("train", "--csvv", "x"), 2, "Unknown options: '--csvv', 'x'");
        assertThat(CliRun.of("train", "--csvv", "x").err()).doesNotContain("--name");
        assertOneLineError(CliRun.of(train()), 2, "say where the release goes: --out FILE and/or --publish");
        assertOneLineError(CliRun.of(train("--out", "x.avro", "--cell", "transformer")), 2,
                "'transformer' is not one of lstm, gru-reset-after, gru-reset-before, rnn-tanh, rnn-relu");
        assertOneLineError(CliRun.of(train("--out", "x.avro", "--horizon", "25")), 2,
                "window (30) must be longer than burn-in + horizon (5 + 25)");
        assertOneLineError(CliRun.of(train("--out", "x.avro", "--target-fpr", "1.5")), 2,
                "target FPR must be in (0, 1), got 1.5");
        assertOneLineError(CliRun.of(train("--publish")), 2, "--publish needs --bootstrap-servers");
        assertOneLineError(CliRun.of(train("--out", "x.avro", "--canary", "10", "--shadow")), 2,
                "--canary and --shadow exclude each other");
        assertOneLineError(CliRun.of(train("--out", "x.avro", "--gap-reset", "soon")), 2,
                "'soon' is not a duration (e.g. 1500, 30s, 5m, 2h, 1d, PT1H)");
        assertOneLineError(CliRun.of("train", "--csv", "a.csv", "--events-topic", "e", "--name", "m"), 2,
                "--csv=PATH, --events-topic=TOPIC are mutually exclusive");
        assertOneLineError(CliRun.of("inspect"), 2, "Missing required argument");
        assertThat(CliRun.of("inspect").err()).startsWith("error: Missing required argument");
    }

    @Test
    void shouldAnswerAFailedRunWithOneLineAndExitCode1() throws IOException {
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "key,timestamp,value\nk,1,1\nk,2,two\n");
        CliRun run = CliRun.of("train", "--csv", bad.toString(), "--name", "m", "--out", "x.avro");
        assertOneLineError(run, 1, bad + ":3: column 3: 'two' is not a number");
        assertOneLineError(CliRun.of("inspect", "--in", dir.resolve("missing.avro").toString()), 1,
                "cannot read the release file " + dir.resolve("missing.avro"));
        Path notRelease = dir.resolve("not.avro");
        Files.writeString(notRelease, "hello");
        assertOneLineError(CliRun.of("inspect", "--in", notRelease.toString()), 1,
                notRelease + " is not a release file");
    }

    @Test
    void shouldAnswerBadRollbackArgumentsWithOneLineAndExitCode2() {
        CliRun help = CliRun.of("publish", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("-h, --help").contains("--rollback").contains("--version=N");
        Path file = dir.resolve("v3.avro");
        CliRun train = CliRun.of(train("--out", file.toString(), "--version", "3"));
        assertThat(train.exitCode()).as(train.err()).isZero();
        String in = file.toString();
        String[] kafka = {"--bootstrap-servers", "localhost:1", "--schema-registry-url", "mock://rollback-args"};

        assertOneLineError(CliRun.of("publish", "--in", in, "--version", "5"), 2,
                "--version needs --rollback (without it the file is published unchanged) (see seqscore-trainer publish --help)");
        assertOneLineError(CliRun.of("publish", "--in", in, "--created-at", "2024-01-01T00:00:00Z"), 2,
                "--created-at needs --rollback");
        assertOneLineError(CliRun.of("publish", "--in", in, "--sign-key", "k.key"), 2, "--sign-key needs --rollback");
        assertOneLineError(CliRun.of("publish", "--in", in, "--rollback", "--key-id", "ops"), 2,
                "--key-id needs --sign-key");
        assertOneLineError(CliRun.of("publish", "--in", in, "--rollback", "--version", "0"), 2,
                "--version must be >= 1, got 0");
        assertOneLineError(CliRun.of("publish", "--in", in, "--rollback"), 2, "publish needs --bootstrap-servers");
        assertOneLineError(CliRun.of(with(kafka, "publish", "--in", in, "--rollback", "--version", "3")), 2,
                "--version 3 must be above the version the rollback restores (3)");
        assertOneLineError(CliRun.of(with(kafka, "publish", "--in", dir.resolve("none.avro").toString(), "--rollback")),
                1, "cannot read the release file " + dir.resolve("none.avro"));
    }

    private static String[] with(String[] tail, String... head) {
        List<String> args = new ArrayList<>(List.of(head));
        args.addAll(List.of(tail));
        return args.toArray(new String[0]);
    }

    @Test
    void shouldPrintItsVersion() {
        CliRun run = CliRun.of("--version");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).matches("seqscore-trainer \\S+\\R");
    }

    @Test
    void shouldSignWithAGeneratedKeyAndVerifyInInspect() throws IOException {
        Path keys = dir.resolve("keys");
        CliRun keygen = CliRun.of("keygen", "--dir", keys.toString(), "--name", "ops-2024");
        assertThat(keygen.exitCode()).as(keygen.err()).isZero();
        assertThat(keygen.out()).startsWith("key id ops-2024");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.resolve("ops-2024.key"))))
                .isEqualTo("rw-------");
        assertThat(Files.readString(keys.resolve("ops-2024.pub"))).startsWith("-----BEGIN PUBLIC KEY-----\n");
        assertOneLineError(CliRun.of("keygen", "--dir", keys.toString(), "--name", "ops-2024"), 1,
                "will not overwrite an existing key file: " + keys.resolve("ops-2024.key"));
        CliRun other = CliRun.of("keygen", "--dir", dir.resolve("other").toString(), "--name", "ops-2024");
        assertThat(other.exitCode()).isZero();

        Path release = dir.resolve("signed.avro");
        CliRun train = CliRun.of(train("--out", release.toString(), "--sign-key", keys.resolve("ops-2024.key").toString(),
                "--canary", "12.5", "--activate-at", "2024-03-01T00:00:00Z", "--version", "4"));
        assertThat(train.exitCode()).as(train.err()).isZero();
        assertThat(train.out()).contains("wrote m version 4 to " + release);

        CliRun valid = CliRun.of("inspect", "--in", release.toString(), "--public-key",
                keys.resolve("ops-2024.pub").toString());
        assertThat(valid.exitCode()).as(valid.err()).isZero();
        assertThat(valid.out())
                .contains("m version 4")
                .contains("LSTM(4)")
                .contains("CANARY 12.5000%, from event time 2024-03-01T00:00:00Z")
                .contains("features          VALUES\n")
                .contains("Ed25519 by key 'ops-2024' (canonical form 4): VALID")
                .contains("weights fit the architecture; signature VALID");

        CliRun wrongKey = CliRun.of("inspect", "--in", release.toString(), "--public-key",
                dir.resolve("other").resolve("ops-2024.pub").toString());
        assertThat(wrongKey.exitCode()).isEqualTo(InspectCommand.NOT_VALID);
        assertThat(wrongKey.out()).contains("signature INVALID");

        ModelRelease r = ReleaseFiles.read(release);
        Metric first = r.getProvenance().getMetrics().get(0);
        first.setValue(first.getValue() + 1);
        Path tampered = dir.resolve("tampered.avro");
        ReleaseFiles.write(r, tampered);
        CliRun tamper = CliRun.of("inspect", "--in", tampered.toString(), "--public-key",
                keys.resolve("ops-2024.pub").toString());
        assertThat(tamper.exitCode()).isEqualTo(InspectCommand.NOT_VALID);
        assertThat(tamper.out()).contains("signature INVALID");

        CliRun unchecked = CliRun.of("inspect", "--in", release.toString());
        assertThat(unchecked.exitCode()).isZero();
        assertThat(unchecked.out()).contains("not checked (no --public-key given)");
    }
}
