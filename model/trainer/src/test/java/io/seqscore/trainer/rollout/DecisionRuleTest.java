package io.seqscore.trainer.rollout;

import org.junit.jupiter.api.Test;

import java.time.Duration;

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

    @Test
    void shouldWaitUntilBothArmsHaveTheMinimumAndTheWaitIsNotOver() {
        Decision d = DecisionRule.decide(arm(100, 1.0, 0), arm(99, 0.5, 0), 3_599_999, RULES);
        assertThat(d.action()).isEqualTo(Decision.Action.WAIT);
        assertThat(d.reason()).isEqualTo("waiting: candidate 99, serving 100 comparable scores of 100 per arm");
    }

    @Test
    void shouldRollBackForWantOfEvidenceOnceTheWaitIsOver() {
        Decision d = DecisionRule.decide(arm(100, 1.0, 0), arm(99, 0.5, 0), 3_600_000, RULES);
        assertThat(d.action()).isEqualTo(Decision.Action.ROLL_BACK);
        assertThat(d.reason()).startsWith("not enough evidence after 3600000 ms of event time: candidate 99, serving 100");
    }

    @Test
    void shouldPromoteAtExactlyTheAllowedErrorIncreaseAndRollBackJustAbove() {
        // serving MAE 1.0; candidate 1.05 is +5.00 % (allowed), 1.0501 is +5.01 %
        assertThat(DecisionRule.decide(arm(200, 1.0, 2), arm(100, 1.05, 1), 0, RULES).action())
                .isEqualTo(Decision.Action.PROMOTE);
        Decision worse = DecisionRule.decide(arm(200, 1.0, 2), arm(100, 1.0501, 1), 0, RULES);
        assertThat(worse.action()).isEqualTo(Decision.Action.ROLL_BACK);
        assertThat(worse.reason()).startsWith("error degraded: MAE 1.05010 vs 1.00000 (+5.01%, at most +5.00%)");
    }

    @Test
    void shouldRollBackWhenTheFlagRateRisesMoreThanAllowed() {
        // serving 2 flags in 200 = 0.01; candidate 2 in 100 = 0.02: +1.00 point, allowed; 3 in 100: +2.00 points
        assertThat(DecisionRule.decide(arm(200, 1.0, 2), arm(100, 0.9, 2), 0, RULES).action())
                .isEqualTo(Decision.Action.PROMOTE);
        Decision d = DecisionRule.decide(arm(200, 1.0, 2), arm(100, 0.9, 3), 0, RULES);
        assertThat(d.action()).isEqualTo(Decision.Action.ROLL_BACK);
        assertThat(d.reason()).isEqualTo("flag rate degraded: MAE 0.900000 vs 1.00000 (-10.00%, at most +5.00%),"
                + " flag rate 0.0300 vs 0.0100 (+2.00 points, at most +1.00), mean anomaly score 0.5000 vs 0.5000,"
                + " on 100 vs 200 scores");
    }

    @Test
    void shouldCompareAgainstAPerfectServingVersionWithoutDividingByZero() {
        assertThat(DecisionRule.decide(arm(100, 0.0, 0), arm(100, 0.0, 0), 0, RULES).action())
                .isEqualTo(Decision.Action.PROMOTE);
        assertThat(DecisionRule.decide(arm(100, 0.0, 0), arm(100, 1e-9, 0), 0, RULES).action())
                .isEqualTo(Decision.Action.ROLL_BACK);
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
