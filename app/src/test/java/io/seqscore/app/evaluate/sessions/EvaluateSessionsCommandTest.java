package io.seqscore.app.evaluate.sessions;

import io.seqscore.app.testing.CommandLines.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.seqscore.app.testing.CommandLines.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code seqscore evaluate sessions} end to end on an embedded broker: a workflow's normal sessions trained on,
 * and a test file of normal and broken sessions (a swapped step, an unknown step, a session ending too early)
 * scored through the scorer, one row per session.
 */
class EvaluateSessionsCommandTest {
    @TempDir
    Path dir;

    private Path normal() throws IOException {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 120; i++) {
            b.append("open").append(i % 2 == 0 ? "" : " stat").append(" read".repeat(1 + i % 3)).append(" write")
                    .append(i / 6 % 2 == 0 ? "" : " sync").append(" close\n");
        }
        return Files.writeString(dir.resolve("normal"), b);
    }

    @Test
    void shouldWriteOneRowPerSessionAndFlagTheBrokenOnes() throws IOException {
        assertRowsFlagTheBrokenSessions(1);
    }

    @Test
    void shouldServeAnEnsembleOfThreeModelsAndFlagTheBrokenOnes() throws IOException {
        assertRowsFlagTheBrokenSessions(3);
    }

    private void assertRowsFlagTheBrokenSessions(int ensemble) throws IOException {
        Path test = Files.writeString(dir.resolve("mixed"), """
                open read write close
                open write read close
                open read chmod write close
                open read
                """);
        Path out = dir.resolve("flags.csv");
        Result r = run("evaluate", "sessions", "--train", normal().toString(), "--out", out.toString(), "--hidden", "16",
                "--layers", "1", "--embedding", "4", "--epochs", "30", "--learning-rate", "0.02",
                "--target-fpr", "0.05", "--calibration-fraction", "0.25", "--timeout", "120", "--ensemble",
                String.valueOf(ensemble), test.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("rows in " + out)
                .contains(ensemble == 1 ? "trained one model" : "trained an ensemble of " + ensemble + " models");
        List<String> rows = Files.readAllLines(out);
        assertThat(rows).containsExactly("file,line,events,flagged,first_flag,max_score",
                rows.get(1), rows.get(2), rows.get(3), rows.get(4));
        assertThat(rows.get(1)).startsWith("mixed,1,4,0,0,");
        assertThat(rows.get(2)).startsWith("mixed,2,4,1,");
        assertThat(rows.get(3)).startsWith("mixed,3,5,1,3,");
        assertThat(rows.get(4)).as("ends too early: flagged at the end event").startsWith("mixed,4,2,1,3,");
    }

    @Test
    void shouldRefuseTwoTestFilesOfTheSameNameInOneLine() throws IOException {
        Path a = Files.createDirectories(dir.resolve("a")).resolve("s");
        Path b = Files.createDirectories(dir.resolve("b")).resolve("s");
        Files.writeString(a, "open close\n");
        Files.writeString(b, "open close\n");
        Result r = run("evaluate", "sessions", "--train", normal().toString(), "--out", dir.resolve("f.csv").toString(),
                a.toString(), b.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("two test files are named s");
    }
}
