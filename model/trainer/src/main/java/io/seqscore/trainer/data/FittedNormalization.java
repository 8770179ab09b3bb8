package io.seqscore.trainer.data;

import io.seqscore.model.core.norm.ZScoreNormalizer;

import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The fitted input normalization. {@link #global()} is the statistics of every key's training part
 * (GLOBAL), the identity (NONE), or, for PER_KEY, the starting point of a key the release does not list:
 * per feature the median over the training keys of their means and of their standard deviations.
 */
public final class FittedNormalization {
    private final NormalizationMode mode;
    private final ZScoreNormalizer global;
    private final SortedMap<String, ZScoreNormalizer> perKey;

    private FittedNormalization(NormalizationMode mode, ZScoreNormalizer global, SortedMap<String, ZScoreNormalizer> perKey) {
        this.mode = mode;
        this.global = global;
        this.perKey = Collections.unmodifiableSortedMap(perKey);
    }

    public static FittedNormalization none(int features) {
        return new FittedNormalization(NormalizationMode.NONE, ZScoreNormalizer.identity(features), new TreeMap<>());
    }

    public static FittedNormalization global(ZScoreNormalizer normalizer) {
        return new FittedNormalization(NormalizationMode.GLOBAL, normalizer, new TreeMap<>());
    }

    /** @param perKey at least one key */
    public static FittedNormalization perKey(Map<String, ZScoreNormalizer> perKey) {
        if (perKey.isEmpty()) {
            throw new IllegalArgumentException("per-key normalization needs at least one key");
        }
        int features = perKey.values().iterator().next().features();
        float[] mean = new float[features];
        float[] std = new float[features];
        float[] column = new float[perKey.size()];
        for (int j = 0; j < features; j++) {
            int i = 0;
            for (ZScoreNormalizer z : perKey.values()) {
                column[i++] = z.mean(j);
            }
            mean[j] = median(column);
            i = 0;
            for (ZScoreNormalizer z : perKey.values()) {
                column[i++] = z.std(j);
            }
            std[j] = median(column);
        }
        return new FittedNormalization(NormalizationMode.PER_KEY, ZScoreNormalizer.of(mean, std), new TreeMap<>(perKey));
    }

    private static float median(float[] values) {
        float[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (float) (((double) v[n / 2 - 1] + v[n / 2]) / 2);
    }

    public NormalizationMode mode() {
        return mode;
    }

    public ZScoreNormalizer global() {
        return global;
    }

    /** PER_KEY: the statistics of each training key, by key in {@link String#compareTo} order; empty otherwise. */
    public SortedMap<String, ZScoreNormalizer> perKey() {
        return perKey;
    }

    /** The normalizer the scorer applies to a key seen in training. */
    public ZScoreNormalizer forKey(String key) {
        if (mode != NormalizationMode.PER_KEY) {
            return global;
        }
        ZScoreNormalizer z = perKey.get(key);
        if (z == null) {
            throw new IllegalArgumentException("no per-key statistics for key '" + key + "'");
        }
        return z;
    }
}
