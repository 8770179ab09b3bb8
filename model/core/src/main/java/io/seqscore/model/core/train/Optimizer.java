package io.seqscore.model.core.train;

/**
 * A first-order optimizer over one flat parameter array.
 *
 * <p>Lifecycle: the constructor initialises the state (moments, step count) to zero for a given number
 * of parameters; {@link #step} applies one update from a gradient of the same length; {@link #reset}
 * returns to the initial state, so that the next step is again step 1. The learning rate may be changed
 * between steps (the hook of learning-rate schedules). Not thread-safe.
 */
public interface Optimizer {
    /** Updates {@code params} in place from {@code grads}; both of the length given at construction. */
    void step(float[] params, float[] grads);

    /** Forgets every moment and the step count. */
    void reset();

    /** Steps taken since construction or the last reset. */
    long stepCount();

    double learningRate();

    void learningRate(double rate);
}
