package io.seqscore.serde;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.seqscore.avro.Event;
import io.seqscore.avro.Score;
import io.seqscore.serde.FakeRegistryServer.Fault;
import io.seqscore.serde.FakeRegistryServer.Request;
import org.apache.avro.Schema;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The REST client against a registry speaking Confluent's API on 127.0.0.1. */
class RestSchemaRegistryClientTest {
    private static final Schema EVENT = Event.getClassSchema();
    private static final String SECRET = "s3cr3t-Pa55";

    private FakeRegistryServer server;
    private FakeRegistryServer second;
    private ListAppender<ILoggingEvent> logs;

    @BeforeEach
    void start() throws IOException {
        server = new FakeRegistryServer();
        logs = new ListAppender<>();
        logs.start();
        ((Logger) LoggerFactory.getLogger(RegistryTransport.class)).addAppender(logs);
    }

    @AfterEach
    void stop() {
        ((Logger) LoggerFactory.getLogger(RegistryTransport.class)).detachAppender(logs);
        server.close();
        if (second != null) {
            second.close();
        }
    }

    private static SchemaRegistryClient client(String urls, Object... extra) {
        Map<String, Object> m = new HashMap<>();
        m.put("schema.registry.url", urls);
        m.put("retries.wait.ms", 1);
        for (int i = 0; i < extra.length; i += 2) {
            m.put((String) extra[i], extra[i + 1]);
        }
        return SchemaRegistryClients.fromConfig(new AvroSerdeConfig(m));
    }

