package io.seqscore.app.state;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.zip.CRC32;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each part of state format 4 alone: in place at an offset, through the codec, and the rules for unknown parts. */
class StatePartsTest {
    private final KeyStateCodec codec = new KeyStateCodec();

    /** A state whose only fields away from {@link KeyState#clear()}'s values are the part's (and the key part's). */
    static Stream<Arguments> parts() {
        return Stream.of(
                Arguments.of(KeyPart.INSTANCE, (Supplier<KeyState>) () -> {
                    KeyState s = new KeyState();
                    s.inputSize(3);
                    s.lastEventTime(-5L);
                    s.lastUpdateWallClock(Long.MAX_VALUE);
                    s.lastScore(-0.0, true);
                    return s;
                }),
                Arguments.of(RecurrentPart.INSTANCE, (Supplier<KeyState>) () -> {
                    KeyState s = new KeyState();
                    s.resetRecurrent("m-ü", Long.MAX_VALUE - 1, 200, 0);
                    s.recurrent()[199] = Float.NaN;
                    s.recurrent()[0] = Float.intBitsToFloat(0x7FC0_1234);
                    s.forecastBuffer(3, 2)[5] = -7.5f;
                    s.stepsSeen(Long.MAX_VALUE);
                    return s;
                }),
                Arguments.of(ResidualStatsPart.INSTANCE, (Supplier<KeyState>) () -> {
                    KeyState s = new KeyState();
                    s.resetResidualStats(2);
                    s.residualMean()[1] = 0.5f;
                    s.residualCount(Integer.MAX_VALUE);
                    return s;
                }),
                Arguments.of(NormalizerPart.INSTANCE, (Supplier<KeyState>) () -> {
                    KeyState s = new KeyState();
                    s.inputSize(2);
                    s.addToNormalizer(new float[] {1f, -1f});
                    s.addToNormalizer(new float[] {3f, 2f});
                    return s;
                }),
                Arguments.of(EventRingPart.INSTANCE, (Supplier<KeyState>) () -> {
                    KeyState s = new KeyState();
                    s.inputSize(2);
                    s.ringCapacity(4);
                    for (int i = 0; i < 6; i++) {
                        s.pushInput(1_700_000_000_000L + 60_000L * i, new float[] {i, -i});
                    }
                    return s;
                }),
                Arguments.of(EventRingPart.INSTANCE, (Supplier<KeyState>) () -> {
                    KeyState s = new KeyState();
                    s.inputSize(1);
                    s.ringCapacity(3);
                    s.pushInput(KeyState.NO_TIME, new float[] {1f});
                    s.pushInput(Long.MAX_VALUE, new float[] {2f});
                    return s;
                }),
                Arguments.of(EventRingPart.INSTANCE, (Supplier<KeyState>) () -> {
                    KeyState s = new KeyState();
                    s.inputSize(1);
                    s.ringCapacity(70_000 / 2);
                    return s;
                }),
                Arguments.of(RangeDetectorPart.INSTANCE, (Supplier<KeyState>) () -> {
                    KeyState s = new KeyState();
                    double[] d = s.detectorBuffer(1, 1, 3);
                    d[0] = Double.NaN;
                    d[2] = -1e300;
                    s.detectorCounters()[3] = Long.MIN_VALUE;
                    return s;
                }),
                Arguments.of(SeasonSelectionPart.INSTANCE, (Supplier<KeyState>) () -> {
                    KeyState s = new KeyState();
                    double[] d = s.seasonSelection();
                    d[0] = 1e9;
                    d[1] = 0.25;
                    d[2] = 0;
                    d[3] = Double.MIN_VALUE;
                    return s;
                }),
                Arguments.of(ReplayPart.INSTANCE, (Supplier<KeyState>) () -> {
                    KeyState before = new KeyState();
                    before.lastEventTime(9L);
                    KeyState s = new KeyState();
                    s.adoptCheckpoint(new KeyStateCodec().encodeWithoutReplay(before), 99L);
                    s.replayPosition(Integer.MAX_VALUE, 100L, -3L);
                    return s;
                }));
    }

