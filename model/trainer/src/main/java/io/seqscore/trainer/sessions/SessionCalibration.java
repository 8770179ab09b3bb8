package io.seqscore.trainer.sessions;

import java.util.Arrays;
import java.util.List;

/**
 * The flag rule's limits chosen on held-out normal sessions so that at most a target fraction of them is
 * flagged (sessions with an unknown symbol are flagged whatever the limits; they count against the target):
 * <pre>
 * g          the smallest g ≥ 1 with #{sessions whose largest rank &gt; g} ≤ ⌊α·N⌋
 * threshold  the smallest t with #{sessions whose largest score ≥ t} ≤ ⌊α·N⌋ (just above the (k+1)-th largest)
 * </pre>
 *
 * @param g                  the calibrated top-g
 * @param threshold          the calibrated score threshold (score = 1 − p; surprisal −log(1 − threshold))
 * @param sessions           N, the held-out sessions
 * @param flaggedAtG         how many of them g flags
 * @param flaggedAtThreshold how many of them the threshold flags
 */
public record SessionCalibration(int g, double threshold, int sessions, int flaggedAtG, int flaggedAtThreshold) {

    public static SessionCalibration choose(List<SessionTrace> heldOut, double targetRate, int vocabulary) {
        if (heldOut.isEmpty()) {
            throw new IllegalArgumentException("no held-out session to calibrate on");
        }
        int n = heldOut.size();
        int allowed = (int) Math.floor(targetRate * n);
        int unknown = 0;
        int[] ranks = new int[n];
        double[] scores = new double[n];
        int m = 0;
        for (SessionTrace t : heldOut) {
            if (t.hasUnknown()) {
                unknown++;
            } else {
                ranks[m] = t.maxRank();
                scores[m] = Double.isNaN(t.maxScore()) ? 0 : t.maxScore();
                m++;
            }
        }
        int budget = Math.max(0, allowed - unknown);
        int[] r = Arrays.copyOf(ranks, m);
        double[] s = Arrays.copyOf(scores, m);
        Arrays.sort(r);
        Arrays.sort(s);
        int g = Math.max(1, budget >= m ? 1 : r[m - 1 - budget]);
        double threshold = budget >= m ? 0.0 : Math.nextUp(s[m - 1 - budget]);
        threshold = Math.min(threshold, 1.0);
        int atG = unknown;
        int atT = unknown;
        for (int i = 0; i < m; i++) {
            atG += r[i] > g ? 1 : 0;
            atT += s[i] >= threshold ? 1 : 0;
        }
        return new SessionCalibration(Math.min(g, vocabulary), threshold, n, atG, atT);
    }
}
