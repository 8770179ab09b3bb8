package io.seqscore.trainer.generate;

import java.util.Objects;

/**
 * One anomaly injected into a key's series: steps {@code start … start + length − 1}.
 *
 * @param magnitude the offset of a spike or level shift (value units), the noise factor of a variance
 *                  change, the held value of a frozen sensor
 */
public record InjectedAnomaly(String key, AnomalyKind kind, long start, int length, double magnitude) {
    public InjectedAnomaly {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(kind, "kind");
        if (length < 1) {
            throw new IllegalArgumentException("length must be >= 1, got " + length);
        }
    }

    /** The step after the last affected one. */
    public long end() {
        return start + length;
    }

    public boolean covers(long step) {
        return step >= start && step < end();
    }
}
