package io.seqscore.trainer.symbols;

import io.seqscore.trainer.source.EventSink;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The events of a CSV of {@code key,timestamp,symbol,values...} grouped by key: the sink the CSV reader fills. Every
 * event must carry as many values as the first one and finite values; a value-only event is refused (the reader
 * reports either as a bad line). {@link #keys()} gives each key's events in time order (ties in reading order).
 */
public final class SymbolEvents implements EventSink {
    /** One event: its time, symbol and values. */
    public record Event(long time, String symbol, double[] values) {
    }

    private final Map<String, List<Event>> byKey = new TreeMap<>();
    private int values = -1;
    private long count;

    @Override
    public void add(String key, long time, double[] eventValues) {
        throw new IllegalArgumentException("the event has no symbol (the layout is key,timestamp,symbol,value[,value...])");
    }

    @Override
    public void add(String key, long time, String symbol, double[] eventValues) {
        if (values < 0) {
            values = eventValues.length;
        } else if (eventValues.length != values) {
            throw new IllegalArgumentException("the event has " + eventValues.length + " values, the first event had "
                    + values);
        }
        for (int j = 0; j < eventValues.length; j++) {
            if (!Double.isFinite(eventValues[j])) {
                throw new IllegalArgumentException("value " + (j + 1) + " is " + eventValues[j]);
            }
        }
        byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(new Event(time, symbol, eventValues.clone()));
        count++;
    }

    /** Values per event (m), −1 before the first event. */
    public int values() {
        return values;
    }

    public long count() {
        return count;
    }

    /** Each key's events in time order, keys sorted. */
    public Map<String, List<Event>> keys() {
        Map<String, List<Event>> sorted = new TreeMap<>();
        byKey.forEach((k, list) -> {
            List<Event> copy = new ArrayList<>(list);
            copy.sort(Comparator.comparingLong(Event::time));
            sorted.put(k, copy);
        });
        return sorted;
    }
}
