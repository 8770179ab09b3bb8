package io.seqscore.input;

import java.util.Map;
import java.util.function.Supplier;

/**
 * A kind of record on the events topic; {@link InputFormats} names them. Each makes an
 * {@link EventDecoder} per thread.
 */
public interface InputFormat {
    /** The name settings use ({@code event}, {@code json}, {@code avro}). */
    String name();

    /** Whether the format reads through the Schema Registry. */
    boolean needsRegistry();

    /**
     * Configures the format now (a registry client, for formats that need one: a bad setting fails here)
     * and returns what makes a decoder for each thread.
     *
     * @param mapping     where the event's parts are (ignored by formats that have a fixed layout)
     * @param serdeConfig the Schema Registry and serde properties, for formats that need them
     * @throws org.apache.kafka.common.config.ConfigException when the serde properties are not usable
     */
    Supplier<EventDecoder> decoders(InputMapping mapping, Map<String, ?> serdeConfig);
}
