package io.seqscore.model.core.train;

/**
 * Clipping by global norm (Pascanu, Mikolov and Bengio, "On the difficulty of training recurrent neural
 * networks", ICML 2013; TF's {@code clip_by_global_norm}):
 * <pre>
 *   norm = √(Σ_i g_i²)      scale = clip / max(norm, clip)      g ← g·scale
 * </pre>
 * The sum runs in double over the array in index order, so it is the same on every run.
 */
public final class GradientClipping {
    private GradientClipping() {
    }

    public static double globalNorm(float[] grads) {
        double sum = 0;
        for (float g : grads) {
            sum += (double) g * g;
        }
        return Math.sqrt(sum);
    }

    /** Scales {@code grads} in place so that its global norm is at most {@code clip}; returns the norm before. */
    public static double clipByGlobalNorm(float[] grads, double clip) {
        if (!(clip > 0)) {
            throw new IllegalArgumentException("clip norm must be > 0, got " + clip);
        }
        double norm = globalNorm(grads);
        double scale = clip / Math.max(norm, clip);
        if (scale < 1) {
            for (int i = 0; i < grads.length; i++) {
                grads[i] = (float) (grads[i] * scale);
            }
        }
        return norm;
    }
}
