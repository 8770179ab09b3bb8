package io.seqscore.app.perf;

import io.seqscore.app.command.CliContext;
import io.seqscore.app.command.CommandFailure;
import io.seqscore.app.command.ExitCodes;
import io.seqscore.app.config.SeqscoreConfig;
import io.seqscore.model.core.CellType;
import io.seqscore.trainer.TrainerException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigException;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;

/** {@code seqscore perf}: see {@link PerfRun}; the report goes to stdout, progress to stderr. */
@Command(name = "perf", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {"Measure the scorer end to end: events/s against a baseline topology with the same serdes and"
                + " store that does no math (alternating runs), CPU per event, state bytes per key, append-to-append"
                + " latency, model swap latency, and the restore of a store from its changelog.",
                "Runs on a Kafka broker started in this process unless --bootstrap-servers is given. The report ends"
                        + " with the line 'ratio scorer/baseline = R'."})
public final class PerfCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--events", paramLabel = "N", defaultValue = "200000",
            description = "Events pre-produced and drained by every run. Default: ${DEFAULT-VALUE}.")
    long events;

    @Option(names = "--keys", paramLabel = "K", defaultValue = "1000",
            description = "Series keys the events are spread over (round robin). Default: ${DEFAULT-VALUE}.")
    int keys;

    @Option(names = "--dimension", paramLabel = "N", defaultValue = "1",
            description = "Values per event (the model's input size). Default: ${DEFAULT-VALUE}.")
    int dimension;

    @Option(names = "--partitions", paramLabel = "P", defaultValue = "2",
            description = "Partitions of the events and scores topics. Default: ${DEFAULT-VALUE}.")
    int partitions;

    @Option(names = "--threads", paramLabel = "T", defaultValue = "1",
            description = "Kafka Streams threads (num.stream.threads). Default: ${DEFAULT-VALUE}.")
    int threads;

    @Option(names = "--cell", paramLabel = "CELL", defaultValue = "lstm", converter = CellConverter.class,
            description = "lstm, gru (reset after), gru-reset-before, rnn (tanh) or rnn-relu. Default: ${DEFAULT-VALUE}.")
    CellType cell;

    @Option(names = "--hidden", paramLabel = "U", defaultValue = "64",
            description = "Hidden units per layer of the headline model. Default: ${DEFAULT-VALUE}.")
    int hidden;

    @Option(names = "--layers", paramLabel = "L", defaultValue = "1",
            description = "Recurrent layers. Default: ${DEFAULT-VALUE}.")
    int layers;

    @Option(names = "--guarantee", paramLabel = "G", defaultValue = "both",
            description = "at-least-once, exactly-once or both. Default: ${DEFAULT-VALUE}.")
    String guarantee;

    @Option(names = "--repeats", paramLabel = "R", defaultValue = "3",
            description = "Scorer/baseline pairs per configuration. Default: ${DEFAULT-VALUE}.")
    int repeats;

    @Option(names = "--sweep", paramLabel = "U,U,...", defaultValue = "16,32,64,128",
            description = "Hidden sizes compared the same way (none: no sweep). Default: ${DEFAULT-VALUE}.")
    String sweep;

    @Option(names = "--sweep-categorical", paramLabel = "U", defaultValue = "64",
            description = "Hidden size of a categorical (next-symbol) model over " + PerfOptions.SYMBOLS + " symbols, compared"
                    + " the same way after the sweep on events that carry a symbol and no value (none: skip)."
                    + " Default: ${DEFAULT-VALUE}.")
    String sweepCategorical;

    @Option(names = "--sweep-guarantee", paramLabel = "G", defaultValue = "exactly-once",
            description = "The guarantee of the sweep. Default: ${DEFAULT-VALUE}.")
    String sweepGuarantee;

    @Option(names = "--latency-rate", paramLabel = "EVENTS/S", defaultValue = "2000",
            description = "Rate of the paced stream the latencies are measured on. Default: ${DEFAULT-VALUE}.")
    double latencyRate;

    @Option(names = "--latency-seconds", paramLabel = "S", defaultValue = "10",
            description = "Length of the latency measurement. Default: ${DEFAULT-VALUE}.")
    double latencySeconds;

    @Option(names = "--swap-releases", paramLabel = "N", defaultValue = "20",
            description = "Model releases published while the paced stream runs (0: none). Default: ${DEFAULT-VALUE}.")
    int swapReleases;

    @Option(names = "--swap-interval", paramLabel = "DURATION", defaultValue = "500ms", converter = DurationConverter.class,
            description = "Time between two releases. Default: ${DEFAULT-VALUE}.")
    Duration swapInterval;

    @Option(names = "--restore-keys", paramLabel = "N", defaultValue = "1000000",
            description = "Keys in the store restored from its changelog (0: no restore). Default: ${DEFAULT-VALUE}.")
    long restoreKeys;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
            description = "Seed of the workload and the weights. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = {"-s", "--set"}, paramLabel = "KEY=VALUE",
            description = "A Kafka Streams, client or seqscore setting for the scorer (Kafka Streams and client settings"
                    + " also for the baseline), e.g. -s commit.interval.ms=100 -s producer.linger.ms=5. Repeatable.")
    Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
            description = "Use this Kafka cluster instead of starting a broker (the run's topics are deleted at the end).")
    String bootstrapServers;

    @Option(names = "--schema-registry", paramLabel = "URL",
            description = "The Schema Registry of --bootstrap-servers (default: an in-memory one, mock://).")
    String schemaRegistry;

    @Option(names = "--warmup", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Start with a scorer and a baseline run that are not measured (JIT compilation, caches);"
                    + " --no-warmup skips them. Default: ${DEFAULT-VALUE}.")
    boolean warmup;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10m", converter = DurationConverter.class,
            description = "Longest a single run may take. Default: ${DEFAULT-VALUE}.")
    Duration timeout;

    private final CliContext context;

    public PerfCommand(CliContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    @Override
    public Integer call() throws InterruptedException {
        PerfOptions options = options();
        PerfRun run = new PerfRun(options, line -> {
            context.err().println("seqscore perf: " + line);
            context.err().flush();
        });
        Thread hook = new Thread(run::close, "seqscore-perf-shutdown");
        context.hooks().add(hook);
        try {
            PerfReport report = run.run();
            report.write(context.out());
            return ExitCodes.OK;
        } catch (KafkaException | TrainerException | IllegalStateException e) {
            throw new CommandFailure(ExitCodes.FAILURE, "perf failed: " + e.getMessage(), e);
        } finally {
            context.hooks().remove(hook);
            run.close();
        }
    }

    PerfOptions options() {
        try {
            List<Guarantee> guarantees = guarantee.trim().equalsIgnoreCase("both")
                    ? List.of(Guarantee.AT_LEAST_ONCE, Guarantee.EXACTLY_ONCE) : List.of(Guarantee.parse(guarantee));
            PerfOptions options = new PerfOptions(bootstrapServers, schemaRegistry, events, keys, dimension, partitions,
                    threads, cell, hidden, layers, guarantees, repeats, sizes(sweep), Guarantee.parse(sweepGuarantee),
                    latencyRate, latencySeconds, swapReleases, swapInterval, restoreKeys, seed, settings, timeout, warmup,
                    categoricalHidden(sweepCategorical));
            new SeqscoreConfig(settings).scoringSettings();
            return options;
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        } catch (ConfigException e) {
            throw new ParameterException(spec.commandLine(), "--set: " + e.getMessage());
        }
    }

    static List<Integer> sizes(String text) {
        if (text.trim().equalsIgnoreCase("none") || text.isBlank()) {
            return List.of();
        }
        List<Integer> out = new ArrayList<>();
        for (String part : text.split(",")) {
            try {
                out.add(Integer.parseInt(part.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--sweep: not a list of hidden sizes: '" + text + "' (e.g. 16,32,64,128 or none)");
            }
        }
        return out;
    }

    static int categoricalHidden(String text) {
        if (text.trim().equalsIgnoreCase("none")) {
            return 0;
        }
        try {
            int h = Integer.parseInt(text.trim());
            if (h < 1) {
                throw new IllegalArgumentException("--sweep-categorical: a hidden size must be >= 1, got " + h);
            }
            return h;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--sweep-categorical: not a hidden size: '" + text + "' (e.g. 64 or none)");
        }
    }

    static final class CellConverter implements ITypeConverter<CellType> {
        @Override
        public CellType convert(String value) {
            String v = value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
            return switch (v) {
                case "GRU" -> CellType.GRU_RESET_AFTER;
                case "RNN" -> CellType.RNN_TANH;
                default -> {
                    try {
                        yield CellType.valueOf(v);
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("unknown cell '" + value
                                + "' (lstm, gru, rnn, gru-reset-before, rnn-relu)");
                    }
                }
            };
        }
    }

    /** {@code 1500} (ms), {@code 500ms}, {@code 30s}, {@code 5m} or ISO-8601 ({@code PT1M}). */
    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            String v = value.trim().toLowerCase(Locale.ROOT);
            if (v.startsWith("p")) {
                return Duration.parse(value.trim());
            }
            int split = 0;
            while (split < v.length() && Character.isDigit(v.charAt(split))) {
                split++;
            }
            if (split == 0) {
                throw new IllegalArgumentException("not a duration: '" + value + "' (e.g. 500ms, 30s, 5m)");
            }
            long n = Long.parseLong(v.substring(0, split));
            return switch (v.substring(split)) {
                case "", "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m", "min" -> Duration.ofMinutes(n);
                default -> throw new IllegalArgumentException("not a duration: '" + value + "' (e.g. 500ms, 30s, 5m)");
            };
        }
    }
}
