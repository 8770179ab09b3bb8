package io.seqscore.app.topology;

import io.seqscore.app.scoring.DeadLetters;
import io.seqscore.app.scoring.DlqReason;
import io.seqscore.app.scoring.DropReason;
import io.seqscore.app.state.KeyState;
import io.seqscore.app.state.KeyStateCodec;
import io.seqscore.app.testing.ReferenceForecaster;
import io.seqscore.app.testing.ScorerDriver;
import io.seqscore.app.testing.ScorerDrivers;
import io.seqscore.avro.Score;
import io.seqscore.avro.ScoreStatus;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

import static io.seqscore.app.topology.ScoringValuesTest.MEAN;
import static io.seqscore.app.topology.ScoringValuesTest.PARAMS;
import static io.seqscore.app.topology.ScoringValuesTest.SPEC;
import static io.seqscore.app.topology.ScoringValuesTest.STD;
import static io.seqscore.app.topology.ScoringValuesTest.WARMUP;
import static io.seqscore.app.topology.ScoringValuesTest.assertScored;
import static io.seqscore.app.topology.ScoringValuesTest.release;
import static org.assertj.core.api.Assertions.assertThat;

/** Every policy: dead letters with their headers, late and duplicate events, gaps, idle expiry, corrupt state. */
class ScoringPoliciesTest {
    @RegisterExtension
    final ScorerDrivers drivers = new ScorerDrivers();
    private ScorerDriver driver;

    /** A driver with the calibrated detector (whose values these tests check) and these settings. */
    private ScorerDriver start(Map<String, String> settings) {
        Map<String, String> all = new java.util.HashMap<>(settings);
        all.put("seqscore.anomaly.detector", "calibrated");
        driver = drivers.start(all);
        driver.publish(release(1, PARAMS));
        return driver;
    }

