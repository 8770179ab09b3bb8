package io.seqscore.app.scoring;

/**
 * The parameters of the per-key alarm level of the range and adaptive detectors (seqscore.anomaly.adaptive.step,
 * seqscore.anomaly.target.rate); see {@link io.seqscore.model.core.anomaly.RangeDetector} and
 * {@link io.seqscore.model.core.anomaly.AdaptiveDetector}.
 *
 * @param step       how fast a key's alarm level follows its exceedances, in margins per event (≥ 0)
 * @param targetRate the share of a key's normal events that may be flagged, in (0, 1); NaN: the release's targetFpr
 */
public record AdaptiveSettings(double step, double targetRate) {
    /** Step 0.3: the step NAB's leave-one-category-out training parts chose most often (QUALITY.md). */
    public static final AdaptiveSettings DEFAULTS = new AdaptiveSettings(0.3, Double.NaN);

    public AdaptiveSettings {
        if (!(step >= 0) || Double.isInfinite(step)) {
            throw new IllegalArgumentException("adaptive step must be finite and >= 0, got " + step);
        }
        if (!Double.isNaN(targetRate) && !(targetRate > 0 && targetRate < 1)) {
            throw new IllegalArgumentException("target rate must be in (0, 1), got " + targetRate);
        }
    }
}
