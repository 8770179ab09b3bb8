package io.seqscore.trainer.source;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Events collected from a source, per key in arrival order. Every event of every key must have the
 * same number of values (the first event fixes it). An event with a NaN or infinite value is dropped
 * and counted, as the scorer sends such events to its dead-letter topic instead of scoring them; so is
 * an event outside the time range, when one is given.
 */
public final class History implements EventSink {
    private final Map<String, KeyHistory> keys = new TreeMap<>();
    private final long from;
    private final long to;
    private int dimension;
    private long accepted;
    private long nonFinite;
    private long outside;

    /** Keeps every event time. */
    public History() {
        this(null, null);
    }

    /**
     * @param from earliest event time kept (epoch ms, inclusive), or null for no bound
     * @param to   end of the event times kept (epoch ms, exclusive), or null for no bound
     */
    public History(Long from, Long to) {
        this.from = from == null ? Long.MIN_VALUE : from;
        this.to = to == null ? Long.MAX_VALUE : to;
    }

    /**
     * @throws IllegalArgumentException when the event has no values or not as many as the first event had
     */
    @Override
    public void add(String key, long time, double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("the event has no values");
        }
        if (dimension == 0) {
            dimension = values.length;
        } else if (values.length != dimension) {
            throw new IllegalArgumentException("expected " + dimension + " value" + (dimension == 1 ? "" : "s")
                    + " per event (as the first event had), found " + values.length);
        }
        if (time < from || time >= to) {
            outside++;
            return;
        }
        for (double v : values) {
            if (!Double.isFinite(v)) {
                nonFinite++;
                return;
            }
        }
        keys.computeIfAbsent(key, k -> new KeyHistory(dimension)).add(time, values);
        accepted++;
    }

    /** Values per event; 0 while no event has been added. */
    public int dimension() {
        return dimension;
    }

    /** Events kept. */
    public long accepted() {
        return accepted;
    }

    /** Events dropped for a NaN, infinite or missing value. */
    public long nonFinite() {
        return nonFinite;
    }

    /** Events dropped for a time outside the range. */
    public long outside() {
        return outside;
    }

    public int keyCount() {
        return keys.size();
    }

    /** The kept events of every key, keys in {@link String#compareTo} order, events in arrival order. */
    public List<RawSeries> series() {
        List<RawSeries> out = new ArrayList<>(keys.size());
        keys.forEach((key, h) -> out.add(new RawSeries(key, dimension, h.times(), h.values())));
        return out;
    }
}
