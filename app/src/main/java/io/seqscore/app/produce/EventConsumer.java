package io.seqscore.app.produce;

import java.util.Map;

/** Takes the events an {@link EventSource} reads, in file order. */
@FunctionalInterface
public interface EventConsumer {
    /** @param attributes the event's labels, or null */
    void accept(String key, long time, double[] values, Map<String, String> attributes);
}
