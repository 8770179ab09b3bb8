package io.seqscore.app.reliability;

import io.seqscore.app.scoring.DeadLetters;
import io.seqscore.app.scoring.DlqReason;
import io.seqscore.app.state.KeyState;
import io.seqscore.app.state.KeyStateCodec;
import io.seqscore.app.state.StateFormatException;
import io.seqscore.app.testing.ScorerDriver;
import io.seqscore.app.testing.ScorerDrivers;
import io.seqscore.avro.Score;
import io.seqscore.avro.ScoreStatus;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tag;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.test.TestRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-key state codec fed random bytes and mutations of real stored states — raw, and with the trailing
 * CRC-32 recomputed so that the mutation reaches the field parsers: decoding either succeeds or throws
 * {@link StateFormatException}, nothing else; and a key whose store holds such bytes, when its next event comes,
 * is scored (from the decoded state) or dead-lettered CORRUPT_STATE with the bad bytes and scored afresh
 * (STATE_RESET), or dead-lettered LATE / WRONG_DIMENSION by what the decoded state says; no exception escapes.
 */
class StateFuzzTest {
    private static final Logger LOG = LoggerFactory.getLogger(StateFuzzTest.class);

    private final ScorerDrivers drivers = new ScorerDrivers();
    private ScorerDriver driver;
    private List<byte[]> seeds;
    private final KeyStateCodec codec = new KeyStateCodec();
    private final KeyState into = new KeyState();
    private final Map<ScoreStatus, Integer> scoredAs = new EnumMap<>(ScoreStatus.class);
    private final Map<DlqReason, Integer> deadLettered = new EnumMap<>(DlqReason.class);
    private int decoded;
    private int rejected;
    private long nextKey;

    @BeforeProperty
    void open() throws IOException {
        driver = drivers.start(Map.of());
        long t = Workload.T0;
        driver.send("no-model", t, 4.0);
        driver.send("no-model", t + 1, 5.0);
        Workload workload = new Workload(1, 1);
        driver.publish(workload.first());
        driver.send("one", t, 10.0);
        for (int i = 0; i < 12; i++) {
            driver.send("warm", t + i, Workload.value(3, i));
        }
        driver.send("two-values", t, 1.0, 2.0);
        driver.scores();
        driver.dlq().readRecordsToList();
        driver.anomalies().readRecordsToList();
        seeds = new ArrayList<>();
        for (String key : List.of("no-model", "one", "warm")) {
            byte[] bytes = driver.stateStore().get(key);
            assertThat(bytes).as("stored state of %s", key).isNotNull();
            seeds.add(bytes);
        }
    }

    @AfterProperty
    void close() throws IOException {
        drivers.closeAll();
        LOG.info("FIGURES fuzz state: {} decoded, {} rejected with StateFormatException; through the processor:"
                + " scored as {}, dead letters {}", decoded, rejected, scoredAs, deadLettered);
    }

    @Property(tries = 4_000, shrinking = ShrinkingMode.OFF)
    void decodingRandomBytesFailsOnlyWithAStateFormatException(@ForAll("random") byte[] bytes) {
        withoutOutOfMemory(() -> assertDecodesOrRejects(bytes));
    }

    @Property(tries = 6_000, shrinking = ShrinkingMode.OFF)
    void decodingMutatedStatesFailsOnlyWithAStateFormatException(@ForAll("mutated") byte[] bytes) {
        withoutOutOfMemory(() -> assertDecodesOrRejects(bytes));
    }

    @Property(tries = 10_000, shrinking = ShrinkingMode.OFF)
    void aKeyWithMutatedStateIsScoredOrDeadLetteredAndNothingEscapes(@ForAll("mutated") byte[] bytes) {
        withoutOutOfMemory(() -> assertOneOutcome(bytes));
    }

