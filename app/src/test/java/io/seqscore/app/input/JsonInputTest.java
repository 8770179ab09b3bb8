package io.seqscore.app.input;

import io.seqscore.app.scoring.DeadLetters;
import io.seqscore.app.scoring.DlqReason;
import io.seqscore.app.testing.ScorerDriver;
import io.seqscore.app.testing.ScorerDrivers;
import io.seqscore.avro.Score;
import io.seqscore.avro.ScoreStatus;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** seqscore.input.format=json through the scorer topology: the mapping, time formats, fallbacks and dead letters. */
class JsonInputTest {
    static final long T = 1_700_000_000_000L;

    @RegisterExtension
    final ScorerDrivers drivers = new ScorerDrivers();
    private ScorerDriver driver;

    private ScorerDriver start(String... settings) {
        Map<String, String> m = new HashMap<>();
        m.put("seqscore.input.format", "json");
        for (int i = 0; i < settings.length; i += 2) {
            m.put(settings[i], settings[i + 1]);
        }
        driver = drivers.start(m);
        return driver;
    }

    static byte[] utf8(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    private void send(String key, String json) {
        driver.sendRaw(utf8(key), utf8(json), 42L);
    }

    /** The next score: its key, event time, observed values (no model is published, so NO_MODEL). */
    private void assertNextScore(String key, long eventTime, Double... observed) {
        TestRecord<String, Score> r = driver.nextScore();
        assertThat(r.key()).isEqualTo(key);
        assertThat(r.value().getEventTime()).isEqualTo(Instant.ofEpochMilli(eventTime));
        assertThat(r.value().getObserved()).containsExactly(observed);
        assertThat(r.value().getStatus()).isEqualTo(ScoreStatus.NO_MODEL);
    }

    static String header(TestRecord<byte[], byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /** The next dead letter: its reason and message, and the original bytes kept. */
    static void assertDeadLetter(ScorerDriver driver, DlqReason reason, String message, byte[] value) {
        assertThat(driver.dlq().isEmpty()).as("a dead letter is waiting").isFalse();
        TestRecord<byte[], byte[]> r = driver.dlq().readRecord();
        assertThat(header(r, DeadLetters.REASON)).isEqualTo(reason.name());
        assertThat(header(r, DeadLetters.MESSAGE)).isEqualTo(message);
        assertThat(r.value()).isEqualTo(value);
    }

    @Test
    void shouldReadTheDefaultShapeWithoutAnyMappingSetting() {
        start();
        send(null, "{\"key\":\"k\",\"time\":1700000000000,\"values\":[1.5]}");
        send("k", "{\"values\":[-3],\"time\":1700000001000}");
        send("k2", "{\"values\":[2.5,-3e2],\"time\":1700000001000}");
        assertNextScore("k", T, 1.5);
        assertNextScore("k", T + 1000, -3.0);
        assertNextScore("k2", T + 1000, 2.5, -300.0);
        driver.assertNoMoreOutput();
    }

    @Test
    void shouldConcatenateNestedValuePathsInTheirOrderAndSkipOtherFields() {
        start("seqscore.input.values", "reading.temp,reading.rpm,extra");
        send("m-1", "{\"id\":{\"deep\":[1,{\"x\":2}]},\"reading\":{\"rpm\":1200,\"unit\":\"C\",\"temp\":21.25},"
                + "\"time\":" + T + ",\"extra\":[0.5,0.25]}");
        assertNextScore("m-1", T, 21.25, 1200.0, 0.5, 0.25);
        driver.assertNoMoreOutput();
    }

    /**
     * Time formats: the time settings, each record's time field (its values are [1], [2], ...), and the event time
     * each reads as, in ms after {@link #T}.
     */
    static Stream<Arguments> timeFormats() {
        return Stream.of(
                Arguments.of("epoch seconds with fractions",
                        List.of("seqscore.input.time", "ts", "seqscore.input.time.format", "epoch-seconds"),
                        List.of("\"ts\":1700000000.25", "\"ts\":\"1700000001\""), List.of(250L, 1000L)),
                Arguments.of("ISO-8601 with and without offset",
                        List.of("seqscore.input.time", "at", "seqscore.input.time.format", "iso-8601",
                                "seqscore.input.time.zone", "Europe/Paris"),
                        List.of("\"at\":\"2023-11-14T22:13:20Z\"", "\"at\":\"2023-11-14T23:13:21.5+01:00\"",
                                "\"at\":\"2023-11-14T23:13:22\""), List.of(0L, 1500L, 2000L)),
                Arguments.of("a pattern in the configured zone",
                        List.of("seqscore.input.time", "when.local", "seqscore.input.time.format", "dd/MM/yyyy HH:mm:ss",
                                "seqscore.input.time.zone", "+02:00"),
                        List.of("\"when\":{\"local\":\"15/11/2023 00:13:20\"}"), List.of(0L)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("timeFormats")
    void shouldReadTheEventTimeInItsFormat(String format, List<String> settings, List<String> times,
                                           List<Long> expected) {
        start(settings.toArray(String[]::new));
        for (int i = 0; i < times.size(); i++) {
            send("k", "{" + times.get(i) + ",\"values\":[" + (i + 1) + "]}");
        }
        for (int i = 0; i < expected.size(); i++) {
            assertNextScore("k", T + expected.get(i), i + 1.0);
        }
        driver.assertNoMoreOutput();
    }

    @Test
    void shouldFallBackToTheRecordTimestampAndTheRecordKey() {
        start();
        send("from-record", "{\"values\":[7]}");
        send(null, "{\"key\":\"from-field\",\"values\":[8]}");
        driver.sendRaw(utf8("from-record"), utf8("{\"key\":null,\"values\":[9],\"time\":null}"), 43L);
        assertNextScore("from-record", 42L, 7.0);
        assertNextScore("from-field", 42L, 8.0);
        assertNextScore("from-record", 43L, 9.0);
        driver.assertNoMoreOutput();
    }

    @Test
    void shouldTakeTheKeyFromAFieldOverTheRecordKey() {
        start("seqscore.input.key", "meta.device");
        send("partition-key", "{\"meta\":{\"device\":\"dev-7\"},\"values\":[1],\"time\":" + T + "}");
        send(null, "{\"meta\":{\"device\":12345},\"values\":[2],\"time\":" + T + "}");
        assertNextScore("dev-7", T, 1.0);
        assertNextScore("12345", T, 2.0);
        driver.assertNoMoreOutput();
    }

    @Test
    void shouldCopyAttributesThatRouteTheEventToAModel() {
        start("seqscore.input.attributes", "meta.model,meta.missing", "seqscore.routing.attribute", "meta.model");
        driver.publish(InputReleases.release("special", 3));
        send("k", "{\"meta\":{\"model\":\"special\"},\"values\":[10],\"time\":" + T + "}");
        Score score = driver.nextScore().value();
        assertThat(score.getModelName()).isEqualTo("special");
        assertThat(score.getModelVersion()).isEqualTo(3L);
        assertThat(score.getObserved()).containsExactly(10.0);
        driver.assertNoMoreOutput();
    }

    @Test
    void shouldMapTheDocumentedExample() {
        start("seqscore.input.values", "reading.temp,reading.rpm", "seqscore.input.time", "at",
                "seqscore.input.time.format", "iso-8601", "seqscore.input.key", "meta.device",
                "seqscore.input.attributes", "meta.site", "seqscore.routing.attribute", "meta.site");
        driver.publish(InputReleases.release("north", 2, 2));
        send(null, "{\"meta\": {\"device\": \"pump-7\", \"site\": \"north\"},\n \"at\": \"2023-11-14T22:13:20Z\",\n"
                + " \"reading\": {\"temp\": 21.25, \"rpm\": 1200, \"unit\": \"C\"}}");
        TestRecord<String, Score> r = driver.nextScore();
        assertThat(r.key()).isEqualTo("pump-7");
        assertThat(r.value().getEventTime()).isEqualTo(Instant.ofEpochMilli(T));
        assertThat(r.value().getObserved()).containsExactly(21.25, 1200.0);
        assertThat(r.value().getModelName()).isEqualTo("north");
        driver.assertNoMoreOutput();
    }

    @Test
    void shouldScoreJsonEventsExactlyAsTheSameAvroEvents(@TempDir Path avroDir) {
        double[] series = {10.0, 11.5, 9.25, 10.75, 12.0, 8.5, 10.0, 11.0};
        start();
        driver.publish(InputReleases.release("default", 1));
        try (ScorerDriver avro = new ScorerDriver(avroDir, Map.of())) {
            avro.publish(InputReleases.release("default", 1));
            for (int i = 0; i < series.length; i++) {
                send("k", "{\"time\":" + (T + i * 1000L) + ",\"values\":[" + series[i] + "]}");
                avro.send("k", T + i * 1000L, series[i]);
            }
            List<Score> fromAvro = avro.scores();
            List<Score> fromJson = driver.scores();
            assertThat(fromJson).hasSize(series.length).isEqualTo(fromAvro);
            assertThat(fromJson.get(series.length - 1).getStatus()).isEqualTo(ScoreStatus.OK);
            assertThat(fromJson.get(series.length - 1).getForecast()).isNotEmpty();
            avro.assertNoMoreOutput();
        }
        driver.assertNoMoreOutput();
    }

    @Test
    void shouldDeadLetterRecordsThatDoNotMapWithTheReasonAndKeepScoring() {
        start("seqscore.input.values", "reading.temp", "seqscore.input.time", "ts",
                "seqscore.input.time.format", "iso-8601");
        String[] bad = {
            "{\"ts\":\"2023-11-14T22:13:20Z\"}",
            "{\"ts\":\"2023-11-14T22:13:20Z\",\"reading\":{\"temp\":\"21.5\"}}",
            "{\"ts\":\"2023-11-14T22:13:20Z\",\"reading\":{\"temp\":[1,null]}}",
            "{\"ts\":\"yesterday\",\"reading\":{\"temp\":1}}",
            "{\"ts\":1700000000000,\"reading\":{\"temp\":1}}",
            "{\"reading\":{\"temp\":1}}",
            "{\"ts\":\"2023-11-14T22:13:20Z\",\"reading\":{\"temp\":[]}}",
            "{\"ts\":\"2023-11-14T22:13:20Z\",\"reading\":{\"temp\":1}",
            "[1,2]",
            "{\"ts\":\"2023-11-14T22:13:20Z\",\"reading\":{\"temp\":NaN}}",
        };
        for (String b : bad) {
            send("k", b);
        }
        send(null, "{\"ts\":\"2023-11-14T22:13:20Z\",\"reading\":{\"temp\":1}}");
        send("k", "{\"ts\":\"2023-11-14T22:13:20Z\",\"reading\":{\"temp\":1}}");

        assertDeadLetter(driver, DlqReason.FIELD_MISSING, "no values field reading.temp", utf8(bad[0]));
        assertDeadLetter(driver, DlqReason.NOT_A_NUMBER,
                "values field reading.temp is a string, not a number or an array of numbers", utf8(bad[1]));
        assertDeadLetter(driver, DlqReason.NOT_A_NUMBER, "values field reading.temp[1] is null, not a number",
                utf8(bad[2]));
        assertDeadLetter(driver, DlqReason.BAD_TIME, "time field ts: 'yesterday' is not an ISO-8601 date-time",
                utf8(bad[3]));
        assertDeadLetter(driver, DlqReason.BAD_TIME, "time field ts: the number 1700000000000 is not ISO-8601 text",
                utf8(bad[4]));
        assertDeadLetter(driver, DlqReason.FIELD_MISSING, "no time field ts", utf8(bad[5]));
        assertDeadLetter(driver, DlqReason.MALFORMED, "no values: the field reading.temp is empty", utf8(bad[6]));
        assertThat(driver.dlq().isEmpty()).isFalse();
        TestRecord<byte[], byte[]> truncated = driver.dlq().readRecord();
        assertThat(header(truncated, DeadLetters.REASON)).isEqualTo("MALFORMED");
        assertThat(header(truncated, DeadLetters.EXCEPTION))
                .isEqualTo("org.apache.kafka.common.errors.SerializationException");
        assertThat(header(truncated, DeadLetters.MESSAGE)).startsWith("Not JSON: Unexpected end-of-input");
        assertDeadLetter(driver, DlqReason.MALFORMED, "Not a JSON object: the value starts with an array", utf8(bad[8]));
        assertDeadLetter(driver, DlqReason.NON_FINITE, "value 0 is NaN", utf8(bad[9]));
        assertDeadLetter(driver, DlqReason.NULL_KEY, "record has no key (the series id) and no field key",
                utf8("{\"ts\":\"2023-11-14T22:13:20Z\",\"reading\":{\"temp\":1}}"));
        assertNextScore("k", T, 1.0);
        assertThat(driver.counters().deadLetteredCount(DlqReason.FIELD_MISSING)).isEqualTo(2);
        assertThat(driver.counters().deadLetteredCount(DlqReason.NOT_A_NUMBER)).isEqualTo(2);
        assertThat(driver.counters().deadLetteredCount(DlqReason.BAD_TIME)).isEqualTo(2);
        assertThat(driver.counters().deadLetteredCount(DlqReason.MALFORMED)).isEqualTo(3);
        driver.assertNoMoreOutput();
    }

    @Test
    void shouldDeadLetterAMissingOrNullKeyField() {
        start("seqscore.input.key", "device");
        send("k", "{\"values\":[1],\"time\":1}");
        send("k", "{\"device\":null,\"values\":[1],\"time\":1}");
        send("k", "{\"device\":{\"id\":1},\"values\":[1],\"time\":1}");
        assertDeadLetter(driver, DlqReason.FIELD_MISSING, "no key field device", utf8("{\"values\":[1],\"time\":1}"));
        assertDeadLetter(driver, DlqReason.NULL_KEY, "the key field device is null",
                utf8("{\"device\":null,\"values\":[1],\"time\":1}"));
        assertDeadLetter(driver, DlqReason.MALFORMED, "key field device is an object, not a string or an integer",
                utf8("{\"device\":{\"id\":1},\"values\":[1],\"time\":1}"));
        driver.assertNoMoreOutput();
    }
}