    @ParameterizedTest
    @MethodSource("parts")
    void shouldReadWhatAPartWritesAtAnyOffset(StatePart part, Supplier<KeyState> state) {
        KeyState s = state.get();
        assertThat(part.presentIn(s)).isTrue();
        int size = part.size(s);
        byte[] buffer = new byte[7 + size + 3];
        StateWriter out = new StateWriter();
        out.reset(buffer, 7);
        part.write(s, out);
        assertThat(out.position()).as("bytes written = size").isEqualTo(7 + size);

        KeyState back = new KeyState();
        if (part != KeyPart.INSTANCE) {
            back.inputSize(s.inputSize());
        }
        StateReader in = new StateReader();
        in.reset(buffer, 7, 7 + size, "the end of the test part");
        part.read(in, part.version(), back);
        assertThat(in.remaining()).isZero();
        SameState.assertSameFields(back, s);
    }

    @ParameterizedTest
    @MethodSource("parts")
    void shouldStoreAStateOfOnePartAsTheKeyPartAndThatPart(StatePart part, Supplier<KeyState> state) {
        KeyState s = state.get();
        byte[] bytes = codec.encode(s);
        assertThat(partIds(bytes)).containsExactlyElementsOf(part == KeyPart.INSTANCE ? List.of(1) : List.of(1, part.id()));
        KeyState reused = KeyStateFixtures.v4();
        codec.decode(bytes, reused);
        SameState.assertSameFields(reused, s);
        assertThat(codec.encode(reused)).isEqualTo(bytes);
    }

    @Test
    void shouldStoreAFreshKeyAsItsKeyPartAlone() {
        byte[] bytes = codec.encode(new KeyState());
        assertThat(partIds(bytes)).containsExactly(1);
        assertThat(bytes).hasSize(5 + 3 + 26);
        SameState.assertSameFields(KeyStateCodec.decode(bytes), new KeyState());
    }

    @Test
    void shouldLeaveTheReplayGuardOutOfACheckpoint() {
        KeyState s = KeyStateFixtures.v4();
        assertThat(partIds(codec.encode(s))).contains(ReplayPart.INSTANCE.id());
        assertThat(partIds(codec.encodeWithoutReplay(s))).containsExactly(1, 2, 3, 4, 5, 6);
    }

    @Test
    void shouldRoundTripTheFeatureStateWithItsModelAndStartItOverWithTheModel() {
        KeyState s = new KeyState();
        s.inputSize(1);
        s.resetRecurrent("es", 3, 8, 1);
        double[] f = s.resetFeatures(5);
        f[0] = 41;
        f[1] = Double.NaN;
        f[4] = -1e300;
        byte[] bytes = codec.encode(s);
        assertThat(partIds(bytes)).containsExactly(1, 2, 3, 8);
        KeyState reused = KeyStateFixtures.v4();
        codec.decode(bytes, reused);
        SameState.assertSameFields(reused, s);
        assertThat(codec.encode(reused)).isEqualTo(bytes);
        reused.resetRecurrent("es", 4, 8, 1);
        assertThat(reused.featuresSize()).as("a new model starts without the old one's feature state").isZero();
        assertThat(partIds(codec.encode(reused))).containsExactly(1, 2, 3);
    }

    @Test
    void shouldTakeTheDocumentedBytesForAnEsHybridKeysFeatureState() {
        KeyState s = new KeyState();
        s.inputSize(1);
        s.resetRecurrent("m4", 1, 128, 1);
        int without = codec.encode(s).length;
        s.resetFeatures(2 + 24 + 168 + 24);
        assertThat(codec.encode(s).length - without).isEqualTo(1 + 1 + 2 + 2 + 8 * 218).isEqualTo(1750);
    }

