package io.seqscore.trainer.sessions;

import io.seqscore.avro.ModelRelease;
import io.seqscore.model.core.anomaly.SymbolTransitions;
import io.seqscore.model.core.features.Vocabulary;
import io.seqscore.trainer.release.ReleaseOptions;
import io.seqscore.trainer.release.Rollout;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class SessionRuleTest {
    /** a = 1, b = 2, <end> = 3; V = 4, the start is previous 4. */
    private static final Vocabulary VOCABULARY = new Vocabulary(List.of("a", "b", "<end>"));

    @Test
    void shouldTableEveryPairOfTheSessionsWithTheStartAndTheEnd() {
        SymbolTransitions t = SessionRule.table(List.of(new Session(1, List.of("a", "b", "<end>")),
                new Session(2, List.of("b", "b", "z", "<end>"))), VOCABULARY);
        assertThat(t.codes()).containsExactly(
                0 * 4 + 3,   // z (unknown) -> <end>
                1 * 4 + 2,   // a -> b
                2 * 4 + 0,   // b -> z (unknown)
                2 * 4 + 2,   // b -> b
                2 * 4 + 3,   // b -> <end>
                4 * 4 + 1,   // start -> a
                4 * 4 + 2);  // start -> b
        assertThat(t.seen(SymbolTransitions.START, 1)).isTrue();
        assertThat(t.seen(1, 3)).as("a -> <end>").isFalse();
    }

    private static SessionTrace trace(int[] index, double... score) {
        int[] rank = new int[index.length];
        for (int t = 1; t < index.length; t++) {
            rank[t] = score[t] > 0.5 ? 3 : 1;
        }
        return new SessionTrace(index, rank, score);
    }

    @Test
    void shouldFlagNovelTransitionsAndJudgeOnlyTheEndByTheThreshold() {
        SymbolTransitions table = new SymbolTransitions.Builder(4).addSession(new int[] {1, 2, 3}).build();
        SessionRule rule = SessionRule.transitions(table, 3);
        assertThat(rule.endOnly()).isTrue();
        SessionTrace normal = trace(new int[] {1, 2, 3}, Double.NaN, 0.9, 0.1);
        assertThat(rule.firstFlag(normal, 0, 0.5)).as("0.9 inside the session is not judged").isZero();
        assertThat(SessionRule.THRESHOLD.firstFlag(normal, 0, 0.5)).as("the threshold rule judges it").isEqualTo(2);
        assertThat(rule.firstFlag(trace(new int[] {1, 2, 3}, Double.NaN, 0.1, 0.6), 0, 0.5)).as("the end").isEqualTo(3);
        assertThat(rule.firstFlag(trace(new int[] {1, 2, 3}, Double.NaN, 0.9, 0.6), 2, 0.99)).as("rank 3 > g = 2 at the end")
                .isEqualTo(3);
        assertThat(rule.firstFlag(trace(new int[] {1, 3}, Double.NaN, 0.1), 0, 0.5)).as("a -> end unseen").isEqualTo(2);
        assertThat(rule.firstFlag(trace(new int[] {2, 3}, Double.NaN, 0.1), 0, 0.5)).as("an unseen start").isEqualTo(1);
        assertThat(rule.firstFlag(trace(new int[] {1, 0, 3}, Double.NaN, 0.1, 0.1), 0, 0.5)).as("unknown").isEqualTo(2);
        assertThat(SessionRule.transitions(table, -1).firstFlag(normal, 0, 0.5)).as("no end symbol: every event")
                .isEqualTo(2);
    }

    @Test
    void shouldCountNovelHeldOutSessionsAgainstTheBudgetWithoutRankingThem() {
        SymbolTransitions trainingPart = new SymbolTransitions.Builder(4).addSession(new int[] {1, 2, 3}).build();
        SessionRule rule = SessionRule.transitions(trainingPart, 3);
        SessionTrace common = trace(new int[] {1, 2, 3}, Double.NaN, 0.1, 0.3);
        SessionTrace high = trace(new int[] {1, 2, 3}, Double.NaN, 0.2, 0.8);
        SessionTrace novel = trace(new int[] {1, 2, 2, 3}, Double.NaN, 0.1, 0.99, 0.2);
        List<SessionCalibration.Weighted> heldOut = List.of(new SessionCalibration.Weighted(common, 97),
                new SessionCalibration.Weighted(high, 1), new SessionCalibration.Weighted(novel, 2));
        SessionCalibration old = SessionCalibration.choose(heldOut, 0.02, 4, EmpiricalThreshold.INSTANCE);
        assertThat(old.threshold()).as("budget 2: novel (0.99, 2 copies) spends it").isEqualTo(Math.nextUp(0.8));
        SessionCalibration withNovelty = SessionCalibration.choose(heldOut, 0.02, 4, EmpiricalThreshold.INSTANCE, rule);
        assertThat(withNovelty.threshold()).as("novel flagged anyway: budget 0 left, above the highest ranked")
                .isEqualTo(Math.nextUp(0.8));
        SessionCalibration wider = SessionCalibration.choose(heldOut, 0.03, 4, EmpiricalThreshold.INSTANCE, rule);
        assertThat(wider.threshold()).as("budget 3 − 2 = 1: high is allowed").isEqualTo(Math.nextUp(0.3));
        assertThat(SessionCalibration.choose(heldOut, 0.03, 4, EmpiricalThreshold.INSTANCE).threshold())
                .as("without novelty, budget 3: novel and high").isEqualTo(Math.nextUp(0.3));
        assertThat(wider.flaggedAtThreshold()).isEqualTo(3);
        assertThat(SessionCalibration.choose(heldOut, 0.01, 4, EmpiricalThreshold.INSTANCE).threshold())
                .as("without novelty, budget 1 < novel's 2 copies").isEqualTo(Math.nextUp(0.99));
    }

    @Test
    void shouldReleaseTheTransitionsOfEverySessionAndTheEndSymbol() {
        List<Session> sessions = SessionTrainingTest.workflow(40);
        SessionTraining training = SessionTraining.run(sessions, new SessionTrainConfig(3, 8, 1, 2, 8, 0.02, 1.0, 5),
                new SessionTraining.Options(1, 0.3, 0.05, "<end>"), e -> { });
        ModelRelease release = SessionRelease.build(training, 200, new ReleaseOptions("default", 1, 0L,
                new Rollout(null, false, null), "test", 5, "test", new TreeMap<>()), 0.05);
        assertThat(release.getFeatures().getEndSymbol().toString()).isEqualTo("<end>");
        assertThat(SessionRelease.transitions(release)).isEqualTo(training.rule().transitions());
        Vocabulary v = training.model().vocabulary();
        SymbolTransitions all = SessionRule.table(Session.withEnd(sessions, "<end>"), v);
        assertThat(training.rule().transitions()).isEqualTo(all);
        assertThat(all.seen(SymbolTransitions.START, v.index("a"))).isTrue();
        assertThat(all.seen(v.index("e"), v.index("<end>"))).isTrue();
        assertThat(all.seen(v.index("f"), v.index("<end>"))).isTrue();
        assertThat(all.seen(v.index("e"), v.index("a"))).isFalse();
        assertThat(training.heldOutRule().transitions().size()).isLessThanOrEqualTo(all.size());
        assertThat(training.rule().endSymbol()).isEqualTo(v.index("<end>"));
        SessionTraining none = SessionTraining.run(sessions, new SessionTrainConfig(3, 8, 1, 2, 8, 0.02, 1.0, 5),
                new SessionTraining.Options(1, 0.3, 0.05, null), e -> { });
        ModelRelease noEnd = SessionRelease.build(none, 200, new ReleaseOptions("default", 1, 0L,
                new Rollout(null, false, null), "test", 5, "test", new TreeMap<>()), 0.05);
        assertThat(noEnd.getFeatures().getEndSymbol()).isNull();
        assertThat(noEnd.getFeatures().getTransitions()).isNotEmpty();
    }
}
