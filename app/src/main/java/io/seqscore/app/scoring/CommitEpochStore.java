package io.seqscore.app.scoring;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.StoreBuilder;

import java.util.Map;
import java.util.SplittableRandom;

/**
 * Not a store of data: a state store that holds nothing and counts its task's commits. Kafka Streams calls every
 * store's {@link #commit(Map)} once the task's input offsets are committed (before any further record of the
 * task is processed), so {@link #epoch()} names the span of records processed since the last successful offset
 * commit. The first epoch is a random number, so two instances of a task (before and after a crash, or on two
 * machines) never share an epoch. Used by the {@link ReplayGuard} under at-least-once.
 */
public final class CommitEpochStore implements StateStore {
    private final String name;
    private long epoch;
    private boolean open;

    CommitEpochStore(String name) {
        this.name = name;
    }

    /** A builder of the store, for {@code Topology#addStateStore}. */
    public static StoreBuilder<CommitEpochStore> builder(String name) {
        return new Builder(name);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        epoch = new SplittableRandom().nextLong() & Long.MAX_VALUE | 1L;
        context.register(root, (key, value) -> { });
        open = true;
    }

    /** The current epoch: never 0, changed by every commit. */
    public long epoch() {
        return epoch;
    }

    @Override
    public void commit(Map<TopicPartition, Long> changelogOffsets) {
        epoch = epoch == Long.MAX_VALUE ? 1L : epoch + 1;
    }

    @Override
    public void close() {
        open = false;
    }

    @Override
    public boolean persistent() {
        return false;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    private static final class Builder implements StoreBuilder<CommitEpochStore> {
        private final String name;

        Builder(String name) {
            this.name = name;
        }

        @Override
        public StoreBuilder<CommitEpochStore> withCachingEnabled() {
            return this;
        }

        @Override
        public StoreBuilder<CommitEpochStore> withCachingDisabled() {
            return this;
        }

        @Override
        public StoreBuilder<CommitEpochStore> withLoggingEnabled(Map<String, String> config) {
            throw new UnsupportedOperationException("the commit epoch store has no changelog");
        }

        @Override
        public StoreBuilder<CommitEpochStore> withLoggingDisabled() {
            return this;
        }

        @Override
        public CommitEpochStore build() {
            return new CommitEpochStore(name);
        }

        @Override
        public Map<String, String> logConfig() {
            return Map.of();
        }

        @Override
        public boolean loggingEnabled() {
            return false;
        }

        @Override
        public String name() {
            return name;
        }
    }
}
