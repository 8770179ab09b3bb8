package io.seqscore.trainer.sessions;

import io.seqscore.trainer.TrainerException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SessionTrainingTest {
    @TempDir
    Path dir;

    /** A workflow a b c d e with an optional repeated c, and a few rarer variants. */
    static List<Session> workflow(int n) {
        List<Session> sessions = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<String> s = new ArrayList<>(List.of("a", "b", "c", "d", "e"));
            if (i % 4 == 0) {
                s.add(2, "c");
            }
            if (i % 7 == 0) {
                s.add("f");
            }
            sessions.add(new Session(i + 1, s));
        }
        return sessions;
    }

    @Test
    void shouldReadSessionsWithLineNumbersAndSkipBlankLines() throws Exception {
        Path f = Files.writeString(dir.resolve("s"), "5 5 22 \n\n22\t11 9\n");
        List<Session> s = SessionsFile.read(f);
        assertThat(s).containsExactly(new Session(1, List.of("5", "5", "22")), new Session(3, List.of("22", "11", "9")));
        assertThatThrownBy(() -> SessionsFile.read(dir.resolve("missing"))).isInstanceOf(TrainerException.class)
                .hasMessageContaining("does not exist");
        assertThatThrownBy(() -> SessionsFile.read(Files.writeString(dir.resolve("empty"), "\n \n")))
                .isInstanceOf(TrainerException.class).hasMessageContaining("holds no session");
    }

    @Test
    void shouldLearnTheWorkflowAndFlagItsViolations() {
        SessionTraining t = SessionTraining.run(workflow(80), new SessionTrainConfig(4, 16, 1, 40, 8, 0.02, 1.0, 3),
                new SessionTraining.Options(1, 0.25, 0.05, "<end>"), e -> { });
        SessionScorer scorer = new SessionScorer(t.model());
        SessionCalibration cal = t.calibration();
        assertThat(t.model().vocabulary().symbols()).contains("a", "e", "<end>");
        assertThat(cal.flaggedAtG()).isLessThanOrEqualTo((int) (0.05 * cal.sessions()));
        assertThat(scorer.trace(List.of("a", "b", "c", "d", "e", "<end>")).firstFlag(cal.g(), cal.threshold())).isZero();
        assertThat(scorer.trace(List.of("a", "b", "c", "d", "e", "<end>")).firstFlag(0, cal.threshold())).isZero();
        SessionTrace swapped = scorer.trace(List.of("a", "c", "b", "d", "e", "<end>"));
        assertThat(swapped.firstFlag(0, cal.threshold())).isEqualTo(2);
        SessionTrace truncated = scorer.trace(List.of("a", "b", "<end>"));
        assertThat(truncated.firstFlag(0, cal.threshold())).as("a session ending too early").isEqualTo(3);
        SessionTrace unknown = scorer.trace(List.of("a", "z"));
        assertThat(unknown.index()[1]).isZero();
        assertThat(unknown.firstFlag(cal.g(), 1.0)).isEqualTo(2);
    }

    @Test
    void shouldTrainBitIdenticallyForTheSameSeed() {
        SessionTrainConfig c = new SessionTrainConfig(3, 6, 2, 3, 4, 0.01, 1.0, 11);
        SessionTraining.Options o = new SessionTraining.Options(1, 0.2, 0.01, null);
        float[] a = SessionTraining.run(workflow(30), c, o, e -> { }).model().params();
        float[] b = SessionTraining.run(workflow(30), c, o, e -> { }).model().params();
        assertThat(Arrays.equals(a, b)).isTrue();
    }

    @Test
    void shouldCalibrateGAndTheThresholdOnWeightedSessions() {
        SessionTrace common = new SessionTrace(new int[] {1, 2, 3}, new int[] {0, 1, 2}, new double[] {Double.NaN, 0.1, 0.3});
        SessionTrace rare = new SessionTrace(new int[] {1, 3, 2}, new int[] {0, 4, 5}, new double[] {Double.NaN, 0.9, 0.95});
        SessionTrace unknown = new SessionTrace(new int[] {1, 0}, new int[] {0, 9}, new double[] {Double.NaN, 0.99});
        SessionCalibration strict = SessionCalibration.choose(List.of(new SessionCalibration.Weighted(common, 98),
                new SessionCalibration.Weighted(rare, 1), new SessionCalibration.Weighted(unknown, 1)), 0.01, 10);
        assertThat(strict.g()).isEqualTo(5);
        assertThat(strict.threshold()).isEqualTo(Math.nextUp(0.95));
        assertThat(strict.flaggedAtG()).isEqualTo(1);
        assertThat(strict.sessions()).isEqualTo(100);
        SessionCalibration loose = SessionCalibration.choose(List.of(new SessionCalibration.Weighted(common, 98),
                new SessionCalibration.Weighted(rare, 1), new SessionCalibration.Weighted(unknown, 1)), 0.02, 10);
        assertThat(loose.g()).isEqualTo(2);
        assertThat(loose.threshold()).isEqualTo(Math.nextUp(0.3));
        assertThat(loose.flaggedAtThreshold()).isEqualTo(2);
    }

    @Test
    void shouldCrossValidateOverDistinctSessionsOnly() {
        List<SessionCrossValidation.Fold> folds = SessionCrossValidation.run(workflow(40), List.of(
                new Session(1, List.of("a", "z"))), 2, List.of(1L), new SessionTrainConfig(3, 8, 1, 5, 8, 0.02, 1.0, 0),
                new SessionTraining.Options(1, 0.3, 0.05, null), f -> { });
        assertThat(folds).as("each fold under each flag rule and threshold rule").hasSize(8);
        assertThat(folds).extracting(f -> f.fold() + " " + f.model() + " " + f.flags() + " " + f.rule()).containsExactly(
                "0 single threshold empirical", "0 single threshold smoothed",
                "0 single transitions empirical", "0 single transitions smoothed",
                "1 single threshold empirical", "1 single threshold smoothed",
                "1 single transitions empirical", "1 single transitions smoothed");
        List<SessionCrossValidation.Fold> empirical = folds.stream()
                .filter(f -> f.rule().equals("empirical") && f.flags().equals("threshold")).toList();
        assertThat(empirical.stream().mapToInt(SessionCrossValidation.Fold::normal).sum()).isEqualTo(4);
        assertThat(empirical.stream().mapToInt(SessionCrossValidation.Fold::normalCopies).sum()).isEqualTo(40);
        assertThat(folds).allMatch(f -> f.tpAtG() == 1 && f.tpAtThreshold() == 1);
        double[] ci = SessionCrossValidation.wilson(0, 722);
        assertThat(ci[0]).isZero();
        assertThat(ci[1]).isBetween(0.0052, 0.0054);
    }
}
