package io.seqscore.app.demo;

import io.seqscore.app.config.SeqscoreConfig;
import io.seqscore.app.config.ServiceSettings;
import io.seqscore.app.dashboard.Dashboard;
import io.seqscore.app.dashboard.ScoreBoard;
import io.seqscore.app.dashboard.ScoreFeed;
import io.seqscore.app.model.ModelRegistry;
import io.seqscore.app.pipeline.EmbeddedPipeline;
import io.seqscore.app.pipeline.EventsProducer;
import io.seqscore.app.pipeline.PipelineCluster;
import io.seqscore.app.pipeline.QuietLogging;
import io.seqscore.app.service.ScorerService;
import io.seqscore.avro.ModelRelease;
import io.seqscore.schemas.QualityGateMetrics;
import io.seqscore.trainer.release.QualityGate;
import io.seqscore.trainer.release.Rollout;
import io.seqscore.trainer.source.History;
import io.seqscore.trainer.train.EpochSummary;
import io.seqscore.trainer.train.TrainingProgress;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One run of the demo. {@link #start()} brings everything up in order — the cluster and fresh topics, the
 * scorer with its dashboard, model v1 (trained, then published through the models topic), a backlog of the
 * history's end, the live stream — and starts the {@link DemoTimeline} (v2 as a canary, then promoted) on a
 * thread of its own. {@link #close()} (Ctrl-C: from a shutdown hook) stops it all in reverse order, from any
 * thread, at any point of {@link #start()}: a training run in progress stops at its next batch, the scorer
 * commits and leaves, the broker's data directory and the scorer's state directory are deleted.
 */
public final class DemoRun implements Demo {
    private static final Logger LOG = LoggerFactory.getLogger("seqscore.demo");
    static final String MODEL = "demo";

    private final DemoOptions options;
    private final InstantSource clock;
    private final String runId;
    private final DemoResources resources = new DemoResources();
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final CountDownLatch closed = new CountDownLatch(1);
    /** Counted down when the demo stops or a CSV has been streamed to its end: no release follows. */
    private final CountDownLatch rolloutOver = new CountDownLatch(1);
    private volatile PipelineCluster cluster;
    private volatile EmbeddedPipeline pipeline;
    private volatile QuietLogging logging;
    private volatile ScorerService scorer;
    private volatile ScoreBoard board;
    private volatile DemoHeader header;
    private volatile DemoTimeline timeline;
    private volatile DemoSource source;
    private volatile LiveStreamer streamer;
    private volatile long startedAt;

    DemoRun(DemoOptions options, InstantSource clock) {
        this.options = options;
        this.clock = clock;
        this.runId = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    }

    /** Brings the demo up (see the class comment); returns once events stream live. */
    public void start() throws InterruptedException {
        startedAt = clock.millis();
        checkPortFree(options.port());
        CsvReplaySource csv = readCsv();
        logging = track(QuietLogging.kafka());
        onClose(SequenceRaceNote.install(LoggerFactory.getLogger("seqscore.demo")));
        cluster = track(startCluster());
        if (!cluster.isEmbedded()) {
            onClose(() -> cluster.deleteTopics(DemoTopics.PREFIX));
        }
        pipeline = track(EmbeddedPipeline.builder(DemoTopics.PREFIX).cluster(cluster).topics(DemoTopics.TOPICS)
                .partitions(DemoTopics.PARTITIONS).freshTopics().applicationId(DemoTopics.PREFIX + runId)
                .setting(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "100")
                .setting(SeqscoreConfig.MODEL_NAME_CONFIG, MODEL)
                .setting(ServiceSettings.HTTP_PORT_CONFIG, Integer.toString(options.port()))
                .settings(options.scorerSettings())
                .start());
        source = openSource(csv);
        scorer = track(onPipeline(pipeline::createScorer), ScorerService::shutdown);
        board = new ScoreBoard();
        header = new DemoHeader(board::stage);
        new Dashboard(board, scorer.registry(), scorer.evidence(), options.dashboardTick(), clock::millis).attach(scorer.http());
        say("Dashboard: http://127.0.0.1:%d/ (open it in a browser; Ctrl-C stops the demo)",
                scorer.httpAddress().getPort());
        timeline = options.timeline().fitted(source.keys(), liveLength(source), this::sayAndNote);
        scorer.start();
        track(new ScoreFeed(cluster.clientProperties(), DemoTopics.TOPICS.scores(), board).start());

        long history = source.historyTicks();
        History v1History = source.history(history);
        header.trainingV1(v1History.accepted(), source.keyCount());
        ModelRelease v1 = train(DemoTimeline.V1, timeline.v1Rollout(), v1History, options.v1Size());
        publish(v1, "v1 released to every key");

        EventsProducer producer = track(onPipeline(() -> pipeline.eventsProducer("seqscore-demo-events", Map.of(
                ProducerConfig.LINGER_MS_CONFIG, "5", ProducerConfig.MAX_BLOCK_MS_CONFIG, "30000"))));
        long backlogEvents = 0;
        for (long i = history - Math.min(options.backlogTicks(), history); i < history; i++) {
            List<DemoEvent> tick = source.tick(i);
            for (DemoEvent e : tick) {
                producer.send(e.key(), e.toEvent());
            }
            backlogEvents += tick.size();
        }
        producer.flush();
        source = source.streamingFrom(clock.millis());
        streamer = track(new LiveStreamer(source, producer, new TickPacer(source.liveStart(), history, options.rate()),
                clock, this::streamEnded).start());
        say("Replayed the history's last %d events at once; now streaming %s events a second live (%s); model v2"
                + " follows as a canary %d s after the first scores", backlogEvents,
                DemoTimeline.percent(options.rate() * source.keyCount()), keys(source.keyCount()),
                timeline.canaryAfter().toSeconds());
        header.waitingForScores();
        startTimeline();
    }

    /** Fails before anything starts when the dashboard's port is taken. */
    static void checkPortFree(int port) {
        if (port == 0) {
            return;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            throw new IllegalStateException("port " + port + " on 127.0.0.1 is in use (" + e.getMessage()
                    + "); choose another with --port", e);
        }
    }

    private PipelineCluster startCluster() {
        return startCluster(options.bootstrapServers(), options.schemaRegistry(), runId);
    }

    /** The cluster at {@code bootstrapServers} with its registry, or (null) a broker started in this process. */
    static PipelineCluster startCluster(String bootstrapServers, String schemaRegistry, String runId) {
        if (bootstrapServers != null) {
            say("Using the Kafka cluster at %s and the Schema Registry at %s", bootstrapServers, schemaRegistry);
            return PipelineCluster.external(bootstrapServers, schemaRegistry);
        }
        say("Starting a Kafka broker in this process (KRaft, 127.0.0.1, data in a temporary directory)...");
        PipelineCluster c = PipelineCluster.embedded(DemoTopics.PREFIX + runId);
        say("Kafka is up at %s (data in %s)", c.bootstrapServers(), c.dataDirectory());
        return c;
    }

    /** Reads and checks the --csv file (null without one) before anything is started. */
    private CsvReplaySource readCsv() {
        if (options.csv() == null) {
            return null;
        }
        CsvReplaySource csv = CsvReplaySource.read(options.csv(), options.csvFormat(), options.timeZone(),
                options.trainFraction(), clock.millis());
        say("Read %s: %s, %d event times; the first %d train v1, the rest stream live", options.csv(),
                keys(csv.keyCount()), csv.tickCount(), csv.historyTicks());
        return csv;
    }

    private DemoSource openSource(CsvReplaySource csv) {
        if (csv != null) {
            return csv;
        }
        return new GeneratedSource(GeneratedSource.spec(options.keys(), options.seed(), options.stepMillis()),
                options.historyTicks(), clock.millis());
    }

    /** How long a CSV's live part streams at the rate; null for the generated workload, which does not end. */
    private Duration liveLength(DemoSource s) {
        if (s.tickCount() == Long.MAX_VALUE) {
            return null;
        }
        return Duration.ofMillis((long) Math.ceil((s.tickCount() - s.historyTicks()) * 1000.0 / options.rate()));
    }

    private void streamEnded(long events) {
        rolloutOver.countDown();
        header.streamEnded(events);
        board.note(clock.millis(), "The CSV stream has ended (" + events + " events)");
    }

    private void sayAndNote(String text) {
        say("%s", text);
        board.note(clock.millis(), text);
    }

    private void startTimeline() {
        DemoTimeline.Actions actions = new DemoTimeline.Actions() {
            @Override
            public ModelRelease train(long version, Rollout rollout) {
                long upTo = streamer.nextTick();
                History h = source.history(upTo);
                header.training(version, h.accepted());
                return DemoRun.this.train(version, rollout, h, options.v2Size());
            }

            @Override
            public void publish(ModelRelease release, String what) {
                if (rolloutOver.getCount() == 0) {
                    throw new DemoStopped();
                }
                DemoRun.this.publish(release, what);
                if (release.getRollout().getRollbackTo() != null) {
                    header.promoted(release.getRollout().getRollbackTo());
                } else {
                    double percent = release.getRollout().getCanaryPercent();
                    header.canary(release.getVersion(), percent, DemoTimeline.canaryKeys(source.keys(), percent).size(),
                            source.keyCount(), clock.millis() + timeline.promoteAfter().toMillis());
                }
            }
        };
        Thread t = new Thread(() -> {
            try {
                // the rollout's clock starts once v1's scores show: the scorer may take a moment to get its partitions
                while (board.scoredCount() == 0) {
                    if (stopping.await(100, TimeUnit.MILLISECONDS)) {
                        return;
                    }
                }
                header.liveOnV1(clock.millis() + timeline.canaryAfter().toMillis());
                timeline.run(actions, d -> !rolloutOver.await(d.toMillis(), TimeUnit.MILLISECONDS));
            } catch (InterruptedException | DemoStopped e) {
                // stopping
            } catch (RuntimeException e) {
                if (stopping.getCount() > 0) {
                    LOG.error("The model rollout of the demo failed: {}", e.toString());
                }
            }
        }, "seqscore-demo-timeline");
        t.setDaemon(true);
        t.start();
        onClose(() -> t.join(5_000));
    }

    /**
     * Trains release {@code version} until it passes the quality gate ({@link DemoTrainer#trainUntilPassing}); says
     * each retry, and when no attempt passes, why, before the best attempt is published anyway so the demo goes on.
     */
    private ModelRelease train(long version, Rollout rollout, History history, DemoTrainer.ModelSize size) {
        long t0 = System.nanoTime();
        DemoTrainer trainer = new DemoTrainer(MODEL, source.description());
        DemoTrainer.Gated trained = trainer.trainUntilPassing(history, size, version, rollout, clock.millis(),
                progress(version), this::sayAndNote);
        DemoTrainer.ModelSize used = trained.size();
        QualityGateMetrics.Gate gate = trained.gate();
        say("Model v%d trained in %.1f s (LSTM, %d hidden units, %d epochs, %s); quality gate: %s", version,
                (System.nanoTime() - t0) / 1e9, used.hidden(), used.epochs(), keys(history.keyCount()),
                QualityGate.describe(gate));
        if (!trained.passed()) {
            sayAndNote(String.format(Locale.ROOT, "Model v%d is still worse than the better naive forecast after %d"
                            + " attempts (best MAE %.4f vs %.4f): on this history the network does not learn more than"
                            + " repeating a past value (too few events per key to train on, or a series the last value"
                            + " already predicts well); publishing it anyway so the demo runs. More --history or"
                            + " --epochs may help", version, trained.attempts(), gate.modelMae(),
                    gate.betterNaiveMae()));
        }
        return trained.release();
    }

    private TrainingProgress progress(long version) {
        return new TrainingProgress() {
            @Override
            public void batch(int epoch, int epochs, int done, int batches, double loss, long windows) {
                if (stopping.getCount() == 0) {
                    throw new DemoStopped();
                }
            }

            @Override
            public void epoch(EpochSummary s) {
                LOG.info(String.format(Locale.ROOT, "  v%d epoch %d/%d: training loss %.4f, validation loss %.4f%s",
                        version, s.epoch(), s.epochs(), s.trainLoss(), s.validationLoss(), s.best() ? " (best)" : ""));
                header.epoch(version, s.epoch(), s.epochs());
            }
        };
    }

    private void publish(ModelRelease release, String what) {
        if (stopping.getCount() == 0) {
            throw new DemoStopped();
        }
        pipeline.publish(release);
        say("Published release %d of model '%s' to %s: %s", release.getVersion(), MODEL, DemoTopics.TOPICS.models(),
                what);
        board.note(clock.millis(), what);
    }

    /**
     * Blocks until {@link #close()} is called or, when {@code duration} is positive, until it has passed
     * since {@link #start()} began.
     */
    public void awaitStop(Duration duration) throws InterruptedException {
        if (duration.isZero() || duration.isNegative()) {
            stopping.await();
        } else {
            long left = startedAt + duration.toMillis() - clock.millis();
            if (left > 0) {
                stopping.await(left, TimeUnit.MILLISECONDS);
            }
        }
    }

    /** The port the dashboard listens on (after {@link #start()} bound it). */
    public int httpPort() {
        return scorer.httpAddress().getPort();
    }

    ScoreBoard board() {
        return board;
    }

    ModelRegistry registry() {
        return scorer.registry();
    }

    /** The embedded broker's data directory, or null. */
    Path brokerDirectory() {
        PipelineCluster c = cluster;
        return c == null ? null : c.dataDirectory();
    }

    Path stateDirectory() {
        EmbeddedPipeline p = pipeline;
        return p == null ? null : p.stateDir();
    }

    /** Stops everything started so far, newest first; idempotent, callable from any thread (a shutdown hook). */
    @Override
    public void close() {
        stopping.countDown();
        rolloutOver.countDown();
        DemoResources.Closing closing = resources.startClosing();
        boolean started = closing.started();
        if (!closing.first()) {
            awaitClosed();
            return;
        }
        try {
            if (started) {
                say("Stopping the demo...");
                QuietLogging l = logging;
                if (l != null) {
                    l.stopping();
                }
            }
            resources.closeAll();
            if (started) {
                say("Demo stopped after %d s; its data is deleted", (clock.millis() - startedAt) / 1000);
            }
        } finally {
            closed.countDown();
        }
    }

    private void awaitClosed() {
        try {
            closed.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Registers a resource for {@link #close()}; when the demo is already stopping, closes it and stops. */
    private <T extends AutoCloseable> T track(T resource) {
        return resources.track(resource);
    }

    private <T> T track(T resource, DemoResources.Closer<T> closer) {
        return resources.track(resource, closer);
    }

    /** A step on the pipeline; once the demo is stopping, its failure (the pipeline closed under it) is the stop. */
    private <T> T onPipeline(Supplier<T> step) {
        try {
            return step.get();
        } catch (IllegalStateException e) {
            if (stopping.getCount() == 0) {
                throw new DemoStopped();
            }
            throw e;
        }
    }

    private void onClose(AutoCloseable action) {
        resources.track(action);
    }

    private static String keys(int n) {
        return n + (n == 1 ? " key" : " keys");
    }

    private static void say(String format, Object... args) {
        LOG.info(String.format(Locale.ROOT, format, args));
    }

    /** Thrown where the demo stops half-way because it was asked to stop. */
    static final class DemoStopped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DemoStopped() {
            super("the demo is stopping", null, false, false);
        }
    }
}
