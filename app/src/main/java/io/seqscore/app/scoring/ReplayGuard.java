package io.seqscore.app.scoring;

import io.seqscore.app.state.KeyState;
import io.seqscore.app.state.KeyStateCodec;

/**
 * Keeps at-least-once from losing scores when a crash leaves a key's state ahead of the committed input offsets.
 *
 * <p>Under at-least-once Kafka Streams writes a state's changelog, then the output, then commits the input
 * offsets; a crash in between can leave the changelog holding states that have already folded in events whose
 * offsets were not committed, and whose scores may not have reached the scores topic. After the restart those
 * events come again. Without this guard the key's state has moved past them, so they would be late.
 *
 * <p>The guard keeps, in each key's state, the input position (partition, offset) of the last event folded in and
 * a checkpoint: the key's encoded state as it was at the first event after the task's last offset commit
 * (the {@link CommitEpochStore}'s epoch tells when that was). Every event folded since the checkpoint has an
 * offset after the committed one, so a restart replays all of them. When an event arrives at or before the
 * state's position (a replay), the state is rewound to the checkpoint and the event folded again: the replayed
 * events get the same scores, bit for bit, as the first time (duplicates, never gaps). An event at or before the
 * checkpoint's own position cannot be rewound to (it was committed, or the offsets were reset by hand); it keeps
 * the state as it is, and the late policy applies.
 *
 * <p>Costs: the checkpoint doubles a state's bytes, and the first event of a key after each commit encodes it
 * once more. Under exactly-once there is no such gap (state, output and offsets commit in one transaction), and
 * no guard.
 */
final class ReplayGuard {
    /** What {@link #load} found. */
    enum Outcome {
        /** A new event (after the state's position), or a state without position. */
        NEW,
        /** A replayed event: the state was rewound to its checkpoint. */
        REWOUND,
        /** A replayed event at or before the checkpoint: nothing to rewind to. */
        AHEAD
    }

    private final KeyStateCodec codec;
    private final CommitEpochStore epochs;
    private int partition = KeyState.NO_PARTITION;
    private long offset = KeyState.NO_OFFSET;

    ReplayGuard(KeyStateCodec codec, CommitEpochStore epochs) {
        this.codec = codec;
        this.epochs = epochs;
    }

    /**
     * Called with a key's freshly loaded state, before the event at (partition, offset) touches it: rewinds a state
     * that has already folded the event in, and takes the checkpoint at the key's first event after a commit. The
     * position is kept for {@link #folded}.
     */
    Outcome load(KeyState state, int partition, long offset) {
        this.partition = partition;
        this.offset = offset;
        boolean samePartition = state.tracksReplay() && state.replayPartition() == partition;
        if (samePartition && offset <= state.replayOffset()) {
            if (!state.hasCheckpoint() || offset <= state.checkpointOffset()) {
                return Outcome.AHEAD;
            }
            long checkpointOffset = state.checkpointOffset();
            byte[] checkpoint = state.checkpoint();
            codec.decode(checkpoint, state);
            state.adoptCheckpoint(checkpoint, checkpointOffset);
            state.replayPosition(partition, checkpointOffset, epochs.epoch());
            return Outcome.REWOUND;
        }
        if (state.replayEpoch() != epochs.epoch()) {
            state.adoptCheckpoint(codec.encodeWithoutReplay(state), samePartition ? state.replayOffset() : KeyState.NO_OFFSET);
        }
        return Outcome.NEW;
    }

    /** Called before the state is stored: it has now folded in the event {@link #load} was called for. */
    void folded(KeyState state) {
        state.replayPosition(partition, offset, epochs.epoch());
    }
}
