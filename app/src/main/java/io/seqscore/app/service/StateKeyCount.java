package io.seqscore.app.service;

import io.seqscore.app.topology.ScorerTopology;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The {@code seqscore_state_keys} gauge: the keys in this instance's key-state store (its active
 * partitions), counted exactly by walking the store. RocksDB's own estimate ({@code approximateNumEntries})
 * counts every overwrite still in a memtable, so a scorer of 24 keys read in the thousands until a
 * compaction. A count is reused for {@link #REUSE_MS} ms, so that scrapes in quick succession walk the
 * store once; −1 while the store cannot be read (not running, rebalancing).
 */
final class StateKeyCount implements LongSupplier {
    static final long REUSE_MS = 5_000;

    private final KafkaStreams streams;
    private long countedAt;
    private long count = -1;
    private boolean counted;

    StateKeyCount(KafkaStreams streams) {
        this.streams = streams;
    }

    @Override
    public synchronized long getAsLong() {
        long now = System.nanoTime();
        if (!counted || now - countedAt >= TimeUnit.MILLISECONDS.toNanos(REUSE_MS)) {
            count = countNow();
            countedAt = now;
            counted = true;
        }
        return count;
    }

    private long countNow() {
        try (KeyValueIterator<String, byte[]> all = streams.store(StoreQueryParameters.fromNameAndType(
                ScorerTopology.STATE_STORE, QueryableStoreTypes.<String, byte[]>keyValueStore())).all()) {
            long n = 0;
            while (all.hasNext()) {
                all.next();
                n++;
            }
            return n;
        } catch (InvalidStateStoreException | IllegalStateException e) {
            return -1;
        }
    }
}
