package io.seqscore.model.core.anomaly;

import java.util.Arrays;

/**
 * Range novelty: at every event, how far each of a key's streaming statistics now lies outside the
 * range [lo, hi] that the same statistic has covered so far on this key, in units of that range. The
 * score maps the largest exceedance to [0, 1]; a refractory period after an alarm keeps one event from
 * raising a burst of alarms. Scale-free, so scores of different keys rank together without calibration.
 *
 * <pre>
 * offer(x; n, warm)  e = max(x − hi, lo − x) / (hi − lo)     (x − hi) / (hi − lo) when one-sided
 *                    e = max(e, 0); e = 0 while n &lt; warm or hi ≤ lo;  then lo = min(lo, x), hi = max(hi, x), n += 1;
 *                    with a memory of N events then also (when hi &gt; lo) lo += (hi − lo)/(2N), hi −= the same
 * event t: raw values v_j, scaled values z_j (float), season-ago scaled values z^S_j when there is such an event
 * value_j       x = v_j                                                         two-sided, warm 1
 * level_k,j     a ← a + (v_j − a) / s_k        a = v_j at the key's first event   two-sided, warm s_k
 * residual_d    ρ ← ρ + (|z_d − ẑ_d| − ρ) / s_r  ρ = 0; once a forecast ẑ exists  upper side, warm 2·s_r
 * seasonal_j    δ ← δ + ((z_j − z^S_j) − δ) / s_s  δ = the first difference      two-sided, warm 2·s_s, weight w_s
 * dispersion_j  d ← d + (|v_j − v_j,prev| − d) / s_d   d = the first change   two-sided, warm 2·s_d, weight w_d;
 *               only when w_d &gt; 0 (a key's spread of changes: a frozen value or a change of variance); its own
 *               count of changes, so a channel added to a key's state later warms up as on a new key
 * instant_d     r = |z_d − ẑ_d| (not smoothed); once a forecast ẑ exists    upper side, warm 2·s_r, weight w_i;
 *               only when w_i &gt; 0 (its own count of absorbed residuals); with a memory of N_i events of its own,
 *               its range shrinks by 1 − 1/N_i in place of 1 − 1/N
 * E_t           = max over the channels of weight · e
 * score_t       = 0 when t − lastAlarm ≤ R (refractory), else E_t / (E_t + m);
 *                 alarm: E_t &gt; m outside the refractory period, then lastAlarm = t
 * give-back     only when W &gt; 0, live events only: an alarm at t_a ≥ G with E_t ≥ E_min and no window open
 *               opens one and keeps the ranges as they were before it; at each event t ≤ t_a + W after it, a side
 *               of a range whose statistic x is back on its inner side of the kept edge gets that edge back
 *               (hi = kept hi when x ≤ kept hi, lo = kept lo when x ≥ kept lo, never widening); after W events the
 *               window closes and what the ranges still hold is learned
 * </pre>
 * ẑ_d is the step-1 forecast of z_d made at the previous event ({@link #forecast}). With the default
 * parameters (levels 8 and 32, s_r = 64, s_s = 16, w_s = 0.25, m = 0.05, R = 12) this is the method of
 * the NAB study (see QUALITY.md and docs/scores.md): score 0.5 ⇔ E = m ⇔ "5 % beyond anything this key has shown".
 *
 * <p>A key's state is {@link #stateSize(int, int)} doubles and {@link #COUNTERS} longs owned by the caller:
 * <pre>
 * per value j, a block of V = 5 + 3L at j·V:   0 value lo, 1 value hi,
 *                                              2 + 3k level k average, 3 + 3k its lo, 4 + 3k its hi (k &lt; L),
 *                                              2 + 3L seasonal average, 3 + 3L its lo, 4 + 3L its hi
 * per forecast value d, a block of 4 at n·V + 4d:  0 ẑ_d (NaN: no forecast yet), 1 residual average, 2 lo, 3 hi
 * when w_i &gt; 0 and D &gt; 0, the instant channel at I = n·V + 4D: I the residuals it absorbed (a count),
 *           I + 1 + 2d lo and I + 2 + 2d hi of forecast value d ({@link #instantSize}: 1 + 2D doubles; none when w_i = 0)
 * when w_d &gt; 0, the dispersion channel after that at P: P the changes it absorbed (a count), then 4 doubles per
 *           value j at P + 1 + 4j: the previous value (NaN: none), d, lo, hi ({@link #dispersionSize}: 1 + 4n)
 * when W &gt; 0, the transient region at T, the end of the above ({@link #transientSize}): T the event count t_a of
 *           the open window (NaN: none), T + 1 … a copy of the doubles before T as they were before t_a
 * counters  [EVENTS] t, events the value and level channels absorbed; [RESIDUALS], [SEASONALS] the
 *           residual and seasonal channels' n; [LAST_ALARM] t of the last alarm ({@link #NEVER}: none)
 * </pre>
 * Immutable parameters; {@link #update} keeps the last event's E and alarm for the caller, so one
 * instance serves one thread. Nothing is allocated per event.
 */
