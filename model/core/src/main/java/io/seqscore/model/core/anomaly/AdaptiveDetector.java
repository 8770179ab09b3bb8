package io.seqscore.model.core.anomaly;

/**
 * "adaptive": the range detector's novelty ({@link RangeNovelty}, the same channels and settings as "range") with
 * an alarm level per key that follows the key's own exceedances, so that the share of a key's events flagged on
 * its normal data stays at or below a target rate α however much the key drifts or spikes.
 * <pre>
 * E_t      = the range channels' largest weighted exceedance (RangeNovelty)
 * θ_t      = max(m, q_t)                         m = range.margin
 * quiet_t  = t − lastFlag ≤ R                    R = range.refractory.events
 * score_t  = 0 when quiet_t, else E_t / (E_t + θ_t)
 * flag_t   = E_t &gt; θ_t and not quiet_t (score &gt; 0.5), then lastFlag = t;
 *            with a "threshold" setting: score &gt; 0 and ≥ it
 * q_{t+1}  = max(0, q_t + η·m·(1{E_t &gt; q_t} − α))     LIVE events only ({@link AlarmLevel})
 * </pre>
 * q is a stochastic-approximation estimate of the (1 − α) quantile of the key's E: where E exceeds q on more than
 * α of the events q rises, where on fewer it sinks (to 0 at most). A key whose exceedances beyond m are rarer
 * than α keeps q = 0 and is scored exactly as by "range"; η = 0 is "range" on every key. "range" flags against
 * the same alarm level but scores against m alone.
 * α = the setting "target.rate", or the release's {@code calibration.targetFpr} when it is NaN;
 * η = "adaptive.step" (how fast q moves, in margins per event).
 *
 * <p>State: the block of {@link RangeNovelty#stateSize} doubles followed by {@value #EXTRA} doubles, q and the
 * index of the last flag ({@link RangeNovelty#NEVER}: none), and RangeNovelty's counters. A re-warm after a model
 * change keeps q and the last flag with the value and level channels. Nothing is allocated per event.
 */
public final class AdaptiveDetector extends RangeNoveltyDetector {
    public static final String NAME = "adaptive";
    /** Doubles after the range channels' block: q, last flag. */
    public static final int EXTRA = 2;

    private final double margin;
    private final int refractory;
    private final AlarmLevel level;

    private boolean alarm;

    public AdaptiveDetector(DetectorSettings s) {
        super(NAME, s, 0);
        this.margin = s.getDouble("range.margin");
        this.refractory = s.getInt("range.refractory.events");
        this.level = new AlarmLevel(s);
        if (refractory < 0) {
            throw new IllegalArgumentException("need a refractory period >= 0, got " + refractory);
        }
    }

    /** Doubles of a key's state with n values and dims forecast values. */
    public int stateSize(int n, int dims) {
        return range.stateSize(n, dims) + EXTRA;
    }

    @Override
    public Mode beginReplay(DetectorState state, int n, int dims) {
        int size = stateSize(n, dims);
        if (fitsExtended(state, n, dims, EXTRA)) {
            range.resetModelChannels(state.doubles(), state.counters(), n, dims);
            return Mode.REPLAY_MODEL;
        }
        reset(state, n, dims, size);
        return Mode.REPLAY;
    }

    @Override
    public double update(DetectorState state, DetectorEvent event, Mode mode) {
        int n = event.values;
        int dims = event.dims;
        int size = stateSize(n, dims);
        if (mode == Mode.PEEK && !fitsExtended(state, n, dims, EXTRA)) {
            alarm = false;
            return Double.NaN;
        }
        if (!fitsExtended(state, n, dims, EXTRA)) {
            reset(state, n, dims, size);
        }
        double[] s = state.doubles();
        long[] c = state.counters();
        int at = size - EXTRA;
        long t = c[RangeNovelty.EVENTS];
        detect(state, event, mode);
        if (mode == Mode.REPLAY || mode == Mode.REPLAY_MODEL) {
            alarm = false;
            return Double.NaN;
        }
        double e = range.exceedance();
        double q = s[at];
        double theta = Math.max(margin, q);
        boolean quiet = t - (long) s[at + 1] <= refractory;
        alarm = e > theta && !quiet;
        if (mode == Mode.LIVE) {
            if (alarm) {
                s[at + 1] = t;
            }
            s[at] = level.next(q, e, event);
        }
        if (mode == Mode.LIVE && event.forecast == null) {
            return Double.NaN;
        }
        return quiet ? 0.0 : e / (e + theta);
    }

    @Override
    boolean alarm() {
        return alarm;
    }

    private void reset(DetectorState state, int n, int dims, int size) {
        double[] s = state.block(n, dims, size);
        range.reset(s, state.counters(), n, dims);
        s[size - EXTRA] = 0;
        s[size - EXTRA + 1] = RangeNovelty.NEVER;
    }
}
