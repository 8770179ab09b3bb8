package io.seqscore.trainer.sessions;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The Harrell–Davis estimate of the (1 − α')-quantile of the held-out sessions' surprisal −log(1 − score), each
 * copy one sample: a Beta((n+1)(1−α'), (n+1)α')-weighted mean of all n order statistics instead of the one
 * order statistic {@link EmpiricalThreshold} takes, so the threshold rests on the several highest sessions and its
 * realized rate is about α' rather than (flagged + 1)/(n + 1). α' = (α·W − U)/(W − U) is the rate left for the
 * sessions the threshold decides (n = W − U of them: no unknown symbol, no unseen transition); with none left the threshold is just above the highest.
 * Sessions scoring exactly the quantile are not flagged (the threshold is at least just above the highest held-out
 * score not beyond it), so held-out sessions that all score alike are not all flagged.
 */
public final class SmoothedThreshold implements ThresholdRule {
    public static final SmoothedThreshold INSTANCE = new SmoothedThreshold();
    /** A quantile this close (relative) to a held-out session's surprisal is that session's: it is not flagged. */
    private static final double TIE = 1e-12;

    private SmoothedThreshold() {
    }

    @Override
    public String name() {
        return "smoothed";
    }

    @Override
    public String toString() {
        return name();
    }

    @Override
    public double threshold(List<SessionCalibration.Weighted> known, int totalWeight, int unknownWeight,
                            double targetRate) {
        if (known.isEmpty()) {
            return 0.0;
        }
        List<SessionCalibration.Weighted> sorted = new ArrayList<>(known);
        sorted.sort(Comparator.comparingDouble((SessionCalibration.Weighted w) -> ThresholdRule.score(w.trace())));
        int n = 0;
        for (SessionCalibration.Weighted w : sorted) {
            n += w.weight();
        }
        double rate = (targetRate * totalWeight - unknownWeight) / n;
        double top = ThresholdRule.score(sorted.get(sorted.size() - 1).trace());
        if (rate <= 0) {
            return Math.min(1.0, Math.nextUp(top));
        }
        double a = (n + 1) * (1 - rate);
        double b = (n + 1) * rate;
        double quantile = 0;
        double below = 0;
        int cumulative = 0;
        for (SessionCalibration.Weighted w : sorted) {
            cumulative += w.weight();
            double upTo = cumulative == n ? 1.0 : RegularizedBeta.value((double) cumulative / n, a, b);
            double weight = upTo - below;
            if (weight > 0) {
                quantile += weight * surprisal(ThresholdRule.score(w.trace()));
            }
            below = upTo;
        }
        if (Double.isInfinite(quantile)) {
            return 1.0;
        }
        double atOrBelow = 0;
        double tolerance = TIE * Math.max(1, quantile);
        for (SessionCalibration.Weighted w : sorted) {
            double score = ThresholdRule.score(w.trace());
            if (surprisal(score) <= quantile + tolerance) {
                atOrBelow = score;
            }
        }
        return Math.min(1.0, Math.max(-Math.expm1(-quantile), Math.nextUp(atOrBelow)));
    }

    /** −log(1 − score): the surprisal −log p of a score 1 − p. */
    static double surprisal(double score) {
        return -Math.log1p(-score);
    }
}
