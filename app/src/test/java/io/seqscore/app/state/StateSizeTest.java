package io.seqscore.app.state;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bytes per key of the states that BENCHMARKS.md's perf runs store (an LSTM of one layer on one value, model name
 * {@code perf-lstm-h<hidden>-l1}, a full re-warm ring of 32 events a second apart, 200 events folded in), against
 * what format 3 took for the same states (measured with the format-3 codec before format 4). Logged as
 * {@code FIGURES state bytes}; docs/state-format.md quotes them.
 */
class StateSizeTest {
    private static final Logger LOG = LoggerFactory.getLogger(StateSizeTest.class);
    private static final int[] HIDDEN = {1, 16, 32, 64, 128};
    private static final int[] FORMAT_3 = {493, 614, 742, 998, 1511};
    private static final int[] FORMAT_4 = {357, 479, 607, 864, 1377};
    /** Hidden 64 under at-least-once, the checkpoint being the state one event earlier. */
    private static final int FORMAT_3_REPLAY = 2028;
    private static final int FORMAT_4_REPLAY = 1759;

    /** A perf key's state after 200 events (with the replay guard: position and the checkpoint of event 199). */
    static KeyState perf(int hidden, boolean replay) {
        KeyState s = new KeyState();
        s.inputSize(1);
        s.ringCapacity(32);
        s.resetRecurrent("perf-lstm-h" + hidden + "-l1", 1, 2 * hidden, 1);
        s.forecastBuffer(1, 1);
        byte[] before = null;
        for (int i = 0; i < 200; i++) {
            if (i == 199 && replay) {
                before = new KeyStateCodec().encodeWithoutReplay(s);
            }
            s.pushInput(1_800_000_000_000L + 1000L * i, new float[] {0.25f * i});
            s.stepsSeen(i + 1);
            s.residualCount(i);
            s.lastEventTime(1_800_000_000_000L + 1000L * i);
        }
        s.lastScore(0.5, false);
        s.lastUpdateWallClock(1_800_000_500_000L);
        if (replay) {
            s.adoptCheckpoint(before, 12_344L);
            s.replayPosition(1, 12_345L, 77L);
        }
        return s;
    }

    @Test
    void shouldNotStoreMoreBytesPerKeyThanFormat3() {
        KeyStateCodec codec = new KeyStateCodec();
        for (int i = 0; i < HIDDEN.length; i++) {
            int bytes = codec.encode(perf(HIDDEN[i], false)).length;
            LOG.info("FIGURES state bytes, LSTM hidden {}: format 3 {}, format 4 {}", HIDDEN[i], FORMAT_3[i], bytes);
            assertThat(bytes).as("hidden %d", HIDDEN[i]).isEqualTo(FORMAT_4[i]).isLessThanOrEqualTo(FORMAT_3[i]);
        }
        int replay = codec.encode(perf(64, true)).length;
        LOG.info("FIGURES state bytes, LSTM hidden 64 with the replay guard: format 3 {}, format 4 {}",
                FORMAT_3_REPLAY, replay);
        assertThat(replay).isEqualTo(FORMAT_4_REPLAY).isLessThanOrEqualTo(FORMAT_3_REPLAY);
    }
}
