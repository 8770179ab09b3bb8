package io.seqscore.app.scoring;

import io.seqscore.model.core.ConfigEnum;

/** What happens to an event with a NaN or infinite value. */
public enum NonFinitePolicy implements ConfigEnum {
    /** To the dead-letter topic with reason NON_FINITE. */
    DLQ,
    /** Counted in a metric and otherwise ignored. */
    DROP
}
