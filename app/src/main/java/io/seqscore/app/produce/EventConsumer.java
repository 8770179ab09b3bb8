package io.seqscore.app.produce;

import java.util.Map;

/** Takes the events an {@link EventSource} reads, in file order. */
@FunctionalInterface
public interface EventConsumer {
    /**
     * @param symbol     the event's symbol (a categorical event), or null
     * @param values     the event's values (none for an event of a symbol alone)
     * @param attributes the event's labels, or null
     */
    void accept(String key, long time, String symbol, double[] values, Map<String, String> attributes);
}
