package io.seqscore.trainer.source;

/**
 * The events of one key as read, in arrival order (not necessarily time order): {@code times[i]} in
 * epoch milliseconds and its {@code dimension} values at {@code values[i·dimension ...]}.
 */
public record RawSeries(String key, int dimension, long[] times, double[] values) {
    public int size() {
        return times.length;
    }
}
