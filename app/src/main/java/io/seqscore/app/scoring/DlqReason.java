package io.seqscore.app.scoring;

/** Why an event went to the dead-letter topic; the value of its {@code seqscore.dlq.reason} header. */
public enum DlqReason {
    /** The value is not an Event in the Confluent wire format (or is null, or has no values). */
    MALFORMED,
    /** The record has no key (the series id). */
    NULL_KEY,
    /** A value is NaN or infinite (policy {@code seqscore.nonfinite.policy=dlq}). */
    NON_FINITE,
    /** The number of values differs from the model's input size (or, without a model, from the key's earlier events). */
    WRONG_DIMENSION,
    /** The event time is before or equal to the key's last one (policy {@code seqscore.late.policy=dlq}). */
    LATE,
    /**
     * The key's stored state could not be decoded; the record carries the event and, in the header
     * {@code seqscore.dlq.state}, the bad state bytes. The event itself is scored from a fresh state.
     */
    CORRUPT_STATE
}
