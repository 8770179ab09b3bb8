package io.seqscore.model.core.features;

/**
 * Per-key choice between a daily and a weekly season for a seasonal forecast, from the key's own recent
 * values. A key keeps three running mean absolute errors of simple one-season predictors of its value x_t,
 * updated at every event whose look-backs are in its history:
 *
 * <pre>
 * e_day  ≈ mean |x_t − x_{t−P}|                 P = the season (the release's period)
 * e_week ≈ mean |x_t − x_{t−7P}|                7P = the weekly season
 * e_mean ≈ mean |x_t − (x_{t−P} + x_{t−7P})/2|
 * e     += α·(|…| − e),  α = max(1/n, 1/N)      n = events counted so far, N = the memory in events
 * </pre>
 *
 * (a plain mean over the first N events, then exponentially weighted with memory N). Once a key has counted
 * {@link #warmup()} events, the smallest of the three chooses what is served instead of the release's forecast
 * f_s (steps s = 0..H−1, w_s = the key's value one week before step s, x at time t + (s+1)·spacing − 7P):
 * {@link #DAY} f_s unchanged, {@link #WEEK} w_s (weekly seasonal naive), {@link #MEAN} (f_s + w_s)/2; ties go to
 * the day, then the week. A step without w_s (a gap in the key's events) keeps f_s. The look-ups use the
 * release's spacing and tolerance as its daily anchors do ({@link SeasonalChanges#anchor}).
 *
 * <p>The per-key state is {@link #STATE_SIZE} doubles: n, e_day, e_week, e_mean. Allocation-free; the serve step
 * relies on the history's times increasing from oldest to newest (a scorer's ring: late events never join it).
 */
public final class SeasonSelection {
    /** Doubles of a key's selection state. */
    public static final int STATE_SIZE = 4;
    /** Seasons in the long season: a week of daily seasons. */
    public static final int WEEK_SEASONS = 7;
    /** No choice yet (warming up): the release's forecast is served. */
    public static final int NONE = -1;
    public static final int DAY = 0;
    public static final int WEEK = 1;
    public static final int MEAN = 2;

    private final long period;
    private final long week;
    private final long spacing;
    private final long tolerance;
    private final int seasonEvents;
    private final int memory;

    /**
     * @param seasonal the release's season: its period, spacing (&gt; 0) and tolerance
     * @param memory   N, events the running errors remember (≥ 1); 0 for the default, 7·P events (one week)
     */
    public SeasonSelection(SeasonalChanges seasonal, int memory) {
        if (seasonal.spacing() <= 0) {
            throw new IllegalArgumentException("season selection needs a spacing > 0, got " + seasonal.spacing());
        }
        if (memory < 0) {
            throw new IllegalArgumentException("season selection memory must be >= 0 (0: one week), got " + memory);
        }
        this.period = seasonal.period();
        this.week = WEEK_SEASONS * period;
        this.spacing = seasonal.spacing();
        this.tolerance = seasonal.tolerance();
        this.seasonEvents = (int) Math.max(1, Math.min(Integer.MAX_VALUE / (WEEK_SEASONS + 2),
                (period + spacing / 2) / spacing));
        this.memory = memory == 0 ? WEEK_SEASONS * seasonEvents : memory;
    }

    /** P in events: the period over the spacing, rounded. */
    public int seasonEvents() {
        return seasonEvents;
    }

    /** N, events the running errors remember. */
    public int memory() {
        return memory;
    }

    /** Events a key must have counted before a choice is made: one season of errors (P). */
    public int warmup() {
        return seasonEvents;
    }

    /** Events a key's history must hold for the weekly look-back: a week of events and the current one. */
    public int historyEvents() {
        return WEEK_SEASONS * seasonEvents + 1;
    }

    /** Empties a key's state. */
    public static void reset(double[] state) {
        for (int i = 0; i < STATE_SIZE; i++) {
            state[i] = 0;
        }
    }

    /**
     * Counts the history's newest event, the key's current one, into the errors, when the history holds its
     * values one season and one week before (within tolerance); otherwise changes nothing.
     */
    public void update(EventHistory history, double[] state) {
        if (history.count() == 0) {
            return;
        }
        long t = history.time(0);
        int day = history.newestAtOrBefore(t - period, tolerance);
        if (day == EventHistory.NONE) {
            return;
        }
        int weekAgo = history.newestAtOrBefore(t - week, tolerance);
        if (weekAgo == EventHistory.NONE) {
            return;
        }
        double x = history.value(0);
        double d = history.value(day);
        double w = history.value(weekAgo);
        double n = state[0] + 1;
        double alpha = Math.max(1.0 / n, 1.0 / memory);
        state[0] = n;
        state[1] += alpha * (Math.abs(x - d) - state[1]);
        state[2] += alpha * (Math.abs(x - w) - state[2]);
        state[3] += alpha * (Math.abs(x - (d + w) / 2) - state[3]);
    }

    /** The key's choice: {@link #NONE} while warming up, else the predictor with the smallest error. */
    public int choice(double[] state) {
        if (state[0] < warmup()) {
            return NONE;
        }
        double day = state[1];
        double wk = state[2];
        double mean = state[3];
        if (day <= wk && day <= mean) {
            return DAY;
        }
        return wk <= mean ? WEEK : MEAN;
    }

    /**
     * Writes the forecast to serve under a choice of {@link #WEEK} or {@link #MEAN} to {@code served}: for each
     * step s &lt; horizon, the point {@code release[s]} replaced as described above, and every further block b of
     * the release's forecast ({@code release[b·horizon + s]}, b &lt; blocks: a quantile head's bounds) shifted by
     * the same amount, so an interval keeps its place around the point. The history's newest event is the one
     * the forecast was made at.
     *
     * @return how many steps had no value one week before (those keep the release's forecast)
     */
    public int serve(EventHistory history, int choice, float[] release, int horizon, int blocks, float[] served) {
        if (choice != WEEK && choice != MEAN) {
            throw new IllegalArgumentException("serve takes WEEK or MEAN, got " + choice);
        }
        System.arraycopy(release, 0, served, 0, horizon * blocks);
        int n = history.count();
        long t0 = history.time(0);
        long previous = Long.MAX_VALUE;
        int k = EventHistory.NONE;
        int missing = 0;
        for (int s = 0; s < horizon; s++) {
            long ahead = (s + 1L) * spacing;
            long target = t0 + ahead - (ahead + week - 1) / week * week;
            if (k != EventHistory.NONE && target >= previous) {
                while (k > 0 && history.time(k - 1) <= target) {
                    k--;
                }
            } else {
                k = newestAtOrBefore(history, n, target);
            }
            previous = target;
            if (k == EventHistory.NONE || Long.compareUnsigned(target - history.time(k), tolerance) > 0) {
                missing++;
                continue;
            }
            float w = history.value(k);
            float point = choice == WEEK ? w : (release[s] + w) / 2f;
            float shift = point - release[s];
            served[s] = point;
            for (int b = 1; b < blocks; b++) {
                served[b * horizon + s] = release[b * horizon + s] + shift;
            }
        }
        return missing;
    }

    /** The k of the newest event at or before target, whatever its distance, or NONE. */
    private static int newestAtOrBefore(EventHistory history, int n, long target) {
        for (int k = 0; k < n; k++) {
            if (history.time(k) <= target) {
                return k;
            }
        }
        return EventHistory.NONE;
    }
}
