package io.seqscore.model.core.io;

import io.seqscore.model.core.NetworkSpec;
import io.seqscore.model.core.norm.ZScoreNormalizer;

import java.util.Arrays;

/**
 * What the binary form holds: an architecture, its flat parameters (layout of {@link NetworkSpec})
 * and the input normalizer (identity when the network was trained on raw values).
 */
public record SavedNetwork(NetworkSpec spec, float[] params, ZScoreNormalizer normalizer) {
    public SavedNetwork {
        if (spec == null || params == null || normalizer == null) {
            throw new IllegalArgumentException("spec, params and normalizer must not be null");
        }
        if (params.length != spec.paramCount()) {
            throw new IllegalArgumentException("architecture " + spec + " needs " + spec.paramCount()
                    + " parameters, got " + params.length);
        }
        if (normalizer.features() != spec.inputSize()) {
            throw new IllegalArgumentException("normalizer has " + normalizer.features()
                    + " features but the network reads " + spec.inputSize());
        }
        params = params.clone();
    }

    @Override
    public float[] params() {
        return params.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SavedNetwork s && spec.equals(s.spec) && Arrays.equals(params, s.params)
                && normalizer.equals(s.normalizer);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * spec.hashCode() + Arrays.hashCode(params)) + normalizer.hashCode();
    }

    @Override
    public String toString() {
        return "SavedNetwork[" + spec + ", " + params.length + " params, " + normalizer + "]";
    }
}
