package io.seqscore.input;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;

import java.io.IOException;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code json}: a UTF-8 JSON object per record, no registry. Read in one pass with a streaming parser: only
 * the fields the mapping names are looked at, the rest are skipped unread. {@code NaN} and
 * {@code Infinity} are accepted as numbers, so that the scorer's non-finite policy sees them.
 */
final class JsonInput implements InputFormat {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    @Override
    public String name() {
        return InputFormats.JSON;
    }

    @Override
    public boolean needsRegistry() {
        return false;
    }

    @Override
    public Supplier<EventDecoder> decoders(InputMapping mapping, Map<String, ?> serdeConfig) {
        return () -> new Decoder(mapping);
    }

    private static final class Decoder implements EventDecoder {
        private final MappedFields fields;
        private final PathTree tree;

        Decoder(InputMapping mapping) {
            this.fields = new MappedFields(mapping);
            this.tree = PathTree.of(mapping);
        }

        @Override
        public DecodedEvent decode(String topic, Headers headers, byte[] key, byte[] value, long timestamp) {
            fields.reset();
            try (JsonParser p = FACTORY.createParser(value)) {
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    throw new SerializationException("Not a JSON object: the value starts with " + describe(p.currentToken()));
                }
                object(p, tree.root());
                if (p.nextToken() != null) {
                    throw new SerializationException("Not one JSON object: more follows the object at "
                            + p.currentLocation().offsetDescription());
                }
            } catch (JsonProcessingException e) {
                throw new SerializationException("Not JSON: " + e.getOriginalMessage() + " at "
                        + (e.getLocation() == null ? "?" : e.getLocation().offsetDescription()));
            } catch (IOException e) {
                throw new SerializationException("Not JSON: " + e.getMessage());
            }
            return fields.finish(key, timestamp);
        }

        private void object(JsonParser p, PathTree.Node node) throws IOException {
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                PathTree.Node child = node.child(p.currentName());
                JsonToken v = p.nextToken();
                if (child == null) {
                    p.skipChildren();
                } else if (v == JsonToken.START_OBJECT) {
                    if (child.hasRoles()) {
                        leaf(p, v, child);
                    }
                    if (child.hasChildren()) {
                        object(p, child);
                    } else {
                        p.skipChildren();
                    }
                } else {
                    leaf(p, v, child);
                    p.skipChildren();
                }
            }
            if (t != JsonToken.END_OBJECT) {
                throw new SerializationException("Not JSON: an object ends with " + describe(t));
            }
        }

        private void leaf(JsonParser p, JsonToken t, PathTree.Node node) throws IOException {
            int[] values = node.values();
            if (values.length > 0) {
                DoubleList first = fields.values(values[0]);
                readValues(p, t, node, first);
                for (int i = 1; i < values.length; i++) {
                    fields.values(values[i]).addAll(first);
                }
            }
            if (node.isTime()) {
                time(p, t);
            }
            if (node.isKey()) {
                key(p, t, node);
            }
            if (node.isSymbol()) {
                symbol(p, t, node);
            }
            if (node.attribute() != null && t.isScalarValue() && t != JsonToken.VALUE_NULL) {
                fields.attribute(node.attribute(), p.getText());
            }
        }

        private static void readValues(JsonParser p, JsonToken t, PathTree.Node node, DoubleList into) throws IOException {
            if (t.isNumeric()) {
                into.add(p.getDoubleValue());
            } else if (t == JsonToken.START_ARRAY) {
                int i = 0;
                JsonToken e;
                while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
                    if (!e.isNumeric()) {
                        throw new InputMappingException(MappingProblem.NOT_A_NUMBER, "values field " + node.path() + "["
                                + i + "] is " + describe(e) + ", not a number");
                    }
                    into.add(p.getDoubleValue());
                    i++;
                }
            } else {
                throw new InputMappingException(MappingProblem.NOT_A_NUMBER, "values field " + node.path() + " is "
                        + describe(t) + ", not a number or an array of numbers");
            }
        }

        private void time(JsonParser p, JsonToken t) throws IOException {
            TimeFormat format = fields.mapping().timeFormat();
            try {
                switch (t) {
                    case VALUE_NULL -> {
                        return;
                    }
                    case VALUE_NUMBER_INT -> fields.time(format.fromLong(p.getLongValue()));
                    case VALUE_NUMBER_FLOAT -> fields.time(format.fromDouble(p.getDoubleValue()));
                    case VALUE_STRING -> fields.time(format.fromText(p.getText()));
                    default -> throw fields.badTime("it is " + describe(t) + ", not a number or text");
                }
            } catch (InputCoercionException e) {
                throw fields.badTime(p.getText() + " is out of range");
            } catch (IllegalArgumentException e) {
                throw fields.badTime(e.getMessage());
            }
        }

        private void symbol(JsonParser p, JsonToken t, PathTree.Node node) throws IOException {
            switch (t) {
                case VALUE_NULL -> fields.symbol(null);
                case VALUE_STRING, VALUE_NUMBER_INT -> fields.symbol(p.getText());
                default -> throw new InputMappingException(MappingProblem.MALFORMED, "symbol field " + node.path() + " is "
                        + describe(t) + ", not a string or an integer");
            }
        }

        private void key(JsonParser p, JsonToken t, PathTree.Node node) throws IOException {
            switch (t) {
                case VALUE_NULL -> fields.key(null);
                case VALUE_STRING, VALUE_NUMBER_INT -> fields.key(p.getText());
                default -> throw new InputMappingException(MappingProblem.MALFORMED, "key field " + node.path() + " is "
                        + describe(t) + ", not a string or an integer");
            }
        }

        private static String describe(JsonToken t) {
            if (t == null) {
                return "nothing";
            }
            return switch (t) {
                case START_OBJECT -> "an object";
                case START_ARRAY -> "an array";
                case VALUE_STRING -> "a string";
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
                case VALUE_TRUE, VALUE_FALSE -> "a boolean";
                case VALUE_NULL -> "null";
                default -> t.asString() == null ? t.name() : "'" + t.asString() + "'";
            };
        }
    }
}
