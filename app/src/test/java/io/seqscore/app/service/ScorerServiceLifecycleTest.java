package io.seqscore.app.service;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.seqscore.app.config.SeqscoreConfig;
import io.seqscore.app.model.ReleaseVerifier;
import io.seqscore.app.testing.Await;
import io.seqscore.serde.MockSchemaRegistry;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The service's lifecycle without a broker: health while starting, and a shutdown that cannot hang. */
class ScorerServiceLifecycleTest {
    private static final String SCOPE = "scorer-service-lifecycle";
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @AfterEach
    void dropRegistry() {
        MockSchemaRegistry.dropScope(SCOPE);
    }

    /** No broker listens on port 1 and start() does not wait for one: Kafka Streams' start blocks restoring the global store until the task timeout. */
    private static SeqscoreConfig unreachable(Path stateDir, String taskTimeoutMs) {
        return new SeqscoreConfig(Map.of(
                "bootstrap.servers", "127.0.0.1:1",
                "application.id", "lifecycle",
                "state.dir", stateDir.toString(),
                "schema.registry.url", MockSchemaRegistry.URL_PREFIX + SCOPE,
                "task.timeout.ms", taskTimeoutMs,
                "global.consumer.default.api.timeout.ms", taskTimeoutMs,
                "global.consumer.request.timeout.ms", taskTimeoutMs,
                "seqscore.http.port", "0",
                "seqscore.shutdown.timeout.ms", "200",
                "seqscore.startup.broker.timeout.ms", "0"));
    }

    private int status(URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void shouldAnswerHealthWhileStartingAndEndAShutdownDuringABlockedStart(@TempDir Path stateDir) throws Exception {
        ScorerService service = ScorerService.create(unreachable(stateDir, "3000"), ReleaseVerifier.ACCEPT_UNSIGNED);
        URI base = URI.create("http://127.0.0.1:" + service.httpAddress().getPort());
        assertThat(service.state()).isEqualTo(KafkaStreams.State.CREATED);
        assertThat(status(base.resolve("/health/live"))).isEqualTo(200);
        assertThat(status(base.resolve("/health/ready"))).isEqualTo(503);
        assertThat(status(base.resolve("/api/keys/k"))).isEqualTo(503);

        CompletableFuture<Void> starting = CompletableFuture.runAsync(service::start);
        Await.until(Duration.ofSeconds(30), "Kafka Streams starting",
                () -> service.state() == KafkaStreams.State.REBALANCING);
        assertThat(starting).isNotDone();

        assertThat(service.shutdown()).as("closed within the timeout while start() still held Kafka Streams").isFalse();
        assertThatThrownBy(() -> status(base.resolve("/health/live"))).isInstanceOf(ConnectException.class);
        assertThat(service.isCloseRequested()).isTrue();
        assertThat(service.awaitTermination(Duration.ZERO)).isTrue();

        assertThatThrownBy(() -> starting.get(60, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(ServiceStartException.class)
                .hasMessageStartingWith("Kafka Streams could not start: ");
    }

    @Test
    void shouldEndAStartThatWaitsForABrokerWhenShutDown(@TempDir Path stateDir) throws Exception {
        Map<String, Object> props = new HashMap<>(unreachable(stateDir, "3000").originals());
        props.put("seqscore.startup.broker.timeout.ms", "60000");
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        Logger waits = (Logger) LoggerFactory.getLogger(BrokerWait.class);
        log.start();
        waits.addAppender(log);
        try {
            ScorerService service = ScorerService.create(new SeqscoreConfig(props), ReleaseVerifier.ACCEPT_UNSIGNED);
            CompletableFuture<Void> starting = CompletableFuture.runAsync(service::start);
            Await.until(Duration.ofSeconds(30), "the start says it waits for a broker", () -> !log.list.isEmpty());
            assertThat(starting).isNotDone();
            assertThat(service.state()).isEqualTo(KafkaStreams.State.CREATED);

            assertThat(service.shutdown()).isTrue();
            starting.get(10, TimeUnit.SECONDS);
            assertThat(service.state()).isEqualTo(KafkaStreams.State.NOT_RUNNING);
            assertThat(log.list).hasSize(1);
        } finally {
            waits.detachAppender(log);
        }
    }
}
