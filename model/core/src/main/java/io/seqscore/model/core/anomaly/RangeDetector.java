package io.seqscore.model.core.anomaly;

/**
 * "range": {@link RangeNovelty} over the key's value, levels, forecast residual and seasonal difference, flagged
 * against the key's {@link AlarmLevel}. The season-ago event is the newest of the key's
 * {@code range.season.history} earlier events at or before time − period, within the tolerance.
 * <pre>
 * z_j       = (observed_j − μ_j)/σ_j (in double, rounded to float);  z^S_j the same of the season-ago event
 * score     = RangeNovelty.update(...)        NaN while the key has no forecast (LIVE)
 * flag      = RangeNovelty's alarm (E &gt; m outside the refractory period) and E &gt; q,
 *             q the key's alarm level (AlarmLevel: E &gt; q on at most about the target rate α of its events);
 *             with a "threshold" setting instead: score &gt; 0 and ≥ it
 * q         ← AlarmLevel.next(q, E)            LIVE events only
 * </pre>
 * The score, and so the refractory period, do not depend on q: a score above 0.5 means E &gt; m, and the flag
 * adds the rate bound. On a key whose exceedances beyond m are rarer than α, q stays 0 and every alarm is flagged.
 *
 * <p>State: the block of {@link RangeNovelty#stateSize} doubles followed by {@value #EXTRA} double, q, and
 * RangeNovelty's counters. A block written before q existed (the channels every state has) is extended with q = 0;
 * one written without an optional region of RangeNovelty's (the instant or dispersion channel, the give-back's
 * region) that the settings now ask for is extended with that region empty.
 * A re-warm after a model change keeps q with the value and level channels. Nothing is allocated per event.
 *
 * <p>Settings: "range.level.scales", "range.residual.scale", "range.seasonal.scale", "range.seasonal.weight",
 * "range.margin", "range.refractory.events", "range.memory.events", "range.season.period.ms", "range.season.tolerance.ms",
 * "range.season.history", "range.forecaster", "range.instant.weight", "range.instant.memory.events",
 * "range.transient.events", "range.transient.mature.events", "range.transient.min.exceedance",
 * "range.dispersion.weight", "range.dispersion.scale", "adaptive.step", "target.rate", "threshold".
 */
public final class RangeDetector extends RangeNoveltyDetector {
    public static final String NAME = "range";
    /** Doubles after the range channels' block: q. */
    public static final int EXTRA = 1;

    private final AlarmLevel level;
    private boolean flag;

    public RangeDetector(DetectorSettings s) {
        super(NAME, s, s.getInt("range.refractory.events"));
        this.level = new AlarmLevel(s);
    }

    /** Doubles of a key's state with n values and dims forecast values. */
    public int stateSize(int n, int dims) {
        return range.stateSize(n, dims) + EXTRA;
    }

    @Override
    public Mode beginReplay(DetectorState state, int n, int dims) {
        int size = stateSize(n, dims);
        if (fits(state, n, dims, size)) {
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
        flag = false;
        if (!fits(state, n, dims, size)) {
            if (mode == Mode.PEEK) {
                return Double.NaN;
            }
            reset(state, n, dims, size);
        }
        double score = detect(state, event, mode);
        if (mode == Mode.LIVE || mode == Mode.PEEK) {
            double[] s = state.doubles();
            int at = size - EXTRA;
            double e = range.exceedance();
            double q = s[at];
            flag = range.alarm() && e > q;
            if (mode == Mode.LIVE) {
                s[at] = level.next(q, e, event);
            }
        }
        return mode == Mode.PEEK || event.forecast != null ? score : Double.NaN;
    }

    @Override
    boolean alarm() {
        return flag;
    }

    /** Whether the state holds this detector's block, after extending one written without q (q = 0). */
    private boolean fits(DetectorState state, int n, int dims, int size) {
        if (fitsExtended(state, n, dims, EXTRA)) {
            return true;
        }
        int without = range.baseSize(n, dims);
        if (!state.hasBlock(n, dims, without)) {
            return false;
        }
        double[] before = state.doubles();
        double[] s = state.block(n, dims, size);
        if (s != before) {
            System.arraycopy(before, 0, s, 0, without);
        }
        range.resetInstant(s, n, dims);
        range.resetDispersion(s, n, dims);
        range.resetTransient(s, n, dims);
        s[size - EXTRA] = 0;
        return true;
    }

    private void reset(DetectorState state, int n, int dims, int size) {
        double[] s = state.block(n, dims, size);
        range.reset(s, state.counters(), n, dims);
        s[size - EXTRA] = 0;
    }
}
