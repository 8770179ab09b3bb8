package io.seqscore.trainer.train;

import io.seqscore.trainer.testing.CliRun;
import io.seqscore.trainer.testing.SyntheticSeasonal;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Same history, settings and seed → the same release file, byte for byte, whatever the thread count. */
class ReproducibilityTest {
    @TempDir
    static Path dir;
    static Path csv;
    static Path key;

    @BeforeAll
    static void data() {
        csv = new SyntheticSeasonal(2, 700, 0.01, 6, 3).writeCsv(dir.resolve("h.csv"));
        CliRun keygen = CliRun.of("keygen", "--dir", dir.toString(), "--name", "repro");
        assertThat(keygen.exitCode()).as(keygen.err()).isZero();
        key = dir.resolve("repro.key");
    }

    private static byte[] train(String file, String... extra) throws IOException {
        Path out = dir.resolve(file);
        List<String> args = new ArrayList<>(List.of("train", "--csv", csv.toString(), "--name", "repro",
                "--out", out.toString(), "--hidden", "8", "--window", "40", "--burn-in", "10", "--batch", "8",
                "--epochs", "3", "--created-at", "1700000000000", "--progress", "none", "--sign-key", key.toString(),
                "--allow-worse-than-naive"));
        args.addAll(List.of(extra));
        CliRun run = CliRun.of(args.toArray(new String[0]));
        assertThat(run.exitCode()).as(run.err()).isZero();
        return Files.readAllBytes(out);
    }

    @Test
    void shouldWriteByteIdenticalReleasesForTheSameSeedOnOneOrTwoThreads() throws IOException {
        byte[] one = train("one.avro", "--seed", "7", "--threads", "1");
        byte[] two = train("two.avro", "--seed", "7", "--threads", "2");
        byte[] again = train("again.avro", "--seed", "7", "--threads", "2");
        assertThat(two).isEqualTo(one);
        assertThat(again).isEqualTo(one);
        byte[] other = train("other.avro", "--seed", "8", "--threads", "2");
        assertThat(other).isNotEqualTo(one);
    }
}
