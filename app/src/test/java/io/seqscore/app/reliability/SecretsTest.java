package io.seqscore.app.reliability;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import io.seqscore.app.config.SeqscoreConfig;
import io.seqscore.app.kafka.EmbeddedKafka;
import io.seqscore.app.pipeline.EmbeddedPipeline;
import io.seqscore.app.pipeline.PipelineCluster;
import io.seqscore.app.pipeline.ScorerTopics;
import io.seqscore.app.service.ScorerService;
import io.seqscore.app.service.ServiceStartException;
import io.seqscore.app.testing.Await;
import io.seqscore.avro.Event;
import io.seqscore.avro.Score;
import io.seqscore.serde.AvroSerializer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Kafka's SASL/SSL settings and the Schema Registry's basic-auth and TLS settings pass through from the scorer's
 * configuration to the clients that use them; the passwords among them (and the HTTP bearer token) never appear
 * in a log line (Kafka's config dumps at INFO included), an HTTP answer or an exception message, while a scorer
 * runs, scores through a registry that requires the credentials, answers its API, and fails to start or to reach
 * its registry.
 */
class SecretsTest {
    private static final String JAAS_PW = "jaas-Pw-7c1e44";
    private static final String TRUSTSTORE_PW = "truststore-Pw-91ab";
    private static final String KEYSTORE_PW = "keystore-Pw-3f0d";
    private static final String KEY_PW = "key-Pw-55aa21";
    private static final String PRODUCER_KEY_PW = "producer-key-Pw-6b2f";
    private static final String REGISTRY_PW = "registry-Pw-e4d2";
    private static final String REGISTRY_TRUST_PW = "registry-trust-Pw-0b9c";
    private static final String URL_PW = "url-Pw-c3d4e5";
    private static final String TOKEN = "http-Token-2f8a6c0d1e9b7a53";
    private static final List<String> SECRETS = List.of(JAAS_PW, TRUSTSTORE_PW, KEYSTORE_PW, KEY_PW, PRODUCER_KEY_PW,
            REGISTRY_PW, REGISTRY_TRUST_PW, URL_PW, TOKEN);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static Map<String, Object> securitySettings() {
        Map<String, Object> p = new HashMap<>();
        p.put("sasl.mechanism", "PLAIN");
        p.put("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"scorer\""
                + " password=\"" + JAAS_PW + "\";");
        p.put("ssl.truststore.location", "/etc/seqscore/truststore.p12");
        p.put("ssl.truststore.password", TRUSTSTORE_PW);
        p.put("ssl.keystore.location", "/etc/seqscore/keystore.p12");
        p.put("ssl.keystore.password", KEYSTORE_PW);
        p.put("ssl.key.password", KEY_PW);
        p.put("producer.ssl.key.password", PRODUCER_KEY_PW);
        p.put("basic.auth.credentials.source", "USER_INFO");
        p.put("basic.auth.user.info", "scorer:" + REGISTRY_PW);
        p.put("schema.registry.ssl.truststore.location", "/etc/seqscore/registry-truststore.p12");
        p.put("schema.registry.ssl.truststore.password", REGISTRY_TRUST_PW);
        p.put(SeqscoreConfig.HTTP_AUTH_TOKEN_CONFIG, TOKEN);
        return p;
    }

    @Test
    void shouldPassKafkaAndRegistrySecuritySettingsThroughToTheirClients() {
        Map<String, Object> props = securitySettings();
        props.put("security.protocol", "SASL_SSL");
        props.put("bootstrap.servers", "kafka-1:9093");
        SeqscoreConfig config = new SeqscoreConfig(props);

        Properties streams = config.streamsProperties();
        for (String name : List.of("security.protocol", "sasl.mechanism", "sasl.jaas.config", "ssl.truststore.location",
                "ssl.truststore.password", "ssl.keystore.location", "ssl.keystore.password", "ssl.key.password",
                "producer.ssl.key.password")) {
            assertThat(streams.get(name)).as(name).isEqualTo(props.get(name));
        }
        assertThat(streams).doesNotContainKey(SeqscoreConfig.HTTP_AUTH_TOKEN_CONFIG);
        StreamsConfig kafka = new StreamsConfig(streams);
        Map<String, Object> consumer = kafka.getMainConsumerConfigs("g", "c", 0);
        Map<String, Object> producer = kafka.getProducerConfigs("p");
        Map<String, Object> admin = kafka.getAdminConfigs("a");
        for (Map<String, Object> client : List.of(consumer, producer, admin)) {
            assertThat(client).containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "PLAIN");
            assertThat(password(client.get("sasl.jaas.config"))).contains("password=\"" + JAAS_PW + "\"");
            assertThat(password(client.get("ssl.truststore.password"))).isEqualTo(TRUSTSTORE_PW);
            assertThat(password(client.get("ssl.keystore.password"))).isEqualTo(KEYSTORE_PW);
        }
        assertThat(password(consumer.get("ssl.key.password"))).isEqualTo(KEY_PW);
        assertThat(password(producer.get("ssl.key.password"))).isEqualTo(PRODUCER_KEY_PW);

        Map<String, Object> serde = config.serdeProperties();
        assertThat(serde).containsEntry("basic.auth.credentials.source", "USER_INFO")
                .containsEntry("basic.auth.user.info", "scorer:" + REGISTRY_PW)
                .containsEntry("schema.registry.ssl.truststore.location", "/etc/seqscore/registry-truststore.p12")
                .containsEntry("schema.registry.ssl.truststore.password", REGISTRY_TRUST_PW);
        assertThat(config.toString()).doesNotContain(SECRETS);
        assertThat(config.loggableProperties().toString()).doesNotContain(SECRETS);
    }

    private static String password(Object value) {
        return value instanceof Password p ? p.value() : String.valueOf(value);
    }

    @Test
    void shouldNeverShowPasswordsInLogsHttpAnswersOrExceptionMessages(@TempDir Path dir) throws Exception {
        List<String> seen = new ArrayList<>();
        LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = logging.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Logger kafkaLogger = logging.getLogger("org.apache.kafka");
        Level rootLevel = root.getLevel();
        Level kafkaLevel = kafkaLogger.getLevel();
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.setContext(logging);
        captured.start();
        root.addAppender(captured);
        root.setLevel(Level.INFO);
        kafkaLogger.setLevel(Level.INFO);
        String basic = "Basic " + Base64.getEncoder().encodeToString(("scorer:" + REGISTRY_PW)
                .getBytes(StandardCharsets.UTF_8));
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
             LoopbackSchemaRegistry registry = new LoopbackSchemaRegistry(basic);
             PipelineCluster cluster = PipelineCluster.external(kafka.bootstrapServers(), registry.url());
             EmbeddedPipeline pipeline = EmbeddedPipeline.builder("secrets-").cluster(cluster).partitions(1)
                     .stateDir(dir.resolve("state")).setting("commit.interval.ms", "100").start()) {
            ScorerTopics topics = pipeline.topics();
            Map<String, Object> props = pipeline.scorerSettings();
            props.putAll(securitySettings());
            props.put("schema.registry.ssl.truststore.location", emptyTrustStore(dir.resolve("registry-trust.p12")));
            props.put("schema.registry.ssl.truststore.type", "PKCS12");
            props.put("seqscore.http.port", "0");
            SeqscoreConfig config = new SeqscoreConfig(props);
            produce(kafka, registry.url(), topics);

            try (ScorerService service = ScorerService.start(config)) {
                Await.until(TIMEOUT, "running", () -> service.state() == KafkaStreams.State.RUNNING);
                assertThat(readScores(kafka, registry.url(), topics, 3)).hasSize(3);
                assertThat(registry.unauthorized()).as("registry requests without the credentials").isZero();

                int port = service.httpAddress().getPort();
                for (String path : List.of("/api/models", "/api/keys/" + Workload.key(0), "/metrics", "/health/live",
                        "/health/ready", "/api/keys/never-seen", "/no/such/path")) {
                    HttpResponse<String> answer = get(port, path, "Bearer " + TOKEN);
                    assertThat(answer.statusCode()).as(path).isLessThan(500);
                    seen.add(path + " " + answer.headers().map() + " " + answer.body());
                }
                HttpResponse<String> refused = get(port, "/api/models", "Bearer wrong-" + TOKEN);
                assertThat(refused.statusCode()).isEqualTo(401);
                seen.add(refused.headers().map() + " " + refused.body());

                Map<String, Object> clash = new HashMap<>(props);
                clash.put("seqscore.http.port", Integer.toString(port));
                clash.put("application.id", "secrets-clash");
                Throwable portTaken = catchThrowable(() -> ScorerService.start(new SeqscoreConfig(clash)).close());
                assertThat(portTaken).isInstanceOf(ServiceStartException.class);
                seen.add(chain(portTaken));
            }

            Map<String, Object> badToken = new HashMap<>(props);
            badToken.put(SeqscoreConfig.HTTP_AUTH_TOKEN_CONFIG, TOKEN + " " + JAAS_PW);
            seen.add(chain(catchThrowable(() -> new SeqscoreConfig(badToken))));

            seen.addAll(failOnAnUnreachableRegistryWithCredentialsInItsUrl(props, dir));
        } finally {
            root.detachAppender(captured);
            root.setLevel(rootLevel);
            kafkaLogger.setLevel(kafkaLevel);
            captured.stop();
        }
        for (ILoggingEvent event : captured.list) {
            seen.add(event.getLoggerName() + " " + event.getFormattedMessage() + " " + chain(event.getThrowableProxy()));
        }
        assertThat(captured.list).as("log events captured").hasSizeGreaterThan(50);
        assertThat(seen).anySatisfy(line -> assertThat(line).contains("sasl.jaas.config = [hidden]"));
        assertThat(seen).anySatisfy(line -> assertThat(line).contains("Schema Registry"));
        for (String line : seen) {
            assertThat(line).doesNotContain(SECRETS);
        }
    }

    /**
     * A scorer whose registry URL carries credentials ({@code http://user:password@host}) and is unreachable: its
     * stream thread fails on the first event (a registry outage is not a bad record) and the client stops.
     */
    private static List<String> failOnAnUnreachableRegistryWithCredentialsInItsUrl(Map<String, Object> props, Path dir)
            throws Exception {
        int deadPort;
        try (ServerSocket free = new ServerSocket(0)) {
            deadPort = free.getLocalPort();
        }
        Map<String, Object> unreachable = new HashMap<>(props);
        unreachable.put("application.id", "secrets-unreachable");
        unreachable.put("state.dir", dir.resolve("unreachable").toString());
        unreachable.put("basic.auth.credentials.source", "URL");
        unreachable.put("schema.registry.url", "http://scorer:" + URL_PW + "@127.0.0.1:" + deadPort);
        unreachable.put("max.retries", "0");
        try (ScorerService failing = ScorerService.start(new SeqscoreConfig(unreachable))) {
            Await.until(TIMEOUT, "the scorer stops on an unreachable registry",
                    () -> failing.state() == KafkaStreams.State.ERROR
                            || failing.state() == KafkaStreams.State.PENDING_ERROR
                            || failing.state() == KafkaStreams.State.NOT_RUNNING);
            return List.of(failing.registry().rejections().toString());
        }
    }

    /** A PKCS12 trust store that opens only with the registry trust-store password (so the serdes must get it). */
    private static String emptyTrustStore(Path file) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, REGISTRY_TRUST_PW.toCharArray());
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, REGISTRY_TRUST_PW.toCharArray());
        }
        return file.toString();
    }

    private HttpResponse<String> get(int port, String path, String authorization) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", authorization).GET().build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** The workload's first three events, written with the registry's credentials; and a release. */
    private static void produce(EmbeddedKafka kafka, String registryUrl, ScorerTopics topics) throws Exception {
        Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                "schema.registry.url", registryUrl, "basic.auth.credentials.source", "USER_INFO",
                "basic.auth.user.info", "scorer:" + REGISTRY_PW);
        AvroSerializer<io.seqscore.avro.ModelRelease> releases = new AvroSerializer<>();
        releases.configure(props, false);
        try (KafkaProducer<String, io.seqscore.avro.ModelRelease> producer = new KafkaProducer<>(props,
                new StringSerializer(), releases)) {
            producer.send(new ProducerRecord<>(topics.models(), Workload.MODEL, Workload.release(1, 7))).get();
        }
        AvroSerializer<Event> events = new AvroSerializer<>();
        events.configure(props, false);
        Workload workload = new Workload(3, 1);
        try (KafkaProducer<String, Event> producer = new KafkaProducer<>(props, new StringSerializer(), events)) {
            for (int k = 0; k < 3; k++) {
                producer.send(new ProducerRecord<>(topics.events(), Workload.key(k), workload.event(k, 0))).get();
            }
        }
    }

    private static List<Score> readScores(EmbeddedKafka kafka, String registryUrl, ScorerTopics topics, int count) {
        io.seqscore.serde.AvroDeserializer<Score> values = io.seqscore.serde.AvroDeserializer.forClass(Score.class);
        values.configure(Map.of("schema.registry.url", registryUrl, "basic.auth.credentials.source", "USER_INFO",
                "basic.auth.user.info", "scorer:" + REGISTRY_PW), false);
        List<ConsumerRecord<String, Score>> out = new ArrayList<>();
        try (KafkaConsumer<String, Score> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "secrets-reader",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new org.apache.kafka.common.serialization.StringDeserializer(), values)) {
            consumer.subscribe(List.of(topics.scores()));
            Await.until(TIMEOUT, count + " scores", () -> {
                consumer.poll(Duration.ofMillis(100)).forEach(out::add);
                return out.size() >= count;
            });
        }
        return out.stream().map(ConsumerRecord::value).toList();
    }

    private static String chain(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            sb.append(c).append(" | ");
        }
        return sb.toString();
    }

    private static String chain(IThrowableProxy t) {
        StringBuilder sb = new StringBuilder();
        for (IThrowableProxy c = t; c != null; c = c.getCause()) {
            sb.append(c.getClassName()).append(": ").append(c.getMessage()).append(" | ");
        }
        return sb.toString();
    }
}