    @Test
    void shouldTakeTheDocumentedBytesForASeasonSelectionAndEmptyItWithTheRing() {
        KeyState s = new KeyState();
        s.inputSize(1);
        s.ringCapacity(4);
        s.pushInput(0L, new float[] {1f});
        int without = codec.encode(s).length;
        s.seasonSelection()[0] = 24;
        s.seasonSelection()[2] = 1.5;
        assertThat(codec.encode(s).length - without).isEqualTo(1 + 1 + 1 + 32).isEqualTo(35);
        s.resetRecurrent("other", 2, 4, 1);
        assertThat(s.seasonSelection()[0]).as("kept when another model serves the key").isEqualTo(24);
        s.clearRing();
        assertThat(s.seasonSelection()).as("emptied with the events it was computed from").containsOnly(0.0);
    }

    @Test
    void shouldRejectASeasonSelectionWithoutACountOrWithANegativeError() {
        for (double[] body : List.of(new double[] {0, 1, 1, 1}, new double[] {2.5, 1, 1, 1},
                new double[] {3, 1, -1, 1}, new double[] {3, 1, 1, Double.NaN})) {
            ByteBuffer b = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
            for (double v : body) {
                b.putDouble(v);
            }
            byte[] bytes = withPart(codec.encode(new KeyState()), 0x80 | 9, 1, b.array());
            assertThatThrownBy(() -> KeyStateCodec.decode(bytes)).as(Arrays.toString(body))
                    .isInstanceOf(StateFormatException.class).hasMessageStartingWith("season selection");
        }
    }

