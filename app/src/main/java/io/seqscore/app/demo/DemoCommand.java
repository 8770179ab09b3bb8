package io.seqscore.app.demo;

import io.seqscore.app.command.CliContext;
import io.seqscore.app.command.CommandFailure;
import io.seqscore.app.command.ExitCodes;
import io.seqscore.app.config.SeqscoreConfig;
import io.seqscore.app.dashboard.Dashboard;
import io.seqscore.app.service.ServiceStartException;
import io.seqscore.trainer.TrainerException;
import io.seqscore.trainer.source.CsvFormat;
import io.seqscore.trainer.source.InputFormatException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigException;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.InstantSource;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code seqscore demo}: see {@link DemoRun}. Runs until Ctrl-C (a shutdown hook stops everything and
 * deletes the demo's data) or for {@code --duration}.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {"Show seqscore working: a Kafka broker in this process (or --bootstrap-servers), a generated"
                + " workload (or --csv), model v1 trained and published through the models topic, the scorer with a live"
                + " dashboard at http://127.0.0.1:8080, then model v2 as a canary, then promoted.",
                "With --sessions: workflow sessions with injected anomalies through a next-symbol model instead.",
                "Ctrl-C stops everything and deletes the demo's data; a second run starts fresh."})
public final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080",
            description = "Port of the dashboard on 127.0.0.1 (0: a free one). Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--rate", paramLabel = "N", defaultValue = "2",
            description = "Live events per second per key (for a CSV: event times per second). Default: ${DEFAULT-VALUE}.")
    double rate;

    @Option(names = "--keys", paramLabel = "N", defaultValue = "24",
            description = "Series in the generated workload. Default: ${DEFAULT-VALUE}.")
    int keys;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
            description = "Seed of the generated workload and of the training. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--history", paramLabel = "STEPS", defaultValue = "1200",
            description = "Generated steps per key before the live stream: what v1 is trained on. Default: ${DEFAULT-VALUE}.")
    int history;

    @Option(names = "--backlog", paramLabel = "STEPS", defaultValue = "240",
            description = "The history's last steps replayed to the scorer at once, so the charts start full."
                    + " Default: ${DEFAULT-VALUE}.")
    int backlog;

    @Option(names = "--csv", paramLabel = "FILE",
            description = "Stream your own series instead (the trainer's CSV formats); v1 trains on its first part.")
    Path csv;

    @Option(names = "--csv-format", paramLabel = "FORMAT", defaultValue = "long", converter = CsvFormatConverter.class,
            description = "long: key,timestamp,value[,value...]; series: timestamp,value[,value...] with the file name"
                    + " as key. Default: ${DEFAULT-VALUE}.")
    CsvFormat csvFormat;

    @Option(names = "--time-zone", paramLabel = "ZONE", defaultValue = "UTC", converter = ZoneConverter.class,
            description = "Zone of CSV timestamps without an offset. Default: ${DEFAULT-VALUE}.")
    ZoneId timeZone;

    @Option(names = "--train-fraction", paramLabel = "F", defaultValue = "0.5",
            description = "With --csv: the first fraction of its event times that v1 trains on. Default: ${DEFAULT-VALUE}.")
    double trainFraction;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
            description = "Use this Kafka cluster instead of starting a broker (the demo's topics, named seqscore-demo-*,"
                    + " are deleted and created afresh).")
    String bootstrapServers;

    @Option(names = "--schema-registry", paramLabel = "URL",
            description = "The Schema Registry of --bootstrap-servers (mock://NAME: in memory).")
    String schemaRegistry;

    @Option(names = "--canary-after", paramLabel = "DURATION", defaultValue = "60s", converter = DurationConverter.class,
            description = "Live streaming (from the first scores) before v2 is trained and released as a canary; with a CSV"
                    + " whose live part is shorter than this and --promote-after, a third of it. Default: ${DEFAULT-VALUE}.")
    Duration canaryAfter;

    @Option(names = "--canary-percent", paramLabel = "PCT", defaultValue = "50",
            description = "Share of the keys the canary serves (a stable hash of the key); widened to the smallest share"
                    + " that serves one key when it would serve none (a stream of one or a few keys)."
                    + " Default: ${DEFAULT-VALUE}.")
    double canaryPercent;

    @Option(names = "--promote-after", paramLabel = "DURATION", defaultValue = "60s", converter = DurationConverter.class,
            description = "Time on canary before v2 is promoted to every key; with a CSV whose live part is shorter than"
                    + " this and --canary-after, a third of it. Default: ${DEFAULT-VALUE}.")
    Duration promoteAfter;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "6",
            description = "Training epochs of v1 (v2 gets two more). Default: ${DEFAULT-VALUE}.")
    int epochs;

    @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "0", converter = DurationConverter.class,
            description = "Stop by itself this long after starting (0: run until Ctrl-C). Default: ${DEFAULT-VALUE}.")
    Duration duration;

    @Option(names = {"-s", "--set"}, paramLabel = "KEY=VALUE",
            description = "A seqscore or Kafka Streams setting for the demo's scorer, over the demo's own, e.g."
                    + " -s seqscore.anomaly.detector=calibrated (docs/settings.md). Repeatable.")
    Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = "--sessions",
            description = "Categorical events instead: generated workflow sessions (one key per session) with injected"
                    + " anomalies (a skipped step, an unknown step, a wrong order), a next-symbol model trained on normal"
                    + " sessions and the next-symbol detector; the dashboard shows each session's steps with their rank"
                    + " and the predicted next steps. --keys: sessions at once (default "
                    + SessionsDemoOptions.DEFAULT_SLOTS + "), --rate: events a second of each, --epochs: default "
                    + SessionsDemoOptions.DEFAULT_EPOCHS + ".")
    boolean sessions;

    @Option(names = "--anomaly-rate", paramLabel = "F",
            description = "With --sessions: the share of sessions with an injected anomaly. Default: "
                    + SessionsDemoOptions.DEFAULT_ANOMALY_RATE + ".")
    Double anomalyRate;

    /** Options of the series demo that --sessions does not read, refused rather than ignored. */
    private static final List<String> SERIES_ONLY = List.of("--history", "--backlog", "--csv", "--csv-format",
            "--time-zone", "--train-fraction", "--canary-after", "--canary-percent", "--promote-after");

    private final CliContext context;

    public DemoCommand(CliContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    @Override
    public Integer call() throws InterruptedException {
        Demo run = sessions ? new SessionsDemoRun(sessionsOptions(), InstantSource.system())
                : new DemoRun(options(), InstantSource.system());
        Thread hook = new Thread(run::close, "seqscore-demo-shutdown");
        context.hooks().add(hook);
        try {
            run.start();
            run.awaitStop(duration);
            return ExitCodes.OK;
        } catch (DemoRun.DemoStopped e) {
            return ExitCodes.OK;
        } catch (InputFormatException e) {
            throw new CommandFailure(ExitCodes.FAILURE, "demo failed: cannot stream --csv " + e.getMessage(), e);
        } catch (TrainerException | KafkaException | ServiceStartException | IllegalStateException | IllegalArgumentException e) {
            throw new CommandFailure(ExitCodes.FAILURE, "demo failed: " + e.getMessage(), e);
        } finally {
            context.hooks().remove(hook);
            run.close();
        }
    }

    SessionsDemoOptions sessionsOptions() {
        for (String option : SERIES_ONLY) {
            if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
                throw new ParameterException(spec.commandLine(), option + " does not apply to --sessions");
            }
        }
        try {
            return new SessionsDemoOptions(port, rate, given("--keys") ? keys : SessionsDemoOptions.DEFAULT_SLOTS, seed,
                    given("--epochs") ? epochs : SessionsDemoOptions.DEFAULT_EPOCHS,
                    anomalyRate != null ? anomalyRate : SessionsDemoOptions.DEFAULT_ANOMALY_RATE, bootstrapServers,
                    schemaRegistry, Dashboard.DEFAULT_TICK, scorerSettings());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** The --set settings, checked as the scorer will read them; a bad one fails with one line. */
    private Map<String, String> scorerSettings() {
        try {
            new SeqscoreConfig(settings).scoringSettings();
        } catch (ConfigException e) {
            throw new ParameterException(spec.commandLine(), "--set: " + e.getMessage());
        }
        return settings;
    }

    private boolean given(String option) {
        return spec.commandLine().getParseResult().hasMatchedOption(option);
    }

    DemoOptions options() {
        if (anomalyRate != null) {
            throw new ParameterException(spec.commandLine(), "--anomaly-rate applies to --sessions only");
        }
        if (csv != null && !Files.isRegularFile(csv)) {
            throw new ParameterException(spec.commandLine(), "--csv: no such file: " + csv);
        }
        try {
            return new DemoOptions(port, rate, keys, seed, history, backlog, csv, csvFormat, timeZone, trainFraction,
                    bootstrapServers, schemaRegistry, new DemoTimeline(canaryAfter, promoteAfter, canaryPercent), epochs,
                    Dashboard.DEFAULT_TICK, scorerSettings());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /**
     * {@code 1500} (ms), {@code 1500ms}, {@code 30s}, {@code 5m}, {@code 2h} or ISO-8601 ({@code PT1M}); a
     * value it cannot read fails with one line that names the value and the forms it reads.
     */
    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            String v = value.trim().toLowerCase(Locale.ROOT);
            if (v.startsWith("p")) {
                try {
                    return Duration.parse(value.trim().toUpperCase(Locale.ROOT));
                } catch (DateTimeParseException e) {
                    throw notADuration(value);
                }
            }
            int split = 0;
            while (split < v.length() && Character.isDigit(v.charAt(split))) {
                split++;
            }
            if (split == 0 || split > 18) {
                throw notADuration(value);
            }
            long n = Long.parseLong(v.substring(0, split));
            return switch (v.substring(split)) {
                case "", "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m", "min" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> throw notADuration(value);
            };
        }

        private static TypeConversionException notADuration(String value) {
            return new TypeConversionException("'" + value + "' is not a duration (e.g. 1500, 30s, 5m, 2h, PT1M)");
        }
    }

    static final class CsvFormatConverter implements ITypeConverter<CsvFormat> {
        @Override
        public CsvFormat convert(String value) {
            for (CsvFormat f : CsvFormat.values()) {
                if (f.name().equalsIgnoreCase(value.trim())) {
                    return f;
                }
            }
            throw new TypeConversionException("'" + value + "' is not one of " + Arrays.stream(CsvFormat.values())
                    .map(f -> f.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
        }
    }

    static final class ZoneConverter implements ITypeConverter<ZoneId> {
        @Override
        public ZoneId convert(String value) {
            try {
                return ZoneId.of(value.trim());
            } catch (DateTimeException e) {
                throw new TypeConversionException("'" + value + "' is not a time zone (e.g. UTC, Europe/Berlin, +02:00)");
            }
        }
    }
}
