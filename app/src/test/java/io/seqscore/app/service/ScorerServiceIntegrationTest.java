package io.seqscore.app.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.seqscore.app.cli.Main;
import io.seqscore.app.command.CliContext;
import io.seqscore.app.config.SeqscoreConfig;
import io.seqscore.app.pipeline.EmbeddedPipeline;
import io.seqscore.app.testing.Await;
import io.seqscore.app.testing.CommandLines.CapturedHooks;
import io.seqscore.app.testing.ReferenceForecaster;
import io.seqscore.app.testing.Releases;
import io.seqscore.app.testing.SharedCluster;
import io.seqscore.app.topology.ScorerTopology;
import io.seqscore.avro.Event;
import io.seqscore.avro.ModelRelease;
import io.seqscore.avro.Score;
import io.seqscore.model.core.CellType;
import io.seqscore.model.core.NetworkSpec;
import io.seqscore.serde.AvroSerializer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static io.seqscore.app.testing.PrometheusText.require;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The running service on a real single-node KRaft broker (one per class): the HTTP endpoints over a scorer
 * that has scored events, key queries forwarded between two instances of one application id, and the
 * {@code run} command's graceful shutdown.
 */
class ScorerServiceIntegrationTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final NetworkSpec SPEC = NetworkSpec.uniform(CellType.LSTM, 1, 4, 1);
    private static final float[] PARAMS = Releases.randomParams(SPEC, 7, 0.6f);
    private static final float[] MEAN = {10f};
    private static final float[] STD = {2f};
    private static final int WARMUP = 3;

    @RegisterExtension
    static final SharedCluster CLUSTER = new SharedCluster("scorer-service-integration");
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** Topics and an application id of one test; the scorer's state in {@code stateDir}. */
    private static EmbeddedPipeline pipeline(int eventPartitions, Path stateDir) {
        return CLUSTER.pipeline("service", stateDir).partitions(eventPartitions).start();
    }

    /** The scorer's settings as the {@code run} command's properties file has them, state in {@code stateDir}. */
    private static Map<String, String> properties(EmbeddedPipeline pipeline, Path stateDir) {
        Map<String, String> p = new LinkedHashMap<>();
        pipeline.scorerSettings().forEach((k, v) -> p.put(k, v.toString()));
        p.put("state.dir", stateDir.toString().replace('\\', '/'));
        return p;
    }

    private static ModelRelease release(long version, float[] params) {
        return Releases.release("default", version, SPEC, params, Releases.global(MEAN, STD),
                Releases.gaussian(SPEC, 0.5, 0.999, WARMUP));
    }

    /** Sends each series' values as events at times 0, 1000, 2000, … ms, and the raw records. */
    private static void send(EmbeddedPipeline t, Map<String, double[]> series, Map<String, byte[]> raw)
            throws Exception {
        AvroSerializer<Event> serializer = new AvroSerializer<>();
        serializer.configure(t.clientProperties(), false);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(t.clientProperties(), new StringSerializer(),
                new ByteArraySerializer())) {
            for (Map.Entry<String, double[]> s : series.entrySet()) {
                for (int i = 0; i < s.getValue().length; i++) {
                    Event event = Event.newBuilder().setEventTime(Instant.ofEpochMilli(1000L * i))
                            .setValues(List.of(s.getValue()[i])).build();
                    producer.send(new ProducerRecord<>(t.topics().events(), s.getKey(), serializer.serialize(t.topics().events(), event)));
                }
            }
            raw.forEach((key, value) -> producer.send(new ProducerRecord<>(t.topics().events(), key, value)));
            producer.flush();
        }
    }

    /** Reads exactly {@code count} committed scores, by key in order. */
    private static Map<String, List<Score>> scores(EmbeddedPipeline t, int count) {
        List<ConsumerRecord<String, Score>> records = t.scoresReader().read(count, TIMEOUT);
        assertThat(records).hasSize(count);
        Map<String, List<Score>> byKey = new LinkedHashMap<>();
        for (ConsumerRecord<String, Score> r : records) {
            byKey.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.value());
        }
        return byKey;
    }

    private static int partitionOf(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    private static URI base(ScorerService service) {
        return URI.create("http://127.0.0.1:" + service.httpAddress().getPort());
    }

    private static String endpoint(ScorerService service) {
        return service.applicationServer().host() + ":" + service.applicationServer().port();
    }

    private HttpResponse<String> get(URI base, String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private JsonNode json(URI base, String path, int status) throws IOException, InterruptedException {
        HttpResponse<String> response = get(base, path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        return JSON.readTree(response.body());
    }

    private int status(URI base, String path) {
        try {
            return get(base, path).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private JsonNode models(URI base) {
        try {
            return json(base, "/api/models", 200);
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private long servingVersion(URI base) {
        JsonNode serving = models(base).get("serving");
        return serving.isEmpty() ? -1 : serving.get(0).get("version").asLong();
    }

    @Test
    void shouldServeKeyStateModelsHealthAndMetricsOfScoredEventsThenShutDownCleanly(@TempDir Path stateDir)
            throws Exception {
        EmbeddedPipeline t = pipeline(2, stateDir);
        ScorerService service = ScorerService.start(t.scorerConfig());
        try {
            assertThat(service.httpAddress().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
            assertThat(service.applicationServer()).isEqualTo(new HostInfo("127.0.0.1", service.httpAddress().getPort()));
            URI base = base(service);
            Await.until(TIMEOUT, "ready", () -> status(base, "/health/ready") == 200);
            assertThat(json(base, "/health/live", 200).get("state").asText()).isEqualTo("RUNNING");

            t.publish(release(1, PARAMS));
            Await.until(TIMEOUT, "release 1 serving", () -> servingVersion(base) == 1);
            Map<String, double[]> series = new LinkedHashMap<>();
            series.put("sensor-a", new double[] {10.0, 11.5, 9.25, 10.75, 12.0});
            series.put("sensor-b", new double[] {8.0, 9.0, 10.0});
            series.put("sensor-c", new double[] {20.0, 21.0, 19.5, 20.25});
            send(t, series, Map.of("sensor-x", new byte[] {1, 2, 3}));
            Map<String, List<Score>> scores = scores(t, 12);

            for (Map.Entry<String, double[]> s : series.entrySet()) {
                String key = s.getKey();
                double[] values = s.getValue();
                ReferenceForecaster reference = new ReferenceForecaster(SPEC, PARAMS, MEAN, STD);
                float[] forecast = null;
                for (double v : values) {
                    forecast = reference.step(v);
                }
                Score last = scores.get(key).get(values.length - 1);
                JsonNode answer = json(base, "/api/keys/" + key, 200);
                assertThat(answer.get("key").asText()).isEqualTo(key);
                assertThat(answer.get("partition").asInt()).isEqualTo(partitionOf(key, 2));
                assertThat(answer.get("servedBy").asText()).isEqualTo(endpoint(service));
                JsonNode state = answer.get("state");
                assertThat(state.get("modelName").asText()).isEqualTo("default");
                assertThat(state.get("modelVersion").asLong()).isEqualTo(1);
                assertThat(state.get("stepsSeen").asLong()).isEqualTo(values.length).isEqualTo(last.getStepsSeen());
                assertThat(state.get("lastEventTime").asLong()).isEqualTo(1000L * (values.length - 1));
                assertThat(state.get("lastAnomalyScore").asDouble()).isEqualTo(last.getAnomalyScore());
                assertThat(state.get("lastFlagged").asBoolean()).isEqualTo(last.getAnomaly());
                assertThat(state.get("horizon").asInt()).isEqualTo(1);
                assertThat(state.get("forecast")).hasSize(1);
                assertThat(state.get("forecast").get(0).asDouble()).isEqualTo((double) forecast[0])
                        .isEqualTo(last.getForecast().get(0));
                assertThat(state.get("bufferedInputs").asInt()).isEqualTo(values.length);
                assertThat(state.get("bufferCapacity").asInt()).as("the range detector's look-back").isEqualTo(321);
            }
            assertThat(json(base, "/api/keys/never-seen", 404)).isEqualTo(
                    JSON.readTree("{\"status\":404,\"error\":\"no state for key 'never-seen'\"}"));

            JsonNode models = json(base, "/api/models", 200);
            assertThat(models.get("serving")).hasSize(1);
            JsonNode served = models.get("serving").get(0);
            assertThat(served.get("name").asText()).isEqualTo("default");
            assertThat(served.get("version").asLong()).isEqualTo(1);
            assertThat(served.get("architecture")).isEqualTo(JSON.readTree("{\"inputSize\":1,\"layers\":[{\"cell\":"
                    + "\"LSTM\",\"units\":4}],\"horizon\":1,\"outputDim\":1,\"parameters\":" + SPEC.paramCount() + "}"));
            assertThat(served.get("normalization").asText()).isEqualTo("GLOBAL");
            assertThat(served.get("calibration").get("threshold").asDouble()).isEqualTo(0.999);
            assertThat(served.get("calibration").get("warmupSteps").asInt()).isEqualTo(WARMUP);
            assertThat(served.get("rollout").asText()).isEqualTo("FULL");
            assertThat(served.get("provenance").get("source").asText()).isEqualTo("test");
            assertThat(models.get("rejected")).isEmpty();
            assertThat(models.get("swaps").asLong()).isEqualTo(1);

            float[] poisoned = PARAMS.clone();
            poisoned[3] = Float.NaN;
            t.publish(release(2, poisoned));
            Await.until(TIMEOUT, "release 2 rejected", () -> models(base).get("rejected").size() == 1);
            JsonNode rejected = json(base, "/api/models", 200);
            assertThat(rejected.get("rejected").get(0).get("name").asText()).isEqualTo("default");
            assertThat(rejected.get("rejected").get(0).get("version").asLong()).isEqualTo(2);
            assertThat(rejected.get("rejected").get(0).get("reason").asText()).isNotBlank();
            assertThat(rejected.get("rejectedTotal").asLong()).isEqualTo(1);
            assertThat(servingVersion(base)).isEqualTo(1);

            long flagged = scores.values().stream().flatMap(List::stream).filter(Score::getAnomaly).count();
            // counted exactly: 12 writes to 3 keys are 3 keys (RocksDB's estimate said up to 12)
            Await.until(TIMEOUT, "the 3 keys in the store", () -> require(metrics(base), "seqscore_state_keys") == 3);
            String metrics = metrics(base);
            assertThat(require(metrics, "seqscore_events_scored_total{status=\"WARMING_UP\"}")).isEqualTo(3 * WARMUP);
            assertThat(require(metrics, "seqscore_events_scored_total{status=\"OK\"}")).isEqualTo(12 - 3 * WARMUP);
            assertThat(require(metrics, "seqscore_events_scored_total{status=\"NO_MODEL\"}")).isZero();
            assertThat(require(metrics, "seqscore_anomalies_total")).isEqualTo(flagged);
            assertThat(require(metrics, "seqscore_dlq_events_total{reason=\"MALFORMED\"}")).isEqualTo(1);
            assertThat(require(metrics, "seqscore_dlq_events_total{reason=\"LATE\"}")).isZero();
            assertThat(require(metrics, "seqscore_model_swaps_total")).isEqualTo(1);
            assertThat(require(metrics, "seqscore_model_rejections_total")).isEqualTo(1);
            assertThat(require(metrics, "seqscore_model_serving_version{model=\"default\"}")).isEqualTo(1);
            assertThat(require(metrics, "seqscore_step_seconds_count")).isEqualTo(12);
            assertThat(require(metrics, "seqscore_step_seconds_sum")).isPositive();
            assertThat(require(metrics, "seqscore_state_keys")).isEqualTo(3.0);
            assertThat(metrics).containsPattern("(?m)^kafka_stream_thread_process_total\\{.*\\} 13\\.0$");
        } finally {
            assertThat(service.shutdown()).isTrue();
            t.close();
        }
        assertThat(service.state()).isEqualTo(KafkaStreams.State.NOT_RUNNING);
        assertThat(service.awaitTermination(Duration.ZERO)).isTrue();
        assertThat(service.shutdown()).isTrue();
        assertThatThrownBy(() -> get(base(service), "/health/live")).isInstanceOf(ConnectException.class);
    }

    private String metrics(URI base) {
        try {
            HttpResponse<String> response = get(base, "/metrics");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
            return response.body();
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void shouldAnswerAKeyQueryFromTheInstanceThatOwnsTheKey(@TempDir Path dir) throws Exception {
        int partitions = 4;
        try (EmbeddedPipeline t = pipeline(partitions, dir.resolve("a"));
             ScorerService a = ScorerService.start(t.scorerConfig());
             ScorerService b = ScorerService.start(new SeqscoreConfig(properties(t, dir.resolve("b"))))) {
            Await.until(TIMEOUT, "both instances running with active tasks",
                    () -> hasActiveTasks(a) && hasActiveTasks(b));
            t.publish(release(1, PARAMS));
            Await.until(TIMEOUT, "release 1 serving on both",
                    () -> servingVersion(base(a)) == 1 && servingVersion(base(b)) == 1);

            Map<String, double[]> series = new LinkedHashMap<>();
            for (int i = 0; series.size() < partitions; i++) {
                String key = "key-" + i;
                int p = partitionOf(key, partitions);
                if (series.keySet().stream().noneMatch(k -> partitionOf(k, partitions) == p)) {
                    series.put(key, new double[] {10.0 + i, 11.0});
                }
            }
            send(t, series, Map.of());
            scores(t, 2 * partitions);

            Map<String, String> owners = new HashMap<>();
            for (String key : series.keySet()) {
                HostInfo owner = a.streams().queryMetadataForKey(ScorerTopology.STATE_STORE, key, new StringSerializer())
                        .activeHost();
                owners.put(key, owner.host() + ":" + owner.port());
                JsonNode viaA = json(base(a), "/api/keys/" + key, 200);
                JsonNode viaB = json(base(b), "/api/keys/" + key, 200);
                assertThat(viaA).isEqualTo(viaB);
                assertThat(viaA.get("servedBy").asText()).isEqualTo(owners.get(key));
                assertThat(viaA.get("partition").asInt()).isEqualTo(partitionOf(key, partitions));
                assertThat(viaA.get("state").get("stepsSeen").asLong()).isEqualTo(2);
            }
            assertThat(new TreeSet<>(owners.values())).isEqualTo(new TreeSet<>(Set.of(endpoint(a), endpoint(b))));

            String ownedByA = owners.entrySet().stream().filter(e -> e.getValue().equals(endpoint(a)))
                    .map(Map.Entry::getKey).findFirst().orElseThrow();
            HttpResponse<String> forwardedTwice = get(base(b), "/api/keys/" + ownedByA,
                    "X-Seqscore-Forwarded-By", "127.0.0.1:1");
            assertThat(forwardedTwice.statusCode()).isEqualTo(503);
        }
    }

    private static boolean hasActiveTasks(ScorerService s) {
        return s.state() == KafkaStreams.State.RUNNING
                && s.streams().metadataForLocalThreads().stream().anyMatch(th -> !th.activeTasks().isEmpty());
    }

    @Test
    void shouldShutDownGracefullyWhenTheRunCommandIsAskedToStop(@TempDir Path dir) throws Exception {
        EmbeddedPipeline t = pipeline(1, dir.resolve("state"));
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = probe.getLocalPort();
        }
        Map<String, String> props = properties(t, dir.resolve("state"));
        props.put("seqscore.http.port", Integer.toString(port));
        Path file = dir.resolve("scorer.properties");
        Files.writeString(file, props.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n")));

        CapturedHooks capture = new CapturedHooks();
        List<Thread> hooks = capture.hooks();
        StringWriter err = new StringWriter();
        CliContext context = new CliContext(Map.of(), capture, new PrintWriter(new StringWriter()), new PrintWriter(err));
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(
                () -> Main.execute(new String[] {"run", "--config", file.toString()}, context));
        URI base = URI.create("http://127.0.0.1:" + port);
        Await.until(TIMEOUT, "the run command's scorer is ready", () -> status(base, "/health/ready") == 200);
        assertThat(hooks).hasSize(1);
        assertThat(exit).isNotDone();

        hooks.get(0).run();

        assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
        assertThat(err.toString()).isEmpty();
        assertThatThrownBy(() -> get(base, "/health/live")).isInstanceOf(ConnectException.class);
        t.close();
    }
}