public final class RangeNovelty {
    public static final int EVENTS = 0;
    public static final int RESIDUALS = 1;
    public static final int SEASONALS = 2;
    public static final int LAST_ALARM = 3;
    public static final int COUNTERS = 4;
    /** LAST_ALARM of a key that never alarmed (far enough back that t − NEVER cannot overflow). */
    public static final long NEVER = Long.MIN_VALUE / 2;
    /** Doubles per forecast value. */
    public static final int FORECAST_BLOCK = 4;
    /** Doubles per value of the dispersion channel: the previous value, the average, lo, hi. */
    public static final int DISPERSION_BLOCK = 4;

    /**
     * Which excursions are given back (the class comment's give-back).
     *
     * @param events        W ≥ 0: how long an excursion may last and still be given back; 0: none is, and no state for it
     * @param matureEvents  G ≥ 0: events a key must have absorbed before its alarms open a window
     * @param minExceedance E_min ≥ 0, finite: the exceedance an alarm needs to open one (0: every alarm)
     */
    public record GiveBack(int events, int matureEvents, double minExceedance) {
        public static final GiveBack OFF = new GiveBack(0, 0, 0);

        public GiveBack {
            if (events < 0 || matureEvents < 0 || !(minExceedance >= 0) || Double.isInfinite(minExceedance)) {
                throw new IllegalArgumentException("the transient and mature event counts must be >= 0 and the minimum"
                        + " exceedance finite and >= 0, got " + events + ", " + matureEvents + ", " + minExceedance);
            }
        }
    }

    /** What an event does to the state. */
    public enum Update {
        /** A live event: scored, then absorbed by every channel. */
        SCORE(true, true, true),
        /** Scored against the state, which stays as it is (a late event). */
        PEEK(true, false, false),
        /** Absorbed by every channel, not scored (re-warming a state that has no detector state). */
        REPLAY(false, true, true),
        /** Absorbed by the model's channels (residual, seasonal) only, not scored (re-warming after a model change). */
        REPLAY_MODEL(false, false, true);

        final boolean scores;
        final boolean inputs;
        final boolean model;

        Update(boolean scores, boolean inputs, boolean model) {
            this.scores = scores;
            this.inputs = inputs;
            this.model = model;
        }
    }

    private final int[] levelScales;
    private final int residualScale;
    private final int seasonalScale;
    private final double seasonalWeight;
    private final double margin;
    private final int refractory;
    private final double forget;
    private final double instantForget;
    private final int valueBlock;
    private final double instantWeight;
    private final int transientEvents;
    private final int matureEvents;
    private final double minExceedance;
    private final double dispersionWeight;
    private final int dispersionScale;

    private double exceedance;
    private boolean alarm;
    /** The ranges this event offered to (their lo offsets) and the statistic each was offered: the give-back's input. */
    private int[] offered = new int[0];
    private double[] statistics = new double[0];
    private int offers;
    /** Whether this event's offers are remembered: a live event inside an open give-back window. */
    private boolean tracking;

    /**
     * @param levelScales    s_k of the level channels (each ≥ 1; none is allowed)
     * @param residualScale  s_r ≥ 1
     * @param seasonalScale  s_s ≥ 1
     * @param seasonalWeight w_s ≥ 0, finite
     * @param margin         m &gt; 0, finite: the exceedance that scores 0.5 and raises an alarm
     * @param refractory     R ≥ 0: events after an alarm that score 0
     */
    public RangeNovelty(int[] levelScales, int residualScale, int seasonalScale, double seasonalWeight, double margin,
                        int refractory) {
        this(levelScales, residualScale, seasonalScale, seasonalWeight, margin, refractory, 0);
    }

