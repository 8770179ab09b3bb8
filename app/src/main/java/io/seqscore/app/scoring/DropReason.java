package io.seqscore.app.scoring;

/** Why an event was counted and otherwise ignored, as a policy asked. */
public enum DropReason {
    /** Late or duplicate event time, {@code seqscore.late.policy=drop}. */
    LATE,
    /** NaN or infinite value, {@code seqscore.nonfinite.policy=drop}. */
    NON_FINITE
}
