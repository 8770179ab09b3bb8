package io.seqscore.trainer.sessions;

/**
 * What a next-symbol model made of one session, event by event, as the scorer's next-symbol detector
 * computes it: the symbol's index (0 = unknown), its rank among the forecast made at the previous event
 * (0 on the first event, which has no forecast) and its score 1 − p (NaN on the first event).
 */
public record SessionTrace(int[] index, int[] rank, double[] score) {
    public int events() {
        return index.length;
    }

    /** Whether event t is flagged under the threshold rule ({@link SessionRule#THRESHOLD}). */
    public boolean flags(int t, int g, double threshold) {
        return SessionRule.THRESHOLD.flags(this, t, g, threshold);
    }

    /** The 1-based position of the first event the threshold rule flags, 0 when none is. */
    public int firstFlag(int g, double threshold) {
        return SessionRule.THRESHOLD.firstFlag(this, g, threshold);
    }

    public boolean hasUnknown() {
        for (int i : index) {
            if (i == 0) {
                return true;
            }
        }
        return false;
    }

    /** The largest rank of the session's events (0 when it has one event). */
    public int maxRank() {
        int m = 0;
        for (int r : rank) {
            m = Math.max(m, r);
        }
        return m;
    }

    /** The largest score of the session's events (NaN when it has one event). */
    public double maxScore() {
        double m = Double.NaN;
        for (double s : score) {
            if (!Double.isNaN(s) && !(s <= m)) {
                m = s;
            }
        }
        return m;
    }
}
