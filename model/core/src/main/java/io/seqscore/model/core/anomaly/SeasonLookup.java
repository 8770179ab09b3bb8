package io.seqscore.model.core.anomaly;

import io.seqscore.model.core.features.EventHistory;

/**
 * The range channels' inputs of an event: its scaled values z_j and those of the season-ago event, the newest of
 * the key's earlier events at or before time − period, within the tolerance. Keeps reused scratch arrays, so one
 * instance serves one thread.
 */
final class SeasonLookup {
    private final long periodMs;
    private final long toleranceMs;
    private final int history;

    private float[] zEvent = new float[0];
    private float[] zSeason = new float[0];

    SeasonLookup(DetectorSettings s) {
        this.periodMs = s.getLong("range.season.period.ms");
        this.toleranceMs = s.getLong("range.season.tolerance.ms");
        this.history = s.getInt("range.season.history");
        if (periodMs < 1 || toleranceMs < 0 || history < 1) {
            throw new IllegalArgumentException("need a period >= 1 ms, a tolerance >= 0 ms and a history >= 1; got "
                    + periodMs + ", " + toleranceMs + ", " + history);
        }
    }

    /** The key's earlier events the look-back reads. */
    int history() {
        return history;
    }

    /** z_j = the event's scaled values (valid until the next call). */
    float[] scaled(DetectorEvent event) {
        int n = event.values;
        if (zEvent.length < n) {
            zEvent = new float[n];
            zSeason = new float[n];
        }
        for (int j = 0; j < n; j++) {
            zEvent[j] = event.scaled(event.observed[j], j);
        }
        return zEvent;
    }

    /** The season-ago event's scaled values, or null when the key has no such event (call after {@link #scaled}). */
    float[] seasonAgo(DetectorEvent event) {
        EventHistory before = event.before;
        int k = before.newestAtOrBefore(event.time - periodMs, toleranceMs);
        if (k == EventHistory.NONE) {
            return null;
        }
        for (int j = 0; j < event.values; j++) {
            zSeason[j] = event.scaled(before.value(k, j), j);
        }
        return zSeason;
    }
}