    @Property(tries = 200_000, shrinking = ShrinkingMode.OFF)
    @Tag("long")
    void manyKeysWithMutatedStateAreScoredOrDeadLettered(@ForAll("mutated") byte[] bytes) {
        withoutOutOfMemory(() -> {
            assertDecodesOrRejects(bytes);
            assertOneOutcome(bytes);
        });
    }

    /**
     * Runs a check, turning an {@link OutOfMemoryError} (a decoder allocating what a length field claims) into a
     * test failure: jqwik stops its whole engine on an OutOfMemoryError, which would end every later test of the fork.
     */
    private static void withoutOutOfMemory(Runnable check) {
        try {
            check.run();
        } catch (OutOfMemoryError e) {
            throw new AssertionError("an OutOfMemoryError escaped (a length field was trusted before its bytes were"
                    + " checked): " + e.getMessage());
        }
    }

    /** Random bytes; every other value with a valid CRC-32 trailer. */
    @Provide
    Arbitrary<byte[]> random() {
        return Arbitraries.longs().map(seed -> {
            byte[] b = Mutator.random(seed, 128);
            return (seed & 1) == 0 ? b : withCrc(b);
        });
    }

    /** Mutations of stored states; every other one with its CRC-32 recomputed. */
    @Provide
    Arbitrary<byte[]> mutated() {
        return Arbitraries.longs().map(seed -> {
            byte[] b = Mutator.mutate(seeds, seed);
            return (seed & 1) == 0 ? b : withCrc(b);
        });
    }

    /** {@code b} with its last 4 bytes replaced by the CRC-32 (little-endian) of the bytes before them. */
    static byte[] withCrc(byte[] b) {
        if (b.length < 4) {
            return b;
        }
        CRC32 crc = new CRC32();
        crc.update(b, 0, b.length - 4);
        ByteBuffer.wrap(b, b.length - 4, 4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) crc.getValue());
        return b;
    }

    private void assertDecodesOrRejects(byte[] bytes) {
        try {
            codec.decode(bytes, into);
            decoded++;
        } catch (StateFormatException e) {
            rejected++;
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    private void assertOneOutcome(byte[] bytes) {
        String key = "fuzz-" + nextKey++;
        driver.stateStore().put(key, bytes);
        driver.send(key, Workload.T0 + 10_000_000L, 10.0);
        List<Score> scores = driver.scores();
        List<TestRecord<byte[], byte[]>> letters = driver.dlq().readRecordsToList();
        driver.anomalies().readRecordsToList();
        List<DlqReason> reasons = new ArrayList<>();
        for (TestRecord<byte[], byte[]> letter : letters) {
            assertThat(letter.key()).isEqualTo(key.getBytes(StandardCharsets.UTF_8));
            Header reason = letter.headers().lastHeader(DeadLetters.REASON);
            assertThat(reason).isNotNull();
            DlqReason r = DlqReason.valueOf(new String(reason.value(), StandardCharsets.UTF_8));
            reasons.add(r);
            deadLettered.merge(r, 1, Integer::sum);
            if (r == DlqReason.CORRUPT_STATE) {
                assertThat(letter.headers().lastHeader(DeadLetters.STATE).value()).isEqualTo(bytes);
            }
        }
        scores.forEach(s -> scoredAs.merge(s.getStatus(), 1, Integer::sum));
        if (reasons.equals(List.of(DlqReason.CORRUPT_STATE))) {
            assertThat(scores).hasSize(1);
            assertThat(scores.get(0).getStatus()).isEqualTo(ScoreStatus.STATE_RESET);
        } else if (reasons.isEmpty()) {
            assertThat(scores).as("scores of one event on a decodable state").hasSize(1);
        } else {
            assertThat(reasons).as("dead letters of one event").hasSize(1);
            assertThat(reasons.get(0)).isIn(DlqReason.LATE, DlqReason.WRONG_DIMENSION);
            assertThat(scores).isEmpty();
        }
        assertThat(driver.stateStore().get(key)).as("the key's state after its event").isNotNull();
    }
}
