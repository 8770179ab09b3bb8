package io.seqscore.app.input;

import io.seqscore.app.scoring.DeadLetters;
import io.seqscore.app.scoring.DlqReason;
import io.seqscore.app.testing.ScorerDriver;
import io.seqscore.app.testing.ScorerDrivers;
import io.seqscore.avro.Score;
import io.seqscore.avro.ScoreStatus;
import io.seqscore.serde.AvroSerializer;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.seqscore.app.input.JsonInputTest.T;
import static io.seqscore.app.input.JsonInputTest.assertDeadLetter;
import static io.seqscore.app.input.JsonInputTest.header;
import static io.seqscore.app.input.JsonInputTest.utf8;
import static org.assertj.core.api.Assertions.assertThat;

/** seqscore.input.format=avro: a user's own Avro records through the registry, read as generic records. */
class AvroInputTest {
    static final Schema READING = new Schema.Parser().parse("""
            {"type": "record", "name": "Reading", "namespace": "com.example.plant", "fields": [
              {"name": "device", "type": "string"},
              {"name": "at", "type": ["null", {"type": "long", "logicalType": "timestamp-micros"}]},
              {"name": "sensor", "type": {"type": "record", "name": "Sensor", "fields": [
                {"name": "temp", "type": "float"},
                {"name": "rpm", "type": ["null", "int"]}]}},
              {"name": "history", "type": {"type": "array", "items": "double"}},
              {"name": "tags", "type": {"type": "map", "values": "string"}},
              {"name": "note", "type": "string"}]}
            """);
    static final Schema PLAIN = new Schema.Parser().parse("""
            {"type": "record", "name": "Plain", "namespace": "com.example.plant", "fields": [
              {"name": "seconds", "type": "long"},
              {"name": "level", "type": "double"}]}
            """);

    @RegisterExtension
    final ScorerDrivers drivers = new ScorerDrivers();
    private ScorerDriver driver;
    private AvroSerializer<GenericRecord> serializer;

    private ScorerDriver start(String... settings) {
        Map<String, String> m = new HashMap<>();
        m.put("seqscore.input.format", "avro");
        for (int i = 0; i < settings.length; i += 2) {
            m.put(settings[i], settings[i + 1]);
        }
        driver = drivers.start(m);
        serializer = new AvroSerializer<>();
        serializer.configure(driver.serdeProperties(), false);
        return driver;
    }

    private static GenericRecord reading(String device, Long atMicros, float temp, Integer rpm, List<Double> history,
                                         Map<String, String> tags) {
        GenericRecord sensor = new GenericData.Record(READING.getField("sensor").schema());
        sensor.put("temp", temp);
        sensor.put("rpm", rpm);
        GenericRecord r = new GenericData.Record(READING);
        r.put("device", device);
        r.put("at", atMicros);
        r.put("sensor", sensor);
        r.put("history", history);
        r.put("tags", tags);
        r.put("note", "n");
        return r;
    }

    private byte[] bytes(GenericRecord r) {
        return serializer.serialize("events", r);
    }

    private static final String READING_SETTINGS_VALUES = "sensor.temp,sensor.rpm,history";

    @Test
    void shouldMapNestedFieldsArraysAMicrosecondTimestampAndAKeyField() {
        start("seqscore.input.values", READING_SETTINGS_VALUES, "seqscore.input.time", "at",
                "seqscore.input.key", "device");
        driver.sendRaw(utf8("ignored"), bytes(reading("pump-1", T * 1000 + 999, 21.5f, 1200, List.of(0.5, 0.25),
                Map.of())), 7L);
        driver.sendRaw(null, bytes(reading("pump-2", (T + 1) * 1000, -3.25f, 7, List.of(), Map.of())), 7L);

        TestRecord<String, Score> first = driver.nextScore();
        assertThat(first.key()).isEqualTo("pump-1");
        assertThat(first.value().getEventTime()).isEqualTo(Instant.ofEpochMilli(T));
        assertThat(first.value().getObserved()).containsExactly(21.5, 1200.0, 0.5, 0.25);
        assertThat(first.value().getStatus()).isEqualTo(ScoreStatus.NO_MODEL);
        TestRecord<String, Score> second = driver.nextScore();
        assertThat(second.key()).isEqualTo("pump-2");
        assertThat(second.value().getEventTime()).isEqualTo(Instant.ofEpochMilli(T + 1));
        assertThat(second.value().getObserved()).containsExactly(-3.25, 7.0);
        driver.assertNoMoreOutput();
    }

