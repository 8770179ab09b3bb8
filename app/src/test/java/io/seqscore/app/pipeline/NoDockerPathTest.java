package io.seqscore.app.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.seqscore.app.testing.BackgroundCommand;
import io.seqscore.app.testing.PathTests.DevPorts;
import io.seqscore.avro.Score;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static io.seqscore.app.testing.PathTests.readAll;
import static io.seqscore.app.testing.PathTests.trainer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/no-docker.md, step by step, on a generated CSV of three keys: {@code seqscore broker --create-topics},
 * {@code seqscore-trainer train --csv … --publish}, {@code seqscore run}, {@code seqscore produce} of the same CSV
 * (Avro events through the broker's registry), then {@code GET /api/keys/KEY}. Each command runs in this JVM
 * through its own command line, against the real development broker and registry.
 */
class NoDockerPathTest {
    private static final List<String> KEYS = List.of("pump-1", "pump-2", "fan-7");
    private static final int POINTS = 400;
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    @TempDir
    Path dir;

    @Test
    void shouldGoFromACsvToScoresAndAKeyAnswerWithTheDocumentedCommands() throws Exception {
        DevPorts ports = DevPorts.free();
        String bootstrap = ports.bootstrap();
        String registry = ports.registryUrl();
        Path csv = writeCsv(dir.resolve("sensors.csv"));

        try (BackgroundCommand broker = ports.startBroker(dir, TIMEOUT)) {

            // three short epochs, for speed, give a model the quality gate refuses (MAE 1.01 against 0.11 for the
            // last value); this test is about the path, so it is allowed (docs/no-docker.md says what to do instead)
            String trained = trainer("train", "--csv", csv.toString(), "--name", "default", "--publish",
                    "--bootstrap-servers", bootstrap, "--schema-registry-url", registry,
                    "--normalization", "per-key", "--hidden", "8", "--window", "48", "--burn-in", "12", "--epochs", "3",
                    "--progress", "none", "--allow-worse-than-naive");
            assertThat(trained).contains("published default version 1 to models");

            Path config = ports.scorerConfig(dir);
            try (BackgroundCommand scorer = BackgroundCommand.start(Map.of(), "run", "--config", config.toString())) {
                BackgroundCommand.Result produced = BackgroundCommand.run("produce", csv.toString(),
                        "--bootstrap-servers", bootstrap, "--schema-registry-url", registry);
                assertThat(produced.code()).as(produced.err()).isZero();
                assertThat(produced.out()).startsWith("produced " + KEYS.size() * POINTS + " events of 3 keys to events"
                        + " (avro)");

                List<ConsumerRecord<String, Score>> scores = readAll(bootstrap, registry, "scores", Score.class,
                        KEYS.size() * POINTS, TIMEOUT);
                Map<String, Long> perKey = scores.stream().collect(Collectors.groupingBy(ConsumerRecord::key,
                        TreeMap::new, Collectors.counting()));
                assertThat(perKey).containsOnlyKeys(KEYS).allSatisfy((k, n) -> assertThat(n).isEqualTo(POINTS));
                assertThat(scores).allSatisfy(r -> assertThat(r.value().getModelVersion()).isEqualTo(1L));
                assertThat(scores).anySatisfy(r -> assertThat(r.value().getStatus().name()).isEqualTo("OK"));

                JsonNode answer = getJson("http://127.0.0.1:" + ports.http() + "/api/keys/pump-2");
                assertThat(answer.path("key").asText()).isEqualTo("pump-2");
                assertThat(answer.path("state").path("modelName").asText()).isEqualTo("default");
                assertThat(answer.path("state").path("stepsSeen").asLong()).isEqualTo(POINTS);
                assertThat(scorer.stop()).isZero();
            }
            assertThat(broker.stop()).isZero();
        }
    }

    /** Three daily-seasonal series at a 15-minute step, in time order, in the trainer's long layout. */
    private static Path writeCsv(Path file) throws IOException {
        SplittableRandom random = new SplittableRandom(7);
        long start = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
        StringBuilder text = new StringBuilder("key,timestamp,value\n");
        for (int i = 0; i < POINTS; i++) {
            for (int k = 0; k < KEYS.size(); k++) {
                double value = 10 * (k + 1) + 3 * Math.sin(2 * Math.PI * i / 96.0 + k) + random.nextGaussian() * 0.2;
                text.append(KEYS.get(k)).append(',').append(Instant.ofEpochMilli(start + i * 900_000L)).append(',')
                        .append(String.format(Locale.ROOT, "%.4f", value)).append('\n');
            }
        }
        Files.writeString(file, text);
        return file;
    }



    private static JsonNode getJson(String url) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s: %s", url, response.body()).isEqualTo(200);
        return new ObjectMapper().readTree(response.body());
    }

}