    @Test
    void shouldRejectAFeatureStateWithoutTheModelThatMadeIt() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(1);
        body.writeBytes(new byte[8]);
        byte[] bytes = withPart(codec.encode(new KeyState()), 8, 1, body.toByteArray());
        assertThatThrownBy(() -> KeyStateCodec.decode(bytes)).isInstanceOf(StateFormatException.class)
                .hasMessage("feature state of 1 doubles without the model that made it");
    }

    @Test
    void shouldSkipAnOptionalPartItDoesNotKnow() {
        byte[] known = codec.encode(KeyStateFixtures.v4());
        byte[] withUnknown = withPart(known, 0x80 | 0x7F, 3, new byte[] {1, 2, 3, 4});
        KeyState s = KeyStateCodec.decode(withUnknown);
        SameState.assertSameFields(s, KeyStateFixtures.v4());
        assertThat(codec.encode(s)).as("dropped when written back").isEqualTo(known);
    }

    @Test
    void shouldRejectARequiredPartItDoesNotKnow() {
        byte[] bytes = withPart(codec.encode(KeyStateFixtures.v4()), 0x7F, 1, new byte[] {1});
        assertThatThrownBy(() -> KeyStateCodec.decode(bytes)).isInstanceOf(StateFormatException.class)
                .hasMessage("unknown state part 127 (version 1, written by a newer build?)");
    }

    @Test
    void shouldRejectANewerVersionOfAKnownPart() {
        byte[] bytes = codec.encode(KeyStateFixtures.v4());
        bytes[located(bytes, 5).tag() + 1] = 2;
        assertThatThrownBy(() -> KeyStateCodec.decode(withCrc(bytes))).isInstanceOf(StateFormatException.class)
                .hasMessage("state part event ring of version 2 (this build reads versions 1 to 1)");
    }

    @Test
    void shouldRejectPartsOutOfOrderOrTwice() {
        byte[] one = codec.encode(new KeyState());
        byte[] twice = withPart(one, 1, 1, Arrays.copyOfRange(one, 4, one.length - 4));
        assertThatThrownBy(() -> KeyStateCodec.decode(twice)).isInstanceOf(StateFormatException.class)
                .hasMessage("part 1 after part 1: parts must have ids from 1 up, in ascending order, each once");
    }

    @Test
    void shouldRejectAPartThatIsNotReadToItsEnd() {
        KeyState s = new KeyState();
        s.resetResidualStats(1);
        byte[] bytes = codec.encode(s);
        Located residuals = located(bytes, 3);
        byte[] body = Arrays.copyOfRange(bytes, residuals.body(), residuals.body() + residuals.length());
        byte[] padded = withPart(codec.encode(new KeyState()), 3, 1, Arrays.copyOf(body, body.length + 2));
        assertThatThrownBy(() -> KeyStateCodec.decode(padded)).isInstanceOf(StateFormatException.class)
                .hasMessage("2 unexpected bytes at the end of part residual statistics");
    }

    @Test
    void shouldRejectAStateWithoutItsKeyPart() {
        byte[] empty = withCrc(new byte[] {4, 0, 0, 0, 0});
        assertThatThrownBy(() -> KeyStateCodec.decode(empty)).isInstanceOf(StateFormatException.class)
                .hasMessage("state without parts");
        KeyState s = new KeyState();
        s.resetResidualStats(1);
        byte[] bytes = codec.encode(s);
        Located residuals = located(bytes, 3);
        byte[] alone = withPart(withCrc(new byte[] {4, 0, 0, 0, 0}), 3, 1,
                Arrays.copyOfRange(bytes, residuals.body(), residuals.body() + residuals.length()));
        assertThatThrownBy(() -> KeyStateCodec.decode(alone)).isInstanceOf(StateFormatException.class)
                .hasMessage("state starts with part 3, not the key part");
        assertThatThrownBy(() -> codec.lastUpdateWallClock(alone)).isInstanceOf(StateFormatException.class);
    }

    @Test
    void shouldReadTheLastUpdateWithoutDecodingTheRest() {
        KeyState s = KeyStateFixtures.v4();
        s.lastUpdateWallClock(-42L);
        assertThat(codec.lastUpdateWallClock(codec.encode(s))).isEqualTo(-42L);
    }

    /** Where a stored part is: its id, and the offsets of its tag and its body, and the body's length. */
    record Located(int id, int tag, int body, int length) {
    }

    /** The parts of a format-4 state, in stored order. */
    static List<Located> locate(byte[] state) {
        assertThat(state[0]).as("format 4").isEqualTo((byte) 4);
        List<Located> parts = new ArrayList<>();
        int at = 1;
        while (at < state.length - 4) {
            int tag = at;
            int length = 0;
            at += 2;
            for (int shift = 0; ; shift += 7) {
                int b = state[at++] & 0xFF;
                length |= (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    break;
                }
            }
            parts.add(new Located(state[tag] & 0x7F, tag, at, length));
            at += length;
        }
        assertThat(at).as("parts end at the checksum").isEqualTo(state.length - 4);
        return parts;
    }

    static List<Integer> partIds(byte[] state) {
        return locate(state).stream().map(Located::id).toList();
    }

    static int bodyOffset(byte[] state, int id) {
        return located(state, id).body();
    }

    private static Located located(byte[] state, int id) {
        return locate(state).stream().filter(p -> p.id() == id).findFirst().orElseThrow();
    }

    /** {@code state} with a part (tag, version, body) appended after its parts, checksum recomputed. */
    static byte[] withPart(byte[] state, int tag, int version, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(state, 0, state.length - 4);
        out.write(tag);
        out.write(version);
        int length = body.length;
        while (length >= 0x80) {
            out.write((length & 0x7F) | 0x80);
            length >>>= 7;
        }
        out.write(length);
        out.write(body, 0, body.length);
        out.write(new byte[4], 0, 4);
        return withCrc(out.toByteArray());
    }

    static byte[] withCrc(byte[] b) {
        CRC32 crc = new CRC32();
        crc.update(b, 0, b.length - 4);
        ByteBuffer.wrap(b, b.length - 4, 4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) crc.getValue());
        return b;
    }
}
