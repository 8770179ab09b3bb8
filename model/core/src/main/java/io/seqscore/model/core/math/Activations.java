package io.seqscore.model.core.math;

/**
 * Scalar activations, safe for any finite input: no NaN and no overflow at |x| = 2000 or beyond.
 * They are the reference the vector kernels are held to. σ(x) = 1/(1+e^−x) is evaluated in double, where
 * e^2000 = +∞ gives 1/(1+∞) = 0 exactly rather than ∞/∞.
 */
public final class Activations {
    private Activations() {
    }

    public static float sigmoid(float x) {
        return (float) (1.0 / (1.0 + Math.exp(-(double) x)));
    }

    public static float tanh(float x) {
        return (float) Math.tanh(x);
    }

    public static float relu(float x) {
        return x > 0f ? x : 0f;
    }
}
