package io.seqscore.serde;

import io.seqscore.avro.Event;
import io.seqscore.avro.ModelRelease;
import io.seqscore.avro.Score;
import io.seqscore.avro.ScoreStatus;
import io.seqscore.testing.Fixtures;
import io.seqscore.testing.Hex;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every kind of bad input is a SerializationException that says which; nothing else escapes. */
class DeserializerBadInputTest {
    private static final String SCOPE = "bad-input";
    private static final Map<String, String> CONFIG = Map.of("schema.registry.url", "mock://" + SCOPE);

    private AvroDeserializer<Event> events;
    /** Event(1000, [1.5]) framed with id 1: 00 00000001 | D0 0F | 02 <1.5> 00 | 00. */
    private byte[] valid;

    @BeforeEach
    void writeOneEvent() {
        AvroSerializer<Event> s = new AvroSerializer<>();
        s.configure(CONFIG, false);
        valid = s.serialize("events", Fixtures.event(1000, 1.5));
        events = AvroDeserializer.forClass(Event.class);
        events.configure(CONFIG, false);
    }

    @AfterEach
    void dropScope() {
        MockSchemaRegistry.dropScope(SCOPE);
    }

    @Test
    void validBytesAreWhatTheseTestsCorrupt() {
        assertThat(Hex.of(valid)).isEqualTo("00 00 00 00 01 D0 0F 02 00 00 00 00 00 00 F8 3F 00 00 00");
        assertThat(events.deserialize("events", valid)).isEqualTo(Fixtures.event(1000, 1.5));
    }

