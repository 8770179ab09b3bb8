package io.seqscore.trainer.train;

/** Learning-rate schedules, each after an optional linear warm-up. */
public enum ScheduleKind {
    CONSTANT,
    /** Cosine decay from the learning rate to the minimum over all steps (Loshchilov and Hutter, SGDR, 2017). */
    COSINE,
    /** Multiplied by gamma every stepEpochs epochs. */
    STEP,
    /** Cosine decay from the learning rate to 0 over all steps, floored at the minimum (the NAB recipe's schedule). */
    COSINE_FLOOR
}
