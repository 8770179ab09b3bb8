package io.seqscore.app.cli;

import io.seqscore.app.command.ExitCodes;
import io.seqscore.app.command.CommandFailure;
import io.seqscore.app.command.CliContext;
import io.seqscore.app.config.SeqscoreConfig;
import io.seqscore.app.replay.Replay;
import io.seqscore.app.replay.ReplayException;
import io.seqscore.app.replay.ReplayReport;
import io.seqscore.avro.ModelRelease;
import io.seqscore.trainer.TrainerException;
import io.seqscore.trainer.release.ReleaseFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Callable;

/** {@code seqscore replay}: a span of the events topic scored again by a release, apart from the serving scorer. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Score the events topic again with a release file (or the models topic's recorded releases), in"
                + " a Kafka Streams application and topics of its own (never writing to the scorer's), and report on the events of [--from, --to): events, flags, mean"
                + " absolute error; with --compare, against the scores that were served for the same events.",
                "Reads the events topic from its start (each key warms on its earlier events) to its current end."
                        + " The scorer's configuration file gives the brokers, topics and scoring settings."})
final class ReplayCommand implements Callable<Integer> {
    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE",
            description = "The scorer's properties file.")
    private Path config;

    @Option(names = "--release", paramLabel = "FILE",
            description = "The release to replay with. Default: the releases recorded on the scorer's models topic.")
    private Path release;

    @Option(names = "--from", required = true, paramLabel = "TIME",
            description = "Start of the span reported (event time, ISO-8601 instant or epoch ms), inclusive.")
    private String from;

    @Option(names = "--to", required = true, paramLabel = "TIME", description = "End of the span reported, exclusive.")
    private String to;

    @Option(names = "--out-topic", paramLabel = "TOPIC",
            description = "The replay's scores topic (created, with -anomalies, -shadow-scores, -dlq and -models"
                    + " beside it). Default: <scores topic>-replay-<name>-v<version>-<start time in ms> (or -history-).")
    private String outTopic;

    @Option(names = "--application-id", paramLabel = "ID",
            description = "The replay's application id. Default: the out topic's name.")
    private String applicationId;

    @Option(names = "--compare", description = "Compare with the served scores of the same events.")
    private boolean compare;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "600",
            description = "How long the replay may take, in seconds (default: ${DEFAULT-VALUE}).")
    private long timeoutSeconds;

    private final CliContext context;

    ReplayCommand(CliContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    @Override
    public Integer call() {
        long fromMs = time("--from", from);
        long toMs = time("--to", to);
        if (fromMs >= toMs) {
            throw new CommandFailure(ExitCodes.USAGE, "--from must be before --to", null);
        }
        if (timeoutSeconds < 1) {
            throw new CommandFailure(ExitCodes.USAGE, "--timeout must be at least 1 second", null);
        }
        SeqscoreConfig settings = ScorerConfigFile.load(config, context);
        ModelRelease r = null;
        if (release != null) {
            try {
                r = ReleaseFiles.read(release);
            } catch (TrainerException e) {
                throw new CommandFailure(ExitCodes.FAILURE, e.getMessage(), e);
            }
        }
        String out = outTopic != null ? outTopic : settings.scoresTopic() + "-replay-"
                + (r == null ? "history" : r.getName() + "-v" + r.getVersion()) + "-" + System.currentTimeMillis();
        String app = applicationId != null ? applicationId : out;
        try {
            ReplayReport report = new Replay(settings, new Replay.Options(r, fromMs, toMs, app, out, compare,
                    Duration.ofSeconds(timeoutSeconds))).run();
            context.out().print(report);
            context.out().flush();
            return ExitCodes.OK;
        } catch (ReplayException e) {
            throw new CommandFailure(ExitCodes.FAILURE, e.getMessage(), e);
        }
    }

    private static long time(String option, String value) {
        String v = value.trim();
        if (v.matches("\\d+")) {
            return Long.parseLong(v);
        }
        try {
            return Instant.parse(v.toUpperCase(Locale.ROOT)).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new CommandFailure(ExitCodes.USAGE, option + " '" + value
                    + "' is not a time (ISO-8601 instant such as 2030-01-01T00:00:00Z, or epoch ms)", e);
        }
    }
}
