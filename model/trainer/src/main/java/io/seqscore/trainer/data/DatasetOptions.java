package io.seqscore.trainer.data;

/**
 * How history becomes a data set.
 *
 * @param validationFraction the last fraction of each key's events (by time) kept for validation, in [0, 1)
 * @param splitTime          when not null, instead: events at or after this time (epoch ms) are validation
 * @param gapResetMillis     a gap between consecutive events longer than this starts a new segment (state
 *                           reset, as the scorer's gap policy); 0 = never
 * @param normalization      the normalization mode
 */
public record DatasetOptions(double validationFraction, Long splitTime, long gapResetMillis,
                             NormalizationMode normalization) {
    public DatasetOptions {
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validation fraction must be in [0, 1), got " + validationFraction);
        }
        if (gapResetMillis < 0) {
            throw new IllegalArgumentException("gap reset must be >= 0 ms, got " + gapResetMillis);
        }
        if (normalization == null) {
            throw new IllegalArgumentException("normalization mode must not be null");
        }
    }
}
