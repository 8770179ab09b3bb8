package io.seqscore.app.config;

import io.seqscore.input.EventDecoder;
import io.seqscore.input.FieldPath;
import io.seqscore.input.InputFormat;
import io.seqscore.input.InputFormats;
import io.seqscore.input.InputMapping;
import io.seqscore.input.TimeFormat;
import io.seqscore.output.OutputFormat;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.ValidString;
import org.apache.kafka.common.config.ConfigException;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What the events topic holds and how scores are written: the input format, the field mapping of the
 * {@code json} and {@code avro} formats, the output format. Declared by {@link #define(ConfigDef)} into
 * {@link SeqscoreConfig#CONFIG}.
 *
 * @param input   the events topic's format
 * @param mapping where the event's parts are in a record (json, avro)
 * @param output  the scores' format (scores, anomalies and shadow-scores topics)
 */
public record FormatSettings(InputFormat input, InputMapping mapping, OutputFormat output) {
    public static final String INPUT_FORMAT_CONFIG = "seqscore.input.format";
    public static final String INPUT_FORMAT_DOC = "What the events topic's values are: 'event' (seqscore's Avro Event"
            + " through the Schema Registry, the record key the series id), 'json' (a UTF-8 JSON object, no registry)"
            + " or 'avro' (any Avro record through the Schema Registry). json and avro read the series id, event time,"
            + " values and attributes by the seqscore.input.* field mapping; see docs/input-formats.md.";
    public static final String INPUT_VALUES_CONFIG = "seqscore.input.values";
    public static final String INPUT_VALUES_DOC = "json/avro: the fields holding the event's values, comma-separated"
            + " dotted paths (reading.temp,reading.rpm), each a number or an array of numbers; their values in this"
            + " order are the event's values.";
    public static final String INPUT_TIME_CONFIG = "seqscore.input.time";
    public static final String INPUT_TIME_DOC = "json/avro: the field (dotted path) holding the event time, read in"
            + " seqscore.input.time.format; a record without it is dead-lettered. Unset: the field 'time' when the"
            + " record has one, else the record's timestamp.";
    public static final String INPUT_TIME_FORMAT_CONFIG = "seqscore.input.time.format";
    public static final String INPUT_TIME_FORMAT_DOC = "json/avro: how the time field reads: 'epoch-millis',"
            + " 'epoch-seconds' (a number or its text; fractions round to the millisecond), 'iso-8601'"
            + " (2023-11-14T22:13:20Z), or a java.time pattern (yyyy-MM-dd HH:mm:ss). An Avro long with a"
            + " timestamp-millis/micros/nanos logical type is read in its own unit.";
    public static final String INPUT_TIME_ZONE_CONFIG = "seqscore.input.time.zone";
    public static final String INPUT_TIME_ZONE_DOC = "json/avro: the zone of ISO-8601 or pattern times without an"
            + " offset (UTC, Europe/Paris, +02:00).";
    public static final String INPUT_KEY_CONFIG = "seqscore.input.key";
    public static final String INPUT_KEY_DOC = "json/avro: the field (dotted path, a string or an integer) holding the"
            + " series id; a record without it is dead-lettered. Unset: the field 'key' when the record has one, else"
            + " the record key. The scorer does not repartition: every record of a series must be on one partition.";
    public static final String INPUT_SYMBOL_CONFIG = "seqscore.input.symbol";
    public static final String INPUT_SYMBOL_DOC = "json/avro: the field (dotted path, a string or an integer) holding a"
            + " categorical event's symbol, for models of feature kind SYMBOLS; a record with a symbol needs no values"
            + " field. Unset: records carry no symbol.";
    public static final String INPUT_ATTRIBUTES_CONFIG = "seqscore.input.attributes";
    public static final String INPUT_ATTRIBUTES_DOC = "json/avro: optional fields (dotted paths) copied into the"
            + " event's attributes, named by their path, for seqscore.routing.attribute; a missing or non-scalar one"
            + " is left out.";
    public static final String OUTPUT_FORMAT_CONFIG = "seqscore.output.format";
    public static final String OUTPUT_FORMAT_DOC = "How Score and ShadowScore values are written: 'avro' (Confluent"
            + " wire format, through the Schema Registry) or 'json' (one UTF-8 JSON object with the Avro record's"
            + " field names; see docs/input-formats.md).";

    /** The mapping settings, which the event format does not read. */
    static final List<String> MAPPING_SETTINGS = List.of(INPUT_VALUES_CONFIG, INPUT_TIME_CONFIG,
            INPUT_TIME_FORMAT_CONFIG, INPUT_TIME_ZONE_CONFIG, INPUT_KEY_CONFIG, INPUT_ATTRIBUTES_CONFIG, INPUT_SYMBOL_CONFIG);

    public static ConfigDef define(ConfigDef def) {
        return def
                .define(INPUT_FORMAT_CONFIG, Type.STRING, InputFormats.EVENT,
                        ValidString.in(InputFormats.names().toArray(String[]::new)), Importance.HIGH, INPUT_FORMAT_DOC)
                .define(INPUT_VALUES_CONFIG, Type.LIST, InputMapping.DEFAULT_VALUES, fieldPaths(false), Importance.HIGH,
                        INPUT_VALUES_DOC)
                .define(INPUT_TIME_CONFIG, Type.STRING, null, Validators.nullOr(fieldPath()), Importance.HIGH,
                        INPUT_TIME_DOC)
                .define(INPUT_TIME_FORMAT_CONFIG, Type.STRING, TimeFormat.EPOCH_MILLIS, timeFormat(), Importance.MEDIUM,
                        INPUT_TIME_FORMAT_DOC)
                .define(INPUT_TIME_ZONE_CONFIG, Type.STRING, "UTC", zone(), Importance.LOW, INPUT_TIME_ZONE_DOC)
                .define(INPUT_KEY_CONFIG, Type.STRING, null, Validators.nullOr(fieldPath()), Importance.HIGH,
                        INPUT_KEY_DOC)
                .define(INPUT_ATTRIBUTES_CONFIG, Type.LIST, "", fieldPaths(true), Importance.LOW, INPUT_ATTRIBUTES_DOC)
                .define(INPUT_SYMBOL_CONFIG, Type.STRING, null, Validators.nullOr(fieldPath()), Importance.LOW,
                        INPUT_SYMBOL_DOC)
                .define(OUTPUT_FORMAT_CONFIG, Type.STRING, OutputFormat.AVRO.configValue(),
                        ValidString.in(OutputFormat.configValues()), Importance.MEDIUM, OUTPUT_FORMAT_DOC);
    }

    /**
     * The settings of a configuration whose definition includes {@link #define(ConfigDef)}'s.
     *
     * @throws ConfigException when a mapping setting is given with the event format, which does not read it
     */
    public static FormatSettings from(AbstractConfig config) {
        InputFormat input = InputFormats.named(config.getString(INPUT_FORMAT_CONFIG));
        if (input.name().equals(InputFormats.EVENT)) {
            for (String name : MAPPING_SETTINGS) {
                if (config.originals().containsKey(name)) {
                    throw new ConfigException(name + " applies to " + INPUT_FORMAT_CONFIG + "=json or avro, not "
                            + InputFormats.EVENT);
                }
            }
        }
        InputMapping mapping = InputMapping.of(config.getList(INPUT_VALUES_CONFIG), config.getString(INPUT_TIME_CONFIG),
                config.getString(INPUT_TIME_FORMAT_CONFIG), config.getString(INPUT_TIME_ZONE_CONFIG),
                config.getString(INPUT_KEY_CONFIG), config.getList(INPUT_ATTRIBUTES_CONFIG))
                .withSymbol(config.getString(INPUT_SYMBOL_CONFIG));
        return new FormatSettings(input, mapping, OutputFormat.ofConfigValue(config.getString(OUTPUT_FORMAT_CONFIG)));
    }

    /**
     * The input format configured with {@code serdeConfig}, making one decoder per stream task or reader.
     *
     * @throws ConfigException when the format needs a Schema Registry and the serde properties name none
     */
    public Supplier<EventDecoder> decoders(Map<String, ?> serdeConfig) {
        return input.decoders(mapping, serdeConfig);
    }

    private static ConfigDef.Validator fieldPath() {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                try {
                    FieldPath.parse((String) value);
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(name, value, e.getMessage());
                }
            }

            @Override
            public String toString() {
                return "a dotted field path";
            }
        };
    }

    private static ConfigDef.Validator fieldPaths(boolean emptyAllowed) {
        return new ConfigDef.Validator() {
            @Override
            @SuppressWarnings("unchecked")
            public void ensureValid(String name, Object value) {
                List<String> paths = value == null ? List.of() : (List<String>) value;
                if (paths.isEmpty() && !emptyAllowed) {
                    throw new ConfigException(name, value, "name at least one field");
                }
                try {
                    FieldPath.parseAll(paths);
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(name, value, e.getMessage());
                }
            }

            @Override
            public String toString() {
                return emptyAllowed ? "dotted field paths, ..." : "one or more dotted field paths, ...";
            }
        };
    }

    private static ConfigDef.Validator timeFormat() {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                try {
                    TimeFormat.named((String) value, ZoneId.of("UTC"));
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(name, value, e.getMessage());
                }
            }

            @Override
            public String toString() {
                return "epoch-millis, epoch-seconds, iso-8601 or a date-time pattern";
            }
        };
    }

    private static ConfigDef.Validator zone() {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                try {
                    ZoneId.of(((String) value).trim());
                } catch (DateTimeException | NullPointerException e) {
                    throw new ConfigException(name, value, "not a time zone id");
                }
            }

            @Override
            public String toString() {
                return "a zone id";
            }
        };
    }
}
