package io.seqscore.app.dashboard;

/**
 * Events per second over the last {@code seconds} whole seconds, from per-second buckets indexed by
 * wall-clock second (a bucket is reused once its second has passed out of the window).
 */
final class RateWindow {
    private final long[] second;
    private final long[] count;

    RateWindow(int seconds) {
        if (seconds < 1) {
            throw new IllegalArgumentException("window must be >= 1 s, got " + seconds);
        }
        second = new long[seconds + 1];
        count = new long[seconds + 1];
        java.util.Arrays.fill(second, Long.MIN_VALUE);
    }

    synchronized void add(long nowMillis, long events) {
        long s = Math.floorDiv(nowMillis, 1000);
        int i = (int) Math.floorMod(s, (long) second.length);
        if (second[i] != s) {
            second[i] = s;
            count[i] = 0;
        }
        count[i] += events;
    }

    /** Mean rate over the {@code seconds} whole seconds before the current one. */
    synchronized double perSecond(long nowMillis) {
        long current = Math.floorDiv(nowMillis, 1000);
        int window = second.length - 1;
        long total = 0;
        for (int i = 0; i < second.length; i++) {
            if (second[i] < current && second[i] >= current - window) {
                total += count[i];
            }
        }
        return (double) total / window;
    }
}
