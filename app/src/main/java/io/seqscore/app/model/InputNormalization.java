package io.seqscore.app.model;

import io.seqscore.model.core.norm.ZScoreNormalizer;

import java.util.Map;
import java.util.Objects;

/**
 * How a release turns raw values into network inputs (z = (x − μ)/σ per feature) and forecasts back.
 * NONE: μ = 0, σ = 1. GLOBAL: one normalizer for every key. PER_KEY: the release's statistics for the
 * keys it was trained on; any other key is scaled by the global statistics until it has its own (see
 * the scoring processor). Immutable.
 */
public final class InputNormalization {
    public enum Mode { NONE, GLOBAL, PER_KEY }

    private final Mode mode;
    private final ZScoreNormalizer global;
    private final Map<String, ZScoreNormalizer> perKey;

    public InputNormalization(Mode mode, ZScoreNormalizer global, Map<String, ZScoreNormalizer> perKey) {
        this.mode = Objects.requireNonNull(mode, "mode");
        this.global = Objects.requireNonNull(global, "global");
        this.perKey = Map.copyOf(perKey);
        if (mode != Mode.PER_KEY && !perKey.isEmpty()) {
            throw new IllegalArgumentException(mode + " normalization has no per-key statistics");
        }
    }

    public Mode mode() {
        return mode;
    }

    /** The statistics for keys without their own (identity with NONE). */
    public ZScoreNormalizer global() {
        return global;
    }

    /** The release's statistics for a key it was trained on, or null. */
    public ZScoreNormalizer forKey(String key) {
        return perKey.isEmpty() ? null : perKey.get(key);
    }

    public int perKeyCount() {
        return perKey.size();
    }
}
