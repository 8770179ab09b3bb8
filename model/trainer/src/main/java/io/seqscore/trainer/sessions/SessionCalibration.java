package io.seqscore.trainer.sessions;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The flag rule's limits chosen on held-out normal sessions so that at most a target fraction of them is
 * flagged, each distinct session counted as often as it occurs (its weight), so the fraction is that of the
 * sessions as they come. Sessions with an unknown symbol are flagged whatever the limits and count against
 * the target, and so, under the transitions rule ({@link SessionRule}), are sessions with a transition its table
 * (of the training part only, so that held-out sessions meet novelty as new sessions do) lacks; neither is ranked.
 * <pre>
 * g          the smallest g ≥ 1 whose flagged weight (sessions whose largest rank &gt; g) is ≤ α·W
 * threshold  by a {@link ThresholdRule}: the smallest t whose flagged weight (sessions whose largest score ≥ t)
 *            is ≤ α·W ({@link EmpiricalThreshold}), or a smoothed quantile ({@link SmoothedThreshold})
 * </pre>
 *
 * @param g                  the calibrated top-g
 * @param threshold          the calibrated score threshold (score = 1 − p; surprisal −log(1 − threshold))
 * @param sessions           W, the held-out sessions, copies counted
 * @param flaggedAtG         how many of them g flags
 * @param flaggedAtThreshold how many of them the threshold flags
 */
public record SessionCalibration(int g, double threshold, int sessions, int flaggedAtG, int flaggedAtThreshold) {

    /** A held-out session's trace and how many times it occurs. */
    public record Weighted(SessionTrace trace, int weight) {
    }

    /** {@link #choose(List, double, int, ThresholdRule)} with the {@link EmpiricalThreshold}. */
    public static SessionCalibration choose(List<Weighted> heldOut, double targetRate, int vocabulary) {
        return choose(heldOut, targetRate, vocabulary, EmpiricalThreshold.INSTANCE);
    }

    /** g as above, the threshold by {@code rule}, for the threshold rule (no transitions). */
    public static SessionCalibration choose(List<Weighted> heldOut, double targetRate, int vocabulary,
                                            ThresholdRule rule) {
        return choose(heldOut, targetRate, vocabulary, rule, SessionRule.THRESHOLD);
    }

    /**
     * g and the threshold ({@code rule}) for the flag rule {@code flags}: held-out sessions with an unknown symbol or
     * a transition its table lacks count against the target and are not ranked.
     */
    public static SessionCalibration choose(List<Weighted> heldOut, double targetRate, int vocabulary,
                                            ThresholdRule rule, SessionRule flags) {
        if (heldOut.isEmpty()) {
            throw new IllegalArgumentException("no held-out session to calibrate on");
        }
        int total = 0;
        int unknown = 0;
        List<Weighted> known = new ArrayList<>();
        for (Weighted w : heldOut) {
            total += w.weight();
            if (w.trace().hasUnknown() || flags.novel(w.trace())) {
                unknown += w.weight();
            } else {
                known.add(w);
            }
        }
        double budget = targetRate * total - unknown;
        known.sort(Comparator.comparingInt((Weighted w) -> w.trace().maxRank()).reversed());
        int g = 1;
        double spent = 0;
        for (int i = 0; i < known.size(); i++) {
            int rank = known.get(i).trace().maxRank();
            int j = i;
            double w = 0;
            while (j < known.size() && known.get(j).trace().maxRank() == rank) {
                w += known.get(j).weight();
                j++;
            }
            if (spent + w > budget) {
                g = Math.max(1, rank);
                break;
            }
            spent += w;
            i = j - 1;
        }
        double threshold = rule.threshold(known, total, unknown, targetRate);
        g = Math.min(g, vocabulary);
        int atG = unknown;
        int atT = unknown;
        for (Weighted w : known) {
            atG += w.trace().maxRank() > g ? w.weight() : 0;
            atT += score(w.trace()) >= threshold ? w.weight() : 0;
        }
        return new SessionCalibration(g, threshold, total, atG, atT);
    }

    private static double score(SessionTrace t) {
        return ThresholdRule.score(t);
    }
}
