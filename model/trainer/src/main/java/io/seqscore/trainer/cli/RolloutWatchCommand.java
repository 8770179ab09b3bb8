package io.seqscore.trainer.cli;

import io.seqscore.trainer.TrainerException;
import io.seqscore.trainer.rollout.MetricsServer;
import io.seqscore.trainer.rollout.RolloutController;
import io.seqscore.trainer.rollout.RolloutMetrics;
import io.seqscore.trainer.rollout.RolloutRules;
import io.seqscore.trainer.rollout.WatchSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

@Command(name = "watch", sortOptions = false, usageHelpAutoWidth = true,
        description = {"Watch a model's canary or shadow and publish the decision: promote it (a FULL release"
                + " serving the candidate's version) or roll it back (a FULL release restoring the serving version),"
                + " one version above the models topic's latest, signed with --sign-key.",
                "Both arms need --min-events comparable scores (status OK, with a forecast) from the candidate's"
                        + " activation on; then the candidate is rolled back when its mean absolute error is more"
                        + " than --max-error-increase worse, or its flag rate more than --max-flag-rate-increase"
                        + " higher, and promoted otherwise. Without enough evidence after --max-wait of event time"
                        + " it is rolled back.",
                "Progress is the consumer group's offsets; the decision and the offsets are committed in one"
                        + " transaction, so a restart resumes and a decision is published once. Runs until"
                        + " interrupted."})
final class RolloutWatchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommandHelp help;

    @Option(names = "--name", paramLabel = "NAME", required = true, description = "The model name to watch.")
    String name;

    @Option(names = "--min-events", paramLabel = "N", defaultValue = "1000",
            description = "Comparable scores each arm needs before a decision (default: ${DEFAULT-VALUE}).")
    long minEvents;

    @Option(names = "--max-error-increase", paramLabel = "FRACTION", defaultValue = "0.05",
            description = "How much worse the candidate's mean absolute error may be, as a fraction of the serving"
                    + " version's (default: ${DEFAULT-VALUE}).")
    double maxErrorIncrease;

    @Option(names = "--max-flag-rate-increase", paramLabel = "FRACTION", defaultValue = "0.01",
            description = "How much higher the candidate's flag rate may be, in absolute terms (default:"
                    + " ${DEFAULT-VALUE}).")
    double maxFlagRateIncrease;

    @Option(names = "--max-wait", paramLabel = "DURATION", defaultValue = "6h", converter = Converters.Millis.class,
            description = "Event time after the candidate's first score by which both arms must have --min-events"
                    + " (default: ${DEFAULT-VALUE}).")
    Duration maxWait;

    @Option(names = "--scores-topic", paramLabel = "TOPIC", defaultValue = "scores",
            description = "The scorer's scores topic (default: ${DEFAULT-VALUE}).")
    String scoresTopic;

    @Option(names = "--shadow-scores-topic", paramLabel = "TOPIC", defaultValue = "shadow-scores",
            description = "The scorer's shadow-scores topic (default: ${DEFAULT-VALUE}).")
    String shadowScoresTopic;

    @Option(names = "--group", paramLabel = "ID",
            description = "Consumer group (the controller's progress). Default: seqscore-rollout-NAME.")
    String group;

    @Option(names = "--transactional-id", paramLabel = "ID",
            description = "Producer transactional id; one running controller per id. Default: the group.")
    String transactionalId;

    @Mixin
    SigningOptions signing;

    @Option(names = "--commit-interval", paramLabel = "DURATION", defaultValue = "5s", converter = Converters.Millis.class,
            description = "How often progress is committed between decisions (default: ${DEFAULT-VALUE}).")
    Duration commitInterval;

    @Option(names = "--metrics-port", paramLabel = "PORT",
            description = "Serve the controller's metrics at http://HOST:PORT/metrics (Prometheus text). Default: off.")
    Integer metricsPort;

    @Option(names = "--metrics-host", paramLabel = "HOST", defaultValue = "127.0.0.1",
            description = "Address the metrics endpoint binds (default: ${DEFAULT-VALUE}).")
    String metricsHost;

    @Mixin
    KafkaOptions kafka;

    @Override
    public Integer call() throws Exception {
        WatchSettings settings = settings();
        RolloutMetrics metrics = new RolloutMetrics(name);
        MetricsServer server = null;
        if (metricsPort != null) {
            try {
                server = new MetricsServer(new InetSocketAddress(metricsHost, metricsPort), metrics);
            } catch (IOException e) {
                throw new TrainerException("cannot serve metrics on " + metricsHost + ":" + metricsPort + ": "
                        + e.getMessage(), e);
            }
            spec.commandLine().getOut().printf("metrics at http://%s:%d/metrics%n", metricsHost, server.port());
            spec.commandLine().getOut().flush();
        }
        CountDownLatch done = new CountDownLatch(1);
        try (RolloutController controller = new RolloutController(kafka.settings(), settings, metrics,
                System::currentTimeMillis)) {
            Thread hook = new Thread(() -> {
                controller.stop();
                try {
                    done.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "rollout-watch-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                controller.run();
            } finally {
                done.countDown();
            }
        } finally {
            if (server != null) {
                server.close();
            }
        }
        return 0;
    }

    WatchSettings settings() {
        if (!kafka.configured()) {
            throw help.usage("rollout watch needs --bootstrap-servers");
        }
        if (!kafka.hasRegistry()) {
            throw help.usage("rollout watch needs --schema-registry-url");
        }
        if (signing.signKey != null && !Files.isReadable(signing.signKey)) {
            throw help.usage("--sign-key " + signing.signKey + " is not a readable file");
        }
        signing.check();
        if (metricsPort != null && (metricsPort < 0 || metricsPort > 65535)) {
            throw help.usage("--metrics-port must be in 0..65535, got " + metricsPort);
        }
        if (commitInterval.isZero()) {
            throw help.usage("--commit-interval must be positive");
        }
        RolloutRules rules;
        try {
            rules = new RolloutRules(minEvents, maxErrorIncrease, maxFlagRateIncrease, maxWait);
        } catch (IllegalArgumentException e) {
            throw help.usage(e.getMessage());
        }
        String g = group != null ? group : WatchSettings.defaultId(name);
        return new WatchSettings(name, scoresTopic, shadowScoresTopic, kafka.modelsTopic, g,
                transactionalId != null ? transactionalId : g, rules, signing.signKey, signing.keyId, commitInterval);
    }
}
