package io.seqscore.app.demo;

/**
 * When each live tick is due: tick {@code first} at {@code start} (wall clock, ms), every later one
 * {@code 1000 / rate} ms after the one before:
 * <pre>
 *   due(i) = start + ⌊(i − first) · 1000 / rate⌋
 * </pre>
 */
record TickPacer(long start, long first, double rate) {
    TickPacer {
        if (!(rate > 0 && Double.isFinite(rate))) {
            throw new IllegalArgumentException("rate must be > 0 ticks per second, got " + rate);
        }
    }

    long due(long tick) {
        return start + (long) Math.floor((tick - first) * 1000.0 / rate);
    }
}
