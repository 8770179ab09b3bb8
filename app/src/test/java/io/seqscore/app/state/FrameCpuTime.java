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
 * same keys; both write the same bytes. Three workloads: "growing", perf's (every key from its first event to its
 * 30th, the ring of 32 filling), "full" (every key's ring full, 232 events on) and "range", the range detector's
 * (a full ring of 321 events 5 minutes apart, the season-ago event looked up in it as the detector does, and the
 * detector's 15 doubles and counters in the state; 1,000 keys). Not a test: run from the test classpath
 * (BENCHMARKS.md has the command).
 */
public final class FrameCpuTime {
    private static final int HIDDEN = 64;
    private static final int GROWING_EVENTS = 30;
    private static final int WARMUP_ROUNDS = 20;
    private static final int BLOCKS = 21;
    private static final long T0 = 1_800_000_000_000L;
    private static final long DAY = 86_400_000L;
    private static final int RANGE_DOUBLES = 15;

    private final KeyStateCodec codec = new KeyStateCodec();
    private final KeyState state = new KeyState();
    private final float[] x = new float[1];
    private final Workload workload;
    private final byte[][] store;
    private final long[] eventsOf;
    private final int firstEvents;
    private final byte[] first;
    private int next;

    private enum Workload {
        GROWING(10_000, 32, 1000L),
        FULL(10_000, 32, 1000L),
        RANGE(1_000, 321, 300_000L);

        final int keys;
        final int ring;
        final long spacing;

        Workload(int keys, int ring, long spacing) {
            this.keys = keys;
            this.ring = ring;
            this.spacing = spacing;
        }
    }

    private FrameCpuTime(Workload workload) {
        this.workload = workload;
        this.store = new byte[workload.keys][];
        this.eventsOf = new long[workload.keys];
        this.firstEvents = workload == Workload.GROWING ? 1 : 200 + workload.ring;
        this.first = firstState(firstEvents);
        for (int k = 0; k < workload.keys; k++) {
            restart(k);
        }
    }

    public static void main(String[] args) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (Workload workload : Workload.values()) {
            FrameCpuTime bench = new FrameCpuTime(workload);
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
            System.out.printf(Locale.ROOT, "%s, %d keys: CPU ns/event median (fastest block) full codec %.0f (%.0f),"
                            + " lean frame %.0f (%.0f)%n", workload.name().toLowerCase(Locale.ROOT), workload.keys,
                    full[BLOCKS / 2], full[0], lean[BLOCKS / 2], lean[0]);
        }
    }

    private double timed(ThreadMXBean threads, boolean lean) {
        long start = threads.getCurrentThreadCpuTime();
        events(lean);
        return (threads.getCurrentThreadCpuTime() - start) / (double) workload.keys;
    }

    /** One event for each key in turn (a key that has had its events starts over when growing). */
    private void events(boolean lean) {
        for (int i = 0; i < workload.keys; i++) {
            int k = next;
            next = (next + 1) % workload.keys;
            if (workload == Workload.GROWING && eventsOf[k] == GROWING_EVENTS) {
                restart(k);
            }
            if (lean) {
                codec.decodeLean(store[k], state);
            } else {
                codec.decode(store[k], state);
            }
            long n = ++eventsOf[k];
            long time = T0 + workload.spacing * n;
            x[0] = (float) Math.sin(n);
            state.lastEventTime(time);
            state.pushInput(time, x);
            if (workload == Workload.RANGE) {
                KeyState.History before = state.history(1, workload.ring - 1);
                int dayAgo = before.newestAtOrBefore(time - DAY, workload.spacing / 2);
                double[] d = state.detector();
                d[0] = before.value(dayAgo);
                d[1] += x[0];
            }
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
        s.ringCapacity(workload.ring);
        s.resetRecurrent("perf-lstm-h" + HIDDEN + "-l1", 1, 2 * HIDDEN, 1);
        s.forecastBuffer(1, 1);
        for (int i = 1; i <= events; i++) {
            s.pushInput(T0 + workload.spacing * i, new float[] {0.25f * i});
        }
        if (workload == Workload.RANGE) {
            s.detectorBuffer(1, 1, RANGE_DOUBLES);
        }
        s.stepsSeen(events);
        s.residualCount(events - 1);
        s.lastEventTime(T0 + workload.spacing * events);
        return codec.encode(s);
    }
}
