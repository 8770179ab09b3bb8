package io.seqscore.serde;

import io.seqscore.avro.Event;
import io.seqscore.serde.FakeRegistryServer.Fault;
import io.seqscore.testing.Fixtures;
import io.seqscore.testing.Hex;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Confluent 8's header schema ids, byte for byte. The vectors are derived by hand from Confluent's
 * sources (see {@link HeaderSchemaIds}): the header is 01 and the schema's GUID, the MD5 of its text
 * (computed independently: {@code printf '%s' "$TEXT" | md5sum} gives 4c56918fc61229fccf56fcae471e8387),
 * or 00 and the 4-byte id; the value is the bare Avro body (x = 1 → zig-zag 02).
 */
class HeaderSchemaIdsTest {
    private static final String SCOPE = "header-ids";
    private static final String TEXT =
            "{\"type\":\"record\",\"name\":\"R\",\"namespace\":\"example\",\"fields\":[{\"name\":\"x\",\"type\":\"long\"}]}";
    private static final Schema R = new Schema.Parser().parse(TEXT);
    private static final String GUID_HEADER = "01 | 4C 56 91 8F C6 12 29 FC CF 56 FC AE 47 1E 83 87";
    private static final UUID GUID = UUID.fromString("4c56918f-c612-29fc-cf56-fcae471e8387");
    private static final String HEADER_SERIALIZER = "io.confluent.kafka.serializers.schema.id.HeaderSchemaIdSerializer";

    private FakeRegistryServer server;

    @AfterEach
    void cleanUp() {
        MockSchemaRegistry.dropScope(SCOPE);
        if (server != null) {
            server.close();
        }
    }

    private static GenericRecord r(long x) {
        GenericRecord rec = new GenericData.Record(R);
        rec.put("x", x);
        return rec;
    }

    private static Map<String, Object> config(Object... extra) {
        Map<String, Object> m = new HashMap<>();
        m.put("schema.registry.url", "mock://" + SCOPE);
        for (int i = 0; i < extra.length; i += 2) {
            m.put((String) extra[i], extra[i + 1]);
        }
        return m;
    }

    private static List<Header> all(Headers headers, String key) {
        return StreamSupport.stream(headers.headers(key).spliterator(), false).toList();
    }

    @Test
    void shouldComputeTheGuidAsConfluentsClientDoes() {
        assertThat(R.toString()).isEqualTo(TEXT);
        assertThat(HeaderSchemaIds.guidOf(TEXT)).isEqualTo(GUID);
        assertThat(Hex.of(HeaderSchemaIds.guidHeader(GUID))).isEqualTo(Hex.of(Hex.bytes(GUID_HEADER)));
    }

    @Test
    void shouldWriteTheGuidHeaderAndAnUnprefixedBodyWhenConfiguredAsConfluent() {
        AvroSerializer<GenericRecord> values = new AvroSerializer<>();
        values.configure(config("value.schema.id.serializer", HEADER_SERIALIZER), false);
        AvroSerializer<GenericRecord> keys = new AvroSerializer<>();
        keys.configure(config("key.schema.id.serializer", HEADER_SERIALIZER), true);
        Headers headers = new RecordHeaders();
        headers.add("__value_schema_id", Hex.bytes("00 | 00 00 00 63"));  // copied from an upstream record

        byte[] value = values.serialize("t", headers, r(1));
        byte[] key = keys.serialize("t", headers, r(1));

        assertThat(Hex.of(value)).isEqualTo("02");
        assertThat(Hex.of(key)).isEqualTo("02");
        assertThat(all(headers, "__value_schema_id")).singleElement()
                .satisfies(h -> assertThat(Hex.of(h.value())).isEqualTo(Hex.of(Hex.bytes(GUID_HEADER))));
        assertThat(all(headers, "__key_schema_id")).singleElement()
                .satisfies(h -> assertThat(Hex.of(h.value())).isEqualTo(Hex.of(Hex.bytes(GUID_HEADER))));
    }

    @Test
    void shouldDropAStaleIdHeaderWhenWritingThePrefix() {
        AvroSerializer<GenericRecord> values = new AvroSerializer<>();
        values.configure(config(), false);
        Headers headers = new RecordHeaders();
        headers.add("__value_schema_id", Hex.bytes(GUID_HEADER));
        headers.add("trace", new byte[] {7});

        byte[] value = values.serialize("t", headers, r(1));

        assertThat(Hex.of(value)).isEqualTo("00 00 00 00 01 02");
        assertThat(headers.lastHeader("__value_schema_id")).isNull();
        assertThat(headers.lastHeader("trace").value()).containsExactly(7);
    }

    @Test
    void shouldReadConfluentsHeaderFormsByGuidAndById() {
        MockSchemaRegistry.scope(SCOPE).register("t-value", R);
        AvroDeserializer<GenericRecord> values = new AvroDeserializer<>();
        values.configure(config(), false);
        AvroDeserializer<GenericRecord> keys = new AvroDeserializer<>();
        keys.configure(config(), true);

        Headers byGuid = new RecordHeaders().add("__value_schema_id", Hex.bytes(GUID_HEADER));
        Headers byId = new RecordHeaders().add("__value_schema_id", Hex.bytes("00 | 00 00 00 01"));
        Headers keyByGuid = new RecordHeaders().add("__key_schema_id", Hex.bytes(GUID_HEADER));
        Headers twoHeaders = new RecordHeaders().add("__value_schema_id", Hex.bytes("00 | 00 00 00 63"))
                .add("__value_schema_id", Hex.bytes(GUID_HEADER));

        assertThat(values.deserialize("t", byGuid, Hex.bytes("02"))).isEqualTo(r(1));
        assertThat(values.deserialize("t", byGuid, ByteBuffer.wrap(Hex.bytes("04")))).isEqualTo(r(2));
        assertThat(values.deserialize("t", byId, Hex.bytes("06"))).isEqualTo(r(3));
        assertThat(keys.deserialize("t", keyByGuid, Hex.bytes("08"))).isEqualTo(r(4));
        assertThat(values.deserialize("t", twoHeaders, Hex.bytes("0A"))).as("the last header counts").isEqualTo(r(5));
        assertThat(values.deserialize("t", keyByGuid, Hex.bytes("00 00 00 00 01 0C")))
                .as("a key header does not frame a value").isEqualTo(r(6));
        assertThat(values.deserialize("t", new RecordHeaders(), Hex.bytes("00 00 00 00 01 0E"))).isEqualTo(r(7));
    }

