package io.seqscore.input;

import io.seqscore.avro.Event;
import io.seqscore.serde.AvroSerializer;
import io.seqscore.serde.MockSchemaRegistry;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bytes a warm decoder allocates per record of the same two values in each format (the figures of
 * docs/input-formats.md: {@code ./mvnw -pl schemas test -Dtest=InputAllocationTest} prints them).
 */
class InputAllocationTest {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final String SCOPE = "input-allocation";
    private static final Map<String, Object> SERDE = Map.of("schema.registry.url", MockSchemaRegistry.URL_PREFIX + SCOPE);
    private static final byte[] KEY = "sensor-1".getBytes(StandardCharsets.UTF_8);
    private static final InputMapping MAPPING = InputMapping.of(List.of("reading.temp", "reading.rpm"), "ts",
            "epoch-millis", "UTC", null, List.of());

    @AfterAll
    static void dropRegistry() {
        MockSchemaRegistry.dropScope(SCOPE);
    }

    /** The fewest bytes per record over five rounds of 20,000 warm decodes; checks the values decoded. */
    private static long bytesPerRecord(EventDecoder d, byte[] value) {
        RecordHeaders headers = new RecordHeaders();
        for (int i = 0; i < 50_000; i++) {
            d.decode("events", headers, KEY, value, 1L);
        }
        long id = Thread.currentThread().getId();
        long best = Long.MAX_VALUE;
        for (int round = 0; round < 5; round++) {
            long before = THREADS.getThreadAllocatedBytes(id);
            for (int i = 0; i < 20_000; i++) {
                d.decode("events", headers, KEY, value, 1L);
            }
            best = Math.min(best, (THREADS.getThreadAllocatedBytes(id) - before) / 20_000);
        }
        DecodedEvent e = d.decode("events", headers, KEY, value, 1L);
        assertThat(e.values()).containsExactly(21.25, 1200.0);
        assertThat(e.eventTime()).isEqualTo(1_700_000_000_000L);
        assertThat(e.key()).isEqualTo("sensor-1");
        return best;
    }

    @Test
    void shouldDecodeJsonWithAboutTheAllocationsOfTheAvroEvent() {
        AvroSerializer<Event> events = new AvroSerializer<>();
        events.configure(SERDE, false);
        byte[] event = events.serialize("events", Event.newBuilder()
                .setEventTime(Instant.ofEpochMilli(1_700_000_000_000L)).setValues(List.of(21.25, 1200.0))
                .setAttributes(null).build());
        long eventBytes = bytesPerRecord(InputFormats.named("event").decoders(InputMapping.DEFAULT, SERDE).get(), event);

        byte[] json = ("{\"ts\":1700000000000,\"site\":\"north\",\"reading\":{\"temp\":21.25,\"rpm\":1200,"
                + "\"unit\":\"C\"},\"tags\":[\"a\",\"b\"]}").getBytes(StandardCharsets.UTF_8);
        long jsonBytes = bytesPerRecord(InputFormats.named("json").decoders(MAPPING, SERDE).get(), json);

        Schema schema = new Schema.Parser().parse("""
                {"type": "record", "name": "Reading", "fields": [
                  {"name": "ts", "type": "long"}, {"name": "site", "type": "string"},
                  {"name": "reading", "type": {"type": "record", "name": "Sensor", "fields": [
                    {"name": "temp", "type": "double"}, {"name": "rpm", "type": "int"}]}}]}
                """);
        GenericRecord sensor = new GenericData.Record(schema.getField("reading").schema());
        sensor.put("temp", 21.25);
        sensor.put("rpm", 1200);
        GenericRecord reading = new GenericData.Record(schema);
        reading.put("ts", 1_700_000_000_000L);
        reading.put("site", "north");
        reading.put("reading", sensor);
        AvroSerializer<GenericRecord> generic = new AvroSerializer<>();
        generic.configure(SERDE, false);
        long avroBytes = bytesPerRecord(InputFormats.named("avro").decoders(MAPPING, SERDE).get(),
                generic.serialize("readings", reading));

        System.out.printf("bytes allocated per record: event %d, json %d, avro %d%n", eventBytes, jsonBytes, avroBytes);
        assertThat(jsonBytes).as("json bytes per record (the parser, its contexts, a String per float)")
                .isLessThan(Math.max(2 * eventBytes, 1024));
        assertThat(avroBytes).as("avro bytes per record").isLessThan(Math.max(2 * eventBytes, 1024));
    }
}
