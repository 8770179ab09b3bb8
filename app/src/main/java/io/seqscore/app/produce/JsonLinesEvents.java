package io.seqscore.app.produce;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.seqscore.trainer.TrainerException;
import io.seqscore.trainer.source.BadInputPolicy;
import io.seqscore.trainer.source.InputProblems;
import io.seqscore.trainer.source.Timestamps;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Events from JSON lines files, one object per line in the shape {@link JsonEventEncoding} writes:
 * {@code {"key":"sensor-1","time":1767225600000,"values":[1.5],"attributes":{"site":"a"}}}. {@code time} is epoch
 * milliseconds or a timestamp text the trainer reads (ISO-8601, in {@code zone} when it has no offset);
 * {@code values} is an array of numbers (or one number); {@code symbol}, a categorical event's symbol (a non-empty
 * string), is optional, and an event with one may have no values ({@code "values":[]} or no field);
 * {@code attributes} (string values) is optional.
 * Blank lines are ignored.
 */
public final class JsonLinesEvents implements EventSource {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Path> paths;
    private final ZoneId zone;
    private final InputProblems problems;

    public JsonLinesEvents(List<Path> paths, ZoneId zone, BadInputPolicy policy) {
        this.paths = List.copyOf(paths);
        this.zone = zone;
        this.problems = new InputProblems(policy);
    }

    @Override
    public long readInto(EventConsumer consumer) {
        long lines = 0;
        for (Path file : paths) {
            lines += read(file, consumer);
        }
        return lines;
    }

    @Override
    public long skipped() {
        return problems.skipped();
    }

    private long read(Path file, EventConsumer consumer) {
        long lines = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int lineNo = 0;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                lines++;
                try {
                    Parsed e = parse(line);
                    consumer.accept(e.key, e.time, e.symbol, e.values, e.attributes);
                } catch (IllegalArgumentException e) {
                    problems.report(file + ":" + lineNo, e.getMessage());
                }
            }
        } catch (CharacterCodingException e) {
            throw new TrainerException("cannot read " + file + ": it is not UTF-8 text");
        } catch (IOException e) {
            throw new TrainerException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return lines;
    }

    private record Parsed(String key, long time, String symbol, double[] values, Map<String, String> attributes) {
    }

    private Parsed parse(String line) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("expected a JSON object {\"key\":..,\"time\":..,\"values\":[..]}");
        }
        JsonNode key = node.get("key");
        if (key == null || !key.isTextual() || key.asText().isEmpty()) {
            throw new IllegalArgumentException("\"key\" must be a non-empty string");
        }
        String symbol = symbol(node.get("symbol"));
        return new Parsed(key.asText(), time(node.get("time")), symbol, values(node.get("values"), symbol != null),
                attributes(node.get("attributes")));
    }

    private long time(JsonNode time) {
        if (time == null || time.isNull()) {
            throw new IllegalArgumentException("\"time\" is missing");
        }
        if (time.isIntegralNumber() && time.canConvertToLong()) {
            return time.asLong();
        }
        if (time.isTextual()) {
            return Timestamps.parse(time.asText(), zone);
        }
        throw new IllegalArgumentException("\"time\" must be epoch milliseconds or a timestamp text, got " + time);
    }

    private static String symbol(JsonNode symbol) {
        if (symbol == null || symbol.isNull()) {
            return null;
        }
        if (!symbol.isTextual() || symbol.asText().isEmpty()) {
            throw new IllegalArgumentException("\"symbol\" must be a non-empty string, got " + symbol);
        }
        return symbol.asText();
    }

    /** The values; none allowed (a missing field or []) for an event with a symbol. */
    private static double[] values(JsonNode values, boolean hasSymbol) {
        if (values != null && values.isNumber()) {
            return new double[] {values.asDouble()};
        }
        if (hasSymbol && (values == null || values.isNull() || values.isArray() && values.isEmpty())) {
            return new double[0];
        }
        if (values == null || !values.isArray() || values.isEmpty()) {
            throw new IllegalArgumentException("\"values\" must be a non-empty array of numbers (or \"symbol\" a"
                    + " categorical event's symbol)");
        }
        double[] out = new double[values.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode v = values.get(i);
            if (!v.isNumber()) {
                throw new IllegalArgumentException("\"values\"[" + i + "] is not a number: " + v);
            }
            out[i] = v.asDouble();
        }
        return out;
    }

    private static Map<String, String> attributes(JsonNode attributes) {
        if (attributes == null || attributes.isNull()) {
            return null;
        }
        if (!attributes.isObject()) {
            throw new IllegalArgumentException("\"attributes\" must be an object of strings");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = attributes.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw new IllegalArgumentException("attribute \"" + e.getKey() + "\" is not a string");
            }
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }
}
