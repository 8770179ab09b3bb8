package io.seqscore.app.scoring;

import io.seqscore.model.core.ConfigEnum;

/** What happens to an event whose time is before (late) or equal to (duplicate) its key's last event time. */
public enum LatePolicy implements ConfigEnum {
    /** To the dead-letter topic with reason LATE; the state is untouched. */
    DLQ,
    /** Scored against the key's current state, which is not updated: status LATE_UNCHANGED. */
    SCORE,
    /** Counted in a metric and otherwise ignored. */
    DROP
}