    private static String closedUrl() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }
    }

    @Test
    void registerPostsTheSchemaAsConfluentDoesAndCachesTheId() throws IOException {
        SchemaRegistryClient c = client(server.url());

        assertThat(c.register("events-value", EVENT)).isEqualTo(1);
        assertThat(c.register("events-value", EVENT)).isEqualTo(1);
        assertThat(c.schemaById(1)).isSameAs(EVENT);

        Request r = server.requests().get(0);
        assertThat(server.requests()).hasSize(1);
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.rawPath()).isEqualTo("/subjects/events-value/versions");
        assertThat(r.contentType()).isEqualTo("application/vnd.schemaregistry.v1+json");
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body()).get("schema").asText())
                .isEqualTo(EVENT.toString());
        assertThat(r.authorization()).isNull();
    }

    @Test
    void lookupByIdParsesTheSchemaOnceAndUnknownIdsAre40403() {
        server.backing().register("events-value", EVENT);
        SchemaRegistryClient c = client(server.url());

        assertThat(c.schemaById(1)).isEqualTo(EVENT);
        assertThat(c.schemaById(1)).isEqualTo(EVENT);
        SchemaRegistryException e = catchThrowableOfType(SchemaRegistryException.class, () -> c.schemaById(42));

        assertThat(e.status()).isEqualTo(404);
        assertThat(e.errorCode()).isEqualTo(40403);
        assertThat(e.isTransient()).isFalse();
        assertThat(e.getMessage()).startsWith("Schema Registry answered 404 (error 40403) to GET " + server.url()
                + "/schemas/ids/42: Schema 42 not found");
        assertThat(server.requests()).extracting(Request::rawPath).containsExactly("/schemas/ids/1", "/schemas/ids/42");
    }

    @Test
    void idOfLooksUpWithoutRegisteringAndAMissingSubjectIs40401WithoutRetry() {
        server.backing().register("events-value", EVENT);
        SchemaRegistryClient c = client(server.url());

        assertThat(c.idOf("events-value", EVENT)).isEqualTo(1);
        SchemaRegistryException e = catchThrowableOfType(SchemaRegistryException.class, () -> c.idOf("nope", EVENT));

        assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.SUBJECT_NOT_FOUND);
        assertThat(e.getMessage()).contains("Subject 'nope' not found");
        assertThat(server.requests()).extracting(Request::method, Request::rawPath).containsExactly(
                org.assertj.core.groups.Tuple.tuple("POST", "/subjects/events-value"),
                org.assertj.core.groups.Tuple.tuple("POST", "/subjects/nope"));
        assertThat(server.backing().subjects()).containsExactly("events-value");
    }

    @Test
    void latestVersionIsCachedForItsTimeToLive() {
        server.backing().register("events-value", AvroSerdeTest.EVENT_V0);
        AtomicLong nanos = new AtomicLong();
        RestSchemaRegistryClient c = new RestSchemaRegistryClient(transport(List.of(server.url()), 0),
                Duration.ofSeconds(10), nanos::get);

        assertThat(c.latest("events-value")).isEqualTo(new RegisteredSchema("events-value", 1, 1, AvroSerdeTest.EVENT_V0));
        server.backing().register("events-value", EVENT);
        nanos.set(Duration.ofSeconds(9).toNanos());
        assertThat(c.latest("events-value").version()).as("within the TTL").isEqualTo(1);
        nanos.set(Duration.ofSeconds(10).toNanos());
        assertThat(c.latest("events-value")).isEqualTo(new RegisteredSchema("events-value", 2, 2, EVENT));
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void compatibilityCheckReturnsTheVerdictAndTheReasons() {
        server.backing().register("events-value", EVENT);
        SchemaRegistryClient c = client(server.url());

        assertThat(c.testCompatibility("events-value", AvroSerdeTest.EVENT_WITH_UNIT).compatible()).isTrue();
        CompatibilityResult no = c.testCompatibility("events-value", Score.getClassSchema());

        assertThat(no.compatible()).isFalse();
        assertThat(no.messages()).hasSize(1);
        assertThat(server.requests().get(0).rawPath()).isEqualTo("/compatibility/subjects/events-value/versions/latest");
        assertThat(server.requests().get(0).query()).isEqualTo("verbose=true");
    }

    @Test
    void clientErrorsCarryStatusCodeAndMessageAndAreNotRetried() {
        server.backing().register("events-value", EVENT);
        SchemaRegistryClient c = client(server.url());

        SchemaRegistryException incompatible = catchThrowableOfType(SchemaRegistryException.class,
                () -> c.register("events-value", Score.getClassSchema()));
        server.fail(Fault.status(422, 42201, "Invalid schema"));
        SchemaRegistryException invalid = catchThrowableOfType(SchemaRegistryException.class,
                () -> c.register("other-value", EVENT));
        server.fail(Fault.raw(404, "<html><body>Not Found</body></html>"));
        SchemaRegistryException notJson = catchThrowableOfType(SchemaRegistryException.class, () -> c.schemaById(3));

        assertThat(incompatible.status()).isEqualTo(409);
        assertThat(incompatible.errorCode()).isEqualTo(409);
        assertThat(incompatible.getMessage()).contains("incompatible with an earlier schema for subject 'events-value'");
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.errorCode()).isEqualTo(42201);
        assertThat(invalid.getMessage()).endsWith(": Invalid schema");
        assertThat(notJson.errorCode()).isEqualTo(404);
        assertThat(notJson.getMessage()).endsWith(": <html><body>Not Found</body></html>");
        assertThat(server.requests()).hasSize(3);
    }

    /** Confluent's 409 quotes the old schema whole; an exception carries 300 characters of it and the length. */
    @Test
    void shouldCapTheRegistryErrorTextAtThreeHundredCharacters() throws Exception {
        String oldSchema = Score.getClassSchema().toString();
        String message = "Schema being registered is incompatible with an earlier schema for subject 'events-value',"
                + " details: [{oldSchemaVersion: 1}, {oldSchema: '" + oldSchema + "'}, {compatibility: 'BACKWARD'}]";
        String body = RegistryTransport.JSON.writeValueAsString(RegistryTransport.JSON.createObjectNode()
                .put("error_code", 409).put("message", message));
        server.fail(Fault.raw(409, body), Fault.raw(502, "x".repeat(5000)));
        String url = server.url().replace("http://", "http://alice:" + SECRET + "@");
        SchemaRegistryClient c = client(url, "max.retries", 0);

        SchemaRegistryException conflict = catchThrowableOfType(SchemaRegistryException.class,
                () -> c.register("events-value", EVENT));
        SchemaRegistryException gateway = catchThrowableOfType(SchemaRegistryException.class,
                () -> c.register("events-value", EVENT));

        assertThat(message.length()).isGreaterThan(4000);
        String prefix = "Schema Registry answered 409 (error 409) to POST " + server.url()
                + "/subjects/events-value/versions: ";
        assertThat(conflict.getMessage())
                .isEqualTo(prefix + message.substring(0, 300) + "\u2026 (" + message.length() + " chars)")
                .doesNotContain(SECRET);
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(gateway.getMessage()).endsWith(": " + "x".repeat(300) + "\u2026 (5000 chars)")
                .hasSizeLessThan(600).doesNotContain(SECRET);
    }

    /** A POST, which the JDK's HttpClient does not resend by itself when the connection drops. */
    @Test
    void aServerErrorAndADroppedConnectionAreRetriedUntilAnAttemptSucceeds() {
        server.fail(Fault.status(500, 50001, "Error in the backend data store"), Fault.drop());
        SchemaRegistryClient c = client(server.url());

        assertThat(c.register("events-value", EVENT)).isEqualTo(1);
        assertThat(server.requests()).hasSize(3);
        assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage).satisfiesExactly(
                first -> assertThat(first).contains("answered 500 (error 50001)").endsWith("(attempt 1 of 4)"),
                second -> assertThat(second).contains("IOException").endsWith("(attempt 2 of 4)"));
    }

    @Test
    void retriesAreBoundedAndTheLastServerErrorIsReported() {
        for (int i = 0; i < 10; i++) {
            server.fail(Fault.status(503, 50301, "unavailable"));
        }
        SchemaRegistryClient c = client(server.url(), "max.retries", 2);

        SchemaRegistryException e = catchThrowableOfType(SchemaRegistryException.class, () -> c.schemaById(1));

        assertThat(server.requests()).hasSize(3);
        assertThat(e.status()).isEqualTo(503);
        assertThat(e.errorCode()).isEqualTo(50301);
        assertThat(e.isTransient()).isTrue();
        assertThat(e.isUnreachable()).isFalse();
        assertThat(e.getMessage()).startsWith("Schema Registry unavailable: no success after 3 attempts over 1 URL; last:"
                + " Schema Registry answered 503 (error 50301) to GET " + server.url() + "/schemas/ids/1: unavailable");
    }

    @Test
    void aSlowAnswerTimesOutAndIsRetried() {
        server.backing().register("events-value", EVENT);
        server.fail(Fault.delay(3000));
        SchemaRegistryClient c = client(server.url(), "http.read.timeout.ms", 300);

        assertThat(c.schemaById(1)).isEqualTo(EVENT);
        assertThat(server.requests()).hasSize(2);
        assertThat(logs.list.get(0).getFormattedMessage()).contains("HttpTimeoutException");
    }

    @Test
    void failsOverFromAnUnreachableUrlAndSticksToTheOneThatAnswered() throws IOException {
        server.backing().register("events-value", EVENT);
        SchemaRegistryClient c = client(closedUrl() + "," + server.url(), "max.retries", 0);

        assertThat(c.schemaById(1)).isEqualTo(EVENT);
        assertThat(logs.list).hasSize(1);
        assertThat(c.latest("events-value").id()).isEqualTo(1);
        assertThat(logs.list).as("the second request went straight to the URL that answered").hasSize(1);
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void failsOverOnServerErrorsToTheNextUrl() throws IOException {
        second = new FakeRegistryServer();
        second.backing().register("events-value", EVENT);
        server.fail(Fault.status(502, 502, "Bad Gateway"));
        SchemaRegistryClient c = client(server.url() + ", " + second.url(), "max.retries", 0);

        assertThat(c.schemaById(1)).isEqualTo(EVENT);
        assertThat(c.latest("events-value").id()).isEqualTo(1);
        assertThat(server.requests()).hasSize(1);
        assertThat(second.requests()).hasSize(2);
    }

    @Test
    void unreachableRegistriesGiveUpAfterRoundsTimesUrlsAttempts() throws IOException {
        SchemaRegistryClient c = client(closedUrl() + "," + closedUrl(), "max.retries", 1);

        SchemaRegistryException e = catchThrowableOfType(SchemaRegistryException.class, () -> c.schemaById(1));

        assertThat(e.isUnreachable()).isTrue();
        assertThat(e.getMessage()).startsWith("Schema Registry unavailable: no success after 4 attempts over 2 URLs");
        assertThat(e.getCause()).isInstanceOf(java.net.ConnectException.class);
        assertThat(logs.list).hasSize(4);
    }

    @Test
    void backOffDoublesUpToItsBound() {
        RegistryTransport t = transport(List.of("http://127.0.0.1:1"), 5);
        assertThat(List.of(t.backoffMs(0), t.backoffMs(1), t.backoffMs(2), t.backoffMs(3), t.backoffMs(40)))
                .containsExactly(100L, 200L, 400L, 500L, 500L);
    }

    @Test
    void subjectsArePercentEncodedInPaths() {
        SchemaRegistryClient c = client(server.url());

        c.register("my topic/x-value", EVENT);

        assertThat(server.requests().get(0).rawPath()).isEqualTo("/subjects/my%20topic%2Fx-value/versions");
        assertThat(server.backing().subjects()).containsExactly("my topic/x-value");
    }

    /** The credential settings under their own names and under Confluent's schema.registry. prefix. */
    @ParameterizedTest
    @ValueSource(strings = {"", "schema.registry."})
    void userInfoCredentialsAreSentAsBasicAuth(String prefix) {
        String expected = "Basic " + base64("alice:" + SECRET);
        server.requireAuthorization(expected);
        SchemaRegistryClient c = client(server.url(), prefix + "basic.auth.credentials.source", "USER_INFO",
                prefix + "basic.auth.user.info", "alice:" + SECRET);

        assertThat(c.register("events-value", EVENT)).isEqualTo(1);
        assertThat(server.requests().get(0).authorization()).isEqualTo(expected);
    }

    @Test
    void urlCredentialsAreSentAsBasicAuthAndNotInTheRequestLine() {
        String expected = "Basic " + base64("bob:p@ss " + SECRET);
        server.requireAuthorization(expected);
        String url = server.url().replace("http://", "http://bob:p%40ss%20" + SECRET + "@");
        SchemaRegistryClient c = client(url);

        assertThat(c.register("events-value", EVENT)).isEqualTo(1);
        assertThat(server.requests().get(0).authorization()).isEqualTo(expected);
        assertThat(server.requests().get(0).rawPath()).isEqualTo("/subjects/events-value/versions");
    }

    @Test
    void credentialsNeverAppearInExceptionsOrLogs() throws IOException {
        server.requireAuthorization("Basic something-else");
        List<Throwable> failures = new ArrayList<>();
        SchemaRegistryClient userInfo = client(server.url(), "basic.auth.credentials.source", "USER_INFO",
                "basic.auth.user.info", "alice:" + SECRET, "max.retries", 1);
        failures.add(catchThrowableOfType(SchemaRegistryException.class, () -> userInfo.schemaById(1)));
        server.fail(Fault.status(503, 503, "down"), Fault.status(503, 503, "down"));
        failures.add(catchThrowableOfType(SchemaRegistryException.class, () -> userInfo.schemaById(2)));
        SchemaRegistryClient inUrl = client(closedUrl().replace("http://", "http://bob:" + SECRET + "@") + ","
                + server.url().replace("http://", "http://bob:" + SECRET + "@"), "max.retries", 1);
        failures.add(catchThrowableOfType(SchemaRegistryException.class, () -> inUrl.schemaById(3)));
        failures.add(catchThrowableOfType(ConfigException.class, () -> client("ftp://bob:" + SECRET + "@host")));
        AvroSerializer<Event> serializer = new AvroSerializer<>();
        serializer.configure(Map.of("schema.registry.url", server.url(), "basic.auth.credentials.source", "USER_INFO",
                "basic.auth.user.info", "alice:" + SECRET, "max.retries", "0"), false);
        failures.add(catchThrowableOfType(org.apache.kafka.common.errors.SerializationException.class,
                () -> serializer.serialize("events", io.seqscore.testing.Fixtures.event(1, 1.0))));

        List<String> texts = new ArrayList<>();
        for (Throwable f : failures) {
            assertThat(f).isNotNull();
            for (Throwable t = f; t != null; t = t.getCause()) {
                texts.add(String.valueOf(t.getMessage()));
                texts.add(t.toString());
            }
        }
        logs.list.forEach(e -> texts.add(e.getFormattedMessage()));
        texts.add(new AvroSerdeConfig(Map.of("basic.auth.user.info", "alice:" + SECRET)).values().toString());

        assertThat(logs.list).isNotEmpty();
        assertThat(texts).isNotEmpty().allSatisfy(text -> assertThat(text)
                .doesNotContain(SECRET)
                .doesNotContain(base64("alice:" + SECRET))
                .doesNotContain(base64("bob:" + SECRET))
                .doesNotContain("bob:"));
        assertThat(failures.get(0).getMessage()).contains("401 (error 401)");
    }

    @Test
    void configurationMistakesAreConfigExceptions() {
        assertThatThrownBy(() -> client(server.url(), "basic.auth.credentials.source", "USER_INFO"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("basic.auth.user.info must be set");
        assertThatThrownBy(() -> client(server.url(), "basic.auth.credentials.source", "SASL_INHERIT"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("basic.auth.credentials.source");
        assertThatThrownBy(() -> client(""))
                .isInstanceOf(ConfigException.class).hasMessageContaining("schema.registry.url must be set");
        assertThatThrownBy(() -> client("localhost:8081"))
                .isInstanceOf(ConfigException.class).hasMessage("entry 1 of schema.registry.url is not an http(s) URL with a host");
        assertThatThrownBy(() -> client(server.url(), "schema.registry.ssl.truststore.location", "/no/such/store.p12"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("/no/such/store.p12");
    }

    private static RegistryTransport transport(List<String> urls, int maxRetries) {
        return new RegistryTransport(urls, RegistryTransport.CredentialsSource.NONE, null, null, maxRetries, 100, 500,
                Duration.ofSeconds(5), Duration.ofSeconds(5));
    }

    private static String base64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
