package io.seqscore.app.reliability;

import io.seqscore.app.testing.ScorerDriver;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scorer's memory stays bounded under a churn of distinct keys, each seen once, with idle expiry: the store
 * never holds more than the keys of the last TTL (plus one scan interval) of wall-clock time, every idle key is
 * expired, and the heap after a full GC does not grow with the number of keys. A flood of malformed records
 * creates no state and does not grow the heap either. (Topology in a {@code TopologyTestDriver}, RocksDB store;
 * every output topic drained as it goes.)
 */
class BoundedMemoryTest {
    private static final Logger LOG = LoggerFactory.getLogger(BoundedMemoryTest.class);
    private static final int BATCH = 10_000;
    private static final Duration BATCH_GAP = Duration.ofSeconds(30);
    /** The TTL is two batch gaps and the scan runs once per gap: only keys updated within the TTL, two batches, live. */
    private static final Map<String, String> EXPIRY = Map.of("seqscore.state.ttl.ms", "60000",
            "seqscore.state.expiry.scan.interval.ms", "30000");
    private static final long HEAP_SLACK = 64L << 20;

    @Test
    void shouldKeepTheStoreAndHeapBoundedUnderAChurnOfAHundredThousandKeys(@TempDir Path dir) {
        churn(dir, 100_000);
    }

    @Test
    @Tag("long")
    void shouldKeepTheStoreAndHeapBoundedUnderAChurnOfAMillionKeys(@TempDir Path dir) {
        churn(dir, 1_000_000);
    }

    @Test
    void shouldNotGrowStateOrHeapUnderAFloodOfMalformedRecords(@TempDir Path dir) {
        flood(dir, 100_000);
    }

    @Test
    @Tag("long")
    void shouldNotGrowStateOrHeapUnderAFloodOfAMillionMalformedRecords(@TempDir Path dir) {
        flood(dir, 1_000_000);
    }

    private static void churn(Path dir, int keys) {
        try (ScorerDriver driver = new ScorerDriver(dir, EXPIRY)) {
            driver.publish(new Workload(1, 1).first());
            List<Long> liveCounts = new ArrayList<>();
            long heapBaseline = 0;
            long maxApproximate = 0;
            int sent = 0;
            for (int batch = 0; sent < keys; batch++) {
                for (int i = 0; i < BATCH && sent < keys; i++, sent++) {
                    driver.send("churn-" + sent, Workload.T0 + sent, Workload.value(sent, 0));
                }
                drain(driver);
                driver.advanceWallClock(BATCH_GAP);
                drain(driver);
                long live = count(driver.stateStore());
                liveCounts.add(live);
                maxApproximate = Math.max(maxApproximate, driver.stateStore().approximateNumEntries());
                assertThat(live).as("live keys after batch %d", batch).isLessThanOrEqualTo(2L * BATCH);
                if (batch == 1) {
                    heapBaseline = usedHeapAfterGc();
                }
            }
            long heapEnd = usedHeapAfterGc();
            driver.advanceWallClock(BATCH_GAP.multipliedBy(3));
            drain(driver);
            long left = count(driver.stateStore());
            LOG.info("FIGURES key churn: {} distinct keys in batches of {} every {} s (TTL 60 s): live keys per batch max"
                            + " {}, RocksDB estimate max {}, {} keys left after the last TTL, {} expired; heap after GC"
                            + " {} MB after batch 2, {} MB at the end", keys, BATCH, BATCH_GAP.toSeconds(),
                    liveCounts.stream().mapToLong(Long::longValue).max().orElse(0), maxApproximate, left,
                    driver.counters().expiredCount(), heapBaseline >> 20, heapEnd >> 20);
            assertThat(left).isZero();
            assertThat(driver.counters().expiredCount()).isEqualTo(keys);
            assertThat(heapEnd - heapBaseline).as("heap growth from batch 2 to the end").isLessThan(HEAP_SLACK);
        }
    }

    private static void flood(Path dir, int records) {
        try (ScorerDriver driver = new ScorerDriver(dir, EXPIRY)) {
            driver.publish(new Workload(1, 1).first());
            long heapBaseline = 0;
            long deadLetters = 0;
            for (int i = 0; i < records; i++) {
                byte[] key = ("flood-" + i).getBytes(StandardCharsets.UTF_8);
                driver.sendRaw(key, Mutator.random(i, 96), new RecordHeaders());
                if (i % BATCH == BATCH - 1) {
                    deadLetters += driver.dlq().readRecordsToList().size();
                    drain(driver);
                    if (i == 2 * BATCH - 1) {
                        heapBaseline = usedHeapAfterGc();
                    }
                }
            }
            deadLetters += driver.dlq().readRecordsToList().size();
            drain(driver);
            long heapEnd = usedHeapAfterGc();
            long live = count(driver.stateStore());
            LOG.info("FIGURES malformed flood: {} records, {} dead letters, {} keys in the store; heap after GC {} MB"
                    + " after 20000, {} MB at the end", records, deadLetters, live, heapBaseline >> 20, heapEnd >> 20);
            assertThat(deadLetters).isEqualTo(records);
            assertThat(live).isZero();
            assertThat(heapEnd - heapBaseline).as("heap growth during the flood").isLessThan(HEAP_SLACK);
        }
    }

    private static void drain(ScorerDriver driver) {
        driver.scores();
        driver.anomalies().readRecordsToList();
        driver.dlq().readRecordsToList();
        driver.changelog().readRecordsToList();
        driver.shadowScores().readRecordsToList();
    }

    private static long count(KeyValueStore<String, byte[]> store) {
        long n = 0;
        try (KeyValueIterator<String, byte[]> it = store.all()) {
            while (it.hasNext()) {
                it.next();
                n++;
            }
        }
        return n;
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
