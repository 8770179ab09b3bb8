package io.seqscore.model.core.anomaly;

/**
 * "range": {@link RangeNovelty} over the key's value, levels, forecast residual and seasonal difference,
 * its state the block of {@link RangeNovelty#stateSize} doubles and the counters. The season-ago event is
 * the newest of the key's {@code range.season.history} earlier events at or before time − period, within
 * the tolerance.
 * <pre>
 * z_j       = (observed_j − μ_j)/σ_j (in double, rounded to float);  z^S_j the same of the season-ago event
 * score     = RangeNovelty.update(...)        NaN while the key has no forecast (LIVE)
 * flag      = RangeNovelty's alarm, or, with a "threshold" setting, score &gt; 0 and ≥ it
 * </pre>
 * Settings: "range.level.scales", "range.residual.scale", "range.seasonal.scale", "range.seasonal.weight",
 * "range.margin", "range.refractory.events", "range.season.period.ms", "range.season.tolerance.ms",
 * "range.season.history", "threshold".
 */
public final class RangeDetector extends RangeNoveltyDetector {
    public static final String NAME = "range";

    public RangeDetector(DetectorSettings s) {
        super(NAME, s, s.getInt("range.refractory.events"));
    }

    @Override
    public Mode beginReplay(DetectorState state, int n, int dims) {
        int size = range.stateSize(n, dims);
        if (state.hasBlock(n, dims, size)) {
            range.resetModelChannels(state.doubles(), state.counters(), n, dims);
            return Mode.REPLAY_MODEL;
        }
        range.reset(state.block(n, dims, size), state.counters(), n, dims);
        return Mode.REPLAY;
    }

    @Override
    public double update(DetectorState state, DetectorEvent event, Mode mode) {
        int n = event.values;
        int dims = event.dims;
        int size = range.stateSize(n, dims);
        if (mode == Mode.PEEK) {
            return state.hasBlock(n, dims, size) ? detect(state, event, mode) : Double.NaN;
        }
        if (!state.hasBlock(n, dims, size)) {
            range.reset(state.block(n, dims, size), state.counters(), n, dims);
        }
        double score = detect(state, event, mode);
        return event.forecast != null ? score : Double.NaN;
    }

    @Override
    boolean alarm() {
        return range.alarm();
    }
}
