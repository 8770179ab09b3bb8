package io.seqscore.model.core.train;

/** The learning rate of optimizer step t (1-based); {@link TrainingStep} sets it before each step. */
@FunctionalInterface
public interface LearningRateSchedule {
    double rate(long step);

    static LearningRateSchedule constant(double rate) {
        return step -> rate;
    }
}
