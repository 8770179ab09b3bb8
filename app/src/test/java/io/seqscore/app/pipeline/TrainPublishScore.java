package io.seqscore.app.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.seqscore.app.config.SeqscoreConfig;
import io.seqscore.app.service.ScorerService;
import io.seqscore.avro.ModelRelease;
import io.seqscore.avro.Score;
import io.seqscore.trainer.generate.SyntheticWorkload;
import io.seqscore.trainer.generate.WorkloadSpec;
import io.seqscore.trainer.release.SigningKeys;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import static io.seqscore.app.testing.PathTests.readAll;
import static io.seqscore.app.testing.PathTests.trainer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The path a user of {@code docker compose up} runs, on one Kafka cluster and Schema Registry: the
 * trainer's {@code generate} produces a synthetic history to the events topic, its {@code train} reads the
 * topic back, trains, calibrates, signs and publishes release 1 to the models topic, then a
 * {@link ScorerService} that trusts only the signing key scores every event; its scores and anomalies are
 * read back from their topics and one key is asked for over HTTP. Used by a test on an in-JVM broker and
 * by one on containers.
 */
final class TrainPublishScore {
    static final String MODEL = "demo";
    static final int HISTORY = 720;
    static final String END = "2026-01-01T00:00:00Z";
    static final int BURN_IN = 20;
    /** The workload {@link #generateArgs} describes. */
    static final SyntheticWorkload WORKLOAD = new SyntheticWorkload(WorkloadSpec.builder().keys(4).period(24)
            .anomalyBlock(96).episodes(6, 18).spikeSigma(12).shiftSigma(10).seed(4).build());
    static final long FIRST_STEP = WORKLOAD.firstStepAtOrAfter(java.time.Instant.parse(END).toEpochMilli()) - HISTORY;
    static final Duration TIMEOUT = Duration.ofMinutes(2);

    /** What one run left behind. */
    record Outcome(String trainOut, ModelRelease release, PublicKey signer, List<ConsumerRecord<String, Score>> scores,
                   List<ConsumerRecord<String, Score>> anomalies, JsonNode keyAnswer) {
    }

    private TrainPublishScore() {
    }

    /** Runs the path with the state store and the signing keys under {@code dir}. */
    static Outcome run(String bootstrapServers, String registryUrl, Path dir) {
        createTopics(bootstrapServers);
        String[] kafka = {"--bootstrap-servers", bootstrapServers, "--schema-registry-url", registryUrl};
        trainer(concat(generateArgs(), kafka));
        Path keys = dir.resolve("keys");
        trainer("keygen", "--dir", keys.toString(), "--name", "pipeline");
        String trainOut = trainer(concat(new String[] {"train", "--events-topic", "events", "--name", MODEL, "--publish",
                "--sign-key", keys.resolve("pipeline.key").toString(),
                "--normalization", "per-key", "--hidden", "12", "--window", "72", "--burn-in", Integer.toString(BURN_IN),
                "--stride", "8", "--epochs", "20", "--batch", "16", "--learning-rate", "0.01", "--patience", "0",
                "--target-fpr", "0.05",
                "--seed", "3", "--created-at", END, "--progress", "none"}, kafka));
        ModelRelease release = readAll(bootstrapServers, registryUrl, "models", ModelRelease.class, 1, TIMEOUT)
                .get(0).value();

        Map<String, Object> props = new HashMap<>();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("schema.registry.url", registryUrl);
        props.put("application.id", "pipeline-scorer");
        props.put("state.dir", dir.resolve("state").toString());
        props.put("seqscore.release.trusted.keys", keys.resolve("pipeline.pub").toString());
        props.put("commit.interval.ms", "100");
        props.put("seqscore.model.name", MODEL);
        // the calibrated detector: its residual flags the workload's spikes inside a key's seasonal range, which
        // the default range detector does not (DemoFlagRateTest measures both on the demo's workload)
        props.put("seqscore.anomaly.detector", "calibrated");
        props.put("seqscore.http.port", "0");
        SeqscoreConfig config = new SeqscoreConfig(props);
        try (ScorerService scorer = ScorerService.create(config, config.releaseVerifier())) {
            scorer.start();
            int events = WORKLOAD.keyCount() * HISTORY;
            List<ConsumerRecord<String, Score>> scores = readAll(bootstrapServers, registryUrl, "scores", Score.class,
                    events, TIMEOUT);
            List<ConsumerRecord<String, Score>> anomalies = readAll(bootstrapServers, registryUrl, "anomalies",
                    Score.class, (int) scores.stream().filter(r -> r.value().getAnomaly()).count(), TIMEOUT);
            JsonNode key = getJson("http://127.0.0.1:" + scorer.httpAddress().getPort() + "/api/keys/"
                    + WORKLOAD.key(0));
            return new Outcome(trainOut, release, SigningKeys.readPublic(keys.resolve("pipeline.pub")), scores,
                    anomalies, key);
        }
    }

    /** {@code generate}: the history of {@link #WORKLOAD} to the events topic. */
    static String[] generateArgs() {
        return new String[] {"generate", "--events-topic", "events", "--keys", "4", "--period", "24",
                "--anomaly-block", "96", "--min-episode", "6", "--max-episode", "18", "--spike-sigma", "12",
                "--shift-sigma", "10", "--seed", "4", "--history", Integer.toString(HISTORY), "--end", END};
    }

    private static void createTopics(String bootstrapServers) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            admin.createTopics(List.of(
                    new NewTopic("events", 2, (short) 1),
                    new NewTopic("scores", 2, (short) 1),
                    new NewTopic("anomalies", 1, (short) 1),
                    new NewTopic("events-dlq", 1, (short) 1),
                    new NewTopic("models", 1, (short) 1).configs(Map.of("cleanup.policy", "compact")))).all().get();
        } catch (ExecutionException e) {
            throw new AssertionError("could not create the topics", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }



    private static JsonNode getJson(String url) {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("GET %s: %s", url, response.body()).isEqualTo(200);
            return new ObjectMapper().readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("GET " + url + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
