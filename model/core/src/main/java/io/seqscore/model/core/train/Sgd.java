package io.seqscore.model.core.train;

import java.util.Arrays;

/**
 * Stochastic gradient descent with heavy-ball momentum (Polyak 1964; in the form of Sutskever, Martens,
 * Dahl and Hinton, "On the importance of initialization and momentum in deep learning", ICML 2013, and of
 * PyTorch's {@code SGD}):
 * <pre>
 *   v ← μ·v + g        w ← w − lr·v        (v starts at 0; μ = 0 is plain SGD)
 * </pre>
 */
public final class Sgd extends RateOptimizer {
    private final float[] velocity;
    private final double momentum;

    public Sgd(int paramCount, double learningRate, double momentum) {
        super(learningRate);
        if (!(learningRate > 0) || !(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("need learning rate > 0 and momentum in [0, 1): lr=" + learningRate
                    + " momentum=" + momentum);
        }
        this.velocity = new float[paramCount];
        this.momentum = momentum;
    }

    @Override
    public void step(float[] params, float[] grads) {
        Optimizers.checkLengths(velocity.length, params, grads);
        float mu = (float) momentum;
        float lr = (float) learningRate;
        for (int i = 0; i < params.length; i++) {
            float v = mu * velocity[i] + grads[i];
            velocity[i] = v;
            params[i] -= lr * v;
        }
        steps++;
    }

    @Override
    public void reset() {
        Arrays.fill(velocity, 0f);
        steps = 0;
    }

    public double momentum() {
        return momentum;
    }
}