    @Test
    void wrongMagicByte() {
        byte[] bytes = valid.clone();
        bytes[0] = 0x7B;
        assertThatThrownBy(() -> events.deserialize("events", bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessage("Unknown magic byte 0x7b (expected 0x00): not a Confluent-framed Avro value");
    }

    @Test
    void truncatedHeader() {
        assertThatThrownBy(() -> events.deserialize("events", new byte[] {0, 0, 0}))
                .isInstanceOf(SerializationException.class)
                .hasMessageStartingWith("Truncated value: 3 bytes");
        assertThatThrownBy(() -> events.deserialize("events", new byte[0]))
                .isInstanceOf(SerializationException.class)
                .hasMessageStartingWith("Truncated value: 0 bytes");
    }

    @Test
    void unknownSchemaId() {
        byte[] bytes = valid.clone();
        bytes[4] = 99;
        assertThatThrownBy(() -> events.deserialize("events", bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageStartingWith("Unknown schema id 99 (not in the Schema Registry)")
                .cause().isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.SCHEMA_NOT_FOUND);
                });
    }

    @Test
    void truncatedBody() {
        byte[] bytes = Arrays.copyOf(valid, valid.length - 4);
        assertThatThrownBy(() -> events.deserialize("events", bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageStartingWith("Truncated body: the value ends before its io.seqscore.avro.Event (writer schema id 1) does");
    }

    @Test
    void bytesLeftOverAfterTheRecord() {
        byte[] bytes = Arrays.copyOf(valid, valid.length + 1);
        assertThatThrownBy(() -> events.deserialize("events", bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessage("Body does not match writer schema id 1 (io.seqscore.avro.Event): bytes are left over after the record");
    }

    @Test
    void unionBranchThatDoesNotExist() {
        byte[] bytes = valid.clone();
        bytes[bytes.length - 1] = 0x0A; // attributes: branch 5 of a 2-branch union
        assertThatThrownBy(() -> events.deserialize("events", bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageStartingWith("Body does not match writer schema id 1 (io.seqscore.avro.Event)");
    }

    @Test
    void negativeLength() {
        byte[] bytes = Hex.bytes("00 00 00 00 01 | D0 0F | 00 | 02 02 | 03"); // attribute key of length -2
        assertThatThrownBy(() -> events.deserialize("events", bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageStartingWith("Body does not match writer schema id 1 (io.seqscore.avro.Event)");
    }

    @Test
    void arrayClaimingBillionsOfItemsFailsWithoutAllocatingThem() {
        byte[] bytes = Hex.bytes("00 00 00 00 01 | D0 0F | FE FF FF FF 0F | 00 00 00 00 00 00 F8 3F"); // count 2^31-1
        assertThatThrownBy(() -> events.deserialize("events", bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("io.seqscore.avro.Event");
    }

    @Test
    void writerSchemaOfAnotherRecord() {
        AvroSerializer<Score> s = new AvroSerializer<>();
        s.configure(CONFIG, false);
        byte[] score = s.serialize("scores", Score.newBuilder().setEventTime(Instant.EPOCH).setObserved(List.of())
                .setStatus(ScoreStatus.OK).build());

        assertThatThrownBy(() -> events.deserialize("scores", score))
                .isInstanceOf(SerializationException.class)
                .hasMessageStartingWith("Writer schema id 2 (io.seqscore.avro.Score) cannot be read as io.seqscore.avro.Event");
        assertThatThrownBy(() -> events.deserialize("scores", score))
                .as("the verdict is cached, and stays the same")
                .hasMessageStartingWith("Writer schema id 2 (io.seqscore.avro.Score) cannot be read as io.seqscore.avro.Event");
    }

    @Test
    void specificReaderWithoutAGeneratedClass() {
        Schema unknown = new Schema.Parser().parse(
                "{\"type\":\"record\",\"name\":\"Mystery\",\"namespace\":\"org.example\",\"fields\":[{\"name\":\"x\",\"type\":\"int\"}]}");
        GenericRecord r = new GenericData.Record(unknown);
        r.put("x", 1);
        AvroSerializer<GenericRecord> s = new AvroSerializer<>();
        s.configure(CONFIG, false);
        byte[] bytes = s.serialize("t", r);
        AvroDeserializer<IndexedRecord> d = new AvroDeserializer<>();
        d.configure(Map.of("schema.registry.url", "mock://" + SCOPE, "specific.avro.reader", "true"), false);

        assertThatThrownBy(() -> d.deserialize("t", bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessage("specific.avro.reader=true but no generated class org.example.Mystery (writer schema id 2)"
                        + " is on the classpath");
    }

    @Test
    void unreachableRegistryGivesUpAfterBoundedRetries() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        AvroDeserializer<Event> d = AvroDeserializer.forClass(Event.class);
        d.configure(Map.of("schema.registry.url", "http://127.0.0.1:" + closedPort, "max.retries", "1",
                "retries.wait.ms", "1"), false);

        assertThatThrownBy(() -> d.deserialize("events", valid))
                .isInstanceOf(SerializationException.class)
                .hasMessageStartingWith("Schema Registry unavailable while fetching schema id 1: Schema Registry unavailable:"
                        + " no success after 2 attempts over 1 URL")
                .cause().isInstanceOfSatisfying(SchemaRegistryException.class,
                        e -> assertThat(e.isUnreachable()).isTrue());
    }

    /**
     * Random corruption of a model release (flipped bytes, cuts, inserted bytes): every outcome is a
     * decoded record or a SerializationException, never any other exception.
     */
    @Test
    void randomCorruptionOnlyEverGivesSerializationExceptions() {
        AvroSerializer<ModelRelease> s = new AvroSerializer<>();
        s.configure(CONFIG, false);
        byte[] release = s.serialize("models", Fixtures.tinyRelease());
        AvroDeserializer<ModelRelease> d = AvroDeserializer.forClass(ModelRelease.class);
        d.configure(CONFIG, false);
        SplittableRandom random = new SplittableRandom(42);
        int decoded = 0;
        int refused = 0;
        for (int trial = 0; trial < 3000; trial++) {
            byte[] bytes = corrupt(release, random);
            try {
                d.deserialize("models", bytes);
                decoded++;
            } catch (SerializationException expected) {
                refused++;
            }
        }
        assertThat(decoded + refused).isEqualTo(3000);
        assertThat(refused).isGreaterThan(1000);
    }

    private static byte[] corrupt(byte[] original, SplittableRandom random) {
        byte[] bytes = original.clone();
        switch (random.nextInt(3)) {
            case 0 -> {
                int flips = 1 + random.nextInt(3);
                for (int i = 0; i < flips; i++) {
                    bytes[WireFormat.HEADER_SIZE + random.nextInt(bytes.length - WireFormat.HEADER_SIZE)] =
                            (byte) random.nextInt(256);
                }
            }
            case 1 -> bytes = Arrays.copyOf(bytes, WireFormat.HEADER_SIZE + random.nextInt(bytes.length - WireFormat.HEADER_SIZE));
            default -> {
                int at = WireFormat.HEADER_SIZE + random.nextInt(bytes.length - WireFormat.HEADER_SIZE);
                byte[] longer = new byte[bytes.length + 1];
                System.arraycopy(bytes, 0, longer, 0, at);
                longer[at] = (byte) random.nextInt(256);
                System.arraycopy(bytes, at, longer, at + 1, bytes.length - at);
                bytes = longer;
            }
        }
        return bytes;
    }
}
