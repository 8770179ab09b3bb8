package io.seqscore.model.core.anomaly;

import io.seqscore.model.core.ConfigEnum;

/**
 * What the "range" and "adaptive" detectors share: {@link RangeNovelty} over the range settings (with the
 * refractory period each gives), the season-ago event of {@link SeasonLookup}, the forecast kept in the range
 * channels (the model's, or the last value's: {@link ResidualForecaster}), and the flag: the detector's own alarm, or, with a "threshold" setting, score &gt; 0 and ≥ it.
 */
abstract class RangeNoveltyDetector implements Detector {
    final RangeNovelty range;
    final SeasonLookup season;
    private final ResidualForecaster forecaster;
    private final String name;
    private final double thresholdOverride;

    RangeNoveltyDetector(String name, DetectorSettings s, int refractory) {
        this.name = name;
        this.range = new RangeNovelty(s.getIntList("range.level.scales").stream().mapToInt(Integer::intValue).toArray(),
                s.getInt("range.residual.scale"), s.getInt("range.seasonal.scale"), s.getDouble("range.seasonal.weight"),
                s.getDouble("range.margin"), refractory, s.getInt("range.memory.events"),
                s.getDouble("range.instant.weight"), s.getInt("range.instant.memory.events"),
                s.getInt("range.transient.events"), s.getInt("range.transient.mature.events"));
        this.season = new SeasonLookup(s);
        this.forecaster = ConfigEnum.ofConfigValue(ResidualForecaster.class, s.getString("range.forecaster"));
        this.thresholdOverride = s.getDouble("threshold");
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final int historySize() {
        return season.history();
    }

    @Override
    public final void forecast(DetectorState state, DetectorEvent event, float[] zNext) {
        range.forecast(state.doubles(), event.values, event.dims, forecaster.next(zNext, season, event));
    }

    @Override
    public final boolean flags(double score, DetectorEvent event) {
        if (Double.isNaN(thresholdOverride)) {
            return alarm();
        }
        return score > 0 && score >= thresholdOverride;
    }

    /** Whether the last updated event raised the detector's own alarm. */
    abstract boolean alarm();

    /**
     * Whether the state holds this detector's block of RangeNovelty's state and {@code extra} doubles, after
     * extending one written before the instant channel or the transient region (RangeNovelty's block without them,
     * then the extra doubles): the extra doubles move behind the block, whose new regions start empty.
     */
    final boolean fitsExtended(DetectorState state, int n, int dims, int extra) {
        int size = range.stateSize(n, dims) + extra;
        if (state.hasBlock(n, dims, size)) {
            return true;
        }
        int instant = range.instantSize(dims);
        int transients = range.transientSize(n, dims);
        return extend(state, n, dims, size, extra, transients, false)
                || extend(state, n, dims, size, extra, instant + transients, true);
    }

    /** Extends a state written without the last {@code without} doubles of RangeNovelty's block, if it is one. */
    private boolean extend(DetectorState state, int n, int dims, int size, int extra, int without, boolean instant) {
        if (without == 0 || !state.hasBlock(n, dims, size - without)) {
            return false;
        }
        int kept = size - extra - without;
        double[] before = state.doubles();
        double[] s = state.block(n, dims, size);
        if (s != before) {
            System.arraycopy(before, 0, s, 0, kept + extra);
        }
        System.arraycopy(s, kept, s, size - extra, extra);
        if (instant) {
            range.resetInstant(s, n, dims);
        }
        range.resetTransient(s, n, dims);
        return true;
    }

    /** RangeNovelty's update by the current event: z_j, the season-ago event (if any) and the state's channels. */
    final double detect(DetectorState state, DetectorEvent event, Mode mode) {
        return range.update(state.doubles(), state.counters(), event.values, event.dims, event.observed,
                season.scaled(event), season.seasonAgo(event), switch (mode) {
                    case LIVE -> RangeNovelty.Update.SCORE;
                    case PEEK -> RangeNovelty.Update.PEEK;
                    case REPLAY -> RangeNovelty.Update.REPLAY;
                    case REPLAY_MODEL -> RangeNovelty.Update.REPLAY_MODEL;
                });
    }
}
