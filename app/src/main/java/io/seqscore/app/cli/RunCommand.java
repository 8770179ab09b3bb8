package io.seqscore.app.cli;

import io.seqscore.app.command.CliContext;
import io.seqscore.app.command.CommandFailure;
import io.seqscore.app.command.ExitCodes;
import io.seqscore.app.config.SeqscoreConfig;
import io.seqscore.app.model.ReleaseVerifier;
import io.seqscore.app.service.ScorerService;
import io.seqscore.app.service.ServiceStartException;
import io.seqscore.app.topics.TopicCheckException;
import io.seqscore.app.topics.TopicProvisioner;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * {@code seqscore run --config FILE}: loads the configuration (the file, then {@code SEQSCORE_*}
 * environment overrides), starts a {@link ScorerService} and runs it until the JVM is asked to stop
 * (SIGTERM/SIGINT: graceful shutdown through a shutdown hook, exit 0) or Kafka Streams fails (exit 1).
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run the scorer: Kafka Streams scoring the events topic, and the HTTP endpoint, until SIGTERM.",
                "At start it checks that the topics it reads and writes exist; with seqscore.topics.create=true it"
                        + " creates the missing ones, otherwise it exits naming them.",
                "Every Kafka Streams, client and serde property in FILE is passed through; seqscore.* settings are"
                        + " validated; SEQSCORE_* environment variables override FILE (SEQSCORE_BOOTSTRAP_SERVERS ->"
                        + " bootstrap.servers, SEQSCORE_HTTP_PORT -> seqscore.http.port)."})
final class RunCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE",
            description = "Properties file: Kafka Streams and client properties and seqscore settings.")
    private Path config;

    private final CliContext context;

    RunCommand(CliContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    @Override
    public Integer call() throws InterruptedException {
        SeqscoreConfig settings = ScorerConfigFile.load(config, context);
        LOG.info("Configuration: {}", settings.loggableProperties());
        ScorerService service = create(settings);
        try {
            service.awaitBroker();
            checkTopics(settings);
        } catch (ServiceStartException e) {
            service.shutdown();
            throw new CommandFailure(ExitCodes.FAILURE, e.getMessage(), e);
        } catch (CommandFailure f) {
            service.shutdown();
            throw f;
        }
        Thread hook = new Thread(service::shutdown, "seqscore-shutdown");
        context.hooks().add(hook);
        try {
            service.start();
        } catch (ServiceStartException e) {
            if (service.isCloseRequested()) {
                return ExitCodes.OK;
            }
            context.hooks().remove(hook);
            service.shutdown();
            throw new CommandFailure(ExitCodes.FAILURE, e.getMessage(), e);
        }
        KafkaStreams.State end = service.awaitTermination();
        if (service.isCloseRequested()) {
            service.shutdown();
            return ExitCodes.OK;
        }
        context.hooks().remove(hook);
        service.shutdown();
        throw new CommandFailure(ExitCodes.FAILURE, "Kafka Streams stopped in state " + end + "; see the log", null);
    }

    private static void checkTopics(SeqscoreConfig settings) {
        try {
            TopicProvisioner.ensure(settings);
        } catch (TopicCheckException e) {
            throw new CommandFailure(ExitCodes.FAILURE, e.getMessage(), e);
        } catch (ConfigException e) {
            throw new CommandFailure(ExitCodes.CONFIG, "invalid configuration: " + e.getMessage(), e);
        } catch (KafkaException e) {
            throw new CommandFailure(ExitCodes.FAILURE, "cannot check the topics: " + e.getMessage(), e);
        }
    }

    private static ScorerService create(SeqscoreConfig settings) {
        try {
            return ScorerService.create(settings, ReleaseVerifier.ACCEPT_UNSIGNED);
        } catch (ConfigException e) {
            throw new CommandFailure(ExitCodes.CONFIG, "invalid configuration: " + e.getMessage(), e);
        } catch (ServiceStartException e) {
            throw new CommandFailure(ExitCodes.FAILURE, e.getMessage(), e);
        }
    }
}
