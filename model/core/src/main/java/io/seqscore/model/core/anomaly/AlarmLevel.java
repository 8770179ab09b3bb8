package io.seqscore.model.core.anomaly;

/**
 * A key's alarm level q, the flag bound of the "range" and "adaptive" detectors: a stochastic-approximation
 * estimate of the (1 − α) quantile of the key's exceedances E, so that E &gt; q on at most about α of the key's
 * events, whatever its drift and spikes.
 * <pre>
 * q_{t+1} = max(0, q_t + η·m·(1{E_t &gt; q_t} − α))          LIVE events only; q_0 = 0
 * </pre>
 * Where E exceeds q on more than α of the events q rises, where on fewer it sinks (to 0 at most): a key whose
 * exceedances beyond the margin m are rarer than α keeps q = 0. α = the setting "target.rate", or the release's
 * {@code calibration.targetFpr} when it is NaN; η = "adaptive.step" (margins per event; 0: q stays 0).
 */
final class AlarmLevel {
    private final double step;
    private final double margin;
    private final double rateOverride;

    AlarmLevel(DetectorSettings s) {
        this.step = s.getDouble("adaptive.step");
        this.margin = s.getDouble("range.margin");
        this.rateOverride = s.getDouble("target.rate");
        if (!(step >= 0) || Double.isInfinite(step)) {
            throw new IllegalArgumentException("need a finite adaptive step >= 0, got " + step);
        }
        if (!Double.isNaN(rateOverride) && !(rateOverride > 0 && rateOverride < 1)) {
            throw new IllegalArgumentException("need a target rate in (0, 1), got " + rateOverride);
        }
    }

    /** α for this event: the setting, or the release's target rate. */
    double rate(DetectorEvent event) {
        return Double.isNaN(rateOverride) ? event.calibration.targetFpr() : rateOverride;
    }

    /** q after an event of exceedance e. */
    double next(double q, double e, DetectorEvent event) {
        return Math.max(0, q + step * margin * ((e > q ? 1 : 0) - rate(event)));
    }
}
