package io.seqscore.model.core.train;

/** The part every optimizer here shares: a learning rate that schedules may change, and the step count. */
abstract class RateOptimizer implements Optimizer {
    protected double learningRate;
    protected long steps;

    RateOptimizer(double learningRate) {
        this.learningRate = learningRate;
    }

    @Override
    public long stepCount() {
        return steps;
    }

    @Override
    public double learningRate() {
        return learningRate;
    }

    @Override
    public void learningRate(double rate) {
        if (!(rate > 0)) {
            throw new IllegalArgumentException("learning rate must be > 0, got " + rate);
        }
        this.learningRate = rate;
    }
}
