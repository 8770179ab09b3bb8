package io.seqscore.trainer.cli;

import io.seqscore.trainer.TrainerException;
import io.seqscore.trainer.generate.AnomalyKind;
import io.seqscore.trainer.generate.EventsPublisher;
import io.seqscore.trainer.generate.InjectedAnomaly;
import io.seqscore.trainer.generate.LiveStream;
import io.seqscore.trainer.generate.SyntheticWorkload;
import io.seqscore.trainer.generate.WorkloadCsv;
import io.seqscore.trainer.generate.WorkloadSpec;
import io.seqscore.trainer.kafka.KafkaSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

@Command(name = "generate", sortOptions = false, usageHelpAutoWidth = true,
        description = {"Generate a synthetic workload: keys of seasonal series with a slow trend, noise and injected"
                + " anomalies (spikes, level shifts, variance changes, frozen sensors). Every value is a function of"
                + " the seed, the key and the step (event time = step x --step), so outputs made at different times"
                + " or by different processes agree.",
                "The history is the --history steps before --end: written as long CSV (--out) and/or produced to the"
                        + " events topic (--events-topic); --anomalies-out lists its injected anomalies. With --live,"
                        + " the events topic then gets one event per key and step as its time comes, until stopped."})
final class GenerateCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(GenerateCommand.class);
    private static final long HOOK_WAIT_MS = 10_000;

    @Spec
    CommandSpec spec;

    @Mixin
    CommandHelp help;

    @Option(names = "--keys", paramLabel = "N", defaultValue = "24", description = "Series. Default: ${DEFAULT-VALUE}.")
    int keys;

    @Option(names = "--key-prefix", paramLabel = "TEXT", defaultValue = "sensor-",
            description = "Key names: the prefix and a zero-padded index. Default: ${DEFAULT-VALUE}.")
    String keyPrefix;

    @Option(names = "--period", paramLabel = "STEPS", defaultValue = "60",
            description = "Steps per season. Default: ${DEFAULT-VALUE}.")
    int period;

    @Option(names = "--step", paramLabel = "DURATION", defaultValue = "1s", converter = Converters.Millis.class,
            description = "Event time between two events of a key. Default: ${DEFAULT-VALUE}.")
    Duration step;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--noise", paramLabel = "F", defaultValue = "0.05",
            description = "Noise sigma as a fraction of a key's seasonal amplitude. Default: ${DEFAULT-VALUE}.")
    double noise;

    @Option(names = "--trend", paramLabel = "F", defaultValue = "0.5",
            description = "Trend amplitude as a fraction of the seasonal amplitude. Default: ${DEFAULT-VALUE}.")
    double trend;

    @Option(names = "--trend-cycle", paramLabel = "SEASONS", defaultValue = "40",
            description = "Seasons per rise and fall of the trend. Default: ${DEFAULT-VALUE}.")
    int trendCycle;

    @Option(names = "--anomaly-block", paramLabel = "STEPS", defaultValue = "240",
            description = "Each key has at most one anomaly per block of this many steps. Default: ${DEFAULT-VALUE}.")
    int anomalyBlock;

    @Option(names = "--anomaly-probability", paramLabel = "P", defaultValue = "0.5",
            description = "Chance of an anomaly in a key's block. Default: ${DEFAULT-VALUE}.")
    double anomalyProbability;

    @Option(names = "--anomaly-kinds", paramLabel = "KIND", split = ",", converter = KindConverter.class,
            defaultValue = "spike,level-shift,variance-change,frozen",
            description = "Kinds injected, with equal chance. Default: ${DEFAULT-VALUE}.")
    List<AnomalyKind> kinds;

    @Option(names = "--spike-sigma", paramLabel = "X", defaultValue = "8",
            description = "Spike size in noise sigmas. Default: ${DEFAULT-VALUE}.")
    double spikeSigma;

    @Option(names = "--shift-sigma", paramLabel = "X", defaultValue = "6",
            description = "Level shift size in noise sigmas. Default: ${DEFAULT-VALUE}.")
    double shiftSigma;

    @Option(names = "--variance-factor", paramLabel = "X", defaultValue = "5",
            description = "Noise factor of a variance change. Default: ${DEFAULT-VALUE}.")
    double varianceFactor;

    @Option(names = "--min-episode", paramLabel = "STEPS", defaultValue = "15",
            description = "Shortest level shift, variance change or frozen episode. Default: ${DEFAULT-VALUE}.")
    int minEpisode;

    @Option(names = "--max-episode", paramLabel = "STEPS", defaultValue = "45",
            description = "Longest one. Default: ${DEFAULT-VALUE}.")
    int maxEpisode;

    @Option(names = "--history", paramLabel = "STEPS", defaultValue = "1800",
            description = "Steps per key before --end. Default: ${DEFAULT-VALUE}.")
    long history;

    @Option(names = "--end", paramLabel = "TIME", converter = Converters.Time.class,
            description = "The history's events are before this time (epoch ms or ISO-8601). Default: now.")
    Long end;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the history as long CSV (key,timestamp,value).")
    Path out;

    @Option(names = "--anomalies-out", paramLabel = "FILE",
            description = "Write the history's injected anomalies (key,kind,start,end,steps,magnitude).")
    Path anomaliesOut;

    @Option(names = "--events-topic", paramLabel = "TOPIC",
            description = "Produce the history to this topic (Avro Event values through the Schema Registry).")
    String eventsTopic;

    @Option(names = "--skip-history-if-present",
            description = "Produce no history when the events topic already holds records (a restarted producer).")
    boolean skipHistoryIfPresent;

    @Option(names = "--live", description = "After the history, produce each step's events when their time comes.")
    boolean live;

    @Option(names = "--live-steps", paramLabel = "N",
            description = "Stop after this many live steps. Default: run until stopped (SIGTERM, Ctrl-C).")
    Long liveSteps;

    @Option(names = "--ready-file", paramLabel = "FILE",
            description = "Create this file once the history is written and produced (a container health check).")
    Path readyFile;

    @Mixin
    KafkaOptions kafka;

    @Override
    public Integer call() throws InterruptedException {
        SyntheticWorkload workload = new SyntheticWorkload(workloadSpec());
        validate();
        long endStep = workload.firstStepAtOrAfter(end != null ? end : System.currentTimeMillis());
        long firstStep = endStep - history;
        writeFiles(workload, firstStep, endStep);
        if (eventsTopic != null) {
            produce(workload, firstStep, endStep);
        } else {
            ready();
        }
        return 0;
    }

    private void writeFiles(SyntheticWorkload workload, long firstStep, long endStep) {
        PrintWriter stdout = spec.commandLine().getOut();
        if (out != null) {
            long events = write(out, w -> WorkloadCsv.writeHistory(workload, firstStep, endStep, w));
            stdout.printf(Locale.ROOT, "wrote %d events of %d keys (%s .. %s) to %s%n", events, workload.keyCount(),
                    Instant.ofEpochMilli(workload.eventTime(firstStep)), Instant.ofEpochMilli(workload.eventTime(endStep)),
                    out);
        }
        if (anomaliesOut != null) {
            List<InjectedAnomaly> anomalies = workload.anomalies(firstStep, endStep);
            write(anomaliesOut, w -> WorkloadCsv.writeAnomalies(workload, anomalies, w));
            stdout.printf(Locale.ROOT, "wrote %d injected anomalies to %s%n", anomalies.size(), anomaliesOut);
        }
        stdout.flush();
    }

    /** The history to the events topic (unless skipped), the ready file, then the live stream if asked. */
    private void produce(SyntheticWorkload workload, long firstStep, long endStep) throws InterruptedException {
        PrintWriter stdout = spec.commandLine().getOut();
        KafkaSettings settings = kafka.settings();
        boolean skip = skipHistoryIfPresent && EventsPublisher.hasRecords(settings, eventsTopic);
        try (EventsPublisher publisher = new EventsPublisher(settings, eventsTopic, workload)) {
            if (skip) {
                stdout.printf(Locale.ROOT, "%s already holds events: no history produced%n", eventsTopic);
            } else {
                long events = publisher.publish(firstStep, endStep);
                stdout.printf(Locale.ROOT, "produced %d events of %d keys to %s%n", events, workload.keyCount(),
                        eventsTopic);
            }
            stdout.flush();
            ready();
            if (live) {
                long from = skip ? workload.firstStepAtOrAfter(System.currentTimeMillis()) : endStep;
                long steps = runLive(workload, publisher, from);
                stdout.printf(Locale.ROOT, "produced %d live steps to %s%n", steps, eventsTopic);
                stdout.flush();
            }
        }
    }

    private long runLive(SyntheticWorkload workload, EventsPublisher publisher, long from) throws InterruptedException {
        LiveStream stream = LiveStream.realTime();
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stream.stop();
            try {
                finished.await(HOOK_WAIT_MS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "seqscore-generator-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        LOG.info("live: one event per key every {} ms to {} from {}", workload.spec().stepMillis(), eventsTopic,
                Instant.ofEpochMilli(workload.eventTime(from)));
        long[] lastLog = {System.nanoTime()};
        try {
            long next = stream.run(workload, from, liveSteps != null ? liveSteps : Long.MAX_VALUE, n -> {
                publisher.publishStep(n);
                logAnomaliesStarting(workload, n);
                if (System.nanoTime() - lastLog[0] >= TimeUnit.MINUTES.toNanos(1)) {
                    lastLog[0] = System.nanoTime();
                    LOG.info("live: {} steps produced, last event time {}", n - from + 1,
                            Instant.ofEpochMilli(workload.eventTime(n)));
                }
            });
            return next - from;
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                LOG.info("live: stopped");
            }
        }
    }

    /** One line per anomaly injected from step n on: what to look for in the scores. */
    private static void logAnomaliesStarting(SyntheticWorkload workload, long n) {
        for (int k = 0; k < workload.keyCount(); k++) {
            InjectedAnomaly a = workload.anomalyAt(k, n);
            if (a != null && a.start() == n) {
                LOG.info("live: {} injected into {} at {} for {} events (magnitude {})", a.kind().spelling(), a.key(),
                        Instant.ofEpochMilli(workload.eventTime(n)), a.length(), a.magnitude());
            }
        }
    }

    private WorkloadSpec workloadSpec() {
        try {
            return WorkloadSpec.builder().keys(keys).keyPrefix(keyPrefix).period(period).stepMillis(step.toMillis())
                    .seed(seed).noise(noise).trend(trend).trendCycle(trendCycle).anomalyBlock(anomalyBlock)
                    .anomalyProbability(anomalyProbability).kinds(kinds).spikeSigma(spikeSigma).shiftSigma(shiftSigma)
                    .varianceFactor(varianceFactor).episodes(minEpisode, maxEpisode).build();
        } catch (IllegalArgumentException e) {
            throw help.usage(e.getMessage());
        }
    }

    private void validate() {
        if (out == null && anomaliesOut == null && eventsTopic == null) {
            throw help.usage("say where the workload goes: --out, --anomalies-out and/or --events-topic");
        }
        if (history < 0) {
            throw help.usage("--history must be >= 0, got " + history);
        }
        if (eventsTopic == null && (live || skipHistoryIfPresent)) {
            throw help.usage((live ? "--live" : "--skip-history-if-present") + " needs --events-topic");
        }
        if (liveSteps != null && (!live || liveSteps < 0)) {
            throw help.usage(live ? "--live-steps must be >= 0, got " + liveSteps : "--live-steps needs --live");
        }
        if (eventsTopic != null && !kafka.configured()) {
            throw help.usage("--events-topic needs --bootstrap-servers");
        }
        if (eventsTopic != null && !kafka.hasRegistry()) {
            throw help.usage("--events-topic needs --schema-registry-url");
        }
    }

    private void ready() {
        if (readyFile != null) {
            write(readyFile, w -> {
                w.write(Instant.now().toString());
                w.write('\n');
                return 0;
            });
        }
    }

    private interface Content {
        long writeTo(Writer w) throws IOException;
    }

    private static long write(Path file, Content content) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                return content.writeTo(w);
            }
        } catch (IOException e) {
            throw new TrainerException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    static final class KindConverter extends EnumConverter<AnomalyKind> {
        KindConverter() {
            super(AnomalyKind.class);
        }
    }
}
