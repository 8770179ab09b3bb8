package io.seqscore.app.cli;

import io.seqscore.app.command.ExitCodes;
import io.seqscore.app.command.CommandFailure;
import io.seqscore.app.command.CliContext;
import io.seqscore.app.config.SeqscoreConfig;
import io.seqscore.app.kafka.DevBroker;
import io.seqscore.app.pipeline.QuietLogging;
import io.seqscore.app.topics.ScorerTopicList;
import io.seqscore.app.topics.TopicCheckException;
import io.seqscore.app.topics.TopicProvisioner;
import io.seqscore.serde.SchemaRegistryServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code seqscore broker}: a development Kafka broker and Schema Registry on 127.0.0.1, running until Ctrl-C
 * (SIGINT/SIGTERM), for trying the scorer without Docker. Prints one line with both addresses.
 */
@Command(name = "broker", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"FOR DEVELOPMENT ONLY: a single-node Kafka broker (KRaft) and a Schema Registry (Confluent's"
                + " REST API) on 127.0.0.1, until Ctrl-C. One replica, no security, no tuning: not for production data.",
                "Trainer, scorer and producer in other processes reach it at the two URLs it prints. It creates no"
                        + " topic unless --create-topics."})
final class BrokerCommand implements Callable<Integer> {
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    @Spec
    private CommandSpec spec;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "9092",
            description = "Kafka client port on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
    private int port;

    @Option(names = "--registry-port", paramLabel = "PORT", defaultValue = "8081",
            description = "Schema Registry port on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
    private int registryPort;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Keep the broker's topics and the registry's schemas in DIR, across restarts."
                    + " Default: a temporary directory deleted on exit.")
    private Path data;

    @Option(names = "--create-topics",
            description = "Create the scorer's default topics (events, scores, anomalies, events-dlq, shadow-scores,"
                    + " and models compacted) if missing.")
    private boolean createTopics;

    private final CliContext context;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);

    BrokerCommand(CliContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    @Override
    public Integer call() throws InterruptedException {
        checkPort("--port", port);
        checkPort("--registry-port", registryPort);
        Path dir = dataDirectory();
        Thread hook = new Thread(this::requestStop, "seqscore-broker-shutdown");
        try (QuietLogging quiet = QuietLogging.warnings(); SchemaRegistryServer registry = startRegistry(dir)) {
            requireFree(port);
            try (DevBroker broker = startBroker(dir)) {
                if (createTopics) {
                    createTopics(broker.bootstrapServers());
                }
                context.hooks().add(hook);
                context.out().println("seqscore broker (development only): bootstrap.servers=" + broker.bootstrapServers()
                        + " schema.registry.url=" + registry.url() + " data=" + (data != null ? dir.toAbsolutePath()
                        : "temporary (deleted on exit)") + "; Ctrl-C stops it");
                context.out().flush();
                stopRequested.await();
            }
        } finally {
            context.hooks().remove(hook);
            if (data == null) {
                DevBroker.deleteDirectory(dir);
            }
            stopped.countDown();
        }
        return ExitCodes.OK;
    }

    private void requestStop() {
        stopRequested.countDown();
        try {
            stopped.await(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Path dataDirectory() {
        try {
            if (data == null) {
                return Files.createTempDirectory("seqscore-broker-");
            }
            return Files.createDirectories(data);
        } catch (IOException e) {
            throw new CommandFailure(ExitCodes.USAGE, "cannot use " + (data == null ? "a temporary directory" : data)
                    + " for the broker's data: " + e, e);
        }
    }

    private DevBroker startBroker(Path dir) {
        try {
            return DevBroker.start(port, dir);
        } catch (IllegalStateException e) {
            throw new CommandFailure(ExitCodes.FAILURE, e.getMessage(), e);
        }
    }

    /** Fails in one line when the Kafka port is taken, before the broker would log its bind error at length. */
    private static void requireFree(int port) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            throw new CommandFailure(ExitCodes.FAILURE, "cannot serve Kafka on 127.0.0.1:" + port + ": " + e.getMessage()
                    + " (is another broker running? choose another port with --port)", e);
        }
    }

    private SchemaRegistryServer startRegistry(Path dir) {
        try {
            return SchemaRegistryServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), registryPort),
                    dir.resolve("schemas.jsonl"));
        } catch (IOException e) {
            throw new CommandFailure(ExitCodes.FAILURE, "cannot serve the Schema Registry on 127.0.0.1:" + registryPort
                    + ": " + e.getMessage() + " (choose another port with --registry-port)", e);
        }
    }

    private static void createTopics(String bootstrapServers) {
        SeqscoreConfig defaults = new SeqscoreConfig(Map.of());
        try (TopicProvisioner topics = new TopicProvisioner(Map.of("bootstrap.servers", bootstrapServers),
                Duration.ofSeconds(30))) {
            topics.create(topics.missing(ScorerTopicList.of(defaults)), (short) 1);
        } catch (TopicCheckException e) {
            throw new CommandFailure(ExitCodes.FAILURE, e.getMessage(), e);
        }
    }

    private void checkPort(String option, int value) {
        if (value < 1 || value > 0xFFFF) {
            throw new ParameterException(spec.commandLine(), option + " must be a port in [1, 65535], got " + value);
        }
    }
}
