package io.seqscore.input;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The input formats by name. */
public final class InputFormats {
    public static final String EVENT = "event";
    public static final String JSON = "json";
    public static final String AVRO = "avro";

    private static final List<InputFormat> ALL = List.of(new EventInput(), new JsonInput(), new AvroInput());
    private static final Map<String, InputFormat> BY_NAME = ALL.stream()
            .collect(Collectors.toUnmodifiableMap(InputFormat::name, Function.identity()));

    private InputFormats() {
    }

    /** The names, in the order of the documentation. */
    public static List<String> names() {
        return ALL.stream().map(InputFormat::name).toList();
    }

    /** @throws IllegalArgumentException for a name that is no format */
    public static InputFormat named(String name) {
        InputFormat f = name == null ? null : BY_NAME.get(name.trim());
        if (f == null) {
            throw new IllegalArgumentException("unknown input format '" + name + "'; the formats are " + names());
        }
        return f;
    }
}
