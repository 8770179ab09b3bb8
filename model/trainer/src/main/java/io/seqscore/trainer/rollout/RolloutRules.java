package io.seqscore.trainer.rollout;

import java.time.Duration;

/**
 * When a candidate is promoted or rolled back.
 *
 * @param minEvents           comparable scores (status OK, with a forecast) each arm needs before a decision
 * @param maxErrorIncrease    the candidate's mean absolute error may exceed the serving version's by at most this
 *                            fraction of it (0.05: 5 % worse at most)
 * @param maxFlagRateIncrease the candidate's flag rate may exceed the serving version's by at most this much
 *                            (absolute: 0.01 = one more flag per 100 scores)
 * @param maxWait             event time after the candidate's first score by which both arms must have
 *                            {@code minEvents}; otherwise it is rolled back for want of evidence
 */
public record RolloutRules(long minEvents, double maxErrorIncrease, double maxFlagRateIncrease, Duration maxWait) {
    public RolloutRules {
        if (minEvents < 1) {
            throw new IllegalArgumentException("min events must be >= 1, got " + minEvents);
        }
        if (!(maxErrorIncrease >= 0) || Double.isInfinite(maxErrorIncrease)) {
            throw new IllegalArgumentException("max error increase must be a finite fraction >= 0, got " + maxErrorIncrease);
        }
        if (!(maxFlagRateIncrease >= 0 && maxFlagRateIncrease <= 1)) {
            throw new IllegalArgumentException("max flag rate increase must be in [0, 1], got " + maxFlagRateIncrease);
        }
        if (maxWait == null || maxWait.isNegative() || maxWait.isZero()) {
            throw new IllegalArgumentException("max wait must be positive, got " + maxWait);
        }
    }

    @Override
    public String toString() {
        return "min events " + minEvents + " per arm, error at most +" + percent(maxErrorIncrease)
                + ", flag rate at most +" + percent(maxFlagRateIncrease) + " (points), max wait " + maxWait;
    }

    static String percent(double fraction) {
        return String.format(java.util.Locale.ROOT, "%.2f%%", 100 * fraction);
    }
}
