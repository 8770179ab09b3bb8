package io.seqscore.app.cli;

import io.seqscore.app.command.ExitCodes;
import io.seqscore.app.command.CommandFailure;
import io.seqscore.app.command.CliContext;
import io.seqscore.app.produce.AvroEventEncoding;
import io.seqscore.app.produce.CsvEvents;
import io.seqscore.app.produce.EventEncoding;
import io.seqscore.app.produce.EventSource;
import io.seqscore.app.produce.FileProducer;
import io.seqscore.app.produce.JsonEventEncoding;
import io.seqscore.app.produce.JsonLinesEvents;
import io.seqscore.app.produce.ProduceProgress;
import io.seqscore.app.produce.ProduceSummary;
import io.seqscore.app.topics.TopicCheckException;
import io.seqscore.app.topics.TopicProvisioner;
import io.seqscore.app.topics.TopicSpec;
import io.seqscore.serde.SchemaRegistryException;
import io.seqscore.trainer.TrainerException;
import io.seqscore.trainer.source.BadInputPolicy;
import io.seqscore.trainer.source.CsvFormat;
import io.seqscore.trainer.source.HeaderMode;
import io.seqscore.trainer.source.InputFormatException;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code seqscore produce FILE...}: the events of CSV or JSON lines files onto a topic, as Avro Events or JSON. */
@Command(name = "produce", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Put the events of files on a topic: CSV in the trainer's layouts (long: key,timestamp,value...;"
                + " series: timestamp,value... with the file name as key; symbols: key,timestamp,symbol,value...)"
                + " or JSON lines ({\"key\":..,\"time\":..,\"values\":[..]}, optionally \"symbol\":..), as"
                + " seqscore's Avro Event (through the Schema Registry) or as JSON, in file order, keyed by the event's"
                + " key. Event times come from the file.",
                "Prints a progress line on a terminal and one summary line at the end."})
final class ProduceCommand implements Callable<Integer> {
    enum Input { CSV, JSON }

    enum Format { AVRO, JSON }

    private static final Duration TOPIC_CHECK_TIMEOUT = Duration.ofSeconds(30);

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Files to read (CSV: a directory means its *.csv files).")
    private List<Path> files;

    @Option(names = "--input", paramLabel = "KIND", defaultValue = "csv",
            description = "csv or json (JSON lines). Default: ${DEFAULT-VALUE}.")
    private Input input;

    @Option(names = "--csv-format", paramLabel = "LAYOUT", defaultValue = "long",
            description = "long (key,timestamp,value...), series (timestamp,value...; the key is the file name) or"
                    + " symbols (key,timestamp,symbol,value...: events that carry a symbol and values)."
                    + " Default: ${DEFAULT-VALUE}.")
    private CsvFormat csvFormat;

    @Option(names = "--csv-header", paramLabel = "MODE", defaultValue = "auto",
            description = "auto, yes or no: whether the first line is a header. Default: ${DEFAULT-VALUE}.")
    private HeaderMode header;

    @Option(names = "--time-zone", paramLabel = "ZONE", defaultValue = "UTC", converter = ZoneConverter.class,
            description = "Zone of timestamps written without an offset. Default: ${DEFAULT-VALUE}.")
    private ZoneId zone;

    @Option(names = "--on-bad-input", paramLabel = "POLICY", defaultValue = "fail",
            description = "fail (stop at the first bad line, naming file:line) or skip (count them, log the first"
                    + " ten). Default: ${DEFAULT-VALUE}.")
    private BadInputPolicy policy;

