package io.seqscore.input;

/** Why a decoded record does not map to an event. */
public enum MappingProblem {
    /** The record has no series id: no record key, or a key field that is null. */
    NULL_KEY,
    /** A field the mapping needs is absent (a values field, or the time or key field when one is set). */
    FIELD_MISSING,
    /** A values field holds something other than a number or an array of numbers. */
    NOT_A_NUMBER,
    /** The event time cannot be read: a time field that does not parse in its format, or no record timestamp. */
    BAD_TIME,
    /** The record maps, but to no values (an empty array), or a field is of a kind the mapping cannot use. */
    MALFORMED
}
