package io.seqscore.app.scoring;

import io.seqscore.model.core.Require;
import io.seqscore.model.core.anomaly.LikelihoodDetector;

/**
 * The likelihood detector's parameters (seqscore.anomaly.likelihood.*); see
 * {@link io.seqscore.model.core.anomaly.LikelihoodDetector}.
 *
 * @param raw            what the likelihood is taken of: the range exceedance or the calibrated forecast residual
 * @param combine        the likelihood alone, or the larger of its score and range's
 * @param shortEvents    S: raw scores in the short moving average (≥ 1)
 * @param memoryEvents   N: the long memory of the mean and variance of the averaged raw score (≥ 1)
 * @param learningEvents L: a key's first raw scores left out of the mean and variance (≥ 0)
 */
public record LikelihoodSettings(LikelihoodDetector.Raw raw, LikelihoodDetector.Combine combine, int shortEvents,
                                 int memoryEvents, int learningEvents) {
    /** Numenta's short window (10), window (8640 events) and learning period (288 events). */
    public static final LikelihoodSettings DEFAULTS = new LikelihoodSettings(LikelihoodDetector.Raw.RESIDUAL,
            LikelihoodDetector.Combine.NONE, 10, 8640, 288);

    public LikelihoodSettings {
        Require.nonNull("raw combine", raw, combine);
        if (shortEvents < 1 || memoryEvents < 1 || learningEvents < 0) {
            throw new IllegalArgumentException("likelihood short window and memory must be >= 1 and its learning period"
                    + " >= 0 events, got " + shortEvents + ", " + memoryEvents + ", " + learningEvents);
        }
    }
}
