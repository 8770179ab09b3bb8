package io.seqscore.model.core.features;

/**
 * The SEASONAL_CHANGES inputs of a univariate key: its last step, and the step it took one season
 * earlier into the phase of its next event, both in normalized units. Used by the trainer to build
 * training windows and by the scorer at every event, so both compute exactly the same floats.
 *
 * <pre>
 * z_k = (value_k − μ) / σ                      k-th newest event of the ring (k = 0: the current event)
 * L   = ring.newestAtOrBefore(time_0 + spacing − period, tolerance)
 * x0  = clip(z_0 − z_1)                         0 while the ring holds one event
 * x1  = clip(z_L − z_{L+1})                     the step one season ago, into the next event's phase
 * x2  = clip(z_0 − z_{L+1})                     today's level against the season-ago level
 * x3  = 1                                       x1 = x2 = x3 = 0 without L or its predecessor L+1
 * clip(v) = max(−c, min(c, v))
 * </pre>
 * A SEASONAL_CHANGES forecaster on these inputs predicts changes z_{t+1+s} − z_t; a SEASONAL_OFFSETS one
 * predicts offsets z_{t+1+s} − z_{A_s} from the seasonal anchor A_s = {@link #anchor} (z_t without one).
 * Allocation-free.
 */
public final class SeasonalChanges {
    /** Inputs per event. */
    public static final int INPUTS = 4;

    private final long period;
    private final long spacing;
    private final long tolerance;
    private final float clip;

    /**
     * @param period    the season, in the ring's time unit (e.g. one day)
     * @param spacing   the key's typical time between events, so the look-back targets the next event's phase
     * @param tolerance how far before the look-back time the event found may lie
     * @param clip      bound of the inputs, &gt; 0
     */
    public SeasonalChanges(long period, long spacing, long tolerance, float clip) {
        if (period <= 0 || spacing < 0 || tolerance < 0 || !(clip > 0) || Float.isInfinite(clip)) {
            throw new IllegalArgumentException("need period > 0, spacing >= 0, tolerance >= 0 and a finite clip > 0; got "
                    + period + ", " + spacing + ", " + tolerance + ", " + clip);
        }
        this.period = period;
        this.spacing = spacing;
        this.tolerance = tolerance;
        this.clip = clip;
    }

    public long period() {
        return period;
    }

    public long spacing() {
        return spacing;
    }

    public long tolerance() {
        return tolerance;
    }

    public float clip() {
        return clip;
    }

    /** Writes x0..x3 of the ring's newest event (which must be the current one) to x[off..off+4). */
    public void inputs(EventHistory ring, float mean, float std, float[] x, int off) {
        int n = ring.count();
        if (n == 0) {
            throw new IllegalStateException("the ring holds no event");
        }
        float z0 = (ring.value(0) - mean) / std;
        x[off] = n < 2 ? 0f : clip(z0 - (ring.value(1) - mean) / std);
        int lag = ring.newestAtOrBefore(ring.time(0) + spacing - period, tolerance);
        if (lag != EventHistory.NONE && lag + 1 < n) {
            float zLag = (ring.value(lag) - mean) / std;
            float zBefore = (ring.value(lag + 1) - mean) / std;
            x[off + 1] = clip(zLag - zBefore);
            x[off + 2] = clip(z0 - zBefore);
            x[off + 3] = 1f;
        } else {
            x[off + 1] = 0f;
            x[off + 2] = 0f;
            x[off + 3] = 0f;
        }
    }

    /**
     * The k of the newest event at least one period before the ring's newest (time ≤ time_0 − period,
     * within tolerance), or {@link EventHistory#NONE}: the "same phase yesterday" of the current event.
     * Call before the current event joins the ring to look back from it; then k counts from the previous event.
     */
    public int seasonAgo(EventHistory ring, long time) {
        return ring.newestAtOrBefore(time - period, tolerance);
    }

    /**
     * The SEASONAL_OFFSETS anchor of forecast step s (0-based) from the ring's newest event: the k of the newest
     * event at or before time_0 + (s+1)·spacing − m·period, m = ⌈(s+1)·spacing / period⌉, within tolerance
     * ("the same phase as step s, in the latest season the ring has seen"), or {@link EventHistory#NONE}.
     * The target lies less than one period before time_0, so a ring holding one period of events plus the
     * current one (period / spacing + 1 on a regular grid) covers it. With spacing 0 the target is time_0 itself. Allocation-free.
     */
    public int anchor(EventHistory ring, int s) {
        if (ring.count() == 0) {
            throw new IllegalStateException("the ring holds no event");
        }
        long ahead = (s + 1L) * spacing;
        long seasons = (ahead + period - 1) / period;
        return ring.newestAtOrBefore(ring.time(0) + ahead - seasons * period, tolerance);
    }

    private float clip(float v) {
        return Math.max(-clip, Math.min(clip, v));
    }
}
