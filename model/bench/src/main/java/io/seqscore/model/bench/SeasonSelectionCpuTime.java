package io.seqscore.model.bench;

import io.seqscore.model.core.features.EventRing;
import io.seqscore.model.core.features.SeasonSelection;
import io.seqscore.model.core.features.SeasonalChanges;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * What the scorer's per-key season selection adds to one event of an hourly key, by the thread's CPU time: the
 * event joins the key's ring (as the scorer's does anyway), {@link SeasonSelection#update} counts it, and, when the
 * key's choice is the week or the mean, {@link SeasonSelection#serve} rewrites a 48-step forecast. One key with a
 * daily and a weekly pattern, warmed up past its choice; 200,000 warm-up events, then 21 blocks of 50,000 events;
 * prints the median and the fastest block per event for the ring alone and for the ring with the selection, each
 * ring of the given capacities (321: the range detector's; 169: a week and one event).
 * <pre>
 * java -cp model/bench/target/benchmarks.jar io.seqscore.model.bench.SeasonSelectionCpuTime 169 321
 * </pre>
 */
public final class SeasonSelectionCpuTime {
    private static final long HOUR = 3_600_000L;
    private static final int HORIZON = 48;
    private static final int WARMUP_EVENTS = 200_000;
    private static final int BLOCKS = 21;
    private static final int EVENTS_PER_BLOCK = 50_000;

    private SeasonSelectionCpuTime() {
    }

    public static void main(String[] args) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        SeasonSelection selection = new SeasonSelection(new SeasonalChanges(24 * HOUR, HOUR, HOUR / 2, 5f), 0);
        float[] release = new float[HORIZON];
        float[] served = new float[HORIZON];
        for (String arg : args.length == 0 ? new String[] {"321"} : args) {
            int capacity = Integer.parseInt(arg);
            for (boolean select : new boolean[] {false, true}) {
                EventRing ring = new EventRing(Math.max(capacity, selection.historyEvents()));
                double[] state = new double[SeasonSelection.STATE_SIZE];
                long[] t = {0};
                double sink = run(ring, selection, state, release, served, select, t, WARMUP_EVENTS);
                double[] nanos = new double[BLOCKS];
                for (int b = 0; b < BLOCKS; b++) {
                    long start = threads.getCurrentThreadCpuTime();
                    sink += run(ring, selection, state, release, served, select, t, EVENTS_PER_BLOCK);
                    nanos[b] = (threads.getCurrentThreadCpuTime() - start) / (double) EVENTS_PER_BLOCK;
                }
                Arrays.sort(nanos);
                System.out.printf(Locale.ROOT, "ring %d, %s: CPU ns/event median %.1f, fastest block %.1f (choice %d)%s%n",
                        ring.capacity(), select ? "ring + season selection" : "ring alone", nanos[BLOCKS / 2],
                        nanos[0], selection.choice(state), Double.isNaN(sink) ? " (NaN)" : "");
            }
        }
    }

    /** Events of a key whose value repeats weekly with a daily shape, hour by hour from t[0]. */
    private static double run(EventRing ring, SeasonSelection selection, double[] state, float[] release,
                              float[] served, boolean select, long[] t, int events) {
        double sink = 0;
        for (int i = 0; i < events; i++) {
            long hour = t[0]++;
            float value = (float) (10 + 3 * Math.sin(2 * Math.PI * (hour % 24) / 24.0) + (hour % 168 < 120 ? 4 : 0)
                    + 0.1 * ((hour * 2654435761L) % 7));
            ring.add(hour * HOUR, value);
            if (select) {
                selection.update(ring, state);
                int choice = selection.choice(state);
                if (choice == SeasonSelection.WEEK || choice == SeasonSelection.MEAN) {
                    sink += selection.serve(ring, choice, release, HORIZON, 1, served);
                    sink += served[HORIZON - 1];
                }
            }
            sink += ring.value(0);
        }
        return sink;
    }
}
