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
    void shouldReEncodeAVersion1StateAsFormat3WithUnknownTimes() throws IOException {
        KeyState s = KeyStateCodec.decode(fixture());
        byte[] v2 = codec.encode(s);
        assertThat(v2[0]).isEqualTo((byte) 3);
        assertThat(v2).as("times of the 3 buffered events, detector and replay-guard bytes")
                .hasSize(fixture().length + 8 * 3 + 1 + 1);
        KeyState back = KeyStateCodec.decode(v2);
        assertThat(back.ringTime(2)).isEqualTo(KeyState.NO_TIME);
        assertThat(codec.encode(back)).isEqualTo(v2);
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
    void shouldReEncodeAVersion2StateAsFormat3WithoutReplayGuard() throws IOException {
        byte[] v2 = fixture("key-state-v2.bin");
        KeyState s = KeyStateCodec.decode(v2);
        assertThat(s.tracksReplay()).isFalse();
        assertThat(s.hasCheckpoint()).isFalse();
        byte[] v3 = codec.encode(s);
        assertThat(v3[0]).isEqualTo((byte) 3);
        assertThat(v3).hasSize(v2.length + 1);
        assertThat(Arrays.copyOfRange(v3, 1, v2.length - 4)).isEqualTo(Arrays.copyOfRange(v2, 1, v2.length - 4));
        assertThat(v3[v2.length - 4]).as("no replay guard").isZero();
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
    void shouldEncodeTheFixtureStateToTheFixtureBytesWhileFormat3IsCurrent() throws IOException {
        assertThat(KeyStateCodec.FORMAT_VERSION).isEqualTo(3);
        assertThat(codec.encode(KeyStateFixtures.v3())).isEqualTo(fixture("key-state-v3.bin"));
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
            KeyState s = randomState(random);
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
        assertThat(codec.encode(s)).hasSize(74 + 7 + 4 * (128 + 1 + 2 + 32) + 8 * 32).hasSize(989);
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
        assertThat(codec.encode(s)).hasSize(74 + 7 + 4 * (32 + 4 + 2 + 321) + 8 * 321 + 8 + 8 * 15 + 32).hasSize(4245);
    }

    @Test
    void shouldRejectAnUnknownVersion() throws IOException {
        byte[] bytes = fixture();
        bytes[0] = 4;
        assertThatThrownBy(() -> codec.decode(bytes, new KeyState()))
                .isInstanceOf(StateFormatException.class)
                .hasMessage("unknown state format version 4 (this build reads versions 1 to 3)");
        bytes[0] = 0;
        assertThatThrownBy(() -> codec.decode(bytes, new KeyState())).hasMessageStartingWith("unknown state format version 0");
    }

    @Test
    void shouldRejectAFlippedBitByItsChecksum() throws IOException {
        byte[] bytes = fixture();
        bytes[40] ^= 0x10;
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
        int ringHeader = bytes.length - 4 - 1 - 1 - 2 * (8 + 4) - 4;
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putShort(ringHeader, (short) 1);
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

    private static KeyState randomState(SplittableRandom r) {
        KeyState s = new KeyState();
        int n = 1 + r.nextInt(4);
        s.ringCapacity(r.nextInt(6));
        s.inputSize(n);
        if (r.nextBoolean()) {
            int size = 1 + r.nextInt(64);
            int dims = 1 + r.nextInt(n);
            s.resetRecurrent("m" + r.nextInt(100), 1 + r.nextInt(1000), size, dims);
            for (int i = 0; i < size; i++) {
                s.recurrent()[i] = Float.intBitsToFloat(r.nextInt());
                if (!Float.isFinite(s.recurrent()[i])) {
                    s.recurrent()[i] = -0.0f;
                }
            }
            float[] f = s.forecastBuffer(1 + r.nextInt(3), dims);
            for (int i = 0; i < s.horizon() * dims; i++) {
                f[i] = (float) r.nextGaussian();
            }
            for (int d = 0; d < dims; d++) {
                s.residualMean()[d] = (float) r.nextGaussian();
                s.residualVar()[d] = (float) r.nextDouble();
            }
            s.residualCount(r.nextInt(1000));
            s.stepsSeen(r.nextLong(1L << 40));
        }
        for (int k = r.nextInt(3); k > 0; k--) {
            float[] x = new float[n];
            for (int j = 0; j < n; j++) {
                x[j] = (float) r.nextGaussian();
            }
            s.addToNormalizer(x);
        }
        for (int i = r.nextInt(10); i > 0; i--) {
            float[] x = new float[n];
            for (int j = 0; j < n; j++) {
                x[j] = (float) r.nextGaussian();
            }
            s.pushInput(r.nextLong(), x);
        }
        if (r.nextBoolean()) {
            int size = 1 + r.nextInt(30);
            double[] d = s.detectorBuffer(n, 1 + r.nextInt(n), size);
            for (int i = 0; i < size; i++) {
                d[i] = Double.longBitsToDouble(r.nextLong());
            }
            for (int i = 0; i < KeyState.DETECTOR_COUNTERS; i++) {
                s.detectorCounters()[i] = r.nextLong();
            }
        }
        s.lastEventTime(r.nextLong());
        s.lastUpdateWallClock(r.nextLong());
        s.lastScore(r.nextDouble(), r.nextBoolean());
        if (r.nextBoolean()) {
            long offset = r.nextLong(1L << 40);
            long checkpointOffset = r.nextBoolean() ? KeyState.NO_OFFSET : r.nextLong(offset + 1);
            s.adoptCheckpoint(r.nextBoolean() ? new byte[0] : new KeyStateCodec().encodeWithoutReplay(s), checkpointOffset);
            s.replayPosition(r.nextInt(1 << 10), offset, r.nextLong());
        }
        return s;
    }

    private static int[] bits(float[] a, int n) {
        int[] b = new int[n];
        for (int i = 0; i < n; i++) {
            b[i] = Float.floatToRawIntBits(a[i]);
        }
        return b;
    }
}