    private static String header(Headers headers, String name) {
        Header h = headers.lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /** Reads the next dead letter and checks the headers every dead letter carries. */
    private TestRecord<byte[], byte[]> nextDeadLetter(DlqReason reason, String exceptionClass, long offset) {
        assertThat(driver.dlq().isEmpty()).as("a dead letter is waiting").isFalse();
        TestRecord<byte[], byte[]> r = driver.dlq().readRecord();
        assertThat(header(r.headers(), DeadLetters.REASON)).isEqualTo(reason.name());
        assertThat(header(r.headers(), DeadLetters.EXCEPTION)).isEqualTo(exceptionClass);
        assertThat(header(r.headers(), DeadLetters.TOPIC)).isEqualTo("events");
        assertThat(header(r.headers(), DeadLetters.PARTITION)).isEqualTo("0");
        assertThat(header(r.headers(), DeadLetters.OFFSET)).isEqualTo(Long.toString(offset));
        assertThat(driver.counters().deadLetteredCount(reason)).isPositive();
        return r;
    }

    private static final String REJECTED = "io.seqscore.app.scoring.EventRejectedException";

    @Test
    void shouldRouteMalformedRecordsToTheDeadLetterTopicWithTheirOriginalBytesAndHeaders() {
        start(Map.of());
        byte[] key = "k".getBytes(StandardCharsets.UTF_8);
        byte[] garbage = {0, 0, 0, 0, 7, 1, 2};
        Headers headers = new RecordHeaders().add("trace-id", "t-1".getBytes(StandardCharsets.UTF_8));
        driver.sendRaw(key, garbage, headers);
        driver.sendRaw(key, "not avro".getBytes(StandardCharsets.UTF_8), new RecordHeaders());
        driver.sendRaw(key, null, new RecordHeaders());

        TestRecord<byte[], byte[]> first = nextDeadLetter(DlqReason.MALFORMED,
                "org.apache.kafka.common.errors.SerializationException", 0);
        assertThat(first.key()).isEqualTo(key);
        assertThat(first.value()).isEqualTo(garbage);
        assertThat(header(first.headers(), "trace-id")).isEqualTo("t-1");
        assertThat(header(first.headers(), DeadLetters.MESSAGE)).contains("schema id 7");
        TestRecord<byte[], byte[]> second = nextDeadLetter(DlqReason.MALFORMED,
                "org.apache.kafka.common.errors.SerializationException", 1);
        assertThat(header(second.headers(), DeadLetters.MESSAGE)).isNotBlank();
        TestRecord<byte[], byte[]> third = nextDeadLetter(DlqReason.MALFORMED, REJECTED, 2);
        assertThat(third.value()).isNull();
        assertThat(header(third.headers(), DeadLetters.MESSAGE)).isEqualTo("record has no value");

        driver.send("k", 10, 10.0);
        assertThat(driver.nextScore().value().getStatus()).isEqualTo(ScoreStatus.WARMING_UP);
        assertThat(driver.counters().deadLetteredCount(DlqReason.MALFORMED)).isEqualTo(3);
        driver.assertNoMoreOutput();
    }

    @Test
    void shouldRouteEventsWithoutKeyOrValuesToTheDeadLetterTopic() {
        start(Map.of());
        byte[] good = driver.eventBytes(ScorerDriver.event(1, 10.0));
        byte[] empty = driver.eventBytes(ScorerDriver.event(1));
        driver.sendRaw(null, good, new RecordHeaders());
        driver.sendRaw("k".getBytes(StandardCharsets.UTF_8), empty, new RecordHeaders());

        TestRecord<byte[], byte[]> noKey = nextDeadLetter(DlqReason.NULL_KEY, REJECTED, 0);
        assertThat(noKey.key()).isNull();
        assertThat(noKey.value()).isEqualTo(good);
        assertThat(header(noKey.headers(), DeadLetters.MESSAGE)).isEqualTo("record has no key (the series id)");
        TestRecord<byte[], byte[]> noValues = nextDeadLetter(DlqReason.MALFORMED, REJECTED, 1);
        assertThat(header(noValues.headers(), DeadLetters.MESSAGE)).isEqualTo("event has no values and no symbol");
        driver.assertNoMoreOutput();
    }

    @Test
    void shouldRouteNonFiniteValuesToTheDeadLetterTopicByDefault() {
        start(Map.of());
        driver.send("k", 1, Double.NaN);
        driver.send("k", 2, Double.POSITIVE_INFINITY);
        TestRecord<byte[], byte[]> nan = nextDeadLetter(DlqReason.NON_FINITE, REJECTED, 0);
        assertThat(header(nan.headers(), DeadLetters.MESSAGE)).isEqualTo("value 0 is NaN");
        TestRecord<byte[], byte[]> inf = nextDeadLetter(DlqReason.NON_FINITE, REJECTED, 1);
        assertThat(header(inf.headers(), DeadLetters.MESSAGE)).isEqualTo("value 0 is Infinity");
        assertThat(driver.stateStore().get("k")).isNull();
        driver.assertNoMoreOutput();
    }

    @Test
    void shouldDropNonFiniteValuesWhenAskedAndCountThem() {
        start(Map.of("seqscore.nonfinite.policy", "drop"));
        driver.send("k", 1, Double.NEGATIVE_INFINITY);
        driver.send("k", 2, 10.0);
        assertThat(driver.nextScore().value().getStepsSeen()).isEqualTo(1);
        assertThat(driver.counters().droppedCount(DropReason.NON_FINITE)).isEqualTo(1);
        driver.assertNoMoreOutput();
    }

    @Test
    void shouldRouteEventsOfTheWrongDimensionToTheDeadLetterTopic() {
        start(Map.of());
        driver.send("k", 1, 1.0, 2.0);
        TestRecord<byte[], byte[]> r = nextDeadLetter(DlqReason.WRONG_DIMENSION, REJECTED, 0);
        assertThat(header(r.headers(), DeadLetters.MESSAGE)).isEqualTo("event has 2 values, model default@1 reads 1");
        driver.send("k", 2, 10.0);
        assertThat(driver.nextScore().value().getStepsSeen()).isEqualTo(1);
        driver.assertNoMoreOutput();
    }

    @Test
    void shouldSendLateAndDuplicateEventsToTheDeadLetterTopicByDefaultLeavingTheStateAlone() {
        start(Map.of());
        ReferenceForecaster ref = new ReferenceForecaster(SPEC, PARAMS, MEAN, STD);
        driver.send("k", 100, 10.0);
        driver.send("k", 200, 11.0);
        driver.send("k", 150, 50.0);
        driver.send("k", 200, 50.0);
        driver.send("k", 300, 9.0);
        float[] previous = assertScored(driver.nextScore().value(), ref, null, 100, 10.0, 1, 1, ScoreStatus.WARMING_UP);
        previous = assertScored(driver.nextScore().value(), ref, previous, 200, 11.0, 1, 2, ScoreStatus.WARMING_UP);
        TestRecord<byte[], byte[]> late = nextDeadLetter(DlqReason.LATE, REJECTED, 2);
        assertThat(header(late.headers(), DeadLetters.MESSAGE))
                .isEqualTo("event time 150 is not after the key's last event time 200");
        TestRecord<byte[], byte[]> duplicate = nextDeadLetter(DlqReason.LATE, REJECTED, 3);
        assertThat(header(duplicate.headers(), DeadLetters.MESSAGE))
                .isEqualTo("event time 200 is not after the key's last event time 200");
        assertScored(driver.nextScore().value(), ref, previous, 300, 9.0, 1, 3, ScoreStatus.WARMING_UP);
        assertThat(driver.counters().deadLetteredCount(DlqReason.LATE)).isEqualTo(2);
        driver.assertNoMoreOutput();
    }

    @Test
    void shouldScoreLateEventsAgainstTheCurrentStateWithoutUpdatingIt() {
        start(Map.of("seqscore.late.policy", "score"));
        ReferenceForecaster ref = new ReferenceForecaster(SPEC, PARAMS, MEAN, STD);
        double[] values = {10.0, 11.0, 9.5, 10.5};
        float[] previous = null;
        for (int t = 0; t < values.length; t++) {
            driver.send("k", 100L * t, values[t]);
            previous = assertScored(driver.nextScore().value(), ref, previous, 100L * t, values[t], 1, t + 1,
                    t < WARMUP ? ScoreStatus.WARMING_UP : ScoreStatus.OK);
        }
        byte[] stateBefore = driver.stateStore().get("k");
        driver.send("k", 150, 12.0);
        Score late = driver.nextScore().value();
        assertThat(late.getStatus()).isEqualTo(ScoreStatus.LATE_UNCHANGED);
        assertThat(late.getStepsSeen()).isZero();
        assertThat(late.getModelVersion()).isEqualTo(1L);
        assertThat(late.getExpected()).containsExactly((double) previous[0]);
        assertThat(late.getResidual()).containsExactly(12.0 - previous[0]);
        assertThat(late.getForecast()).containsExactly((double) previous[0]);
        assertThat(late.getAnomalyScore()).isNotNull();
        assertThat(driver.stateStore().get("k")).isEqualTo(stateBefore);

        driver.send("k", 400, 10.0);
        assertScored(driver.nextScore().value(), ref, previous, 400, 10.0, 1, 5, ScoreStatus.OK);
        assertThat(driver.counters().scoredCount(ScoreStatus.LATE_UNCHANGED)).isEqualTo(1);
        driver.assertNoMoreOutput();
    }

    @Test
    void shouldDropLateEventsWhenAskedAndCountThem() {
        start(Map.of("seqscore.late.policy", "drop"));
        driver.send("k", 100, 10.0);
        driver.send("k", 100, 10.0);
        driver.send("k", 50, 10.0);
        assertThat(driver.scores()).hasSize(1);
        assertThat(driver.counters().droppedCount(DropReason.LATE)).isEqualTo(2);
        driver.assertNoMoreOutput();
    }

    @Test
    void shouldResetTheKeysStateAfterAGapLongerThanTheSetting() {
        start(Map.of("seqscore.gap.reset.ms", "1000"));
        ReferenceForecaster ref = new ReferenceForecaster(SPEC, PARAMS, MEAN, STD);
        float[] previous = null;
        for (int t = 0; t < 4; t++) {
            driver.send("k", 100L * t, 10.0 + t);
            previous = assertScored(driver.nextScore().value(), ref, previous, 100L * t, 10.0 + t, 1, t + 1,
                    t < WARMUP ? ScoreStatus.WARMING_UP : ScoreStatus.OK);
        }
        driver.send("k", 300 + 1000, 12.0);
        previous = assertScored(driver.nextScore().value(), ref, previous, 1300, 12.0, 1, 5, ScoreStatus.OK);

        driver.send("k", 1300 + 1001, 11.0);
        ReferenceForecaster fresh = new ReferenceForecaster(SPEC, PARAMS, MEAN, STD);
        previous = assertScored(driver.nextScore().value(), fresh, null, 2301, 11.0, 1, 1, ScoreStatus.RESET_GAP);
        driver.send("k", 2400, 10.0);
        assertScored(driver.nextScore().value(), fresh, previous, 2400, 10.0, 1, 2, ScoreStatus.WARMING_UP);
        driver.assertNoMoreOutput();
    }

    @Test
    void shouldExpireIdleKeysByWallClockWithTombstonesInTheChangelog() {
        start(Map.of("seqscore.state.ttl.ms", "600000", "seqscore.state.expiry.scan.interval.ms", "60000"));
        driver.send("a", 1, 10.0);
        driver.advanceWallClock(Duration.ofMinutes(5));
        driver.send("b", 1, 10.0);
        assertThat(driver.scores()).hasSize(2);
        assertThat(driver.changelog().readKeyValuesToList()).extracting(kv -> kv.key).containsExactly("a", "b");

        driver.advanceWallClock(Duration.ofMinutes(6));
        assertThat(driver.stateStore().get("a")).isNull();
        assertThat(driver.stateStore().get("b")).isNotNull();
        assertThat(driver.counters().expiredCount()).isEqualTo(1);
        List<org.apache.kafka.streams.KeyValue<String, byte[]>> tombstones = driver.changelog().readKeyValuesToList();
        assertThat(tombstones).hasSize(1);
        assertThat(tombstones.get(0).key).isEqualTo("a");
        assertThat(tombstones.get(0).value).isNull();

        driver.advanceWallClock(Duration.ofMinutes(5));
        assertThat(driver.stateStore().get("b")).isNull();
        assertThat(driver.counters().expiredCount()).isEqualTo(2);

        driver.send("a", 2, 10.0);
        Score again = driver.nextScore().value();
        assertThat(again.getStepsSeen()).isEqualTo(1);
        assertThat(again.getExpected()).isNull();
        driver.assertNoMoreOutput();
    }

    @Test
    void shouldDeadLetterACorruptStateAndScoreTheEventFromAFreshState() {
        start(Map.of());
        byte[] corrupt = {1, 0, 0, 0, 42, 42, 42, 42, 42};
        driver.stateStore().put("k", corrupt);
        driver.send("k", 10, 10.0);

        TestRecord<byte[], byte[]> r = nextDeadLetter(DlqReason.CORRUPT_STATE,
                "io.seqscore.app.state.StateFormatException", 0);
        assertThat(r.headers().lastHeader(DeadLetters.STATE).value()).isEqualTo(corrupt);
        assertThat(header(r.headers(), DeadLetters.MESSAGE)).startsWith("state checksum mismatch");
        assertThat(r.value()).isNotNull();
        ReferenceForecaster ref = new ReferenceForecaster(SPEC, PARAMS, MEAN, STD);
        assertScored(driver.nextScore().value(), ref, null, 10, 10.0, 1, 1, ScoreStatus.STATE_RESET);
        KeyState repaired = KeyStateCodec.decode(driver.stateStore().get("k"));
        assertThat(repaired.stepsSeen()).isEqualTo(1);

        byte[] future = driver.stateStore().get("k").clone();
        future[0] = 9;
        driver.stateStore().put("k", future);
        driver.send("k", 20, 10.0);
        TestRecord<byte[], byte[]> unknown = nextDeadLetter(DlqReason.CORRUPT_STATE,
                "io.seqscore.app.state.StateFormatException", 1);
        assertThat(header(unknown.headers(), DeadLetters.MESSAGE))
                .isEqualTo("unknown state format version 9 (this build reads versions 1 to 4)");
        assertThat(driver.nextScore().value().getStepsSeen()).isEqualTo(1);

        byte[] stored = driver.stateStore().get("k");
        byte[] newerPart = Arrays.copyOf(stored, stored.length + 3);
        newerPart[stored.length - 4] = 0x7F;
        newerPart[stored.length - 3] = 1;
        newerPart[stored.length - 2] = 0;
        CRC32 crc = new CRC32();
        crc.update(newerPart, 0, newerPart.length - 4);
        ByteBuffer.wrap(newerPart, newerPart.length - 4, 4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) crc.getValue());
        driver.stateStore().put("k", newerPart);
        driver.send("k", 30, 10.0);
        TestRecord<byte[], byte[]> newer = nextDeadLetter(DlqReason.CORRUPT_STATE,
                "io.seqscore.app.state.StateFormatException", 2);
        assertThat(header(newer.headers(), DeadLetters.MESSAGE))
                .as("a required part of a newer writer resets the key")
                .isEqualTo("unknown state part 127 (version 1, written by a newer build?)");
        assertThat(driver.nextScore().value().getStatus()).isEqualTo(ScoreStatus.STATE_RESET);
        assertThat(driver.counters().deadLetteredCount(DlqReason.CORRUPT_STATE)).isEqualTo(3);
        driver.assertNoMoreOutput();
    }

    @Test
    void shouldCountEveryOutcome() {
        start(Map.of("seqscore.late.policy", "drop"));
        driver.send("k", 1, 10.0);
        driver.send("k", 1, 10.0);
        driver.send("k", 2, Double.NaN);
        driver.sendRaw(null, new byte[] {1}, new RecordHeaders());
        assertThat(driver.scores()).hasSize(1);
        driver.dlq().readRecordsToList();
        assertThat(driver.counters().scoredCount(ScoreStatus.WARMING_UP)).isEqualTo(1);
        assertThat(driver.counters().droppedCount(DropReason.LATE)).isEqualTo(1);
        assertThat(driver.counters().deadLetteredCount(DlqReason.NON_FINITE)).isEqualTo(1);
        assertThat(driver.counters().deadLetteredCount(DlqReason.NULL_KEY)).isEqualTo(1);
        driver.assertNoMoreOutput();
    }
}
