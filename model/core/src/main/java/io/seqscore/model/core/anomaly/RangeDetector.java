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
public final class RangeDetector implements Detector {
    public static final String NAME = "range";

    private final RangeNovelty range;
    private final SeasonLookup season;
    private final double thresholdOverride;

    public RangeDetector(DetectorSettings s) {
        this.range = new RangeNovelty(s.getIntList("range.level.scales").stream().mapToInt(Integer::intValue).toArray(),
                s.getInt("range.residual.scale"), s.getInt("range.seasonal.scale"), s.getDouble("range.seasonal.weight"),
                s.getDouble("range.margin"), s.getInt("range.refractory.events"));
        this.season = new SeasonLookup(s);
        this.thresholdOverride = s.getDouble("threshold");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int historySize() {
        return season.history();
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
            return state.hasBlock(n, dims, size) ? detect(state, event, RangeNovelty.Update.PEEK) : Double.NaN;
        }
        if (!state.hasBlock(n, dims, size)) {
            range.reset(state.block(n, dims, size), state.counters(), n, dims);
        }
        double score = detect(state, event, switch (mode) {
            case LIVE -> RangeNovelty.Update.SCORE;
            case REPLAY -> RangeNovelty.Update.REPLAY;
            case REPLAY_MODEL -> RangeNovelty.Update.REPLAY_MODEL;
            case PEEK -> throw new AssertionError("handled above");
        });
        return event.forecast != null ? score : Double.NaN;
    }

    @Override
    public void forecast(DetectorState state, DetectorEvent event, float[] zNext) {
        range.forecast(state.doubles(), event.values, event.dims, zNext);
    }

    @Override
    public boolean flags(double score, DetectorEvent event) {
        if (Double.isNaN(thresholdOverride)) {
            return range.alarm();
        }
        return score > 0 && score >= thresholdOverride;
    }

    /** The update on the current event: z_j, the season-ago event (if any) and the state's channels. */
    private double detect(DetectorState state, DetectorEvent event, RangeNovelty.Update how) {
        float[] z = season.scaled(event);
        return range.update(state.doubles(), state.counters(), event.values, event.dims, event.observed, z,
                season.seasonAgo(event), how);
    }
}
