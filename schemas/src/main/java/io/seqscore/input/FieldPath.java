package io.seqscore.input;

import org.apache.avro.util.Utf8;

import java.util.List;
import java.util.Objects;

/**
 * A dotted path to a field of a record: {@code reading.temp} is the field {@code temp} of the object (JSON)
 * or record (Avro) in the field {@code reading}. The segments are field names; an Avro map is entered by
 * its key the same way. A path never crosses an array: a path that ends at an array takes all its values.
 */
public final class FieldPath {
    private final String text;
    private final String[] segments;
    private final Utf8[] utf8;

    private FieldPath(String text, String[] segments) {
        this.text = text;
        this.segments = segments;
        this.utf8 = new Utf8[segments.length];
        for (int i = 0; i < segments.length; i++) {
            utf8[i] = new Utf8(segments[i]);
        }
    }

    /**
     * @throws IllegalArgumentException when {@code text} is blank or has an empty segment ({@code a..b}, {@code .a})
     */
    public static FieldPath parse(String text) {
        Objects.requireNonNull(text, "text");
        String t = text.trim();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("a field path is empty");
        }
        String[] segments = t.split("\\.", -1);
        for (String s : segments) {
            if (s.isEmpty()) {
                throw new IllegalArgumentException("field path '" + t + "' has an empty segment");
            }
        }
        return new FieldPath(t, segments);
    }

    public static List<FieldPath> parseAll(List<String> texts) {
        return texts.stream().map(FieldPath::parse).toList();
    }

    public int length() {
        return segments.length;
    }

    public String segment(int i) {
        return segments[i];
    }

    /** The segment as Avro's string type, to look it up in an Avro map without allocating. */
    Utf8 utf8Segment(int i) {
        return utf8[i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FieldPath p && p.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    /** The path as written, e.g. {@code reading.temp}. */
    @Override
    public String toString() {
        return text;
    }
}
