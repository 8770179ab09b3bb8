package io.seqscore.serde;

import io.seqscore.avro.Event;
import io.seqscore.avro.Score;
import io.seqscore.avro.ScoreStatus;
import io.seqscore.testing.Fixtures;
import io.seqscore.testing.Hex;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AvroSerdeTest {
    private static final String SCOPE = "serde-test";
    private static final String URL = "mock://" + SCOPE;

    /** Event v0: what an older producer wrote, before the attributes field. */
    static final Schema EVENT_V0 = new Schema.Parser().parse("""
            {"type": "record", "name": "Event", "namespace": "io.seqscore.avro", "fields": [
              {"name": "eventTime", "type": {"type": "long", "logicalType": "timestamp-millis"}},
              {"name": "values", "type": {"type": "array", "items": "double"}}]}""");

    /** A later Event with a unit field: what a newer producer may write. */
    static final Schema EVENT_WITH_UNIT = new Schema.Parser().parse("""
            {"type": "record", "name": "Event", "namespace": "io.seqscore.avro", "fields": [
              {"name": "eventTime", "type": {"type": "long", "logicalType": "timestamp-millis"}},
              {"name": "values", "type": {"type": "array", "items": "double"}},
              {"name": "attributes", "type": ["null", {"type": "map", "values": "string"}], "default": null},
              {"name": "unit", "type": "string", "default": "C"}]}""");

    @AfterEach
    void dropScope() {
        MockSchemaRegistry.dropScope(SCOPE);
    }

    private static MockSchemaRegistry registry() {
        return MockSchemaRegistry.scope(SCOPE);
    }

    private static Map<String, Object> config(Object... extra) {
        Map<String, Object> m = new HashMap<>();
        m.put("schema.registry.url", URL);
        for (int i = 0; i < extra.length; i += 2) {
            m.put((String) extra[i], extra[i + 1]);
        }
        return m;
    }

    private static <T extends org.apache.avro.generic.IndexedRecord> AvroSerializer<T> serializer(boolean isKey, Object... extra) {
        AvroSerializer<T> s = new AvroSerializer<>();
        s.configure(config(extra), isKey);
        return s;
    }

    private static <T extends SpecificRecord> AvroDeserializer<T> reader(Class<T> type) {
        AvroDeserializer<T> d = AvroDeserializer.forClass(type);
        d.configure(config(), false);
        return d;
    }

    private static GenericRecord eventV0(long millis, double... values) {
        GenericRecord r = new GenericData.Record(EVENT_V0);
        r.put("eventTime", millis);
        List<Double> list = new ArrayList<>();
        for (double v : values) {
            list.add(v);
        }
        r.put("values", list);
        return r;
    }

    @Test
    void specificSerdeRoundTrip() {
        try (Serde<Event> serde = new SpecificAvroSerde<>(Event.class)) {
            serde.configure(config(), false);
            Event event = Event.newBuilder(Fixtures.event(1_700_000_000_123L, 1.0, Double.MIN_VALUE, -0.0))
                    .setAttributes(Map.of("unit", "°C", "site", "north")).build();

            byte[] bytes = serde.serializer().serialize("events", event);

            assertThat(serde.deserializer().deserialize("events", bytes)).isEqualTo(event);
        }
    }

    @Test
    void genericRecordsWriteTheSameBytesAsGeneratedOnes() {
        GenericRecord generic = new GenericData.Record(Event.getClassSchema());
        generic.put("eventTime", 1000L);
        generic.put("values", List.of(1.5, -2.0));
        try (Serde<GenericRecord> serde = new GenericAvroSerde()) {
            serde.configure(config(), false);

            byte[] genericBytes = serde.serializer().serialize("events", generic);
            byte[] specificBytes = serializer(false).serialize("events", Fixtures.event(1000, 1.5, -2.0));
            GenericRecord back = serde.deserializer().deserialize("events", genericBytes);

            assertThat(genericBytes).isEqualTo(specificBytes);
            assertThat(back).isNotInstanceOf(Event.class);
            assertThat(back.get("eventTime")).isEqualTo(1000L);
            assertThat(back.get("values")).isEqualTo(List.of(1.5, -2.0));
            assertThat(back.get("attributes")).isNull();
        }
    }

    @Test
    void specificReaderSettingAndNoArgSerdeReturnTheClassTheWriterNames() {
        byte[] bytes = serializer(false).serialize("events", Fixtures.event(5, 1.0));

        AvroDeserializer<org.apache.avro.generic.IndexedRecord> generic = new AvroDeserializer<>();
        generic.configure(config(), false);
        AvroDeserializer<org.apache.avro.generic.IndexedRecord> specific = new AvroDeserializer<>();
        specific.configure(config("specific.avro.reader", "true"), false);
        SpecificAvroSerde<Event> serde = new SpecificAvroSerde<>();
        serde.configure(config(), false);

        assertThat(generic.deserialize("events", bytes)).isNotInstanceOf(Event.class);
        assertThat(specific.deserialize("events", bytes)).isEqualTo(Fixtures.event(5, 1.0));
        assertThat(serde.deserializer().deserialize("events", bytes)).isEqualTo(Fixtures.event(5, 1.0));
    }

    @Test
    void subjectNameStrategiesAcceptOursAndConfluentsNames() {
        serializer(false).serialize("events", Fixtures.event(1, 1.0));
        serializer(true).serialize("events", Fixtures.event(1, 1.0));
        serializer(false, "value.subject.name.strategy", "io.confluent.kafka.serializers.subject.RecordNameStrategy")
                .serialize("other", Fixtures.event(1, 1.0));
        serializer(false, "value.subject.name.strategy", TopicRecordNameStrategy.class.getName())
                .serialize("mixed", Fixtures.event(1, 1.0));
        serializer(true, "key.subject.name.strategy", "TopicRecordNameStrategy")
                .serialize("mixed", Fixtures.event(1, 1.0));

        assertThat(registry().subjects()).containsExactlyInAnyOrder("events-value", "events-key",
                "io.seqscore.avro.Event", "mixed-io.seqscore.avro.Event");
    }

    @Test
    void withoutAutoRegisterTheSchemaMustAlreadyBeRegistered() {
        AvroSerializer<Event> s = serializer(false, "auto.register.schemas", false);

        assertThatThrownBy(() -> s.serialize("events", Fixtures.event(1, 1.0)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("could not find schema io.seqscore.avro.Event under subject 'events-value'")
                .hasMessageContaining("auto.register.schemas=false")
                .hasCauseInstanceOf(SchemaRegistryException.class);

        registry().register("other-value", EVENT_V0);
        int id = registry().register("events-value", Event.getClassSchema());
        AvroSerializer<Event> again = serializer(false, "auto.register.schemas", false);
        byte[] bytes = again.serialize("events", Fixtures.event(1, 1.0));
        assertThat(id).isEqualTo(2);
        assertThat(WireFormat.schemaId(bytes, 0, bytes.length)).isEqualTo(2);
    }

    /**
     * use.latest.version writes with the subject's latest schema: an Event is converted to the later
     * schema with a unit field, whose default is appended to the body.
     */
    @Test
    void useLatestVersionWritesWithTheLatestSchema() {
        registry().register("events-value", Event.getClassSchema());
        int latestId = registry().register("events-value", EVENT_WITH_UNIT);
        AvroSerializer<Event> s = serializer(false, "auto.register.schemas", false, "use.latest.version", true);

        byte[] bytes = s.serialize("events", Fixtures.event(1000, 1.5));

        assertThat(Hex.of(bytes)).isEqualTo(Hex.of(Hex.bytes("00 00 00 00 0" + latestId
                + "D0 0F | 02 00 00 00 00 00 00 F8 3F 00"  // eventTime 1000, values [1.5]
                + "00"                                     // attributes null
                + "02 43")));                              // unit: the default "C"
        assertThat(reader(Event.class).deserialize("events", bytes)).isEqualTo(Fixtures.event(1000, 1.5));
    }

    @Test
    void useLatestVersionRefusesALatestSchemaThatCannotHoldTheRecord() {
        registry().register("events-value", new Schema.Parser().parse("""
                {"type": "record", "name": "Event", "namespace": "io.seqscore.avro", "fields": [
                  {"name": "eventTime", "type": "long"},
                  {"name": "unit", "type": "string"}]}"""));
        AvroSerializer<Event> s = serializer(false, "auto.register.schemas", false, "use.latest.version", true);

        assertThatThrownBy(() -> s.serialize("events", Fixtures.event(1000, 1.5)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("use.latest.version")
                .hasMessageContaining("cannot represent records of io.seqscore.avro.Event");
    }

    @Test
    void genericDeserializerWithUseLatestVersionReadsIntoTheLatestSchema() {
        AvroSerializer<GenericRecord> old = serializer(false);
        byte[] bytes = old.serialize("events", eventV0(7, 2.0));
        registry().register("events-value", Event.getClassSchema());
        AvroDeserializer<GenericRecord> d = new AvroDeserializer<>();
        d.configure(config("use.latest.version", true), false);

        GenericRecord read = d.deserialize("events", bytes);

        assertThat(read.getSchema()).isEqualTo(Event.getClassSchema());
        assertThat(read.get("attributes")).isNull();
        assertThat(read.get("values")).isEqualTo(List.of(2.0));
    }

    @Test
    void valuesWrittenWithAnOlderSchemaAreReadIntoTheCurrentClass() {
        AvroSerializer<GenericRecord> olderProducer = serializer(false);
        byte[] bytes = olderProducer.serialize("events", eventV0(1000, 1.5, 2.5));

        Event read = reader(Event.class).deserialize("events", bytes);

        assertThat(read).isEqualTo(Fixtures.event(1000, 1.5, 2.5));
        assertThat(read.getAttributes()).isNull();
    }

    @Test
    void valuesWrittenWithANewerCompatibleSchemaAreReadIntoTheCurrentClass() {
        registry().register("events-value", Event.getClassSchema());
        GenericRecord newer = new GenericData.Record(EVENT_WITH_UNIT);
        newer.put("eventTime", 1000L);
        newer.put("values", List.of(3.0));
        newer.put("unit", "K");
        byte[] bytes = serializer(false).serialize("events", newer);

        assertThat(reader(Event.class).deserialize("events", bytes)).isEqualTo(Fixtures.event(1000, 3.0));
    }

    @Test
    void byteBufferInputIsReadInPlaceFromItsPositionAndLength() {
        byte[] bytes = serializer(false).serialize("events", Fixtures.event(9, 4.0));
        byte[] padded = new byte[bytes.length + 7];
        System.arraycopy(bytes, 0, padded, 3, bytes.length);
        ByteBuffer view = ByteBuffer.wrap(padded, 3, bytes.length).slice();
        ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();

        AvroDeserializer<Event> d = reader(Event.class);

        assertThat(d.deserialize("events", null, view)).isEqualTo(Fixtures.event(9, 4.0));
        assertThat(d.deserialize("events", null, direct)).isEqualTo(Fixtures.event(9, 4.0));
    }

    @Test
    void nullIsATombstoneBothWays() {
        assertThat(serializer(false).serialize("events", null)).isNull();
        assertThat(reader(Event.class).deserialize("events", (byte[]) null)).isNull();
        assertThat(reader(Event.class).deserialize("events", null, (ByteBuffer) null)).isNull();
    }

    @Test
    void aRecordThatDoesNotMatchItsSchemaIsASerializationExceptionAndTheSerializerGoesOn() {
        AvroSerializer<GenericRecord> s = serializer(false);
        GenericRecord broken = new GenericData.Record(Event.getClassSchema());
        broken.put("eventTime", 1L);

        assertThatThrownBy(() -> s.serialize("events", broken))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("does not match its schema")
                .hasMessageContaining("values");
        GenericRecord fine = new GenericData.Record(Event.getClassSchema());
        fine.put("eventTime", 1L);
        fine.put("values", List.of());
        assertThat(s.serialize("events", fine)).isEqualTo(Hex.bytes("00 00 00 00 01 | 02 | 00 | 00 | 00"));
    }

    @Test
    void aSchemaTheRegistryRefusesIsASerializationExceptionWithTheRegistryError() {
        serializer(false).serialize("events", Fixtures.event(1, 1.0));
        Score score = Score.newBuilder().setEventTime(Instant.EPOCH).setObserved(List.of())
                .setStatus(ScoreStatus.NO_MODEL).build();

        assertThatThrownBy(() -> serializer(false).serialize("events", score))
                .isInstanceOf(SerializationException.class)
                .hasMessageStartingWith("Schema Registry error: could not register schema io.seqscore.avro.Score"
                        + " under subject 'events-value'")
                .cause().isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.INCOMPATIBLE_SCHEMA);
                    assertThat(e.isTransient()).isFalse();
                });
    }

    @Test
    void oneSerdeServesManyThreadsWithIdenticalOutput() throws Exception {
        AvroSerializer<Event> s = serializer(false);
        AvroDeserializer<Event> d = reader(Event.class);
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            events.add(Fixtures.event(i, (double) i, i * 0.5));
        }
        List<byte[]> expected = new ArrayList<>();
        for (Event e : events) {
            expected.add(s.serialize("events", e));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(pool.submit(() -> {
                    for (int round = 0; round < 20; round++) {
                        for (int i = 0; i < events.size(); i++) {
                            byte[] bytes = s.serialize("events", events.get(i));
                            if (!java.util.Arrays.equals(bytes, expected.get(i))
                                    || !d.deserialize("events", bytes).equals(events.get(i))) {
                                return false;
                            }
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> r : results) {
                assertThat(r.get(60, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
