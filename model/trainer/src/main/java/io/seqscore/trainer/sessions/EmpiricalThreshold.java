package io.seqscore.trainer.sessions;

import java.util.Comparator;
import java.util.List;

/**
 * The smallest threshold whose flagged held-out weight is at most the target: the order statistic just above the
 * sessions the budget α·W − U allows. Its realized rate on new sessions is about (flagged + 1)/(W + 1), and it
 * rests on the two or three highest-scoring held-out sessions.
 */
public final class EmpiricalThreshold implements ThresholdRule {
    public static final EmpiricalThreshold INSTANCE = new EmpiricalThreshold();

    private EmpiricalThreshold() {
    }

    @Override
    public String name() {
        return "empirical";
    }

    @Override
    public String toString() {
        return name();
    }

    @Override
    public double threshold(List<SessionCalibration.Weighted> known, int totalWeight, int unknownWeight,
                            double targetRate) {
        double budget = targetRate * totalWeight - unknownWeight;
        List<SessionCalibration.Weighted> sorted = known.stream()
                .sorted(Comparator.comparingDouble((SessionCalibration.Weighted w) -> ThresholdRule.score(w.trace()))
                        .reversed())
                .toList();
        double spent = 0;
        for (SessionCalibration.Weighted w : sorted) {
            if (spent + w.weight() > budget) {
                return Math.min(1.0, Math.nextUp(ThresholdRule.score(w.trace())));
            }
            spent += w.weight();
        }
        return 0.0;
    }
}
