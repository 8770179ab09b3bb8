package io.seqscore.app.produce;

import java.util.Map;

/** How an event becomes a record value on the topic: one implementation per output format. */
public interface EventEncoding extends AutoCloseable {
    /**
     * @param symbol     the event's symbol, or null
     * @param attributes the event's labels, or null
     */
    byte[] encode(String topic, String key, long time, String symbol, double[] values, Map<String, String> attributes);

    @Override
    default void close() {
    }
}
