package io.seqscore.app.dashboard;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every arm's evidence over time, as windows: the arms' cumulative counters are read at most once per
 * {@code windowMs} ({@link #sample}) and each window is the difference of two consecutive readings, so
 * its MAE is Δ|error| / Δvalues, its flag rate Δflags / Δforecasts and its mean score Δanomaly / Δforecasts over
 * exactly the scores written
 * between the two readings. An arm first read after the previous reading started within that window
 * (its counters were zero then); the first reading of all only sets the baseline. The counters of one arm
 * are read one after another while the stream threads add to them, so a score landing during a reading may
 * count in one figure of a window and in another of the next; summed over windows every figure is exact.
 * Keeps the last {@code capacity} windows per arm. Thread-safe.
 */
public final class ArmWindows {
    private record Key(String model, long version, String role) {
    }

    private static final class Track {
        ArmCounts last;
        final Deque<Window> windows = new ArrayDeque<>();
    }

    /**
     * One window of one arm, from the reading at {@code from} to the one at {@code to} (wall clock, ms).
     *
     * @param n        the reading that closed it (1, 2, ...: the same for every arm)
     * @param mae      mean absolute error per forecast value, null when the window has no forecast
     * @param flagRate flags per score with a forecast, null when the window has no forecast
     * @param meanScore mean anomaly score per score with a forecast, null when the window has none (for a model of
     *                  symbols alone, which compares no values and has no MAE, the mean of 1 − p: its error)
     */
    public record Window(long n, long from, long to, long scored, long forecasts, long flags, Double mae,
                         Double flagRate, Double meanScore) {
        Object[] toRow() {
            return new Object[] {n, from, to, scored, forecasts, flags, mae, flagRate, meanScore};
        }
    }

    private final long windowMs;
    private final int capacity;
    private final Map<Key, Track> tracks = new LinkedHashMap<>();
    private long readings;
    private long lastAt = Long.MIN_VALUE;

    public ArmWindows(long windowMs, int capacity) {
        if (windowMs < 1 || capacity < 1) {
            throw new IllegalArgumentException("window and capacity must be >= 1, got " + windowMs + " ms, "
                    + capacity);
        }
        this.windowMs = windowMs;
        this.capacity = capacity;
    }

    public long windowMs() {
        return windowMs;
    }

    /** Whether a reading at {@code now} is due (the first, or {@code windowMs} after the last). */
    public synchronized boolean due(long now) {
        return lastAt == Long.MIN_VALUE || now - lastAt >= windowMs;
    }

    /** Takes the reading {@code arms} at {@code now} when one is {@link #due}; returns whether it did. */
    public synchronized boolean sample(Collection<ArmCounts> arms, long now) {
        if (!due(now)) {
            return false;
        }
        boolean baseline = lastAt == Long.MIN_VALUE;
        readings++;
        for (ArmCounts c : arms) {
            Track t = tracks.computeIfAbsent(new Key(c.model(), c.version(), c.role()), k -> new Track());
            if (!baseline) {
                ArmCounts p = t.last;
                long forecasts = c.forecasts() - (p == null ? 0 : p.forecasts());
                long values = c.values() - (p == null ? 0 : p.values());
                long flags = c.flagged() - (p == null ? 0 : p.flagged());
                double error = c.absError() - (p == null ? 0 : p.absError());
                double anomaly = c.anomaly() - (p == null ? 0 : p.anomaly());
                t.windows.addLast(new Window(readings, lastAt, now, c.scored() - (p == null ? 0 : p.scored()),
                        forecasts, flags, values == 0 ? null : error / values,
                        forecasts == 0 ? null : (double) flags / forecasts,
                        forecasts == 0 ? null : anomaly / forecasts));
                if (t.windows.size() > capacity) {
                    t.windows.removeFirst();
                }
            }
            t.last = c;
        }
        lastAt = now;
        return true;
    }

    /**
     * Every arm with its windows as rows {@code [n, from, to, scored, forecasts, flags, mae, flagRate, meanScore]}: all
     * that are kept, or only those closed by a reading after {@code afterReading}.
     */
    public synchronized List<DashboardSnapshot.ArmSeries> series(long afterReading) {
        List<DashboardSnapshot.ArmSeries> out = new ArrayList<>();
        for (Map.Entry<Key, Track> e : tracks.entrySet()) {
            List<Object[]> rows = new ArrayList<>();
            for (Window w : e.getValue().windows) {
                if (w.n() > afterReading) {
                    rows.add(w.toRow());
                }
            }
            Key k = e.getKey();
            out.add(new DashboardSnapshot.ArmSeries(k.model(), k.version(), k.role(), rows));
        }
        out.sort(DashboardSnapshot.ArmSeries.ORDER);
        return out;
    }

    /** The windows of one arm, oldest first (empty when the arm is unknown). */
    public synchronized List<Window> windows(String model, long version, String role) {
        Track t = tracks.get(new Key(model, version, role));
        return t == null ? List.of() : List.copyOf(t.windows);
    }

    /** Readings taken so far. */
    public synchronized long readings() {
        return readings;
    }
}
