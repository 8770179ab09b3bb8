package io.seqscore.app.reliability;

import io.seqscore.app.scoring.DeadLetters;
import io.seqscore.app.scoring.DlqReason;
import io.seqscore.app.testing.ScorerDriver;
import io.seqscore.app.testing.ScorerDrivers;
import io.seqscore.avro.Event;
import io.seqscore.avro.Score;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tag;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random and mutated event records through the scorer topology ({@code TopologyTestDriver}): no exception ever
 * escapes the scoring processor, and every record has exactly one outcome — a score, or a dead letter that
 * carries the record's own key and value bytes and a reason header naming a {@link DlqReason}.
 */
class EventFuzzTest {
    private static final Logger LOG = LoggerFactory.getLogger(EventFuzzTest.class);

    private final ScorerDrivers drivers = new ScorerDrivers();
    private ScorerDriver driver;
    private List<byte[]> seeds;
    private final Map<DlqReason, Integer> deadLettered = new EnumMap<>(DlqReason.class);
    private int scored;
    private int cases;
    private long nextKey;

    @BeforeProperty
    void open() throws IOException {
        driver = drivers.start(Map.of());
        Workload workload = new Workload(1, 1);
        driver.publish(workload.first());
        long t = Workload.T0;
        seeds = List.of(
                driver.eventBytes(ScorerDriver.event(t, 10.5)),
                driver.eventBytes(ScorerDriver.event(t + 1, 9.75, 11.0)),
                driver.eventBytes(Event.newBuilder().setEventTime(Instant.ofEpochMilli(t + 2)).setValues(List.of(3.0))
                        .setAttributes(Map.of("model", "default", "site", "eu-1")).build()),
                driver.eventBytes(ScorerDriver.event(t + 3, Double.NaN)),
                driver.eventBytes(ScorerDriver.event(t + 4, 1, 2, 3, 4, 5, 6, 7, 8)));
    }

    @AfterProperty
    void close() throws IOException {
        drivers.closeAll();
        LOG.info("FIGURES fuzz events: {} cases, {} scored, dead letters by reason {}", cases, scored, deadLettered);
    }

    @Property(tries = 10_000, shrinking = ShrinkingMode.OFF)
    void mutatedEventsAreScoredOrDeadLetteredWithAReason(@ForAll("mutated") byte[] value, @ForAll("keys") byte[] key) {
        assertOneOutcome(key, value);
    }

    @Property(tries = 5_000, shrinking = ShrinkingMode.OFF)
    void randomBytesAreDeadLetteredWithAReason(@ForAll("random") byte[] value, @ForAll("keys") byte[] key) {
        assertOneOutcome(key, value);
    }

    @Property(tries = 300_000, shrinking = ShrinkingMode.OFF)
    @Tag("long")
    void manyMutatedEventsAreScoredOrDeadLetteredWithAReason(@ForAll("mutated") byte[] value,
                                                             @ForAll("keys") byte[] key) {
        assertOneOutcome(key, value);
    }

    @Provide
    Arbitrary<byte[]> mutated() {
        return Arbitraries.longs().map(seed -> Mutator.mutate(seeds, seed));
    }

    @Provide
    Arbitrary<byte[]> random() {
        return Arbitraries.longs().map(seed -> Mutator.random(seed, 64));
    }

    /** Mostly a key never seen (the decode-and-score path), sometimes one shared key (late events), rarely none. */
    @Provide
    Arbitrary<byte[]> keys() {
        return Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.create(() -> ("fuzz-" + nextKey++).getBytes(StandardCharsets.UTF_8))),
                Tuple.of(3, Arbitraries.just("hot".getBytes(StandardCharsets.UTF_8))),
                Tuple.of(1, Arbitraries.just((byte[]) null)));
    }

    private void assertOneOutcome(byte[] key, byte[] value) {
        cases++;
        driver.sendRaw(key, value, new RecordHeaders());
        List<Score> scores = driver.scores();
        List<TestRecord<byte[], byte[]>> letters = driver.dlq().readRecordsToList();
        driver.anomalies().readRecordsToList();
        assertThat(scores.size() + letters.size()).as("outcomes of one record").isEqualTo(1);
        if (!scores.isEmpty()) {
            scored++;
            assertThat(key).as("a scored record has a key").isNotNull();
            return;
        }
        TestRecord<byte[], byte[]> letter = letters.get(0);
        assertThat(letter.key()).isEqualTo(key);
        assertThat(letter.value()).isEqualTo(value);
        Header reason = letter.headers().lastHeader(DeadLetters.REASON);
        assertThat(reason).as("reason header").isNotNull();
        DlqReason r = DlqReason.valueOf(new String(reason.value(), StandardCharsets.UTF_8)); // throws if unknown
        assertThat(letter.headers().lastHeader(DeadLetters.MESSAGE)).as("message header").isNotNull();
        deadLettered.merge(r, 1, Integer::sum);
    }
}
