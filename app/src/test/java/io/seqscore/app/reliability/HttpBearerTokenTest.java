package io.seqscore.app.reliability;

import io.seqscore.app.config.SeqscoreConfig;
import io.seqscore.app.http.BearerToken;
import io.seqscore.app.http.HealthEndpoints;
import io.seqscore.app.http.HttpApi;
import io.seqscore.app.pipeline.EmbeddedPipeline;
import io.seqscore.app.pipeline.EventsProducer;
import io.seqscore.app.service.ScorerService;
import io.seqscore.app.testing.Await;
import io.seqscore.app.topology.ScorerTopology;
import io.seqscore.avro.Event;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code seqscore.http.auth.token}: every request but the health checks needs {@code Authorization: Bearer
 * <token>} (401 with a {@code WWW-Authenticate: Bearer} challenge otherwise, before routing); a key query
 * forwarded to the instance that owns the key carries the token; the token is validated and never shown.
 */
class HttpBearerTokenTest {
    private static final String TOKEN = "s3cr3t-Bearer-Token_0123456789";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private HttpResponse<String> get(int port, String path, String authorization) throws IOException, InterruptedException {
        return send(port, path, authorization, "GET");
    }

    private HttpResponse<String> send(int port, String path, String authorization, String method)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    @Test
    void shouldAnswer401WithABearerChallengeToEveryRequestWithoutTheTokenExceptHealthChecks() throws Exception {
        try (HttpApi api = HttpApi.bind("127.0.0.1", 0)
                .requireBearerToken(new BearerToken(TOKEN), HealthEndpoints.PATHS)
                .route("/api/models", exchange -> {
                    exchange.sendResponseHeaders(204, -1);
                    exchange.close();
                })
                .route(HealthEndpoints.LIVE_PATH, exchange -> {
                    exchange.sendResponseHeaders(204, -1);
                    exchange.close();
                })) {
            api.start();
            int port = api.address().getPort();

            HttpResponse<String> missing = get(port, "/api/models", null);
            assertThat(missing.statusCode()).isEqualTo(401);
            assertThat(missing.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"seqscore\"");
            assertThat(missing.body()).isEqualTo("{\"status\":401,\"error\":\"this endpoint requires a bearer token\"}");

            for (String wrong : List.of("Bearer " + TOKEN + "x", "Bearer " + TOKEN.substring(1), "Basic " + TOKEN,
                    "Bearer", "Bearer ", TOKEN)) {
                HttpResponse<String> refused = get(port, "/api/models", wrong);
                assertThat(refused.statusCode()).as(wrong).isEqualTo(401);
                assertThat(refused.headers().firstValue("WWW-Authenticate"))
                        .hasValue("Bearer realm=\"seqscore\", error=\"invalid_token\"");
                assertThat(refused.body()).doesNotContain(TOKEN.substring(1));
            }
            assertThat(get(port, "/api/models", "Bearer " + TOKEN).statusCode()).isEqualTo(204);
            assertThat(get(port, "/api/models", "bearer " + TOKEN).statusCode()).isEqualTo(204);
            assertThat(get(port, "/no/such/path", null).statusCode()).as("no path probing without the token")
                    .isEqualTo(401);
            assertThat(get(port, "/no/such/path", "Bearer " + TOKEN).statusCode()).isEqualTo(404);
            assertThat(send(port, "/api/models", null, "HEAD").statusCode()).isEqualTo(401);
            assertThat(send(port, "/api/models", null, "DELETE").statusCode()).isEqualTo(401);
            assertThat(get(port, HealthEndpoints.LIVE_PATH, null).statusCode()).isEqualTo(204);
        }
    }

