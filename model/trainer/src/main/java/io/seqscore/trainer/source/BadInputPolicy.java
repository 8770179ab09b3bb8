package io.seqscore.trainer.source;

/** What a source does with a line or record it cannot read. */
public enum BadInputPolicy {
    /** Stop the run with a message naming the input and why. */
    FAIL,
    /** Count it, log the first few, and go on. */
    SKIP
}
