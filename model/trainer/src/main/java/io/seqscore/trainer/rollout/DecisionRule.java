package io.seqscore.trainer.rollout;

import java.util.Locale;

/**
 * The controller's rule. Once both arms have {@code minEvents} comparable scores: roll back when the
 * candidate's mean absolute error exceeds the serving version's by more than {@code maxErrorIncrease} of it,
 * (for arms that compare no values, models of symbols alone: its mean anomaly score, the mean of 1 − p), or its
 * flag rate exceeds the serving version's by more than {@code maxFlagRateIncrease}; promote otherwise.
 * Before that: wait, unless {@code maxWait} of event time has passed since the candidate's first score (roll
 * back: not enough evidence).
 */
public final class DecisionRule {
    private DecisionRule() {
    }

    /** @param waitedMs event time from the candidate's first score to the latest score seen */
    public static Decision decide(ArmStats serving, ArmStats candidate, long waitedMs, RolloutRules rules) {
        if (serving.events() < rules.minEvents() || candidate.events() < rules.minEvents()) {
            if (waitedMs >= rules.maxWait().toMillis()) {
                return new Decision(Decision.Action.ROLL_BACK, String.format(Locale.ROOT,
                        "not enough evidence after %d ms of event time: candidate %d, serving %d comparable scores,"
                                + " %d needed per arm", waitedMs, candidate.events(), serving.events(), rules.minEvents()));
            }
            return new Decision(Decision.Action.WAIT, String.format(Locale.ROOT,
                    "waiting: candidate %d, serving %d comparable scores of %d per arm", candidate.events(),
                    serving.events(), rules.minEvents()));
        }
        boolean symbols = serving.values() == 0 || candidate.values() == 0;
        double errServing = symbols ? serving.meanAnomalyScore() : serving.meanAbsError();
        double errCandidate = symbols ? candidate.meanAnomalyScore() : candidate.meanAbsError();
        double errorIncrease = errServing == 0 ? (errCandidate == 0 ? 0 : Double.POSITIVE_INFINITY)
                : errCandidate / errServing - 1;
        double flagIncrease = candidate.flagRate() - serving.flagRate();
        String evidence = String.format(Locale.ROOT, "%s %.6g vs %.6g (%+.2f%%, at most +%s), flag rate %.4f vs %.4f"
                        + " (%+.2f points, at most +%.2f), mean anomaly score %.4f vs %.4f, on %d vs %d scores",
                symbols ? "mean 1 - p" : "MAE", errCandidate, errServing, 100 * errorIncrease, RolloutRules.percent(rules.maxErrorIncrease()),
                candidate.flagRate(), serving.flagRate(), 100 * flagIncrease,
                100 * rules.maxFlagRateIncrease(), candidate.meanAnomalyScore(),
                serving.meanAnomalyScore(), candidate.events(), serving.events());
        if (errorIncrease > rules.maxErrorIncrease()) {
            return new Decision(Decision.Action.ROLL_BACK, "error degraded: " + evidence);
        }
        if (flagIncrease > rules.maxFlagRateIncrease()) {
            return new Decision(Decision.Action.ROLL_BACK, "flag rate degraded: " + evidence);
        }
        return new Decision(Decision.Action.PROMOTE, "within the rules: " + evidence);
    }
}
