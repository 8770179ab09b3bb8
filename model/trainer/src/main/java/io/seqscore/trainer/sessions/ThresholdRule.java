package io.seqscore.trainer.sessions;

import java.util.List;
import java.util.Locale;

/**
 * How the score threshold is chosen from held-out normal sessions for a target false-positive rate. The sessions
 * given are those the threshold decides: none holds an unknown symbol or (under the transitions rule) an unseen
 * transition, which are flagged whatever the threshold; {@code unknownWeight} of the held-out weight
 * {@code totalWeight} is theirs and counts against the target. One class per rule, named by {@link #name}.
 */
public interface ThresholdRule {
    /** The rules by name, the first the default. */
    List<ThresholdRule> ALL = List.of(EmpiricalThreshold.INSTANCE, SmoothedThreshold.INSTANCE);

    String name();

    /**
     * The threshold t (flag when score ≥ t, score = 1 − p) for {@code targetRate} of the held-out weight flagged.
     *
     * @param known sessions the threshold decides, each weighted by its copies
     */
    double threshold(List<SessionCalibration.Weighted> known, int totalWeight, int unknownWeight, double targetRate);

    /** The rule named {@code name}, or an IllegalArgumentException naming the rules. */
    static ThresholdRule named(String name) {
        for (ThresholdRule r : ALL) {
            if (r.name().equals(name.toLowerCase(Locale.ROOT))) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown threshold rule '" + name + "', expected one of "
                + ALL.stream().map(ThresholdRule::name).toList());
    }

    /** A session's largest score, 0 when it has one event (no forecast). */
    static double score(SessionTrace t) {
        return Double.isNaN(t.maxScore()) ? 0 : t.maxScore();
    }
}
