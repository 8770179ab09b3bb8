package io.seqscore.app.demo;

import io.seqscore.trainer.source.History;

import java.util.List;

/**
 * Where the demo's events come from, as a sequence of ticks: tick i holds every event of one event time
 * (one value per key for the generated workload). Ticks {@code [0, historyTicks())} are the first part,
 * the history model v1 is trained on; the ticks after it are streamed live.
 */
interface DemoSource {
    /** The history's source for the release's provenance, e.g. {@code demo:generated(keys=24, seed=42)}. */
    String description();

    int keyCount();

    /** The keys, in a fixed order. */
    List<String> keys();

    /** Ticks of the first part. */
    long historyTicks();

    /** Ticks in all, or {@link Long#MAX_VALUE} when the source never ends. */
    long tickCount();

    /** The events of tick {@code i} (0 ≤ i < {@link #tickCount()}). */
    List<DemoEvent> tick(long i);

    /** The wall-clock time at which live tick {@link #historyTicks()} is due (its successors follow at the rate). */
    long liveStart();

    /**
     * This source as it streams from {@code now} on: a source whose event times are its own (a CSV) starts
     * its live part then, a source on the wall clock (the generated workload) stays as it is.
     */
    DemoSource streamingFrom(long now);

    /** Ticks {@code [0, ticks)} as the trainer's history. */
    default History history(long ticks) {
        History h = new History();
        for (long i = 0; i < ticks; i++) {
            for (DemoEvent e : tick(i)) {
                h.add(e.key(), e.time(), e.values());
            }
        }
        return h;
    }
}