    @Test
    void shouldRoundTripGeneratedClassesThroughAConfluentStyleRegistryByGuid() throws IOException {
        server = new FakeRegistryServer();
        Map<String, Object> rest = Map.of("schema.registry.url", server.url(),
                "value.schema.id.serializer", HEADER_SERIALIZER);
        AvroSerializer<Event> serializer = new AvroSerializer<>();
        serializer.configure(rest, false);
        AvroDeserializer<Event> deserializer = AvroDeserializer.forClass(Event.class);
        deserializer.configure(rest, false);
        Headers headers = new RecordHeaders();

        byte[] value = serializer.serialize("events", headers, Fixtures.event(1000, 1.5));

        UUID guid = HeaderSchemaIds.guidOf(Event.getClassSchema().toString());
        assertThat(Hex.of(value)).isEqualTo("D0 0F 02 00 00 00 00 00 00 F8 3F 00 00 00");
        assertThat(headers.lastHeader("__value_schema_id").value()).isEqualTo(HeaderSchemaIds.guidHeader(guid));
        assertThat(deserializer.deserialize("events", headers, value)).isEqualTo(Fixtures.event(1000, 1.5));
        assertThat(server.requests()).extracting(FakeRegistryServer.Request::rawPath)
                .containsExactly("/subjects/events-value/versions", "/schemas/ids/1", "/schemas/guids/" + guid);
    }

    @Test
    void shouldUseTheGuidTheRegistryReports() throws IOException {
        server = new FakeRegistryServer();
        UUID reported = UUID.fromString("00112233-4455-6677-8899-aabbccddeeff");
        server.fail(Fault.raw(200, "{\"id\":5,\"guid\":\"" + reported + "\"}"));
        AvroSerializer<GenericRecord> serializer = new AvroSerializer<>();
        serializer.configure(Map.of("schema.registry.url", server.url(),
                "value.schema.id.serializer", HEADER_SERIALIZER), false);
        Headers headers = new RecordHeaders();

        serializer.serialize("t", headers, r(1));

        assertThat(Hex.of(headers.lastHeader("__value_schema_id").value()))
                .isEqualTo("01 00 11 22 33 44 55 66 77 88 99 AA BB CC DD EE FF");
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void shouldRejectMalformedHeadersAndUnknownGuidsWithTheReason() {
        MockSchemaRegistry.scope(SCOPE).register("t-value", R);
        AvroDeserializer<GenericRecord> values = new AvroDeserializer<>();
        values.configure(config(), false);
        byte[] body = Hex.bytes("02");

        assertThatThrownBy(() -> values.deserialize("t", headerOf("02 | 00 00 00 01"), body))
                .isInstanceOf(SerializationException.class)
                .hasMessage("Unknown schema id format 0x02 in the __value_schema_id header"
                        + " (expected 0x01 and a GUID, or 0x00 and an id)");
        assertThatThrownBy(() -> values.deserialize("t", headerOf("01 | 4C 56 91 8F"), body))
                .isInstanceOf(SerializationException.class)
                .hasMessage("The __value_schema_id header has 5 bytes; a GUID header has 17");
        assertThatThrownBy(() -> values.deserialize("t", headerOf(""), body))
                .isInstanceOf(SerializationException.class)
                .hasMessage("Empty __value_schema_id header: no schema id format byte");
        assertThatThrownBy(() -> values.deserialize("t", headerOf("01 | 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 01"), body))
                .isInstanceOf(SerializationException.class)
                .hasMessageStartingWith("Unknown schema GUID 00000000-0000-0000-0000-000000000001 (not in the Schema Registry)");
        assertThatThrownBy(() -> values.deserialize("t", headerOf(GUID_HEADER), Hex.bytes("02 02")))
                .isInstanceOf(SerializationException.class)
                .hasMessage("Body does not match writer schema GUID " + GUID + " (example.R): bytes are left over after the record");
    }

    @Test
    void shouldRefuseHeaderIdsWithoutHeadersAndUnknownSettings() {
        AvroSerializer<GenericRecord> values = new AvroSerializer<>();
        values.configure(config("value.schema.id.serializer", HEADER_SERIALIZER), false);

        assertThatThrownBy(() -> values.serialize("t", r(1)))
                .isInstanceOf(SerializationException.class)
                .hasMessage("value.schema.id.serializer=HeaderSchemaIdSerializer puts the schema id in the record's"
                        + " __value_schema_id header, but this call passed no headers");
        assertThat(values.serialize("t", null)).isNull();
        assertThatThrownBy(() -> new AvroSerializer<GenericRecord>().configure(
                config("value.schema.id.serializer", "HeaderSchemaIdSerializer"), false))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("value.schema.id.serializer");
    }

    private static Headers headerOf(String hex) {
        return new RecordHeaders().add("__value_schema_id", Hex.bytes(hex));
    }
}