    @Option(names = "--topic", paramLabel = "TOPIC", defaultValue = "events",
            description = "Topic to produce to; it must exist. Default: ${DEFAULT-VALUE}.")
    private String topic;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "avro",
            description = "avro (seqscore's Event, registered in the Schema Registry) or json. Default: ${DEFAULT-VALUE}.")
    private Format format;

    @Option(names = "--rate", paramLabel = "N", defaultValue = "0",
            description = "Events per second; 0 sends as fast as the broker takes them. Default: ${DEFAULT-VALUE}.")
    private double rate;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]", defaultValue = "127.0.0.1:9092",
            description = "Kafka brokers. Default: ${DEFAULT-VALUE} (seqscore broker).")
    private String bootstrapServers;

    @Option(names = "--schema-registry-url", paramLabel = "URL", defaultValue = "http://127.0.0.1:8081",
            description = "Schema Registry for --format avro. Default: ${DEFAULT-VALUE} (seqscore broker).")
    private String registryUrl;

    @Option(names = "--property", paramLabel = "KEY=VALUE",
            description = "One more producer or serde property (security, registry credentials); repeatable.")
    private Map<String, String> properties = new LinkedHashMap<>();

    private final CliContext context;

    static final class ZoneConverter implements CommandLine.ITypeConverter<ZoneId> {
        @Override
        public ZoneId convert(String value) {
            try {
                return ZoneId.of(value);
            } catch (java.time.DateTimeException e) {
                throw new CommandLine.TypeConversionException("unknown time zone '" + value
                        + "' (e.g. UTC, Europe/Paris, +02:00)");
            }
        }
    }

    private ProduceCommand(CliContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    static CommandLine commandLine(CliContext context) {
        return new CommandLine(new ProduceCommand(context)).setCaseInsensitiveEnumValuesAllowed(true);
    }

    @Override
    public Integer call() {
        validate();
        Map<String, Object> props = clientProperties();
        requireTopic(props);
        try (EventEncoding encoding = format == Format.AVRO ? new AvroEventEncoding(props) : new JsonEventEncoding()) {
            FileProducer producer = new FileProducer(props, topic, encoding, format.name().toLowerCase(Locale.ROOT),
                    rate, ProduceProgress.forConsole(context.err()));
            ProduceSummary summary = producer.produce(source());
            context.out().println(summary.line());
            context.out().flush();
            return ExitCodes.OK;
        } catch (InputFormatException | TrainerException e) {
            throw new CommandFailure(ExitCodes.FAILURE, e.getMessage(), e);
        } catch (SchemaRegistryException e) {
            throw new CommandFailure(ExitCodes.FAILURE, "Schema Registry at " + registryUrl + ": " + e.getMessage(), e);
        } catch (KafkaException e) {
            String cause = e.getCause() != null && e.getCause() != e ? ": " + e.getCause().getMessage() : "";
            throw new CommandFailure(ExitCodes.FAILURE, e.getMessage() + cause, e);
        }
    }

    private EventSource source() {
        return input == Input.CSV ? new CsvEvents(files, csvFormat, header, zone, policy)
                : new JsonLinesEvents(files, zone, policy);
    }

    private Map<String, Object> clientProperties() {
        Map<String, Object> props = new HashMap<>(properties);
        props.put("bootstrap.servers", bootstrapServers);
        props.put("schema.registry.url", registryUrl);
        return props;
    }

    private void requireTopic(Map<String, Object> props) {
        try (TopicProvisioner topics = new TopicProvisioner(props, TOPIC_CHECK_TIMEOUT)) {
            if (!topics.missing(List.of(new TopicSpec(topic, Optional.empty(), false))).isEmpty()) {
                throw new CommandFailure(ExitCodes.FAILURE, "the topic " + topic + " does not exist on " + bootstrapServers
                        + ": create it (seqscore broker --create-topics creates the scorer's default topics; seqscore"
                        + " run with seqscore.topics.create=true creates its own; or kafka-topics.sh --create --topic "
                        + topic + ")", null);
            }
        } catch (TopicCheckException e) {
            throw new CommandFailure(ExitCodes.FAILURE, e.getMessage(), e);
        }
    }

    private void validate() {
        if (!(rate >= 0) || Double.isInfinite(rate)) {
            throw new ParameterException(spec.commandLine(), "--rate must be a number of events per second >= 0, got "
                    + rate);
        }
        for (Path file : files) {
            if (!Files.exists(file)) {
                throw new ParameterException(spec.commandLine(), "no such file: " + file);
            }
            if (input == Input.JSON && !Files.isRegularFile(file)) {
                throw new ParameterException(spec.commandLine(), "not a file: " + file + " (--input json reads files)");
            }
        }
    }
}
