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
                new RangeNovelty.GiveBack(s.getInt("range.transient.events"), s.getInt("range.transient.mature.events"),
                        s.getDouble("range.transient.min.exceedance")),
                s.getDouble("range.dispersion.weight"), s.getInt("range.dispersion.scale"));
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
     * extending one written without some of RangeNovelty's optional regions (the instant channel, the dispersion
     * channel, the transient region: off when it was written, or written before they existed): the regions it has
     * and the extra doubles move to their places, the others start empty. The transient region copies the others,
     * so a state that lacks one of them is extended only if it lacks the transient region too.
     */
    final boolean fitsExtended(DetectorState state, int n, int dims, int extra) {
        int size = range.stateSize(n, dims) + extra;
        if (state.hasBlock(n, dims, size)) {
            return true;
        }
        int instant = range.instantSize(dims);
        int dispersion = range.dispersionSize(n);
        int transients = range.transientSize(n, dims);
        for (int missing = 1; missing < 8; missing++) {
            boolean noInstant = (missing & 1) != 0;
            boolean noDispersion = (missing & 2) != 0;
            boolean noTransient = (missing & 4) != 0;
            if (noInstant && instant == 0 || noDispersion && dispersion == 0 || noTransient && transients == 0
                    || (noInstant || noDispersion) && transients > 0 && !noTransient) {
                continue;
            }
            int written = size - (noInstant ? instant : 0) - (noDispersion ? dispersion : 0)
                    - (noTransient ? transients : 0);
            if (state.hasBlock(n, dims, written)) {
                extend(state, n, dims, size, written, extra, noInstant, noDispersion, noTransient);
                return true;
            }
        }
        return false;
    }

    private void extend(DetectorState state, int n, int dims, int size, int written, int extra, boolean noInstant,
                        boolean noDispersion, boolean noTransient) {
        int base = range.baseSize(n, dims);
        int instant = range.instantSize(dims);
        int dispersion = range.dispersionSize(n);
        double[] before = state.doubles();
        double[] s = state.block(n, dims, size);
        if (s != before) {
            System.arraycopy(before, 0, s, 0, written);
        }
        int oldDispersion = base + (noInstant ? 0 : instant);
        int oldTransient = oldDispersion + (noDispersion ? 0 : dispersion);
        int oldExtra = written - extra;
        System.arraycopy(s, oldExtra, s, size - extra, extra);
        if (!noTransient) {
            System.arraycopy(s, oldTransient, s, base + instant + dispersion, size - extra - base - instant - dispersion);
        }
        if (!noDispersion) {
            System.arraycopy(s, oldDispersion, s, base + instant, dispersion);
        }
        if (noInstant) {
            range.resetInstant(s, n, dims);
        }
        if (noDispersion) {
            range.resetDispersion(s, n, dims);
        }
        if (noTransient) {
            range.resetTransient(s, n, dims);
        }
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