    /** @see #RangeNovelty(int[], int, int, double, double, int, int, double) with w_i = 0 (no instant channel) */
    public RangeNovelty(int[] levelScales, int residualScale, int seasonalScale, double seasonalWeight, double margin,
                        int refractory, int memory) {
        this(levelScales, residualScale, seasonalScale, seasonalWeight, margin, refractory, memory, 0);
    }

    /**
     * @param memory N = 0 or ≥ 2: after each absorbed value a range's width shrinks by the factor 1 − 1/N about its
     *               midpoint, so a record sinks back towards the values of about the last N events; 0 (and the
     *               other constructor): ranges remember everything
     * @param instantWeight w_i ≥ 0, finite: weight of the instant channel (the current, unsmoothed forecast error);
     *               0: no such channel, and no state for it
     * @see #RangeNovelty(int[], int, int, double, double, int)
     */
    public RangeNovelty(int[] levelScales, int residualScale, int seasonalScale, double seasonalWeight, double margin,
                        int refractory, int memory, double instantWeight) {
        this(levelScales, residualScale, seasonalScale, seasonalWeight, margin, refractory, memory, instantWeight, 0);
    }

    /**
     * @param instantMemory N_i = 0 or ≥ 2: the instant channel's own memory (its range shrinks by 1 − 1/N_i after each
     *               absorbed residual, in place of the memory's factor); 0: the same memory as the other channels
     * @see #RangeNovelty(int[], int, int, double, double, int, int, double)
     */
    public RangeNovelty(int[] levelScales, int residualScale, int seasonalScale, double seasonalWeight, double margin,
                        int refractory, int memory, double instantWeight, int instantMemory) {
        this(levelScales, residualScale, seasonalScale, seasonalWeight, margin, refractory, memory, instantWeight,
                instantMemory, GiveBack.OFF, 0, 1);
    }

    /**
     * @param giveBack which excursions are given back, and for how long ({@link GiveBack#OFF}: none)
     * @param dispersionWeight w_d ≥ 0, finite: weight of the dispersion channel; 0: no such channel, and no state for it
     * @param dispersionScale s_d ≥ 1: events of the dispersion channel's moving average
     * @see #RangeNovelty(int[], int, int, double, double, int, int, double, int)
     */
    public RangeNovelty(int[] levelScales, int residualScale, int seasonalScale, double seasonalWeight, double margin,
                        int refractory, int memory, double instantWeight, int instantMemory, GiveBack giveBack,
                        double dispersionWeight, int dispersionScale) {
        if (!(dispersionWeight >= 0) || Double.isInfinite(dispersionWeight) || dispersionScale < 1) {
            throw new IllegalArgumentException("the dispersion weight must be finite and >= 0 and its scale >= 1, got "
                    + dispersionWeight + ", " + dispersionScale);
        }
        if (instantMemory < 0 || instantMemory == 1) {
            throw new IllegalArgumentException("the instant memory must be 0 (the channels' memory) or >= 2 events, got "
                    + instantMemory);
        }
        if (!(instantWeight >= 0) || Double.isInfinite(instantWeight)) {
            throw new IllegalArgumentException("the instant weight must be finite and >= 0, got " + instantWeight);
        }
        if (memory < 0 || memory == 1) {
            throw new IllegalArgumentException("memory must be 0 (everything) or >= 2 events, got " + memory);
        }
        for (int s : levelScales) {
            if (s < 1) {
                throw new IllegalArgumentException("level scales must be >= 1, got " + Arrays.toString(levelScales));
            }
        }
        if (residualScale < 1 || seasonalScale < 1) {
            throw new IllegalArgumentException("residual and seasonal scales must be >= 1, got " + residualScale + ", "
                    + seasonalScale);
        }
        if (!(seasonalWeight >= 0) || Double.isInfinite(seasonalWeight) || !(margin > 0) || Double.isInfinite(margin)
                || refractory < 0) {
            throw new IllegalArgumentException("need a finite seasonal weight >= 0, a finite margin > 0 and a refractory"
                    + " period >= 0; got " + seasonalWeight + ", " + margin + ", " + refractory);
        }
        this.levelScales = levelScales.clone();
        this.residualScale = residualScale;
        this.seasonalScale = seasonalScale;
        this.seasonalWeight = seasonalWeight;
        this.margin = margin;
        this.refractory = refractory;
        this.forget = memory == 0 ? 0 : 1.0 / memory;
        this.instantForget = instantMemory == 0 ? forget : 1.0 / instantMemory;
        this.valueBlock = 5 + 3 * levelScales.length;
        this.instantWeight = instantWeight;
        this.transientEvents = giveBack.events();
        this.matureEvents = giveBack.matureEvents();
        this.minExceedance = giveBack.minExceedance();
        this.dispersionWeight = dispersionWeight;
        this.dispersionScale = dispersionScale;
    }

