package io.seqscore.app.state;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * The scorer's per-event frame around the math, timed by the thread's CPU time: a key's stored state decoded, the
 * event applied as the scorer applies it (its time and values into the ring, steps, h/c, forecast, residual
 * statistics, score, update time) and the state encoded into a new array that replaces the key's, for 10,000 keys
 * of a perf LSTM-64 state in turn (8.5 MB of states: beyond L2, as in the service). The full codec
 * ({@link KeyStateCodec#decode}) and the lean frame ({@link KeyStateCodec#decodeLean}) in alternated blocks over the
 * same keys; both write the same bytes. Two workloads: "growing", perf's (every key from its first event to its
 * 30th, the ring of 32 filling), and "full" (every key's ring full, 232 events on). Not a test: run from the test
 * classpath (BENCHMARKS.md has the command).
 */
public final class FrameCpuTime {
    private static final int KEYS = 10_000;
    private static final int HIDDEN = 64;
    private static final int RING = 32;
    private static final int GROWING_EVENTS = 30;
    private static final int WARMUP_ROUNDS = 20;
    private static final int BLOCKS = 21;
    private static final long T0 = 1_800_000_000_000L;

    private final KeyStateCodec codec = new KeyStateCodec();
    private final KeyState state = new KeyState();
    private final float[] x = new float[1];
    private final byte[][] store = new byte[KEYS][];
    private final long[] eventsOf = new long[KEYS];
    private final boolean growing;
    private final int firstEvents;
    private final byte[] first;
    private int next;

    private FrameCpuTime(boolean growing) {
        this.growing = growing;
        this.firstEvents = growing ? 1 : 200 + RING;
        this.first = firstState(firstEvents);
        for (int k = 0; k < KEYS; k++) {
            restart(k);
        }
    }

    public static void main(String[] args) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (boolean growing : new boolean[] {true, false}) {
            FrameCpuTime bench = new FrameCpuTime(growing);
            for (int r = 0; r < WARMUP_ROUNDS; r++) {
                bench.events(false);
                bench.events(true);
            }
            double[] full = new double[BLOCKS];
            double[] lean = new double[BLOCKS];
            for (int b = 0; b < BLOCKS; b++) {
                full[b] = bench.timed(threads, false);
                lean[b] = bench.timed(threads, true);
            }
            Arrays.sort(full);
            Arrays.sort(lean);
            System.out.printf(Locale.ROOT, "%s ring, %d keys: CPU ns/event median (fastest block) full codec %.0f (%.0f),"
                            + " lean frame %.0f (%.0f)%n", growing ? "growing" : "full", KEYS, full[BLOCKS / 2], full[0],
                    lean[BLOCKS / 2], lean[0]);
        }
    }

    private double timed(ThreadMXBean threads, boolean lean) {
        long start = threads.getCurrentThreadCpuTime();
        events(lean);
        return (threads.getCurrentThreadCpuTime() - start) / (double) KEYS;
    }

    /** One event for each key in turn (a key that has had its events starts over when growing). */
    private void events(boolean lean) {
        for (int i = 0; i < KEYS; i++) {
            int k = next;
            next = (next + 1) % KEYS;
            if (growing && eventsOf[k] == GROWING_EVENTS) {
                restart(k);
            }
            if (lean) {
                codec.decodeLean(store[k], state);
            } else {
                codec.decode(store[k], state);
            }
            long n = ++eventsOf[k];
            long time = T0 + 1000L * n;
            x[0] = (float) Math.sin(n);
            state.lastEventTime(time);
            state.pushInput(time, x);
            float[] h = state.recurrent();
            for (int j = 0; j < state.recurrentSize(); j++) {
                h[j] = x[0] * j;
            }
            state.forecastBuffer(1, 1)[0] = x[0];
            state.residualMean()[0] = x[0];
            state.residualVar()[0] = 1 + x[0];
            state.residualCount(state.residualCount() + 1);
            state.stepsSeen(state.stepsSeen() + 1);
            state.lastScore(x[0], false);
            state.lastUpdateWallClock(time + 3);
            store[k] = codec.encode(state);
        }
    }

    private void restart(int k) {
        eventsOf[k] = firstEvents;
        store[k] = first;
    }

    /** A key's stored state after its first {@code events} events. */
    private byte[] firstState(int events) {
        KeyState s = new KeyState();
        s.inputSize(1);
        s.ringCapacity(RING);
        s.resetRecurrent("perf-lstm-h" + HIDDEN + "-l1", 1, 2 * HIDDEN, 1);
        s.forecastBuffer(1, 1);
        for (int i = 1; i <= events; i++) {
            s.pushInput(T0 + 1000L * i, new float[] {0.25f * i});
        }
        s.stepsSeen(events);
        s.residualCount(events - 1);
        s.lastEventTime(T0 + 1000L * events);
        return codec.encode(s);
    }
}
