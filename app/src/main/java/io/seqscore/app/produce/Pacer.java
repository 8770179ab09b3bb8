package io.seqscore.app.produce;

import java.util.concurrent.locks.LockSupport;

/** Spaces events to a rate (events per second) on average; a rate of 0 does not wait. */
final class Pacer {
    private final long intervalNanos;
    private long next;

    Pacer(double eventsPerSecond) {
        this.intervalNanos = eventsPerSecond <= 0 ? 0 : Math.max(1, Math.round(1e9 / eventsPerSecond));
    }

    /** Returns when the next event is due. */
    void await() {
        if (intervalNanos == 0) {
            return;
        }
        long now = System.nanoTime();
        if (next == 0) {
            next = now;
        }
        while (next - now > 0) {
            LockSupport.parkNanos(next - now);
            now = System.nanoTime();
        }
        next += intervalNanos;
    }
}