    /** Doubles of the state of a key with n values per event and dims forecast values. */
    public int stateSize(int n, int dims) {
        return coreSize(n, dims) + transientSize(n, dims);
    }

    /** Doubles of the channels (with the instant channel): what the transient region mirrors. */
    private int coreSize(int n, int dims) {
        return baseSize(n, dims) + instantSize(dims) + dispersionSize(n);
    }

    /** Doubles of the channels every state has (value, levels, seasonal, forecast): where the optional ones start. */
    public int baseSize(int n, int dims) {
        return n * valueBlock + dims * FORECAST_BLOCK;
    }

    /** Doubles of the dispersion channel after the instant channel: its count, then 4 per value (0 when w_d = 0). */
    public int dispersionSize(int n) {
        return dispersionWeight > 0 ? 1 + DISPERSION_BLOCK * n : 0;
    }

    /** An empty dispersion channel (as a key never seen has), e.g. in a state written before it existed. */
    public void resetDispersion(double[] s, int n, int dims) {
        if (dispersionWeight == 0) {
            return;
        }
        int at = dispersionAt(n, dims);
        s[at] = 0;
        for (int j = 0; j < n; j++) {
            int b = at + 1 + DISPERSION_BLOCK * j;
            s[b] = Double.NaN;
            s[b + 1] = 0;
            emptyRange(s, b + 2);
        }
    }

    private int dispersionAt(int n, int dims) {
        return baseSize(n, dims) + instantSize(dims);
    }

    /**
     * Doubles of the transient region at the end of the state: the alarm that opened the give-back window (a count
     * of events; NaN: none open), then a copy of the channels' doubles as they were before it (0 when W = 0).
     */
    public int transientSize(int n, int dims) {
        return transientEvents > 0 ? 1 + coreSize(n, dims) : 0;
    }

    /** No give-back window open (as a key never seen has), e.g. in a state written before the region existed. */
    public void resetTransient(double[] s, int n, int dims) {
        if (transientEvents > 0) {
            s[coreSize(n, dims)] = Double.NaN;
        }
    }

    /** Doubles of the instant channel at the end of the state (0 when w_i = 0 or dims = 0). */
    public int instantSize(int dims) {
        return instantWeight > 0 && dims > 0 ? 1 + 2 * dims : 0;
    }

    /** An empty instant channel (as a key never seen has), e.g. in a state written before it existed. */
    public void resetInstant(double[] s, int n, int dims) {
        if (instantSize(dims) == 0) {
            return;
        }
        int at = n * valueBlock + dims * FORECAST_BLOCK;
        s[at] = 0;
        for (int d = 0; d < dims; d++) {
            emptyRange(s, at + 1 + 2 * d);
        }
    }

    /** Doubles per value (V). */
    public int valueBlock() {
        return valueBlock;
    }

    public double margin() {
        return margin;
    }

    /** A key never seen: empty ranges, no forecast, no events, no alarm. */
    public void reset(double[] s, long[] c, int n, int dims) {
        for (int j = 0; j < n; j++) {
            int b = j * valueBlock;
            emptyRange(s, b);
            for (int k = 0; k < levelScales.length; k++) {
                s[b + 2 + 3 * k] = 0;
                emptyRange(s, b + 3 + 3 * k);
            }
        }
        c[EVENTS] = 0;
        c[LAST_ALARM] = NEVER;
        resetDispersion(s, n, dims);
        resetModelChannels(s, c, n, dims);
    }

    /**
     * Forgets what depends on the model (its forecasts and its scaling): the residual, instant and seasonal
     * channels and the forecast. The value and level channels and the refractory period stay.
     */
    public void resetModelChannels(double[] s, long[] c, int n, int dims) {
        for (int j = 0; j < n; j++) {
            int a = j * valueBlock + 2 + 3 * levelScales.length;
            s[a] = 0;
            emptyRange(s, a + 1);
        }
        for (int d = 0; d < dims; d++) {
            int r = n * valueBlock + FORECAST_BLOCK * d;
            s[r] = Double.NaN;
            s[r + 1] = 0;
            emptyRange(s, r + 2);
        }
        c[RESIDUALS] = 0;
        c[SEASONALS] = 0;
        resetInstant(s, n, dims);
        resetTransient(s, n, dims);
    }

