package io.seqscore.app.demo;

import io.seqscore.app.config.SeqscoreConfig;
import io.seqscore.app.config.ServiceSettings;
import io.seqscore.app.dashboard.Dashboard;
import io.seqscore.app.dashboard.ScoreBoard;
import io.seqscore.app.dashboard.ScoreFeed;
import io.seqscore.app.pipeline.EmbeddedPipeline;
import io.seqscore.app.pipeline.EventsProducer;
import io.seqscore.app.pipeline.PipelineCluster;
import io.seqscore.app.pipeline.QuietLogging;
import io.seqscore.app.service.ScorerService;
import io.seqscore.avro.ModelRelease;
import io.seqscore.model.core.anomaly.NextSymbolDetector;
import io.seqscore.trainer.release.ReleaseOptions;
import io.seqscore.trainer.release.Rollout;
import io.seqscore.trainer.release.TrainerVersion;
import io.seqscore.trainer.sessions.Session;
import io.seqscore.trainer.sessions.SessionCalibration;
import io.seqscore.trainer.sessions.SessionRelease;
import io.seqscore.trainer.sessions.SessionTrainConfig;
import io.seqscore.trainer.sessions.SessionTraining;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * One run of {@code seqscore demo --sessions}: the cluster and fresh topics, the scorer with the
 * {@code next-symbol} detector and its dashboard, a next-symbol model trained on {@value #TRAINING_SESSIONS}
 * normal sessions of the {@link WorkflowGenerator}'s workflow (the trainer's session training: vocabulary,
 * held-out calibration of the threshold, release) and published through the models topic, then sessions streamed
 * live, a share of them with an injected anomaly ({@link SessionStreamer}). {@link #close()} stops it all in
 * reverse order, from any thread.
 */
public final class SessionsDemoRun implements Demo {
    private static final Logger LOG = LoggerFactory.getLogger("seqscore.demo");
    static final String MODEL = "workflow";
    static final int TRAINING_SESSIONS = 400;
    static final String TRAINING_PREFIX = "train";
    static final String LIVE_PREFIX = "order";
    /** Points per key on the board: a session is at most 14 events. */
    static final int POINTS_PER_KEY = 32;
    static final int BOARD_KEYS = 200;
    static final int EMBEDDING = 8;
    static final int HIDDEN = 24;
    static final double LEARNING_RATE = 0.01;
    /** Held-out normal sessions flagged at most by the calibrated threshold. */
    static final double TARGET_FPR = 0.01;

    private final SessionsDemoOptions options;
    private final InstantSource clock;
    private final String runId;
    private final DemoResources resources = new DemoResources();
    private final CountDownLatch stopping = new CountDownLatch(1);
    private volatile ScorerService scorer;
    private volatile ScoreBoard board;
    private volatile SessionStreamer streamer;
    private volatile SessionCalibration calibration;
    private volatile long startedAt;

    SessionsDemoRun(SessionsDemoOptions options, InstantSource clock) {
        this.options = options;
        this.clock = clock;
        this.runId = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    }

    @Override
    public void start() throws InterruptedException {
        startedAt = clock.millis();
        DemoRun.checkPortFree(options.port());
        QuietLogging logging = track(QuietLogging.kafka());
        PipelineCluster cluster = track(DemoRun.startCluster(options.bootstrapServers(), options.schemaRegistry(),
                runId));
        if (!cluster.isEmbedded()) {
            onClose(() -> cluster.deleteTopics(DemoTopics.PREFIX));
        }
        EmbeddedPipeline pipeline = track(EmbeddedPipeline.builder(DemoTopics.PREFIX).cluster(cluster)
                .topics(DemoTopics.TOPICS).partitions(DemoTopics.PARTITIONS).freshTopics()
                .applicationId(DemoTopics.PREFIX + runId)
                .setting(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "100")
                .setting(SeqscoreConfig.MODEL_NAME_CONFIG, MODEL)
                .setting(SeqscoreConfig.ANOMALY_DETECTOR_CONFIG, NextSymbolDetector.NAME)
                .setting(ServiceSettings.HTTP_PORT_CONFIG, Integer.toString(options.port()))
                .settings(options.scorerSettings())
                .start());
        onClose(logging::stopping);
        scorer = pipeline.createScorer();
        onClose(scorer::shutdown);
        board = new ScoreBoard(POINTS_PER_KEY, BOARD_KEYS);
        new Dashboard(board, scorer.registry(), scorer.evidence(), options.dashboardTick(), clock::millis)
                .attach(scorer.http());
        say("Dashboard: http://127.0.0.1:%d/ (open it in a browser; Ctrl-C stops the demo)", httpPort());
        scorer.start();
        track(new ScoreFeed(cluster.clientProperties(), DemoTopics.TOPICS.scores(), board).start());

        WorkflowGenerator generator = new WorkflowGenerator(options.seed(), options.anomalyRate());
        board.stage("Training the next-symbol model on " + TRAINING_SESSIONS + " normal workflow sessions…");
        ModelRelease release = train(generator);
        if (stopping.getCount() == 0) {
            throw new DemoRun.DemoStopped();
        }
        pipeline.publish(release);
        EmbeddedPipeline.awaitReleases(scorer.registry(), List.of(release), PipelineCluster.PUBLISH_TIMEOUT);
        String published = String.format(Locale.ROOT, "Published release 1 of model '%s' to %s: vocabulary %d steps,"
                + " threshold %.4f", MODEL, DemoTopics.TOPICS.models(), release.getFeatures().getVocabulary().size(),
                calibration.threshold());
        say("%s", published);
        board.note(clock.millis(), published);

        EventsProducer producer = track(pipeline.eventsProducer("seqscore-demo-events",
                Map.of(ProducerConfig.LINGER_MS_CONFIG, "5", ProducerConfig.MAX_BLOCK_MS_CONFIG, "30000")));
        streamer = track(new SessionStreamer(generator, LIVE_PREFIX, producer, options.slots(), options.rate(), clock)
                .start());
        String streaming = String.format(Locale.ROOT, "Streaming %d sessions at once, %s events a second each;"
                + " %.0f%% of the sessions have an injected anomaly (a skipped step, an unknown step or a wrong order)",
                options.slots(), DemoTimeline.percent(options.rate()), 100 * options.anomalyRate());
        say("%s", streaming);
        board.stage(streaming);
    }

    /** The workflow's model through the trainer's session training, as {@code train --sessions} makes it. */
    private ModelRelease train(WorkflowGenerator generator) {
        long t0 = System.nanoTime();
        List<Session> sessions = new ArrayList<>(TRAINING_SESSIONS);
        long events = 0;
        for (int i = 0; i < TRAINING_SESSIONS; i++) {
            WorkflowSession s = generator.normal(TRAINING_PREFIX, i);
            sessions.add(new Session(i + 1, s.symbols()));
            events += s.symbols().size();
        }
        SessionTrainConfig config = new SessionTrainConfig(EMBEDDING, HIDDEN, 1, options.epochs(),
                SessionTrainConfig.DEFAULT_BATCH, LEARNING_RATE, SessionTrainConfig.DEFAULT_CLIP_NORM, options.seed());
        SessionTraining training = SessionTraining.run(sessions, config,
                new SessionTraining.Options(1, 0.2, TARGET_FPR, null), epoch -> {
                    if (stopping.getCount() == 0) {
                        throw new DemoRun.DemoStopped();
                    }
                });
        calibration = training.calibration();
        say("Model trained in %.1f s (embedding %d, LSTM %d, %d epochs) on %d sessions, %d distinct held out:"
                        + " threshold %.4f (flags %d of %d held-out sessions), g = %d", (System.nanoTime() - t0) / 1e9,
                EMBEDDING, HIDDEN, options.epochs(), training.trained(), training.heldOut(), calibration.threshold(),
                calibration.flaggedAtThreshold(), calibration.sessions(), calibration.g());
        Map<String, String> hyper = new TreeMap<>(Map.of("embedding", "" + EMBEDDING, "hidden", "" + HIDDEN,
                "layers", "1", "epochs", "" + options.epochs(), "learning-rate", "" + LEARNING_RATE,
                "target-fpr", "" + TARGET_FPR));
        ReleaseOptions releaseOptions = new ReleaseOptions(MODEL, 1, clock.millis(), new Rollout(null, false, null),
                String.format(Locale.ROOT, "demo:workflow(sessions=%d, seed=%d)", TRAINING_SESSIONS, options.seed()),
                options.seed(), TrainerVersion.get(), new TreeMap<>(hyper));
        return SessionRelease.build(training, events, releaseOptions, TARGET_FPR);
    }

    @Override
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

    @Override
    public int httpPort() {
        return scorer.httpAddress().getPort();
    }

    ScoreBoard board() {
        return board;
    }

    SessionStreamer streamer() {
        return streamer;
    }

    SessionCalibration calibration() {
        return calibration;
    }

    @Override
    public void close() {
        stopping.countDown();
        DemoResources.Closing closing = resources.startClosing();
        if (!closing.first() || !closing.started()) {
            return;
        }
        say("Stopping the demo...");
        resources.closeAll();
        say("Demo stopped after %d s; its data is deleted", (clock.millis() - startedAt) / 1000);
    }

    /** Registers a resource for {@link #close()} (newest closed first); when stopping already, closes it and stops. */
    private <T extends AutoCloseable> T track(T resource) {
        return resources.track(resource);
    }

    private void onClose(AutoCloseable action) {
        resources.track(action);
    }

    private static void say(String format, Object... args) {
        LOG.info(String.format(Locale.ROOT, format, args));
    }
}
