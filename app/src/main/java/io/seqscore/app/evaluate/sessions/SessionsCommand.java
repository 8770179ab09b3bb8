package io.seqscore.app.evaluate.sessions;

import io.seqscore.app.command.CommandFailure;
import io.seqscore.app.command.ExitCodes;
import io.seqscore.app.pipeline.EmbeddedPipeline;
import io.seqscore.app.pipeline.QuietLogging;
import io.seqscore.app.service.ServiceStartException;
import io.seqscore.avro.ModelRelease;
import io.seqscore.trainer.TrainerException;
import io.seqscore.trainer.cli.SessionModelOptions;
import io.seqscore.trainer.release.ReleaseOptions;
import io.seqscore.trainer.release.Rollout;
import io.seqscore.trainer.release.TrainerVersion;
import io.seqscore.trainer.sessions.Session;
import io.seqscore.trainer.sessions.SessionCalibration;
import io.seqscore.trainer.sessions.SessionRelease;
import io.seqscore.trainer.sessions.SessionTrainConfig;
import io.seqscore.trainer.sessions.SessionTraining;
import io.seqscore.trainer.sessions.SessionsFile;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/** {@code seqscore evaluate sessions --train FILE --out FLAGS.csv FILE...}: see the command's description. */
@Command(name = "sessions", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {"Train a next-symbol model (features SYMBOLS: embedding, LSTM layers, softmax head) on the normal"
                + " sessions of --train (one per line, symbols separated by spaces), calibrate g and the threshold on a"
                + " held-out part of them, publish it to the models topic of a Kafka broker in this process, stream every"
                + " session of every FILE through the scorer (key = file name and line, one event per symbol in order)"
                + " and write one row per session to FLAGS.csv: file,line,events,flagged,first_flag,max_score.",
                "Score it with e.g. ../shared/hdfs/score.py FLAGS.csv --abnormal dev_abnormal."})
public final class SessionsCommand implements Callable<Integer> {
    /** The flag rules: DeepLog's top-g, or the calibrated threshold on 1 − p. */
    enum Rule { THRESHOLD, TOP_G }

    @Spec
    CommandSpec spec;

    @Option(names = "--train", required = true, paramLabel = "FILE", description = "Normal sessions to train on.")
    Path train;

    @Option(names = "--out", required = true, paramLabel = "FLAGS.csv", description = "The per-session rows.")
    Path out;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Sessions files to score.")
    List<Path> files;

    @Option(names = "--rule", paramLabel = "RULE", defaultValue = "threshold",
            description = "threshold: flag an event whose score 1 - p reaches the calibrated threshold; top-g: flag a"
                    + " symbol not among the calibrated g most likely. Unseen symbols are flagged under both."
                    + " Default: ${DEFAULT-VALUE}.")
    String rule;

