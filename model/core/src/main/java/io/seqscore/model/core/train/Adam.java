package io.seqscore.model.core.train;

import java.util.Arrays;

/**
 * Adam (Kingma and Ba, "Adam: A Method for Stochastic Optimization", ICLR 2015), with ε added to √v̂ as
 * in the paper's Algorithm 1, tfjs' {@code AdamOptimizer} and PyTorch (not TF-Python's ε̂ form), and
 * optionally AdamW's decoupled weight decay λ (Loshchilov and Hutter, "Decoupled Weight Decay
 * Regularization", ICLR 2019; applied as PyTorch's {@code AdamW} does, before the Adam update):
 * <pre>
 *   t ← t+1
 *   m ← β1·m + (1−β1)·g          v ← β2·v + (1−β2)·g²           (m, v start at 0)
 *   m̂ = m/(1−β1^t)               v̂ = v/(1−β2^t)
 *   w ← w − lr·λ·w                                               (AdamW only)
 *   w ← w − lr·m̂/(√v̂ + ε)
 * </pre>
 * m and v are kept in float; the update is evaluated in double.
 */
public final class Adam extends RateOptimizer {
    /** tfjs' and Keras' default ε. */
    public static final double DEFAULT_EPSILON = 1e-7;

    private final float[] m;
    private final float[] v;
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double weightDecay;

    public Adam(int paramCount, double learningRate, double beta1, double beta2, double epsilon, double weightDecay) {
        super(learningRate);
        if (!(learningRate > 0) || !(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(epsilon > 0)
                || !(weightDecay >= 0)) {
            throw new IllegalArgumentException("need lr > 0, beta1 and beta2 in [0, 1), epsilon > 0, weight decay >= 0:"
                    + " lr=" + learningRate + " beta1=" + beta1 + " beta2=" + beta2 + " epsilon=" + epsilon
                    + " weightDecay=" + weightDecay);
        }
        this.m = new float[paramCount];
        this.v = new float[paramCount];
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.weightDecay = weightDecay;
    }

    /** Adam with β1 0.9, β2 0.999, ε 1e-7. */
    public static Adam adam(int paramCount, double learningRate) {
        return new Adam(paramCount, learningRate, 0.9, 0.999, DEFAULT_EPSILON, 0);
    }

    /** AdamW with β1 0.9, β2 0.999, ε 1e-7 and decoupled weight decay λ. */
    public static Adam adamW(int paramCount, double learningRate, double weightDecay) {
        return new Adam(paramCount, learningRate, 0.9, 0.999, DEFAULT_EPSILON, weightDecay);
    }

    @Override
    public void step(float[] params, float[] grads) {
        Optimizers.checkLengths(m.length, params, grads);
        steps++;
        double c1 = 1 - Math.pow(beta1, steps);
        double c2 = 1 - Math.pow(beta2, steps);
        float b1 = (float) beta1;
        float b2 = (float) beta2;
        float a1 = (float) (1 - beta1);
        float a2 = (float) (1 - beta2);
        double decay = 1 - learningRate * weightDecay;
        for (int i = 0; i < params.length; i++) {
            float g = grads[i];
            float mi = b1 * m[i] + a1 * g;
            float vi = b2 * v[i] + a2 * g * g;
            m[i] = mi;
            v[i] = vi;
            double w = weightDecay == 0 ? params[i] : params[i] * decay;
            params[i] = (float) (w - learningRate * (mi / c1) / (Math.sqrt(vi / c2) + epsilon));
        }
    }

    @Override
    public void reset() {
        Arrays.fill(m, 0f);
        Arrays.fill(v, 0f);
        steps = 0;
    }

    public double weightDecay() {
        return weightDecay;
    }
}