    /**
     * One event (see the class comment).
     *
     * @param v       raw values, n of them
     * @param z       scaled values, n of them (the first dims are compared with the forecast)
     * @param zSeason the scaled values of the season-ago event, or null when there is none
     * @return the score in [0, 1] (SCORE, PEEK), NaN otherwise
     */
    public double update(double[] s, long[] c, int n, int dims, double[] v, float[] z, float[] zSeason, Update how) {
        long t = c[EVENTS];
        int levels = levelScales.length;
        tracking = transientEvents > 0 && how == Update.SCORE && beginTransient(s, n, dims, t);
        int dispersion = dispersionWeight > 0 ? dispersionAt(n, dims) : -1;
        long changes = dispersion < 0 ? 0 : (long) s[dispersion];
        boolean changed = false;
        double e = 0;
        for (int j = 0; j < n; j++) {
            int b = j * valueBlock;
            double x = v[j];
            e = Math.max(e, track(s, b, x, t, 1, true, how.inputs, forget));
            for (int k = 0; k < levels; k++) {
                int a = b + 2 + 3 * k;
                double level = t == 0 ? x : s[a] + (x - s[a]) / levelScales[k];
                if (how.inputs) {
                    s[a] = level;
                }
                e = Math.max(e, track(s, a + 1, level, t, levelScales[k], true, how.inputs, forget));
            }
            if (dispersion >= 0) {
                int d = dispersion + 1 + DISPERSION_BLOCK * j;
                double previous = s[d];
                if (!Double.isNaN(previous)) {
                    double change = Math.abs(x - previous);
                    double average = changes == 0 ? change : s[d + 1] + (change - s[d + 1]) / dispersionScale;
                    if (how.inputs) {
                        s[d + 1] = average;
                    }
                    e = Math.max(e, dispersionWeight * track(s, d + 2, average, changes + 1, 2 * dispersionScale,
                            true, how.inputs, forget));
                    changed = true;
                }
                if (how.inputs) {
                    s[d] = x;
                }
            }
        }
        if (changed && how.inputs) {
            s[dispersion] = changes + 1;
        }
        int base = n * valueBlock;
        if (dims > 0 && !Double.isNaN(s[base])) {
            long count = c[RESIDUALS];
            int instant = instantWeight > 0 ? base + FORECAST_BLOCK * dims : -1;
            long instants = instant < 0 ? 0 : (long) s[instant];
            for (int d = 0; d < dims; d++) {
                int r = base + FORECAST_BLOCK * d;
                double residual = Math.abs(z[d] - (float) s[r]);
                double average = s[r + 1] + (residual - s[r + 1]) / residualScale;
                if (how.model) {
                    s[r + 1] = average;
                }
                e = Math.max(e, track(s, r + 2, average, count, 2 * residualScale, false, how.model, forget));
                if (instant >= 0) {
                    e = Math.max(e, instantWeight
                            * track(s, instant + 1 + 2 * d, residual, instants, 2 * residualScale, false, how.model,
                            instantForget));
                }
            }
            if (how.model) {
                c[RESIDUALS] = count + 1;
                if (instant >= 0) {
                    s[instant] = instants + 1;
                }
            }
        }
        if (zSeason != null) {
            long count = c[SEASONALS];
            for (int j = 0; j < n; j++) {
                int a = j * valueBlock + 2 + 3 * levels;
                double difference = z[j] - zSeason[j];
                double average = count == 0 ? difference : s[a] + (difference - s[a]) / seasonalScale;
                if (how.model) {
                    s[a] = average;
                }
                e = Math.max(e, seasonalWeight * track(s, a + 1, average, count, 2 * seasonalScale, true, how.model,
                        forget));
            }
            if (how.model) {
                c[SEASONALS] = count + 1;
            }
        }
        if (how.inputs) {
            c[EVENTS] = t + 1;
        }
        exceedance = e;
        if (!how.scores) {
            alarm = false;
            return Double.NaN;
        }
        boolean quiet = t - c[LAST_ALARM] <= refractory;
        alarm = e > margin && !quiet;
        if (alarm && how == Update.SCORE) {
            c[LAST_ALARM] = t;
        }
        if (transientEvents > 0 && how == Update.SCORE) {
            endTransient(s, n, dims, t, tracking);
        }
        return quiet ? 0.0 : e / (e + margin);
    }

