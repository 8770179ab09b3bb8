package io.seqscore.app.state;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The codec on the scoring path: decoding a format-4 state into a reused {@link KeyState} allocates nothing, and
 * encoding allocates the stored array alone.
 */
class KeyStateCodecAllocationTest {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final int ROUNDS = 10_000;

    private final KeyStateCodec codec = new KeyStateCodec();

    @Test
    void shouldDecodeTwoKeysOfAModelIntoAReusedStateWithoutAllocating() {
        byte[] bytes = codec.encode(StateSizeTest.perf(16, false));
        KeyState second = StateSizeTest.perf(16, false);
        second.clearRing();
        second.pushInput(7L, new float[] {1f});
        second.addToNormalizer(new float[] {2f});
        double[] d = second.detectorBuffer(1, 1, 15);
        d[3] = 0.5;
        byte[] other = codec.encode(second);
        KeyState reused = new KeyState();
        for (int i = 0; i < 20_000; i++) {
            codec.decode(bytes, reused);
            codec.decode(other, reused);
        }
        long allocated = leastOf(() -> {
            for (int i = 0; i < ROUNDS; i++) {
                codec.decode(bytes, reused);
                codec.decode(other, reused);
            }
        });
        assertThat(allocated).as("bytes allocated by %d decodes of two keys' states", 2 * ROUNDS).isZero();
        SameState.assertSameFields(reused, KeyStateCodec.decode(other));
    }

    @Test
    void shouldAllocateOnlyTheStoredArrayWhenEncoding() {
        KeyState s = StateSizeTest.perf(64, false);
        int size = codec.encode(s).length;
        for (int i = 0; i < 20_000; i++) {
            codec.encode(s);
        }
        long allocated = leastOf(() -> {
            for (int i = 0; i < ROUNDS; i++) {
                codec.encode(s);
            }
        });
        long arrayBytes = (16 + size + 7) / 8 * 8;
        assertThat(allocated / ROUNDS).as("bytes allocated per encode of a %d-byte state", size).isEqualTo(arrayBytes);
    }

    @Test
    void shouldAllocateOnlyTheStoredArrayPerEventInTheLeanFrame() {
        byte[] full = codec.encode(StateSizeTest.perf(64, false));
        KeyState s = StateSizeTest.perf(64, false);
        s.ringCapacity(40);
        byte[] growing = codec.encode(s);
        KeyState reused = new KeyState();
        float[] x = {0.5f};
        Runnable events = () -> {
            for (int i = 0; i < ROUNDS; i++) {
                codec.decodeLean((i & 1) == 0 ? growing : full, reused);
                reused.pushInput(1_800_000_200_000L + i, x);
                reused.stepsSeen(reused.stepsSeen() + 1);
                codec.encode(reused);
            }
        };
        for (int i = 0; i < 3; i++) {
            events.run();
        }
        long allocated = leastOf(events);
        long arrays = ((16 + growing.length + 8 + 7) / 8 * 8 + (16 + full.length + 7) / 8 * 8) / 2;
        assertThat(reused.storedRing.active()).as("the ring left in the bytes").isTrue();
        assertThat(allocated / ROUNDS).as("bytes allocated per event").isEqualTo(arrays);
    }

    private static long leastOf(Runnable rounds) {
        long least = Long.MAX_VALUE;
        long id = Thread.currentThread().getId();
        for (int attempt = 0; attempt < 5 && least > 0; attempt++) {
            long before = THREADS.getThreadAllocatedBytes(id);
            rounds.run();
            least = Math.min(least, THREADS.getThreadAllocatedBytes(id) - before);
        }
        return least;
    }
}
