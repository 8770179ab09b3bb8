package io.seqscore.trainer.source;

/** Whether the first line of a CSV file is a header. */
public enum HeaderMode {
    /** Line 1 is a header when none of its value columns is a number (e.g. {@code timestamp,value}). */
    AUTO,
    YES,
    NO
}
