package io.seqscore.input;

import io.seqscore.avro.Event;
import io.seqscore.serde.AvroDeserializer;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code event}: seqscore's own {@link Event} in the Confluent wire format, through the registry; the
 * series id is the record key. The mapping does not apply.
 */
public final class EventInput implements InputFormat {
    @Override
    public String name() {
        return InputFormats.EVENT;
    }

    @Override
    public boolean needsRegistry() {
        return true;
    }

    @Override
    public Supplier<EventDecoder> decoders(InputMapping mapping, Map<String, ?> serdeConfig) {
        AvroDeserializer<Event> events = AvroDeserializer.forClass(Event.class);
        events.configure(serdeConfig, false);
        return () -> new Decoder(events);
    }

    /** A decoder of the events that {@code events} reads (a deserializer of the caller's, e.g. in a test). */
    public static EventDecoder decoderOf(Deserializer<Event> events) {
        return new Decoder(events);
    }

    private static final class Decoder implements EventDecoder {
        private final Deserializer<Event> events;
        private final DecodedEvent out = new DecodedEvent();

        Decoder(Deserializer<Event> events) {
            this.events = events;
        }

        @Override
        public DecodedEvent decode(String topic, Headers headers, byte[] key, byte[] value, long timestamp) {
            if (key == null) {
                throw new InputMappingException(MappingProblem.NULL_KEY, "record has no key (the series id)");
            }
            Event event = events.deserialize(topic, headers, value);
            if (event.getEventTime() == null) {
                throw new InputMappingException(MappingProblem.MALFORMED, "event has no event time");
            }
            String symbol = event.getSymbol() == null ? null : event.getSymbol().toString();
            if (symbol != null && symbol.isEmpty()) {
                throw new InputMappingException(MappingProblem.MALFORMED, "event has an empty symbol");
            }
            if ((event.getValues() == null || event.getValues().isEmpty()) && symbol == null) {
                throw new InputMappingException(MappingProblem.MALFORMED, "event has no values and no symbol");
            }
            out.set(new String(key, StandardCharsets.UTF_8), key, event.getEventTime().toEpochMilli(),
                    event.getValues() == null ? List.of() : event.getValues(), event.getAttributes(), symbol);
            return out;
        }
    }
}
