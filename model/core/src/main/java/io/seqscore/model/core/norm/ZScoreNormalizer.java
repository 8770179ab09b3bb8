package io.seqscore.model.core.norm;

import java.util.Arrays;

/**
 * Per-feature z-score: z_j = (x_j − μ_j) / σ_j, and back: x_j = z_j·σ_j + μ_j.
 *
 * <p>Fitted on training data with {@link Fitter} (Welford's running mean and variance in double,
 * population variance, non-finite values skipped). A feature whose σ is below {@link #MIN_STD}
 * (a constant series) gets σ = 1 so that it is only centred. Immutable and thread-safe.
 */
public final class ZScoreNormalizer {
    /** Smallest σ used for scaling; below it a feature is treated as constant. */
    public static final float MIN_STD = 1e-6f;

    private final float[] mean;
    private final float[] std;

    private ZScoreNormalizer(float[] mean, float[] std) {
        this.mean = mean;
        this.std = std;
    }

    /**
     * @throws IllegalArgumentException on length mismatch, a non-finite mean, or σ that is not finite and positive
     */
    public static ZScoreNormalizer of(float[] mean, float[] std) {
        if (mean == null || std == null || mean.length == 0 || mean.length != std.length) {
            throw new IllegalArgumentException("normalizer needs mean and std of the same positive length, got "
                    + (mean == null ? "null" : mean.length) + " and " + (std == null ? "null" : std.length));
        }
        for (int j = 0; j < mean.length; j++) {
            if (!Float.isFinite(mean[j])) {
                throw new IllegalArgumentException("normalizer mean[" + j + "] is not finite: " + mean[j]);
            }
            if (!(std[j] > 0f) || !Float.isFinite(std[j])) {
                throw new IllegalArgumentException("normalizer std[" + j + "] must be finite and > 0, got " + std[j]);
            }
        }
        return new ZScoreNormalizer(mean.clone(), std.clone());
    }

    /** μ = 0, σ = 1: leaves values as they are. */
    public static ZScoreNormalizer identity(int features) {
        float[] s = new float[features];
        Arrays.fill(s, 1f);
        return of(new float[features], s);
    }

    public static Fitter fitter(int features) {
        return new Fitter(features);
    }

    public int features() {
        return mean.length;
    }

    public float mean(int j) {
        return mean[j];
    }

    public float std(int j) {
        return std[j];
    }

    public float[] means() {
        return mean.clone();
    }

    public float[] stds() {
        return std.clone();
    }

    /** out[j] = (x[j] − μ_j)/σ_j for j < features(); out may be x. */
    public void normalize(float[] x, float[] out) {
        for (int j = 0; j < mean.length; j++) {
            out[j] = (x[j] - mean[j]) / std[j];
        }
    }

    public float normalize(int feature, float x) {
        return (x - mean[feature]) / std[feature];
    }

    /** out[j] = z[j]·σ_j + μ_j for j < features(); out may be z. */
    public void denormalize(float[] z, float[] out) {
        for (int j = 0; j < mean.length; j++) {
            out[j] = z[j] * std[j] + mean[j];
        }
    }

    public float denormalize(int feature, float z) {
        return z * std[feature] + mean[feature];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ZScoreNormalizer n && Arrays.equals(mean, n.mean) && Arrays.equals(std, n.std);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(mean) + Arrays.hashCode(std);
    }

    @Override
    public String toString() {
        return "ZScoreNormalizer[mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std) + "]";
    }

    /**
     * Accumulates μ and σ² per feature (Welford: δ = x − μ; μ += δ/n; M2 += δ·(x − μ); σ² = M2/n).
     * Non-finite values are skipped per feature. Not thread-safe; {@link #merge} combines two fitters
     * (Chan et al.), so fitting can be split across threads.
     */
    public static final class Fitter {
        private final long[] count;
        private final double[] mean;
        private final double[] m2;

        private Fitter(int features) {
            if (features < 1) {
                throw new IllegalArgumentException("features must be >= 1, got " + features);
            }
            count = new long[features];
            mean = new double[features];
            m2 = new double[features];
        }

        public Fitter add(float[] x) {
            if (x.length != count.length) {
                throw new IllegalArgumentException("expected " + count.length + " features, got " + x.length);
            }
            for (int j = 0; j < x.length; j++) {
                add(j, x[j]);
            }
            return this;
        }

        public Fitter add(int feature, double x) {
            if (!Double.isFinite(x)) {
                return this;
            }
            long n = ++count[feature];
            double delta = x - mean[feature];
            mean[feature] += delta / n;
            m2[feature] += delta * (x - mean[feature]);
            return this;
        }

        public Fitter merge(Fitter other) {
            if (other.count.length != count.length) {
                throw new IllegalArgumentException("cannot merge fitters of " + count.length + " and "
                        + other.count.length + " features");
            }
            for (int j = 0; j < count.length; j++) {
                long nb = other.count[j];
                if (nb == 0) {
                    continue;
                }
                long na = count[j];
                long n = na + nb;
                double delta = other.mean[j] - mean[j];
                mean[j] += delta * nb / n;
                m2[j] += other.m2[j] + delta * delta * ((double) na * nb / n);
                count[j] = n;
            }
            return this;
        }

        public long count(int feature) {
            return count[feature];
        }

        /** @throws IllegalStateException when a feature saw no finite value */
        public ZScoreNormalizer fit() {
            float[] mu = new float[count.length];
            float[] sd = new float[count.length];
            for (int j = 0; j < count.length; j++) {
                if (count[j] == 0) {
                    throw new IllegalStateException("feature " + j + " has no finite value to fit a normalizer on");
                }
                mu[j] = (float) mean[j];
                float s = (float) Math.sqrt(m2[j] / count[j]);
                sd[j] = s < MIN_STD ? 1f : s;
            }
            return new ZScoreNormalizer(mu, sd);
        }
    }
}
