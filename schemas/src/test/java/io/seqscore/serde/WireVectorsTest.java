package io.seqscore.serde;

import io.seqscore.avro.Event;
import io.seqscore.avro.ModelRelease;
import io.seqscore.avro.Score;
import io.seqscore.avro.ScoreStatus;
import io.seqscore.avro.ShadowScore;
import io.seqscore.avro.Signature;
import io.seqscore.testing.Fixtures;
import io.seqscore.testing.Hex;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Byte-exact Confluent wire vectors of every contract, derived by hand from the Avro specification
 * (see {@link Fixtures#TINY_RELEASE_BODY_V1} for the encoding rules). Each value is written into a fresh
 * mock registry, where the first schema gets id 1: header 00 | 00 00 00 01.
 */
class WireVectorsTest {
    private static final String SCOPE = "wire-vectors";
    private static final String HEADER_ID_1 = "00 | 00 00 00 01";

    @AfterEach
    void dropScope() {
        MockSchemaRegistry.dropScope(SCOPE);
    }

    private static <T extends SpecificRecord> byte[] write(T record) {
        AvroSerializer<T> serializer = new AvroSerializer<>();
        serializer.configure(Map.of("schema.registry.url", "mock://" + SCOPE), false);
        return serializer.serialize("t", record);
    }

    private static <T extends SpecificRecord> T read(Class<T> type, byte[] bytes) {
        AvroDeserializer<T> deserializer = AvroDeserializer.forClass(type);
        deserializer.configure(Map.of("schema.registry.url", "mock://" + SCOPE), false);
        return deserializer.deserialize("t", bytes);
    }

    @Test
    void eventWithoutAttributes() {
        Event event = Fixtures.event(1000, 1.5, -2.0);
        byte[] expected = Hex.bytes(HEADER_ID_1
                + "D0 0F"                                      // eventTime 1000 → zig-zag 2000 = 15·128 + 80
                + "04"                                         // values: block of 2 items
                + "00 00 00 00 00 00 F8 3F"                    // 1.5 = 3FF8000000000000, little-endian
                + "00 00 00 00 00 00 00 C0"                    // -2.0 = C000000000000000
                + "00"                                         // end of array
                + "00"                                         // attributes: union branch 0 (null)
                + "00");                                       // symbol: union branch 0 (null)
        byte[] bytes = write(event);
        assertThat(Hex.of(bytes)).isEqualTo(Hex.of(expected));
        assertThat(read(Event.class, bytes)).isEqualTo(event);
    }

    @Test
    void eventWithAttributes() {
        Event event = Event.newBuilder(Fixtures.event(64)).setAttributes(Map.of("site", "a1")).build();
        byte[] expected = Hex.bytes(HEADER_ID_1
                + "80 01"                                      // eventTime 64 → zig-zag 128 = 1·128 + 0
                + "00"                                         // values: empty array, just the end block
                + "02"                                         // attributes: union branch 1 (map)
                + "02"                                         // map block of 1 entry
                + "08 73 69 74 65"                             // key "site": length 4 → 08
                + "04 61 31"                                   // value "a1": length 2 → 04
                + "00"                                         // end of map
                + "00");                                       // symbol: null
        byte[] bytes = write(event);
        assertThat(Hex.of(bytes)).isEqualTo(Hex.of(expected));
        assertThat(read(Event.class, bytes)).isEqualTo(event);
    }

    @Test
    void score() {
        Score score = Score.newBuilder()
                .setEventTime(Instant.ofEpochMilli(1000))
                .setObserved(List.of(2.0))
                .setStatus(ScoreStatus.REWARMED)
                .setExpected(List.of(1.5))
                .setResidual(List.of(0.5))
                .setAnomalyScore(0.25)
                .setAnomaly(true)
                .setForecast(List.of(1.0))
                .setForecastLower(List.of(0.5))
                .setForecastUpper(List.of(1.5))
                .setHorizon(1)
                .setModelName("m")
                .setModelVersion(3L)
                .setStepsSeen(300L)
                .build();
        byte[] expected = Hex.bytes(HEADER_ID_1
                + "D0 0F"                                      // eventTime 1000
                + "02 00 00 00 00 00 00 00 40 00"              // observed [2.0]
                + "06"                                         // status REWARMED = symbol 3 → 06
                + "02 | 02 00 00 00 00 00 00 F8 3F 00"         // expected: branch 1, [1.5]
                + "02 | 02 00 00 00 00 00 00 E0 3F 00"         // residual: branch 1, [0.5]
                + "02 | 00 00 00 00 00 00 D0 3F"               // anomalyScore: branch 1, 0.25
                + "01"                                         // anomaly true
                + "02 00 00 00 00 00 00 F0 3F 00"              // forecast [1.0]
                + "02 00 00 00 00 00 00 E0 3F 00"              // forecastLower [0.5]
                + "02 00 00 00 00 00 00 F8 3F 00"              // forecastUpper [1.5]
                + "02"                                         // horizon 1
                + "02 | 02 6D"                                 // modelName: branch 1, "m"
                + "02 | 06"                                    // modelVersion: branch 1, 3 → 06
                + "D8 04"                                      // stepsSeen 300 → 600 = 4·128 + 88 → D8 04
                + "00 00"                                      // symbol, symbolRank: null
                + "00");                                       // nextSymbols []
        byte[] bytes = write(score);
        assertThat(Hex.of(bytes)).isEqualTo(Hex.of(expected));
        assertThat(read(Score.class, bytes)).isEqualTo(score);
    }

    /** The shadow score of a key without a model: every field at its default. */
    static ShadowScore noModelShadowScore() {
        return ShadowScore.newBuilder()
                .setShadow(Score.newBuilder()
                        .setEventTime(Instant.EPOCH)
                        .setObserved(List.of())
                        .setStatus(ScoreStatus.NO_MODEL)
                        .build())
                .build();
    }

    @Test
    void shadowScoreOfAKeyWithoutModelUsesEveryDefault() {
        ShadowScore shadow = noModelShadowScore();
        byte[] expected = Hex.bytes(HEADER_ID_1
                + "00"                                         // serving: branch 0 (null, the default)
                + "00"                                         // shadow.eventTime 0
                + "00"                                         // observed []
                + "04"                                         // status NO_MODEL = symbol 2
                + "00 00 00"                                   // expected, residual, anomalyScore: null
                + "00"                                         // anomaly false
                + "00 00 00"                                   // forecast, forecastLower, forecastUpper: []
                + "00"                                         // horizon 0
                + "00 00"                                      // modelName, modelVersion: null
                + "00"                                         // stepsSeen 0
                + "00 00 00");                                 // symbol, symbolRank: null; nextSymbols []
        byte[] bytes = write(shadow);
        assertThat(Hex.of(bytes)).isEqualTo(Hex.of(expected));
        assertThat(read(ShadowScore.class, bytes)).isEqualTo(shadow);
    }

    @Test
    void unsignedModelRelease() {
        ModelRelease release = Fixtures.tinyRelease();
        byte[] expected = Hex.bytes(HEADER_ID_1 + Fixtures.TINY_RELEASE_BODY);
        byte[] bytes = write(release);
        assertThat(Hex.of(bytes)).isEqualTo(Hex.of(expected));
        assertThat(read(ModelRelease.class, bytes)).isEqualTo(release);
    }

    @Test
    void modelReleaseWithSeasonalFeaturesEndsWithThem() {
        ModelRelease release = ModelRelease.newBuilder(Fixtures.tinyRelease()).setFeatures(Fixtures.seasonalFeatures()).build();
        byte[] expected = Hex.bytes(HEADER_ID_1 + Fixtures.tinyReleaseBody(Fixtures.SEASONAL_FEATURES));
        byte[] bytes = write(release);
        assertThat(Hex.of(bytes)).isEqualTo(Hex.of(expected));
        assertThat(read(ModelRelease.class, bytes)).isEqualTo(release);
    }

    @Test
    void signedModelReleaseHasTheSignatureBlockBeforeTheFeatures() {
        ModelRelease release = ModelRelease.newBuilder(Fixtures.tinyRelease())
                .setSignature(Signature.newBuilder()
                        .setKeyId("k1")
                        .setValue(ByteBuffer.wrap(new byte[] {1, 2, 3}))
                        .build())
                .build();
        String beforeSignature = Fixtures.tinyBodyBeforeSignature(Fixtures.DEFAULT_HEAD);
        byte[] expected = Hex.bytes(HEADER_ID_1 + beforeSignature
                + "02"                                         // signature: branch 1
                + "0E 45 64 32 35 35 31 39"                    // algorithm "Ed25519" (the default): length 7 → 0E
                + "04 6B 31"                                   // keyId "k1"
                + "02"                                         // canonicalForm 1 (the default)
                + "06 01 02 03"                                // value: 3 bytes
                + Fixtures.DEFAULT_FEATURES);                  // features, after the signature
        byte[] bytes = write(release);
        assertThat(Hex.of(bytes)).isEqualTo(Hex.of(expected));
        assertThat(read(ModelRelease.class, bytes)).isEqualTo(release);
    }
}

