package io.seqscore.app.state;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lean frame ({@link KeyStateCodec#decodeLean}, {@link StoredRing}) against the full codec: a key's events
 * applied to a state decoded each way from the same bytes must encode to the same bytes, whatever the ring does
 * (grows, wraps, is read, changes capacity, is emptied, needs absolute times).
 */
class LeanFrameTest {
    private static final long T0 = 1_800_000_000_000L;

    private final KeyStateCodec fullCodec = new KeyStateCodec();
    private final KeyStateCodec leanCodec = new KeyStateCodec();
    private final KeyState full = new KeyState();
    private final KeyState lean = new KeyState();

    @Test
    void shouldWriteTheFullCodecsBytesWhileTheRingGrowsAndWraps() {
        byte[] bytes = start(1, 32);
        for (int i = 1; i < 300; i++) {
            long time = T0 + 1000L * i;
            float v = i;
            bytes = step(bytes, s -> scorerEvent(s, time, v));
            assertThat(lean.storedRing.active()).as("ring of event %d left in the bytes, read in place", i).isTrue();
        }
        assertThat(full.ringCount()).isEqualTo(32);
        SameState.assertSameFields(lean, full);
    }

    @Test
    void shouldWriteTheFullCodecsBytesForSeveralValuesPerEventAndARingOfOne() {
        for (int[] shape : new int[][] {{3, 5}, {2, 1}, {1, 1}}) {
            byte[] bytes = start(shape[0], shape[1]);
            for (int i = 1; i < 40; i++) {
                long time = T0 + 7L * i * i;
                float v = i;
                bytes = step(bytes, s -> scorerEvent(s, time, v));
            }
            SameState.assertSameFields(lean, full);
        }
    }

    @Test
    void shouldWriteTheFullCodecsBytesWhenTheRingIsReadResizedEmptiedOrNeedsAbsoluteTimes() {
        byte[] bytes = start(1, 8);
        for (int i = 1; i < 120; i++) {
            int k = i;
            long time = T0 + 1000L * i + (i >= 60 && i < 64 ? (1L << 33) : 0) + (i >= 64 ? (1L << 34) : 0);
            bytes = step(bytes, s -> {
                if (k % 11 == 0) {
                    s.history(0, 3).value(0);
                }
                if (k % 17 == 0) {
                    s.ringCapacity(8 + k % 5);
                }
                if (k == 90) {
                    s.clearRing();
                }
                if (k == 100) {
                    s.inputSize(2);
                }
                if (k % 13 != 0) {
                    scorerEvent(s, time, k);
                }
                if (k % 7 == 0) {
                    s.pushInput(time + 1, values(s.inputSize(), k + 0.5f));
                }
            });
        }
        SameState.assertSameFields(lean, full);
    }

    @Property(tries = 300)
    void aRandomStateAndRandomEventsEncodeAsTheFullCodecs(@ForAll long seed, @ForAll @IntRange(min = 1, max = 60) int events) {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] bytes = fullCodec.encode(KeyStateFixtures.random(random));
        long time = T0;
        for (int i = 0; i < events; i++) {
            int op = random.nextInt(10);
            time += random.nextInt(20) == 0 ? random.nextLong(1L << 40) : random.nextInt(5000);
            long t = time;
            float v = (float) random.nextGaussian();
            int capacity = random.nextInt(1, 40);
            bytes = step(bytes, s -> {
                switch (op) {
                    case 0 -> s.history(0, 2).count();
                    case 1 -> s.ringCapacity(capacity);
                    case 2 -> s.clearRing();
                    case 3 -> s.pushInput(t, values(s.inputSize(), v));
                    default -> { }
                }
                if (s.inputSize() == 0) {
                    s.inputSize(1);
                }
                scorerEvent(s, t, v);
            });
        }
        SameState.assertSameFields(lean, full);
    }

    @Test
    void shouldLeaveAnAbsoluteRingAndTheOtherCodecsStatesAsTheFullDecodeReadsThem() {
        KeyState s = KeyStateFixtures.v1();
        byte[] bytes = fullCodec.encode(s);
        leanCodec.decodeLean(bytes, lean);
        assertThat(lean.storedRing.active()).as("ring of unknown times (absolute)").isFalse();
        leanCodec.decodeLean(fullCodec.encode(StateSizeTest.perf(16, false)), lean);
        assertThat(lean.storedRing.active()).isTrue();
        fullCodec.decode(fullCodec.encode(StateSizeTest.perf(16, false)), lean);
        assertThat(lean.storedRing.active()).as("the full decode reads the ring").isFalse();
    }

    /** A key's state after its first event, encoded. */
    private byte[] start(int n, int capacity) {
        KeyState s = new KeyState();
        s.inputSize(n);
        s.ringCapacity(capacity);
        s.resetRecurrent("lean-" + n, 3, 16, n);
        scorerEvent(s, T0, 0);
        return fullCodec.encode(s);
    }

    /** Decodes {@code bytes} both ways, applies the event to each, and returns the bytes both encode (equal). */
    private byte[] step(byte[] bytes, Consumer<KeyState> event) {
        fullCodec.decode(bytes, full);
        leanCodec.decodeLean(bytes.clone(), lean);
        event.accept(full);
        event.accept(lean);
        assertSameHistory(lean, full);
        byte[] expected = fullCodec.encode(full);
        assertThat(leanCodec.encode(lean)).as("bytes after the event").isEqualTo(expected);
        return expected;
    }

    /** The ring's events as the detectors and features read them, newest first. */
    private static void assertSameHistory(KeyState actual, KeyState expected) {
        KeyState.History e = expected.history(0, expected.ringCount());
        KeyState.History a = actual.history(0, actual.ringCount());
        assertThat(a.count()).isEqualTo(e.count());
        for (int k = 0; k < e.count(); k++) {
            assertThat(a.time(k)).as("time of event %d", k).isEqualTo(e.time(k));
            for (int j = 0; j < expected.inputSize(); j++) {
                assertThat(Float.floatToRawIntBits(a.value(k, j))).as("value %d of event %d", j, k)
                        .isEqualTo(Float.floatToRawIntBits(e.value(k, j)));
            }
        }
        KeyState.History skipped = actual.history(1, 3);
        for (int k = 0; k < skipped.count(); k++) {
            assertThat(skipped.time(k)).isEqualTo(expected.history(1, 3).time(k));
        }
    }

    /** What the scorer changes per event: times, the ring, steps, h/c, forecast, residual statistics, score. */
    private static void scorerEvent(KeyState s, long time, float v) {
        int n = s.inputSize();
        s.lastEventTime(time);
        s.pushInput(time, values(n, v));
        s.stepsSeen(s.stepsSeen() + 1);
        float[] h = s.recurrent();
        for (int i = 0; i < s.recurrentSize(); i++) {
            h[i] = (float) Math.sin(v + i);
        }
        if (s.hasModel()) {
            float[] f = s.forecastBuffer(1, Math.max(1, s.residualDims()));
            f[0] = v * 0.5f;
            s.residualCount(s.residualCount() + 1);
        }
        s.lastScore(v, v > 1);
        s.lastUpdateWallClock(time + 5);
    }

    private static float[] values(int n, float v) {
        float[] x = new float[n];
        for (int j = 0; j < n; j++) {
            x[j] = v + j;
        }
        return x;
    }
}
