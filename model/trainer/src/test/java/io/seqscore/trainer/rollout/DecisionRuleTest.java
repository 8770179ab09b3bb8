package io.seqscore.trainer.rollout;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class DecisionRuleTest {
    private static final RolloutRules RULES = new RolloutRules(100, 0.05, 0.01, Duration.ofHours(1));

    /** {@code n} one-value scores with |residual| = {@code error}, anomaly score 0.5, {@code flags} of them flagged. */
    private static ArmStats arm(int n, double error, int flags) {
        ArmStats a = new ArmStats();
        for (int i = 0; i < n; i++) {
            a.add(1, error, 0.5, i < flags);
        }
        return a;
    }

    /**
     * The serving and the candidate arm (scores, |residual|, flagged), the event time since the candidate's first
     * score, the decision, and its reason: whole, or its start where the reason goes on with the statistics.
     */
    static Stream<Arguments> decisions() {
        return Stream.of(
                Arguments.of("waits until both arms have the minimum and the wait is not over",
                        arm(100, 1.0, 0), arm(99, 0.5, 0), 3_599_999L, Decision.Action.WAIT,
                        "waiting: candidate 99, serving 100 comparable scores of 100 per arm", true),
                Arguments.of("rolls back for want of evidence once the wait is over",
                        arm(100, 1.0, 0), arm(99, 0.5, 0), 3_600_000L, Decision.Action.ROLL_BACK,
                        "not enough evidence after 3600000 ms of event time: candidate 99, serving 100", false),
                Arguments.of("promotes at exactly the allowed error increase (+5.00 %)",
                        arm(200, 1.0, 2), arm(100, 1.05, 1), 0L, Decision.Action.PROMOTE, "", false),
                Arguments.of("rolls back just above the allowed error increase (+5.01 %)",
                        arm(200, 1.0, 2), arm(100, 1.0501, 1), 0L, Decision.Action.ROLL_BACK,
                        "error degraded: MAE 1.05010 vs 1.00000 (+5.01%, at most +5.00%)", false),
                Arguments.of("promotes at the allowed flag rate increase (0.01 to 0.02: +1.00 point)",
                        arm(200, 1.0, 2), arm(100, 0.9, 2), 0L, Decision.Action.PROMOTE, "", false),
                Arguments.of("rolls back when the flag rate rises more (0.01 to 0.03: +2.00 points)",
                        arm(200, 1.0, 2), arm(100, 0.9, 3), 0L, Decision.Action.ROLL_BACK,
                        "flag rate degraded: MAE 0.900000 vs 1.00000 (-10.00%, at most +5.00%),"
                                + " flag rate 0.0300 vs 0.0100 (+2.00 points, at most +1.00), mean anomaly score"
                                + " 0.5000 vs 0.5000, on 100 vs 200 scores", true),
                Arguments.of("promotes an equally perfect candidate without dividing by zero",
                        arm(100, 0.0, 0), arm(100, 0.0, 0), 0L, Decision.Action.PROMOTE, "", false),
                Arguments.of("rolls back any error against a perfect serving version",
                        arm(100, 0.0, 0), arm(100, 1e-9, 0), 0L, Decision.Action.ROLL_BACK, "", false));
    }

    /** {@code n} scores of a model of symbols alone: no values, anomaly score (1 − p) {@code score}. */
    private static ArmStats symbols(int n, double score, int flags) {
        ArmStats a = new ArmStats();
        for (int i = 0; i < n; i++) {
            a.add(0, 0, score, i < flags);
        }
        return a;
    }

    @Test
    void shouldJudgeModelsOfSymbolsAloneByTheirMeanScore() {
        Decision same = DecisionRule.decide(symbols(200, 0.25, 2), symbols(100, 0.26, 1), 0L, RULES);
        assertThat(same.action()).isEqualTo(Decision.Action.PROMOTE);
        assertThat(same.reason()).startsWith("within the rules: mean 1 - p 0.260000 vs 0.250000 (+4.00%, at most +5.00%)");
        Decision worse = DecisionRule.decide(symbols(200, 0.25, 2), symbols(100, 0.265, 1), 0L, RULES);
        assertThat(worse.action()).isEqualTo(Decision.Action.ROLL_BACK);
        assertThat(worse.reason()).startsWith("error degraded: mean 1 - p 0.265000 vs 0.250000 (+6.00%");
    }

    @Test
    void shouldCompareScoresOfASymbolModelThatHaveAForecast() {
        io.seqscore.avro.Score s = new io.seqscore.avro.Score();
        s.setStatus(io.seqscore.avro.ScoreStatus.OK);
        s.setSymbol("login");
        s.setAnomalyScore(0.3);
        s.setAnomaly(true);
        assertThat(ArmStats.comparable(s)).isTrue();
        ArmStats arm = new ArmStats();
        arm.add(s);
        assertThat(arm.values()).isZero();
        assertThat(arm.meanAnomalyScore()).isEqualTo(0.3);
        assertThat(arm.flagRate()).isEqualTo(1.0);
        s.setAnomalyScore(null);
        assertThat(ArmStats.comparable(s)).as("a key's first symbol has no forecast").isFalse();
        s.setAnomalyScore(0.3);
        s.setSymbol(null);
        assertThat(ArmStats.comparable(s)).as("neither a residual nor a symbol").isFalse();
        s.setSymbol("login");
        s.setStatus(io.seqscore.avro.ScoreStatus.UNSEEN_SYMBOL);
        assertThat(ArmStats.comparable(s)).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("decisions")
    void shouldDecide(String rule, ArmStats serving, ArmStats candidate, long elapsedMs, Decision.Action action,
                      String reason, boolean wholeReason) {
        Decision d = DecisionRule.decide(serving, candidate, elapsedMs, RULES);
        assertThat(d.action()).isEqualTo(action);
        if (wholeReason) {
            assertThat(d.reason()).isEqualTo(reason);
        } else {
            assertThat(d.reason()).startsWith(reason);
        }
    }

    @Test
    void shouldReadBackTheStateItCommitsExactly() {
        WatchState s = new WatchState();
        s.start(4, io.seqscore.avro.RolloutMode.SHADOW, 2, 1_700_000_000_000L);
        s.latestEventTime = 1_700_000_060_000L;
        s.candidateArm.add(2, 0.1 + 0.2, 0.123456789012345, true);
        s.servingArm.add(2, 1.0 / 3, 0.7, false);
        s.decided = 3;
        WatchState back = WatchState.decode(s.encode());
        assertThat(back.encode()).isEqualTo(s.encode());
        assertThat(back.candidateArm.meanAbsError()).isEqualTo((0.1 + 0.2) / 2);
        assertThat(back.servingArm.meanAbsError()).isEqualTo(1.0 / 3 / 2);
        assertThat(back.waitedMs()).isEqualTo(60_000);
        assertThat(s.encode().length()).isLessThan(4096);
    }
}