    @Mixin
    SessionModelOptions model;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--ensemble", paramLabel = "K", defaultValue = "1",
            description = "Train K models (seeds --seed .. --seed+K-1) and serve them as one release whose next-symbol"
                    + " distribution is the mean of theirs (as cross-validate --ensemble measures it)."
                    + " Default: ${DEFAULT-VALUE}.")
    int ensemble;

    @Option(names = "--end-symbol", paramLabel = "SYMBOL", defaultValue = "<end>",
            description = "Appended to every session, in training and as the last event streamed, so that a session that"
                    + " ends too early is flagged; 'none' for no end event. Default: ${DEFAULT-VALUE}.")
    String endSymbol;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "900",
            description = "Most seconds loading the model, and then scoring, may each take. Default: ${DEFAULT-VALUE}.")
    long timeoutSeconds;

    @Override
    public Integer call() throws InterruptedException {
        Rule r = switch (rule) {
            case "threshold" -> Rule.THRESHOLD;
            case "top-g" -> Rule.TOP_G;
            default -> throw new ParameterException(spec.commandLine(), "--rule must be threshold or top-g, got " + rule);
        };
        if (timeoutSeconds < 1) {
            throw new ParameterException(spec.commandLine(), "--timeout must be >= 1, got " + timeoutSeconds);
        }
        String end = endSymbol.equals("none") ? null : endSymbol;
        SessionTrainConfig config = model.config(spec.commandLine(), seed);
        if (ensemble < 1) {
            throw new ParameterException(spec.commandLine(), "--ensemble must be >= 1, got " + ensemble);
        }
        SessionTraining.Options options = model.options(spec.commandLine(), end, ensemble);
        Set<String> names = new HashSet<>();
        for (Path f : files) {
            if (!names.add(f.getFileName().toString())) {
                throw new ParameterException(spec.commandLine(), "two test files are named " + f.getFileName()
                        + ": the rows could not tell them apart");
            }
        }
        PrintWriter w = spec.commandLine().getOut();
        Path work = null;
        try (QuietLogging quiet = QuietLogging.kafka()) {
            List<Session> normal = SessionsFile.read(train);
            List<SessionsPipeline.TestFile> tests = new ArrayList<>();
            for (Path f : files) {
                tests.add(new SessionsPipeline.TestFile(f.getFileName().toString(), SessionsFile.read(f)));
            }
            long t0 = System.nanoTime();
            SessionTraining training = SessionTraining.run(normal, config, options, e -> { });
            SessionCalibration cal = training.calibration();
            TreeMap<String, String> hyper = new TreeMap<>();
            hyper.put("epochs", String.valueOf(config.epochs()));
            hyper.put("hidden", String.valueOf(config.hidden()));
            if (ensemble > 1) {
                hyper.put("ensemble", String.valueOf(ensemble));
            }
            ModelRelease release = SessionRelease.build(training, normal.stream().mapToLong(Session::size).sum(),
                    new ReleaseOptions("sessions", 1, 0L, new Rollout(null, false, null),
                            "sessions:" + train.getFileName(), seed, TrainerVersion.get(), hyper), options.targetRate());
            long t1 = System.nanoTime();
            work = Files.createTempDirectory("seqscore-sessions-");
            int g = r == Rule.TOP_G ? cal.g() : 0;
            var results = new SessionsPipeline(work, Duration.ofSeconds(timeoutSeconds)).score(tests, release, g, end);
            long t2 = System.nanoTime();
            long sessions = 0;
            long flagged = 0;
            try (BufferedWriter out = Files.newBufferedWriter(this.out, StandardCharsets.UTF_8)) {
                out.write("file,line,events,flagged,first_flag,max_score\n");
                for (SessionsPipeline.TestFile f : tests) {
                    for (Session s : f.sessions()) {
                        SessionsPipeline.SessionResult res = results.get(SessionsPipeline.key(f.name(), s.line()));
                        out.write(String.format(Locale.ROOT, "%s,%d,%d,%d,%d,%.6f%n", f.name(), s.line(), s.size(),
                                res.firstFlag() > 0 ? 1 : 0, res.firstFlag(), res.maxScore()));
                        sessions++;
                        flagged += res.firstFlag() > 0 ? 1 : 0;
                    }
                }
            }
            w.printf(Locale.ROOT, "trained %s on %d sessions (%d distinct held out), vocabulary %d symbols + unknown,"
                            + " g = %d, threshold %.6f (rule %s), %d transitions seen; training %.1f s, scoring %.1f s; %d of %d sessions"
                            + " flagged; rows in %s%n", ensemble == 1 ? "one model" : "an ensemble of " + ensemble
                            + " models", training.trained(), training.heldOut(),
                    training.model().vocabulary().size() - 1, cal.g(), cal.threshold(), rule, training.rule().transitions().size(), (t1 - t0) / 1e9,
                    (t2 - t1) / 1e9, flagged, sessions, this.out);
            w.flush();
            return ExitCodes.OK;
        } catch (IOException e) {
            throw new CommandFailure(ExitCodes.FAILURE, "evaluate sessions failed: " + e.getMessage(), e);
        } catch (TrainerException | KafkaException | ServiceStartException | IllegalStateException
                 | IllegalArgumentException e) {
            throw new CommandFailure(ExitCodes.FAILURE, "evaluate sessions failed: " + e.getMessage(), e);
        } finally {
            if (work != null) {
                EmbeddedPipeline.deleteTree(work);
            }
        }
    }
}
