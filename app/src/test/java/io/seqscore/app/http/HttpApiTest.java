package io.seqscore.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.seqscore.app.config.SeqscoreConfig;
import io.seqscore.app.topology.ScorerTopology;
import io.seqscore.serde.MockSchemaRegistry;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HttpApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private HttpApi api;

    @AfterEach
    void close() {
        if (api != null) {
            api.close();
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(base().resolve(path)).GET().build());
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private URI base() {
        return URI.create("http://127.0.0.1:" + api.address().getPort());
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        return JSON.readTree(response.body());
    }

    @Test
    void shouldBindAnEphemeralLoopbackPortAndStopServingWhenClosed() throws Exception {
        api = HttpApi.bind("127.0.0.1", 0).route("/x", exchange -> Responses.json(exchange, 200, Map.of("ok", true)));
        assertThat(api.address().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(api.address().getPort()).isPositive();
        api.start();
        assertThat(json(get("/x")).get("ok").asBoolean()).isTrue();

        api.close();
        api.close();
        assertThatThrownBy(() -> get("/x")).isInstanceOf(ConnectException.class);
    }

    @Test
    void shouldAnswerUnknownPathsWrongMethodsAndFailingHandlersWithJsonErrors() throws Exception {
        api = HttpApi.bind("127.0.0.1", 0)
                .route("/x", exchange -> Responses.json(exchange, 200, Map.of("ok", true)))
                .route("/boom", exchange -> {
                    throw new IllegalStateException("boom");
                });
        api.start();

        HttpResponse<String> unknown = get("/xy");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown)).isEqualTo(JSON.readTree("{\"status\":404,\"error\":\"no such endpoint: /xy\"}"));

        HttpResponse<String> post = send(HttpRequest.newBuilder(base().resolve("/x"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
        assertThat(json(post).get("status").asInt()).isEqualTo(405);

        HttpResponse<String> failed = get("/boom");
        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(json(failed)).isEqualTo(JSON.readTree(
                "{\"status\":500,\"error\":\"internal error: IllegalStateException\"}"));
    }

    @Test
    void shouldReportLivenessAndReadinessFromTheStreamsState() throws Exception {
        AtomicReference<KafkaStreams.State> state = new AtomicReference<>(KafkaStreams.State.REBALANCING);
        HealthEndpoints health = new HealthEndpoints(state::get);
        api = HttpApi.bind("127.0.0.1", 0).route("/health/live", health.live()).route("/health/ready", health.ready());
        api.start();

        assertThat(get("/health/live").statusCode()).isEqualTo(200);
        HttpResponse<String> notReady = get("/health/ready");
        assertThat(notReady.statusCode()).isEqualTo(503);
        assertThat(json(notReady)).isEqualTo(JSON.readTree("{\"status\":\"DOWN\",\"state\":\"REBALANCING\"}"));

        state.set(KafkaStreams.State.RUNNING);
        HttpResponse<String> ready = get("/health/ready");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(json(ready)).isEqualTo(JSON.readTree("{\"status\":\"UP\",\"state\":\"RUNNING\"}"));

        state.set(KafkaStreams.State.ERROR);
        HttpResponse<String> dead = get("/health/live");
        assertThat(dead.statusCode()).isEqualTo(503);
        assertThat(json(dead)).isEqualTo(JSON.readTree("{\"status\":\"DOWN\",\"state\":\"ERROR\"}"));
        assertThat(get("/health/ready").statusCode()).isEqualTo(503);
    }

    @Test
    void shouldAnswer503ForAKeyWhileKafkaStreamsHasNotStarted(@TempDir Path stateDir) throws Exception {
        SeqscoreConfig config = new SeqscoreConfig(Map.of(
                "bootstrap.servers", "127.0.0.1:1",
                "application.id", "http-api-test",
                "state.dir", stateDir.toString(),
                "schema.registry.url", MockSchemaRegistry.URL_PREFIX + "http-api-test"));
        try (KafkaStreams streams = new KafkaStreams(ScorerTopology.buildTopology(config), config.streamsProperties())) {
            api = HttpApi.bind("127.0.0.1", 0).routePrefix(KeyEndpoint.PREFIX, new KeyEndpoint(streams,
                    ScorerTopology.STATE_STORE, new HostInfo("127.0.0.1", 1), Duration.ofSeconds(1)));
            api.start();

            HttpResponse<String> response = get("/api/keys/sensor-1");
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(json(response)).isEqualTo(JSON.readTree(
                    "{\"status\":503,\"error\":\"Kafka Streams is not running (state CREATED)\"}"));
            assertThat(get("/api/keys/").statusCode()).isEqualTo(400);
        } finally {
            MockSchemaRegistry.dropScope("http-api-test");
        }
    }

    @Test
    void shouldCarryAnyKeyThroughTheForwardedUriUnchanged() throws Exception {
        AtomicReference<String> received = new AtomicReference<>();
        api = HttpApi.bind("127.0.0.1", 0).routePrefix(KeyEndpoint.PREFIX, exchange -> {
            received.set(exchange.getRequestURI().getPath().substring(KeyEndpoint.PREFIX.length()));
            Responses.json(exchange, 200, Map.of());
        });
        api.start();
        HostInfo owner = new HostInfo("127.0.0.1", api.address().getPort());
        for (String key : new String[] {"sensor-1", "a b", "host/eth0", "50%?x=1#frag", "température", "+plus"}) {
            URI uri = KeyForwarder.uri(owner, key);
            assertThat(send(HttpRequest.newBuilder(uri).GET().build()).statusCode()).isEqualTo(200);
            assertThat(received.get()).as(uri.toString()).isEqualTo(key);
        }
    }
}
