package io.seqscore.app.service;

import io.seqscore.app.config.SeqscoreConfig;
import io.seqscore.app.config.ServiceSettings;
import io.seqscore.app.evidence.VersionEvidence;
import io.seqscore.app.http.BearerToken;
import io.seqscore.app.http.HealthEndpoints;
import io.seqscore.app.http.HttpApi;
import io.seqscore.app.http.KeyEndpoint;
import io.seqscore.app.http.MetricsEndpoint;
import io.seqscore.app.http.ModelsEndpoint;
import io.seqscore.app.metrics.SeqscoreMeters;
import io.seqscore.app.metrics.ServiceMetrics;
import io.seqscore.app.model.ModelRegistry;
import io.seqscore.app.model.ReleaseVerifier;
import io.seqscore.app.scoring.ScoringCounters;
import io.seqscore.app.topology.ScorerTopology;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One running scorer: Kafka Streams with {@link ScorerTopology}, the HTTP endpoint ({@code /api/keys/{key}},
 * {@code /api/models}, {@code /health/live}, {@code /health/ready}, {@code /metrics}) and the metrics.
 * {@link #create} binds and serves the HTTP port first, so that {@code application.server} can default to
 * it, and creates Kafka Streams; {@link #start()} starts Kafka Streams; {@link #shutdown()} closes Kafka
 * Streams (committing, and leaving the group so that the other instances take its partitions over at
 * once, within the shutdown timeout) and then the endpoint.
 * If Kafka Streams fails (a stream thread dies), the client shuts down and {@link #awaitTermination}
 * returns, so that the process can exit and be restarted.
 */
public final class ScorerService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ScorerService.class);
    private static final long CLOSE_GRACE_MS = 1_000;

    private final String applicationId;
    private final KafkaStreams streams;
    private final HttpApi http;
    private final ModelRegistry registry;
    private final VersionEvidence evidence;
    private final ServiceMetrics metrics;
    private final HostInfo applicationServer;
    private final Duration shutdownTimeout;
    private final Properties streamsProps;
    private final Duration brokerTimeout;
    private volatile boolean brokerAnswered;
    private final AutoCloseable connectionWarnings;
    private final CountDownLatch terminated = new CountDownLatch(1);
    private final CountDownLatch closed = new CountDownLatch(1);
    private final AtomicBoolean closeRequested = new AtomicBoolean();
    private volatile boolean closedCleanly;

    private ScorerService(String applicationId, KafkaStreams streams, HttpApi http, ModelRegistry registry,
                          VersionEvidence evidence, ServiceMetrics metrics, HostInfo applicationServer,
                          ServiceSettings settings, Properties streamsProps, AutoCloseable connectionWarnings) {
        this.applicationId = applicationId;
        this.streams = streams;
        this.http = http;
        this.registry = registry;
        this.evidence = evidence;
        this.metrics = metrics;
        this.applicationServer = applicationServer;
        this.shutdownTimeout = settings.shutdownTimeout();
        this.brokerTimeout = settings.startupBrokerTimeout();
        this.streamsProps = streamsProps;
        this.connectionWarnings = connectionWarnings;
    }

    /**
     * Starts a scorer: {@link #create} and {@link #start()}.
     *
     * @throws org.apache.kafka.common.config.ConfigException when Kafka Streams rejects its properties
     * @throws ServiceStartException when the HTTP endpoint cannot be bound or Kafka Streams cannot start
     */
    public static ScorerService start(SeqscoreConfig config) {
        ScorerService service = create(config, ReleaseVerifier.ACCEPT_UNSIGNED);
        try {
            service.start();
        } catch (ServiceStartException e) {
            service.shutdown();
            throw e;
        }
        return service;
    }

    /**
     * Builds a scorer whose releases are checked by {@code verifier}: binds the HTTP endpoint and serves it
     * (health answers while Kafka Streams starts), creates Kafka Streams, starts nothing else.
     *
     * @throws org.apache.kafka.common.config.ConfigException when Kafka Streams rejects its properties
     * @throws ServiceStartException when the HTTP endpoint cannot be bound
     */
    public static ScorerService create(SeqscoreConfig config, ReleaseVerifier verifier) {
        ServiceSettings settings = ServiceSettings.from(config);
        HttpApi http = bind(settings);
        KafkaStreams streams = null;
        ServiceMetrics metrics = null;
        // until a broker has answered (start()), the clients' connection warnings wait behind BrokerWait's one line
        AutoCloseable connectionWarnings = settings.startupBrokerTimeout().isZero() ? () -> { }
                : ConnectionWarnings.holdBack(config.applicationId());
        try {
            Properties props = config.streamsProperties();
            HostInfo self = ApplicationServer.resolve(props.getProperty(StreamsConfig.APPLICATION_SERVER_CONFIG),
                    http.address());
            props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, ApplicationServer.endpoint(self));

            ModelRegistry registry = new ModelRegistry();
            ScoringCounters counters = new ScoringCounters();
            streams = new KafkaStreams(ScorerTopology.buildTopology(config, registry, counters, verifier), props);
            KafkaStreams client = streams;
            metrics = new ServiceMetrics(new SeqscoreMeters(counters, registry, new StateKeyCount(client)));
            ScorerService service = new ScorerService(config.applicationId(), streams, http, registry,
                    counters.evidence(), metrics, self, settings, props, connectionWarnings);
            streams.setUncaughtExceptionHandler(e -> {
                LOG.error("A stream thread failed; the scorer shuts down", e);
                return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
            });
            streams.setStateListener((now, before) -> service.onStateChange(now));

            HealthEndpoints health = new HealthEndpoints(client::state);
            BearerToken token = config.httpAuthToken() == null ? null : new BearerToken(config.httpAuthToken());
            if (token != null) {
                http.requireBearerToken(token, HealthEndpoints.PATHS);
            }
            http.route(HealthEndpoints.LIVE_PATH, health.live())
                    .route(HealthEndpoints.READY_PATH, health.ready())
                    .route("/metrics", new MetricsEndpoint(metrics))
                    .route(ModelsEndpoint.PATH, new ModelsEndpoint(registry, counters.evidence()))
                    .routePrefix(KeyEndpoint.PREFIX, new KeyEndpoint(streams, ScorerTopology.STATE_STORE, self,
                            settings.forwardTimeout(), token));
            http.start();
            return service;
        } catch (RuntimeException e) {
            if (streams != null) {
                streams.close(Duration.ZERO);
            }
            if (metrics != null) {
                metrics.close();
            }
            http.close();
            release(connectionWarnings);
            throw e;
        }
    }

    /**
     * Waits for a broker to answer, once (up to {@code seqscore.startup.broker.timeout.ms}, see {@link BrokerWait});
     * {@link #start} calls it, and a caller that must reach the cluster before the start (the topic check) may call
     * it first.
     *
     * @throws ServiceStartException when no broker answered in time
     */
    public void awaitBroker() {
        if (brokerTimeout.isZero() || brokerAnswered) {
            return;
        }
        BrokerWait.await(streamsProps, applicationId + "-startup-check", brokerTimeout, closeRequested::get);
        brokerAnswered = true;
        release(connectionWarnings);
    }

    /**
     * Waits for a broker to answer (up to {@code seqscore.startup.broker.timeout.ms}, see {@link BrokerWait}),
     * then starts Kafka Streams. Blocks until its global store (the models topic) is restored; a
     * {@link #shutdown()} meanwhile is bounded by the shutdown timeout.
     *
     * @throws ServiceStartException when no broker answers in time or Kafka Streams cannot start (the caller
     *                               shuts the service down)
     */
    public void start() {
        awaitBroker();
        if (closeRequested.get()) {
            return;
        }
        try {
            streams.start();
        } catch (RuntimeException e) {
            throw new ServiceStartException("Kafka Streams could not start: " + e.getMessage(), e);
        }
        if (closeRequested.get()) {
            return;
        }
        metrics.bind(streams);
        LOG.info("seqscore started: application.id {}, HTTP on {}, application.server {}", applicationId,
                http.address(), ApplicationServer.endpoint(applicationServer));
    }

    private static HttpApi bind(ServiceSettings settings) {
        try {
            return HttpApi.bind(settings.httpAddress(), settings.httpPort());
        } catch (IOException e) {
            throw new ServiceStartException("cannot bind the HTTP endpoint to " + settings.httpAddress() + ":"
                    + settings.httpPort() + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()),
                    e);
        }
    }

    private static void release(AutoCloseable hold) {
        try {
            hold.close();
        } catch (Exception e) {
            LOG.debug("releasing the connection warnings", e);
        }
    }

    private void onStateChange(KafkaStreams.State now) {
        if (now == KafkaStreams.State.ERROR) {
            LOG.error("Kafka Streams is in state ERROR: the scorer stops");
            terminated.countDown();
        } else if (now == KafkaStreams.State.NOT_RUNNING && !closeRequested.get()) {
            terminated.countDown();
        }
    }

    /** Where the HTTP endpoint listens. */
    public InetSocketAddress httpAddress() {
        return http.address();
    }

    /** The HTTP endpoint, for more routes (e.g. the dashboard's); the service owns and closes it. */
    public HttpApi http() {
        return http;
    }

    /** The models this instance serves and has rejected (fed by the models topic). */
    public ModelRegistry registry() {
        return registry;
    }

    /** The per-version evidence of the arms this instance scored ({@code GET /api/models} {@code evidence}). */
    public VersionEvidence evidence() {
        return evidence;
    }

    /** This instance's {@code application.server}: where other instances forward key queries to. */
    public HostInfo applicationServer() {
        return applicationServer;
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /** The Kafka Streams client (for its metadata; the service owns and closes it). */
    public KafkaStreams streams() {
        return streams;
    }

    /**
     * Blocks until the service is closed or Kafka Streams stops by itself (ERROR); returns the final
     * Kafka Streams state.
     */
    public KafkaStreams.State awaitTermination() throws InterruptedException {
        terminated.await();
        return streams.state();
    }

    /** Like {@link #awaitTermination()}, for at most {@code timeout}; false when it is still running. */
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        return terminated.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether {@link #shutdown()} was called (as opposed to Kafka Streams stopping by itself). */
    public boolean isCloseRequested() {
        return closeRequested.get();
    }

    /**
     * Closes Kafka Streams (waiting up to the shutdown timeout for it to commit and leave), then the
     * metrics and the HTTP endpoint. Idempotent: a second caller waits for the first one's shutdown.
     * Returns whether Kafka Streams closed within the timeout.
     */
    public boolean shutdown() {
        if (!closeRequested.compareAndSet(false, true)) {
            try {
                closed.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return closedCleanly;
        }
        try {
            LOG.info("seqscore shutting down (timeout {} ms)", shutdownTimeout.toMillis());
            closedCleanly = closeStreams();
            metrics.close();
            http.close();
            LOG.info("seqscore stopped{}", closedCleanly ? "" : " (Kafka Streams did not close within the timeout)");
            return closedCleanly;
        } finally {
            release(connectionWarnings);
            closed.countDown();
            terminated.countDown();
        }
    }

    /**
     * Closes Kafka Streams on a helper thread and waits for it at most the shutdown timeout and a second:
     * {@link KafkaStreams#close} cannot begin while {@link KafkaStreams#start()} still restores the global
     * store, and a shutdown must end in bounded time all the same.
     */
    private boolean closeStreams() {
        CompletableFuture<Boolean> closing = new CompletableFuture<>();
        Thread closer = new Thread(() -> {
            try {
                closing.complete(streams.close(CloseOptions.timeout(shutdownTimeout)
                        .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)));
            } catch (RuntimeException e) {
                closing.completeExceptionally(e);
            }
        }, "seqscore-streams-close");
        closer.setDaemon(true);
        closer.start();
        try {
            return closing.get(shutdownTimeout.toMillis() + CLOSE_GRACE_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            LOG.warn("Closing Kafka Streams failed: {}", e.getCause().toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        shutdown();
    }
}
