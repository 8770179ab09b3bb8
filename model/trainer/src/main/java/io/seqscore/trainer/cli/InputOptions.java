package io.seqscore.trainer.cli;

import io.seqscore.input.InputFormat;
import io.seqscore.input.InputFormats;
import io.seqscore.input.InputMapping;
import io.seqscore.input.TimeFormat;
import picocli.CommandLine.Option;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * How records of --events-topic or --sessions-topic read as events: the scorer's seqscore.input.* settings as
 * options (attributes aside: training does not use them).
 */
final class InputOptions {
    @Option(names = "--input-format", paramLabel = "FORMAT", defaultValue = InputFormats.EVENT,
            description = "With --events-topic or --sessions-topic: event (seqscore's Avro Event through the registry), json (UTF-8 JSON"
                    + " objects, no registry) or avro (any Avro record through the registry), as the scorer's"
                    + " seqscore.input.format. Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(names = "--input-values", paramLabel = "PATH[,PATH...]", split = ",",
            description = "json/avro: the fields (dotted paths) holding the values, each a number or an array of"
                    + " numbers. Default: values.")
    List<String> values;

    @Option(names = "--input-time", paramLabel = "PATH",
            description = "json/avro: the field holding the event time. Default: the field time when a record has"
                    + " one, else the record timestamp.")
    String time;

    @Option(names = "--input-time-format", paramLabel = "FORMAT",
            description = "json/avro: epoch-millis, epoch-seconds, iso-8601 or a java.time pattern; times without an"
                    + " offset are in --time-zone. Default: epoch-millis.")
    String timeFormat;

    @Option(names = "--input-key", paramLabel = "PATH",
            description = "json/avro: the field holding the series id. Default: the field key when a record has one,"
                    + " else the record key.")
    String key;

    @Option(names = "--input-symbol", paramLabel = "PATH",
            description = "json/avro with --sessions-topic: the field holding the event's symbol, as the scorer's"
                    + " seqscore.input.symbol. Default: symbol.")
    String symbol;

    /** The symbol field of --sessions-topic's json and avro records when --input-symbol is not given. */
    static final String DEFAULT_SYMBOL = "symbol";

    /** @throws IllegalArgumentException for an unknown format */
    InputFormat inputFormat() {
        return InputFormats.named(format);
    }

    /**
     * The mapping of the options, checked.
     *
     * @param eventsTopic whether the history comes from the events topic (the options apply to nothing else)
     * @param sessions    whether it is read as sessions of symbols (--input-symbol applies to nothing else)
     * @throws IllegalArgumentException naming the option and its problem
     */
    InputMapping mapping(boolean eventsTopic, boolean sessions, ZoneId zone) {
        if (symbol != null && !sessions) {
            throw new IllegalArgumentException("--input-symbol applies to --sessions-topic only");
        }
        List<String> given = new ArrayList<>();
        if (values != null) {
            given.add("--input-values");
        }
        if (time != null) {
            given.add("--input-time");
        }
        if (timeFormat != null) {
            given.add("--input-time-format");
        }
        if (key != null) {
            given.add("--input-key");
        }
        if (symbol != null) {
            given.add("--input-symbol");
        }
        if (!eventsTopic && (!given.isEmpty() || !InputFormats.EVENT.equals(format))) {
            throw new IllegalArgumentException((given.isEmpty() ? "--input-format" : given.get(0))
                    + " applies to --events-topic or --sessions-topic only");
        }
        InputFormat f = inputFormat();
        if (f.name().equals(InputFormats.EVENT) && !given.isEmpty()) {
            throw new IllegalArgumentException(given.get(0) + " applies to --input-format json or avro, not event");
        }
        InputMapping mapping = InputMapping.of(values != null ? values : List.of(InputMapping.DEFAULT_VALUES), time,
                timeFormat != null ? timeFormat : TimeFormat.EPOCH_MILLIS, zone.getId(), key, List.of());
        return sessions ? mapping.withSymbol(symbol != null ? symbol : DEFAULT_SYMBOL) : mapping;
    }
}