    @Test
    void shouldRouteByAnAttributeFromAMapFieldEvenWithTheSpecificReaderSetForTheOtherSerdes() {
        start("seqscore.input.values", "sensor.temp", "seqscore.input.time", "at",
                "seqscore.input.attributes", "tags.region,tags.absent", "seqscore.routing.attribute", "tags.region",
                "specific.avro.reader", "true");
        driver.publish(InputReleases.release("eu", 4));
        driver.sendRaw(utf8("k"), bytes(reading("p", T * 1000, 9.5f, null, List.of(), Map.of("region", "eu"))), 7L);
        Score s = driver.nextScore().value();
        assertThat(s.getModelName()).isEqualTo("eu");
        assertThat(s.getModelVersion()).isEqualTo(4L);
        assertThat(s.getObserved()).containsExactly(9.5);
        driver.assertNoMoreOutput();
    }

    @Test
    void shouldReadAPlainLongInTheTimeFormatAndFallBackToTheRecordTimestamp() {
        start("seqscore.input.values", "level", "seqscore.input.time", "seconds",
                "seqscore.input.time.format", "epoch-seconds");
        GenericRecord plain = new GenericData.Record(PLAIN);
        plain.put("seconds", T / 1000);
        plain.put("level", 2.75);
        driver.sendRaw(utf8("k"), serializer.serialize("plain-events", plain), 7L);
        TestRecord<String, Score> r = driver.nextScore();
        assertThat(r.key()).isEqualTo("k");
        assertThat(r.value().getEventTime()).isEqualTo(Instant.ofEpochMilli(T));
        assertThat(r.value().getObserved()).containsExactly(2.75);
        driver.assertNoMoreOutput();
        driver.close();
        driver = null;

        start("seqscore.input.values", "level");
        driver.sendRaw(utf8("k"), serializer.serialize("plain-events", plain), 1234L);
        r = driver.nextScore();
        assertThat(r.value().getEventTime()).isEqualTo(Instant.ofEpochMilli(1234L));
        assertThat(r.value().getObserved()).containsExactly(2.75);
        driver.assertNoMoreOutput();
    }

    @Test
    void shouldDeadLetterRecordsThatDoNotMapWithTheReason() {
        start("seqscore.input.values", READING_SETTINGS_VALUES, "seqscore.input.time", "at",
                "seqscore.input.key", "device");
        byte[] nullRpm = bytes(reading("p", T * 1000, 1f, null, List.of(), Map.of()));
        byte[] noTime = bytes(reading("p", null, 1f, 1, List.of(), Map.of()));
        GenericRecord plain = new GenericData.Record(PLAIN);
        plain.put("seconds", 1L);
        plain.put("level", 1.0);
        byte[] otherSchema = serializer.serialize("plain-events", plain);
        byte[] garbage = {0, 0, 0, 0, 99, 1, 2};
        for (byte[] b : List.of(nullRpm, noTime, otherSchema, garbage)) {
            driver.sendRaw(utf8("k"), b, 7L);
        }
        assertDeadLetter(driver, DlqReason.NOT_A_NUMBER,
                "values field sensor.rpm is null, not a number or an array of numbers", nullRpm);
        assertDeadLetter(driver, DlqReason.FIELD_MISSING, "no time field at", noTime);
        assertDeadLetter(driver, DlqReason.FIELD_MISSING, "no values field sensor.temp", otherSchema);
        TestRecord<byte[], byte[]> undecodable = driver.dlq().readRecord();
        assertThat(header(undecodable, DeadLetters.REASON)).isEqualTo("MALFORMED");
        assertThat(header(undecodable, DeadLetters.MESSAGE)).startsWith("Unknown schema id 99");
        assertThat(undecodable.value()).isEqualTo(garbage);
        driver.assertNoMoreOutput();
    }

    @Test
    void shouldDeadLetterATextValueAndABadTextTime() {
        start("seqscore.input.values", "note", "seqscore.input.key", "device");
        byte[] text = bytes(reading("p", null, 1f, 1, List.of(), Map.of()));
        driver.sendRaw(utf8("k"), text, 7L);
        assertDeadLetter(driver, DlqReason.NOT_A_NUMBER, "values field note is a string, not a number or an array of"
                + " numbers", text);
        driver.assertNoMoreOutput();
        driver.close();

        start("seqscore.input.values", "sensor.temp", "seqscore.input.time", "note",
                "seqscore.input.time.format", "iso-8601");
        byte[] badTime = bytes(reading("p", null, 1f, 1, List.of(), Map.of()));
        driver.sendRaw(utf8("k"), badTime, 7L);
        assertDeadLetter(driver, DlqReason.BAD_TIME, "time field note: 'n' is not an ISO-8601 date-time", badTime);
        driver.assertNoMoreOutput();
    }
}
