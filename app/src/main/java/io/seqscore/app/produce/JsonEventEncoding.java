package io.seqscore.app.produce;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.UncheckedIOException;
import java.util.Map;

/**
 * An event as a UTF-8 JSON object, the shape {@link JsonLinesEvents} reads:
 * {@code {"key":"sensor-1","time":1767225600000,"values":[1.5],"attributes":{"site":"a"}}}, with the record key
 * repeated as {@code key}, {@code time} in epoch milliseconds, {@code symbol} only when the event has one (a categorical
 * event: {@code "values":[],"symbol":"login"}, or beside its values) and {@code attributes} only when it has some.
 */
public final class JsonEventEncoding implements EventEncoding {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public byte[] encode(String topic, String key, long time, String symbol, double[] values,
                         Map<String, String> attributes) {
        ObjectNode node = JSON.createObjectNode();
        node.put("key", key);
        node.put("time", time);
        ArrayNode array = node.putArray("values");
        for (double v : values) {
            array.add(v);
        }
        if (symbol != null) {
            node.put("symbol", symbol);
        }
        if (attributes != null && !attributes.isEmpty()) {
            ObjectNode labels = node.putObject("attributes");
            attributes.forEach(labels::put);
        }
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
