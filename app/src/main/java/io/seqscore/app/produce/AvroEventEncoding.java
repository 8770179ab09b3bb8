package io.seqscore.app.produce;

import io.seqscore.avro.Event;
import io.seqscore.serde.AvroSerializer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** seqscore's Avro {@link Event} in the Schema Registry wire format, through the project's serializer (the key is the record's). */
public final class AvroEventEncoding implements EventEncoding {
    private final AvroSerializer<Event> serializer = new AvroSerializer<>();

    /** @param serdeProperties the serializer's settings: {@code schema.registry.url} and any registry credentials */
    public AvroEventEncoding(Map<String, ?> serdeProperties) {
        serializer.configure(serdeProperties, false);
    }

    @Override
    public byte[] encode(String topic, String key, long time, String symbol, double[] values,
                         Map<String, String> attributes) {
        List<Double> list = new ArrayList<>(values.length);
        for (double v : values) {
            list.add(v);
        }
        Event event = Event.newBuilder().setEventTime(Instant.ofEpochMilli(time)).setValues(list).setSymbol(symbol)
                .setAttributes(attributes == null ? null : Map.copyOf(attributes)).build();
        return serializer.serialize(topic, event);
    }

    @Override
    public void close() {
        serializer.close();
    }
}