    /**
     * Before a live event: closes a give-back window older than W events; with none open, copies the channels
     * (the ranges as they are before this event) into the transient region, in case this event opens one.
     * Returns whether a window is open.
     */
    private boolean beginTransient(double[] s, int n, int dims, long t) {
        int core = coreSize(n, dims);
        double opened = s[core];
        if (!Double.isNaN(opened) && t - (long) opened > transientEvents) {
            s[core] = Double.NaN;
            opened = Double.NaN;
        }
        if (Double.isNaN(opened)) {
            System.arraycopy(s, 0, s, core + 1, core);
        }
        int capacity = n * (2 + levelScales.length + (dispersionWeight > 0 ? 1 : 0))
                + dims * (instantWeight > 0 ? 2 : 1);
        if (offered.length < capacity) {
            offered = new int[capacity];
            statistics = new double[capacity];
        }
        offers = 0;
        return !Double.isNaN(opened);
    }

    /**
     * After a live event: in an open window, each side of a range the excursion widened gets its kept edge back
     * once the statistic is on the inner side of it; an alarm of a mature key (t ≥ G) with no window open opens one.
     */
    private void endTransient(double[] s, int n, int dims, long t, boolean open) {
        int kept = coreSize(n, dims) + 1;
        if (open) {
            for (int i = 0; i < offers; i++) {
                int at = offered[i];
                double x = statistics[i];
                double lo = s[kept + at];
                double hi = s[kept + at + 1];
                if (x <= hi && s[at + 1] > hi) {
                    s[at + 1] = hi;
                }
                if (x >= lo && s[at] < lo) {
                    s[at] = lo;
                }
            }
        } else if (alarm && t >= matureEvents && exceedance >= minExceedance) {
            s[kept - 1] = t;
        }
    }

    /** {@link #offer}, remembering the range and the statistic for the give-back inside an open window. */
    private double track(double[] s, int at, double x, long n, int warm, boolean twoSided, boolean absorb,
                         double forget) {
        if (tracking) {
            offered[offers] = at;
            statistics[offers++] = x;
        }
        return offer(s, at, x, n, warm, twoSided, absorb, forget);
    }

    /** Stores ẑ, the step-1 forecast of the next event's scaled values (dims of them), made at this event. */
    public void forecast(double[] s, int n, int dims, float[] zNext) {
        int base = n * valueBlock;
        for (int d = 0; d < dims; d++) {
            s[base + FORECAST_BLOCK * d] = zNext[d];
        }
    }

    /** E of the last {@link #update}. */
    public double exceedance() {
        return exceedance;
    }

    /** Whether the last {@link #update} (SCORE or PEEK) was an alarm: E &gt; m outside the refractory period. */
    public boolean alarm() {
        return alarm;
    }

    /** Whether an event now would fall in the refractory period. */
    public boolean refractory(long[] c) {
        return c[EVENTS] - c[LAST_ALARM] <= refractory;
    }

    /**
     * The exceedance of x over the range at s[at], s[at + 1] (lo, hi), then, when asked, x absorbed and the range
     * shrunk by 1 − forget about its midpoint.
     */
    private static double offer(double[] s, int at, double x, long n, int warm, boolean twoSided, boolean absorb,
                                double forget) {
        double lo = s[at];
        double hi = s[at + 1];
        double e = 0;
        if (n >= warm && hi > lo) {
            e = Math.max(0, (twoSided ? Math.max(x - hi, lo - x) : x - hi) / (hi - lo));
        }
        if (absorb) {
            lo = Math.min(lo, x);
            hi = Math.max(hi, x);
            if (forget > 0 && hi > lo) {
                double shrink = 0.5 * forget * (hi - lo);
                lo += shrink;
                hi -= shrink;
            }
            s[at] = lo;
            s[at + 1] = hi;
        }
        return e;
    }

    private static void emptyRange(double[] s, int at) {
        s[at] = Double.POSITIVE_INFINITY;
        s[at + 1] = Double.NEGATIVE_INFINITY;
    }
}