    @Test
    void shouldCompareTokensWholeAndNeverPrintThem() {
        BearerToken token = new BearerToken(TOKEN);
        assertThat(token.permits("Bearer " + TOKEN)).isTrue();
        assertThat(token.permits("BEARER " + TOKEN)).isTrue();
        assertThat(token.permits("Bearer " + TOKEN + " ")).isTrue();
        assertThat(token.permits("Bearer " + TOKEN.toUpperCase())).isFalse();
        assertThat(token.permits("Bearer " + TOKEN + TOKEN)).isFalse();
        assertThat(token.permits(null)).isFalse();
        assertThat(token.permits("")).isFalse();
        assertThat(token).hasToString("BearerToken[hidden]");
        assertThatThrownBy(() -> new BearerToken("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldValidateTheTokenSettingWithoutShowingIt() {
        assertThat(new SeqscoreConfig(Map.of()).httpAuthToken()).isNull();
        assertThat(new SeqscoreConfig(Map.of(SeqscoreConfig.HTTP_AUTH_TOKEN_CONFIG, TOKEN)).httpAuthToken())
                .isEqualTo(TOKEN);
        assertThat(SeqscoreConfig.fromProperties(new java.util.Properties(),
                Map.of("SEQSCORE_HTTP_AUTH_TOKEN", TOKEN)).httpAuthToken()).isEqualTo(TOKEN);
        SeqscoreConfig config = new SeqscoreConfig(Map.of(SeqscoreConfig.HTTP_AUTH_TOKEN_CONFIG, TOKEN));
        assertThat(config.loggableProperties()).containsEntry(SeqscoreConfig.HTTP_AUTH_TOKEN_CONFIG, "[hidden]");
        assertThat(config.toString()).doesNotContain(TOKEN);
        for (String bad : List.of("short-token", "has spaces in the token!", "ünïcödé-token-0123456789")) {
            assertThatThrownBy(() -> new SeqscoreConfig(Map.of(SeqscoreConfig.HTTP_AUTH_TOKEN_CONFIG, bad)))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining(SeqscoreConfig.HTTP_AUTH_TOKEN_CONFIG)
                    .hasMessageNotContaining(bad);
        }
    }

    @Test
    void shouldForwardAKeyQueryToTheOwningInstanceWithTheToken(@TempDir Path dir) throws Exception {
        int partitions = 4;
        try (EmbeddedPipeline topics = EmbeddedPipeline.builder("token-").partitions(partitions)
                .stateDir(dir.resolve("a")).setting("commit.interval.ms", "100").start()) {
            Map<String, Object> a = topics.scorerSettings();
            a.put("seqscore.http.port", "0");
            a.put(SeqscoreConfig.HTTP_AUTH_TOKEN_CONFIG, TOKEN);
            Map<String, Object> b = new HashMap<>(a);
            b.put("state.dir", dir.resolve("b").toString());
            topics.publish(Workload.release(1, 7));
            try (ScorerService one = ScorerService.start(new SeqscoreConfig(a));
                 ScorerService two = ScorerService.start(new SeqscoreConfig(b))) {
                Await.until(TIMEOUT, "both instances run active tasks", () -> active(one) && active(two));
                List<Map.Entry<String, Event>> events = new ArrayList<>();
                for (int k = 0; k < 16; k++) {
                    events.add(Map.entry(Workload.key(k), new Workload(16, 1).event(k, 0)));
                }
                EventsProducer producer = topics.eventsProducer("token-events", Map.of());
                events.forEach(e -> producer.send(e.getKey(), e.getValue()));
                producer.flush();
                topics.scoresReader().read(events.size(), TIMEOUT);
                for (Map.Entry<String, Event> e : events) {
                    String key = e.getKey();
                    HostInfo owner = one.streams().queryMetadataForKey(ScorerTopology.STATE_STORE, key,
                            new StringSerializer()).activeHost();
                    ScorerService asked = owner.equals(one.applicationServer()) ? two : one;
                    int port = asked.httpAddress().getPort();
                    HttpResponse<String> answer = get(port, "/api/keys/" + key, "Bearer " + TOKEN);
                    assertThat(answer.statusCode()).as("key %s via the other instance: %s", key, answer.body())
                            .isEqualTo(200);
                    assertThat(answer.body()).contains("\"servedBy\":\"" + owner.host() + ":" + owner.port() + "\"");
                    assertThat(get(port, "/api/keys/" + key, null).statusCode()).isEqualTo(401);
                }
                assertThat(get(one.httpAddress().getPort(), HealthEndpoints.READY_PATH, null).statusCode())
                        .isEqualTo(200);
                assertThat(get(one.httpAddress().getPort(), "/metrics", null).statusCode()).isEqualTo(401);
                assertThat(one.httpAddress().getAddress().isLoopbackAddress()).as("bound to loopback by default")
                        .isTrue();
            }
        }
    }

    private static boolean active(ScorerService s) {
        return s.state() == KafkaStreams.State.RUNNING
                && s.streams().metadataForLocalThreads().stream().anyMatch(t -> !t.activeTasks().isEmpty());
    }
}
