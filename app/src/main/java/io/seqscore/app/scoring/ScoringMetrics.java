package io.seqscore.app.scoring;

import io.seqscore.avro.ScoreStatus;

/**
 * What the scoring processor reports, one call per outcome. Implementations must be thread-safe (every
 * stream thread reports to the same one) and cheap: these calls are on the per-event path.
 * {@link ScoringCounters} keeps them in {@code LongAdder}s.
 */
public interface ScoringMetrics {
    /** A Score was written to the scores topic with this status. */
    void scored(ScoreStatus status);

    /** A Score was flagged (and written to the anomalies topic). */
    void flagged();

    /** An event went to the dead-letter topic. */
    void deadLettered(DlqReason reason);

    /** An event was dropped by a policy. */
    void dropped(DropReason reason);

    /** Idle keys whose state the expiry scan deleted. */
    void expired(int keys);

    /** A ShadowScore was written to the shadow-scores topic; {@code status} is the shadow's. */
    void shadowScored(ScoreStatus status);

    /**
     * A running shadow could not score an event: nothing served the key and the event has another number
     * of values than the shadow reads.
     */
    void shadowSkipped();

    /**
     * Under at-least-once, an event came again whose key's state had already folded it in (a crash left the state
     * ahead of the committed offsets): {@code rewound} when the state went back to its checkpoint and the event is
     * scored again, false when it could not (the late policy applied).
     */
    default void replayed(boolean rewound) {
    }

    /**
     * A new per-task writer of the per-version evidence ({@link EvidenceRecorder}); by default one that records
     * nothing.
     */
    default EvidenceRecorder evidenceRecorder() {
        return EvidenceRecorder.NONE;
    }

    /** Time of one scored event's model work (normalize, step, forecast), in nanoseconds. */
    void stepNanos(long nanos);

    /** A key's state of {@code bytes} bytes was put into the key-state store (by default not counted). */
    default void stateStored(int bytes) {
    }
}
