package io.seqscore.app.state;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.zip.CRC32;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeyStateCodecTest {
    private final KeyStateCodec codec = new KeyStateCodec();

    private static byte[] fixture() throws IOException {
        return fixture("key-state-v1.bin");
    }

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = KeyStateCodecTest.class.getResourceAsStream("/fixtures/" + name)) {
            assertThat(in).as("fixture " + name).isNotNull();
            return in.readAllBytes();
        }
    }

    @Test
    void shouldKeepDecodingTheVersion1Fixture() throws IOException {
        KeyState s = new KeyState();
        codec.decode(fixture(), s);

        assertThat(s.modelName()).isEqualTo("sensors-λ");
        assertThat(s.modelVersion()).isEqualTo(7L);
        assertThat(s.stepsSeen()).isEqualTo(42L);
        assertThat(s.lastEventTime()).isEqualTo(1_700_000_000_123L);
        assertThat(s.lastUpdateWallClock()).isEqualTo(1_700_000_999_000L);
        assertThat(s.lastAnomalyScore()).isEqualTo(0.975);
        assertThat(s.lastFlagged()).isTrue();
        assertThat(s.inputSize()).isEqualTo(2);
        assertThat(s.recurrentSize()).isEqualTo(4);
        assertThat(bits(s.recurrent(), 4)).containsExactly(bits(new float[] {0.25f, -0.0f, Float.MIN_VALUE, -1.5e-3f}, 4));
        assertThat(s.horizon()).isEqualTo(2);
        assertThat(s.outputDim()).isEqualTo(2);
        assertThat(Arrays.copyOf(s.forecast(), 4)).containsExactly(10.5f, -3.25f, 11f, Float.MAX_VALUE);
        assertThat(s.residualCount()).isEqualTo(41);
        assertThat(s.residualDims()).isEqualTo(2);
        assertThat(Arrays.copyOf(s.residualMean(), 2)).containsExactly(0.125f, -0.5f);
        assertThat(Arrays.copyOf(s.residualVar(), 2)).containsExactly(1.25f, 0.75f);
        assertThat(s.normalizerCount()).isEqualTo(2);
        assertThat(Arrays.copyOf(s.normalizerMean(), 2)).containsExactly(2f, 4f);
        assertThat(Arrays.copyOf(s.normalizerM2(), 2)).containsExactly(2f, 8f);
        assertThat(s.ringCapacity()).isEqualTo(3);
        assertThat(s.ringCount()).isEqualTo(3);
        float[] input = new float[2];
        for (int i = 0; i < 3; i++) {
            s.copyRingInput(i, input, 0);
            assertThat(input).containsExactly(i + 1f, -(i + 1) * 0.5f);
            assertThat(s.ringTime(i)).as("format 1 kept no times").isEqualTo(KeyState.NO_TIME);
        }
        assertThat(s.history(0, 3).newestAtOrBefore(Long.MAX_VALUE, Long.MAX_VALUE - 1))
                .as("an unknown time is never found by a look-back").isEqualTo(-1);
        assertThat(s.detectorSize()).isZero();
    }

    @Test
    void shouldReEncodeAVersion1StateAsFormat4WithUnknownTimes() throws IOException {
        KeyState s = KeyStateCodec.decode(fixture());
        byte[] v4 = codec.encode(s);
        assertThat(v4[0]).isEqualTo((byte) 4);
        assertThat(v4).as("format 1 kept no times: format 4 stores the 3 unknown ones (Long.MIN_VALUE) absolute,"
                + " and takes less than format 3 (times, detector and replay-guard bytes)")
                .hasSize(178).hasSizeLessThan(fixture().length + 8 * 3 + 1 + 1);
        KeyState back = KeyStateCodec.decode(v4);
        assertThat(back.ringTime(2)).isEqualTo(KeyState.NO_TIME);
        SameState.assertSameFields(back, s);
        assertThat(codec.encode(back)).isEqualTo(v4);
    }

    @Test
    void shouldKeepDecodingTheVersion2Fixture() throws IOException {
        KeyState s = KeyStateCodec.decode(fixture("key-state-v2.bin"));
        assertThat(s.modelName()).isEqualTo("sensors-λ");
        assertThat(s.ringCount()).isEqualTo(3);
        float[] input = new float[2];
        for (int i = 0; i < 3; i++) {
            s.copyRingInput(i, input, 0);
            assertThat(input).containsExactly(i + 1f, -(i + 1) * 0.5f);
            assertThat(s.ringTime(i)).isEqualTo(1_700_000_000_000L + 300_000L * (i + 1));
        }
        assertThat(s.hasDetector(2, 2, 5)).isTrue();
        assertThat(Arrays.copyOf(s.detector(), 5))
                .containsExactly(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, 0.1, -1e300);
        assertThat(s.detectorCounters()).containsExactly(42L, 41L, 0L, Long.MIN_VALUE / 2);
    }

    @Test
    void shouldReEncodeAVersion2StateAsFormat4WithoutReplayGuard() throws IOException {
        byte[] v2 = fixture("key-state-v2.bin");
        KeyState s = KeyStateCodec.decode(v2);
        assertThat(s.tracksReplay()).isFalse();
        assertThat(s.hasCheckpoint()).isFalse();
        byte[] v4 = codec.encode(s);
        assertThat(v4[0]).isEqualTo((byte) 4);
        assertThat(StatePartsTest.partIds(v4)).as("no replay guard part").containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(v4.length).isLessThan(v2.length);
        SameState.assertSameFields(KeyStateCodec.decode(v4), s);
    }

    @Test
    void shouldKeepDecodingTheVersion3FixtureWithItsReplayGuard() throws IOException {
        KeyState s = KeyStateCodec.decode(fixture("key-state-v3.bin"));
        assertThat(s.tracksReplay()).isTrue();
        assertThat(s.replayPartition()).isEqualTo(3);
        assertThat(s.replayOffset()).isEqualTo(1_234_567L);
        assertThat(s.replayEpoch()).isEqualTo(0x5EED_0000_0001L);
        assertThat(s.checkpointOffset()).isEqualTo(1_234_500L);
        KeyState checkpoint = KeyStateCodec.decode(s.checkpoint());
        assertThat(checkpoint.tracksReplay()).isFalse();
        assertThat(checkpoint.modelName()).isEqualTo("sensors-λ");
        assertThat(checkpoint.stepsSeen()).isEqualTo(s.stepsSeen() - 1);
        assertThat(codec.encode(checkpoint)).isEqualTo(s.checkpoint());
    }

    @Test
    void shouldDecodeEachOldFixtureToTheStateItWasWrittenFrom() throws IOException {
        SameState.assertSameFields(KeyStateCodec.decode(fixture("key-state-v2.bin")), KeyStateFixtures.v2());
        KeyState v3 = KeyStateCodec.decode(fixture("key-state-v3.bin"));
        SameState.assertSameFields(v3, KeyStateFixtures.v3());
        assertThat(v3.checkpoint()[0]).as("a format-3 checkpoint is rewritten as format 4").isEqualTo((byte) 4);
        assertThat(v3.checkpoint()).isEqualTo(codec.encodeWithoutReplay(KeyStateCodec.decode(v3.checkpoint())));
    }

    @Test
    void shouldReEncodeAVersion3StateAsFormat4WithTheSameFields() throws IOException {
        KeyState v3 = KeyStateCodec.decode(fixture("key-state-v3.bin"));
        byte[] v4 = codec.encode(v3);
        assertThat(StatePartsTest.partIds(v4)).containsExactly(1, 2, 3, 4, 5, 6, 7);
        KeyState back = KeyStateCodec.decode(v4);
        SameState.assertSameFields(back, v3);
        assertThat(back.checkpoint()).isEqualTo(v3.checkpoint());
        assertThat(v4).as("the v4 fixture is this state in format 4").isEqualTo(fixture("key-state-v4.bin"));
    }

    @Test
    void shouldKeepDecodingTheVersion4Fixture() throws IOException {
        byte[] v4 = fixture("key-state-v4.bin");
        KeyState s = KeyStateCodec.decode(v4);
        assertThat(s.modelName()).isEqualTo("sensors-λ");
        assertThat(s.modelVersion()).isEqualTo(7L);
        assertThat(s.stepsSeen()).isEqualTo(43L);
        assertThat(s.lastEventTime()).isEqualTo(1_700_000_000_000L + 300_000L * 4);
        assertThat(s.lastUpdateWallClock()).isEqualTo(1_700_000_999_000L);
        assertThat(s.lastAnomalyScore()).isEqualTo(0.975);
        assertThat(s.lastFlagged()).isTrue();
        assertThat(s.inputSize()).isEqualTo(2);
        assertThat(SameState.bits(s.recurrent(), 4))
                .containsExactly(SameState.bits(new float[] {0.25f, -0.0f, Float.MIN_VALUE, -1.5e-3f}, 4));
        assertThat(Arrays.copyOf(s.forecast(), 4)).containsExactly(10.5f, -3.25f, 11f, Float.MAX_VALUE);
        assertThat(s.residualCount()).isEqualTo(41);
        assertThat(Arrays.copyOf(s.residualVar(), 2)).containsExactly(1.25f, 0.75f);
        assertThat(Arrays.copyOf(s.normalizerM2(), 2)).containsExactly(2f, 8f);
        assertThat(s.ringCapacity()).isEqualTo(3);
        float[] input = new float[2];
        for (int i = 0; i < 3; i++) {
            s.copyRingInput(i, input, 0);
            assertThat(input).containsExactly(i + 2f, -(i + 2) * 0.5f);
            assertThat(s.ringTime(i)).isEqualTo(1_700_000_000_000L + 300_000L * (i + 2));
        }
        assertThat(Arrays.copyOf(s.detector(), 5))
                .containsExactly(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, 0.1, -1e300);
        assertThat(s.detectorCounters()).containsExactly(42L, 41L, 0L, Long.MIN_VALUE / 2);
        assertThat(s.replayPartition()).isEqualTo(3);
        assertThat(s.replayOffset()).isEqualTo(1_234_567L);
        assertThat(s.replayEpoch()).isEqualTo(0x5EED_0000_0001L);
        assertThat(s.checkpointOffset()).isEqualTo(1_234_500L);
        SameState.assertSameFields(KeyStateCodec.decode(s.checkpoint()), KeyStateFixtures.v2());
        assertThat(codec.lastUpdateWallClock(v4)).isEqualTo(1_700_000_999_000L);
    }

    @Test
    void shouldEncodeTheFixtureStateToTheFixtureBytesWhileFormat4IsCurrent() throws IOException {
        assertThat(KeyStateCodec.FORMAT_VERSION).isEqualTo(4);
        assertThat(codec.encode(KeyStateFixtures.v4())).isEqualTo(fixture("key-state-v4.bin"));
    }

    @Test
    void shouldRejectACheckpointOffsetAfterTheStatesOwnOffset() {
        KeyState s = KeyStateFixtures.v3();
        s.replayPosition(3, 10L, 1L);
        s.adoptCheckpoint(codec.encodeWithoutReplay(KeyStateFixtures.v2()), 11L);
        byte[] bytes = codec.encode(s);
        assertThatThrownBy(() -> KeyStateCodec.decode(bytes)).isInstanceOf(StateFormatException.class)
                .hasMessageContaining("checkpoint offset 11");
    }

    @Test
    void shouldRoundTripRandomStatesBitForBit() {
        SplittableRandom random = new SplittableRandom(11);
        KeyState reused = new KeyState();
        for (int trial = 0; trial < 200; trial++) {
            KeyState s = KeyStateFixtures.random(random);
            byte[] bytes = codec.encode(s);
            codec.decode(bytes, reused);
            assertThat(codec.encode(reused)).isEqualTo(bytes);
            assertThat(bits(reused.recurrent(), reused.recurrentSize())).containsExactly(bits(s.recurrent(), s.recurrentSize()));
            assertThat(reused.ringCount()).isEqualTo(s.ringCount());
            for (int i = 0; i < s.ringCount(); i++) {
                assertThat(reused.ringTime(i)).isEqualTo(s.ringTime(i));
            }
            assertThat(reused.detectorSize()).isEqualTo(s.detectorSize());
            assertThat(reused.detectorCounters()).containsExactly(s.detectorCounters());
            assertThat(codec.lastUpdateWallClock(bytes)).isEqualTo(s.lastUpdateWallClock());
        }
    }

    @Test
    void shouldWriteAWrappedRingOldestFirstAsAnUnwrappedOne() {
        KeyState wrapped = new KeyState();
        wrapped.inputSize(2);
        wrapped.ringCapacity(3);
        KeyState fresh = new KeyState();
        fresh.inputSize(2);
        fresh.ringCapacity(3);
        for (int t = 1; t <= 5; t++) {
            wrapped.pushInput(100L * t, new float[] {t, -t});
            if (t >= 3) {
                fresh.pushInput(100L * t, new float[] {t, -t});
            }
        }
        byte[] bytes = codec.encode(wrapped);
        assertThat(bytes).isEqualTo(codec.encode(fresh));
        KeyState decoded = KeyStateCodec.decode(bytes);
        float[] x = new float[2];
        for (int i = 0; i < 3; i++) {
            decoded.copyRingInput(i, x, 0);
            assertThat(decoded.ringTime(i)).isEqualTo(100L * (i + 3));
            assertThat(x).containsExactly(i + 3f, -(i + 3f));
        }
    }

    @Test
    void shouldStoreRingTimesAbsoluteWhenTheNewestOfAWrappedRingIsFarFromTheOldest() {
        for (long gap : new long[] {Integer.MAX_VALUE - 10L, Integer.MAX_VALUE - 9L, Long.MAX_VALUE / 2}) {
            KeyState wrapped = new KeyState();
            wrapped.inputSize(1);
            wrapped.ringCapacity(3);
            long[] times = {10L, 20L, 30L, 30L + gap};
            for (int t = 0; t < times.length; t++) {
                wrapped.pushInput(times[t], new float[] {t});
            }
            KeyState decoded = KeyStateCodec.decode(codec.encode(wrapped));
            float[] x = new float[1];
            for (int i = 0; i < 3; i++) {
                decoded.copyRingInput(i, x, 0);
                assertThat(decoded.ringTime(i)).as("gap %d, entry %d", gap, i).isEqualTo(times[i + 1]);
                assertThat(x).containsExactly(i + 1f);
            }
            int bytes = codec.encode(wrapped).length;
            KeyState near = new KeyState();
            near.inputSize(1);
            near.ringCapacity(3);
            for (int t = 1; t < times.length; t++) {
                near.pushInput(20L + t, new float[] {t});
            }
            int nearBytes = codec.encode(near).length;
            assertThat(bytes - nearBytes).as("gap %d: relative (base + 3 × i32) or absolute (3 × i64)", gap)
                    .isEqualTo(gap + 10L <= Integer.MAX_VALUE ? 0 : 3 * 8 - (8 + 3 * 4));
        }
    }

    @Test
    void shouldRoundTripAFreshKeyWithoutModel() {
        KeyState s = new KeyState();
        s.ringCapacity(4);
        s.inputSize(1);
        s.pushInput(5L, new float[] {3f});
        s.lastEventTime(5L);
        byte[] bytes = codec.encode(s);
        KeyState back = KeyStateCodec.decode(bytes);
        assertThat(back.hasModel()).isFalse();
        assertThat(back.modelName()).isEmpty();
        assertThat(back.recurrentSize()).isZero();
        assertThat(back.hasForecast()).isFalse();
        assertThat(back.ringCount()).isEqualTo(1);
        assertThat(back.ringTime(0)).isEqualTo(5L);
        assertThat(back.lastAnomalyScore()).isNaN();
    }

    @Test
    void shouldTakeTheDocumentedNumberOfBytes() {
        KeyState s = new KeyState();
        s.ringCapacity(32);
        s.inputSize(1);
        s.resetRecurrent("default", 1, 128, 1);
        s.forecastBuffer(1, 1);
        for (int i = 0; i < 40; i++) {
            s.pushInput(i, new float[] {i});
        }
        // frame 5; key part 3 + 26; recurrent 4 + 1 + 7 + 1 + 1 + 2 + 4·128 + 1 + 1 + 4·1; residuals 3 + 1 + 1 + 4·2;
        // ring 4 + 1 + 1 + 1 + 1 + 8 (base time) + 32 × (4 + 4·1). Format 3 took 989.
        assertThat(codec.encode(s)).hasSize(5 + 29 + (4 + 14 + 4 * (128 + 1)) + 13 + (16 + 32 * 8)).hasSize(853);
    }

    @Test
    void shouldTakeTheDocumentedNumberOfBytesWithTheRangeDetectorAndADayOfEvents() {
        KeyState s = new KeyState();
        s.ringCapacity(321);
        s.inputSize(1);
        s.resetRecurrent("default", 1, 32, 1);
        s.forecastBuffer(4, 1);
        s.detectorBuffer(1, 1, 15);
        for (int i = 0; i < 400; i++) {
            s.pushInput(i, new float[] {i});
        }
        // ring: 2-byte capacity, count and length varints; detector part 4 + 3 + 8·15 + 8·4. Format 3 took 4,245.
        assertThat(codec.encode(s)).hasSize(5 + 29 + (4 + 13 + 4 * (32 + 4)) + 13 + (18 + 321 * 8) + (4 + 155))
                .hasSize(2953);
    }

    @Test
    void shouldRejectAnUnknownVersion() throws IOException {
        byte[] bytes = fixture();
        bytes[0] = 5;
        assertThatThrownBy(() -> codec.decode(bytes, new KeyState()))
                .isInstanceOf(StateFormatException.class)
                .hasMessage("unknown state format version 5 (this build reads versions 1 to 4)");
        bytes[0] = 0;
        assertThatThrownBy(() -> codec.decode(bytes, new KeyState())).hasMessageStartingWith("unknown state format version 0");
    }

    @Test
    void shouldRejectAFlippedBitByItsChecksum() throws IOException {
        byte[] bytes = fixture();
        bytes[40] ^= 0x10;
        byte[] v4 = codec.encode(KeyStateFixtures.v4());
        v4[40] ^= 0x10;
        assertThatThrownBy(() -> codec.decode(v4, new KeyState())).isInstanceOf(StateFormatException.class)
                .hasMessageStartingWith("state checksum mismatch: stored CRC-32 0x");
        assertThatThrownBy(() -> codec.decode(bytes, new KeyState()))
                .isInstanceOf(StateFormatException.class)
                .hasMessageStartingWith("state checksum mismatch: stored CRC-32 0x");
        assertThatThrownBy(() -> codec.lastUpdateWallClock(bytes)).isInstanceOf(StateFormatException.class);
    }

    @Test
    void shouldRejectTruncatedAndTrailingBytesEvenWithAValidChecksum() throws IOException {
        byte[] bytes = fixture();
        byte[] truncated = withCrc(Arrays.copyOf(bytes, 60));
        assertThatThrownBy(() -> codec.decode(truncated, new KeyState()))
                .isInstanceOf(StateFormatException.class)
                .hasMessage("truncated state: recurrent state length needs 4 bytes at offset 56, 0 remain before the checksum");
        byte[] longer = withCrc(Arrays.copyOf(bytes, bytes.length + 3));
        assertThatThrownBy(() -> codec.decode(longer, new KeyState()))
                .isInstanceOf(StateFormatException.class)
                .hasMessage("3 unexpected bytes after the buffered inputs");
        assertThatThrownBy(() -> codec.decode(new byte[0], new KeyState())).hasMessage("empty state value");
        assertThatThrownBy(() -> codec.decode(null, new KeyState())).hasMessage("no state bytes");
        assertThatThrownBy(() -> codec.decode(new byte[] {1, 0, 0}, new KeyState())).hasMessage("truncated state: 3 bytes");
    }

    @Test
    void shouldRejectInconsistentLengths() {
        KeyState s = new KeyState();
        s.ringCapacity(2);
        s.inputSize(1);
        s.pushInput(1, new float[] {1f});
        s.pushInput(2, new float[] {2f});
        byte[] bytes = codec.encode(s);
        int ring = StatePartsTest.bodyOffset(bytes, 5);
        assertThat(bytes[ring]).as("capacity").isEqualTo((byte) 2);
        bytes[ring] = 1;
        assertThatThrownBy(() -> codec.decode(withCrc(bytes), new KeyState()))
                .isInstanceOf(StateFormatException.class)
                .hasMessage("input ring holds 2 inputs, more than its capacity 1");
    }

    /** Replaces the last four bytes with the CRC-32 of those before them (or appends it when too short). */
    private static byte[] withCrc(byte[] body) {
        CRC32 crc = new CRC32();
        crc.update(body, 0, body.length - 4);
        ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN).putInt(body.length - 4, (int) crc.getValue());
        return body;
    }

    private static int[] bits(float[] a, int n) {
        int[] b = new int[n];
        for (int i = 0; i < n; i++) {
            b[i] = Float.floatToRawIntBits(a[i]);
        }
        return b;
    }
}
