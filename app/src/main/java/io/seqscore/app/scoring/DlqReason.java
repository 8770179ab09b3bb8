package io.seqscore.app.scoring;

import io.seqscore.input.MappingProblem;

/** Why an event went to the dead-letter topic; the value of its {@code seqscore.dlq.reason} header. */
public enum DlqReason {
    /**
     * The value does not decode in the input format (not an Event in the Confluent wire format, not a JSON object,
     * not a registered Avro record), or is null, or maps to no values or to a field of an unusable kind.
     */
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
    CORRUPT_STATE,
    /** json/avro input: a field the mapping needs (a values field, the set time or key field) is absent. */
    FIELD_MISSING,
    /** json/avro input: a values field holds something other than a number or an array of numbers. */
    NOT_A_NUMBER,
    /** json/avro input: the time field does not parse in its format, or there is no time field and no record timestamp. */
    BAD_TIME;

    /** The reason of a record that decoded but did not map. */
    public static DlqReason of(MappingProblem problem) {
        return switch (problem) {
            case NULL_KEY -> NULL_KEY;
            case FIELD_MISSING -> FIELD_MISSING;
            case NOT_A_NUMBER -> NOT_A_NUMBER;
            case BAD_TIME -> BAD_TIME;
            case MALFORMED -> MALFORMED;
        };
    }
}
