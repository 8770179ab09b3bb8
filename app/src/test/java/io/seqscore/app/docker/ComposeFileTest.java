package io.seqscore.app.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.seqscore.app.config.EnvOverrides;
import io.seqscore.app.config.SeqscoreConfig;
import io.seqscore.serde.AvroSerdeConfig;
import io.seqscore.testing.KafkaRegistryContainers;
import io.seqscore.trainer.release.SigningKeys;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docker/compose.yml} held to the code it runs, without a Docker engine: the scorer's configuration
 * there (the image's properties file and the service's environment) is valid and names only real
 * settings, every topic the scorer uses is created (the broker creates none), the images are those the
 * container tests run, and every dependency on a healthy service has a health check to wait for.
 */
class ComposeFileTest {
    private static final Path DOCKER = Path.of("").toAbsolutePath().getParent().resolve("docker");
    private static final Pattern TOPIC = Pattern.compile("--topic (\\S+)(.*)");

    static JsonNode services;

    @BeforeAll
    static void read() throws IOException {
        services = new ObjectMapper(new YAMLFactory()).readTree(DOCKER.resolve("compose.yml").toFile()).path("services");
    }

    /** The scorer's configuration as its container gets it, with the trusted keys the trainer leaves. */
    private static SeqscoreConfig scorerConfig(Path trustedKeys) throws IOException {
        Properties file = new Properties();
        try (Reader in = Files.newBufferedReader(DOCKER.resolve("scorer.properties"), StandardCharsets.UTF_8)) {
            file.load(in);
        }
        Map<String, String> env = scorerEnvironment();
        env.put("SEQSCORE_RELEASE_TRUSTED_KEYS", trustedKeys.toString());
        return SeqscoreConfig.fromProperties(file, env);
    }

    private static Map<String, String> scorerEnvironment() {
        Map<String, String> env = new HashMap<>();
        services.path("scorer").path("environment").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        return env;
    }

    @Test
    void shouldGiveTheScorerAValidConfigurationOfExistingSettingsServingOnEveryInterface(@TempDir Path keys)
            throws IOException {
        SigningKeys.write(SigningKeys.generate(), keys.resolve("demo.key"), keys.resolve("demo.pub"));
        Files.delete(keys.resolve("demo.key"));
        SeqscoreConfig config = scorerConfig(keys);

        Set<String> known = new HashSet<>(SeqscoreConfig.CONFIG.names());
        known.addAll(StreamsConfig.configDef().names());
        known.addAll(AvroSerdeConfig.CONFIG.names());
        Set<String> set = new TreeSet<>(EnvOverrides.overrides(scorerEnvironment(), SeqscoreConfig.CONFIG.names()).keySet());
        assertThat(set).contains("bootstrap.servers", "schema.registry.url", "seqscore.model.name",
                "seqscore.release.trusted.keys");
        assertThat(known).containsAll(set);

        assertThat(config.getString("seqscore.http.address")).isEqualTo("0.0.0.0");
        assertThat(services.path("scorer").path("ports").get(0).asText())
                .isEqualTo("127.0.0.1:8080:" + config.getInt("seqscore.http.port"));
        assertThat(config.releaseVerifier()).isNotNull();
        assertThat(services.path("scorer").path("volumes").get(0).asText())
                .isEqualTo("trusted-keys:" + scorerEnvironment().get("SEQSCORE_RELEASE_TRUSTED_KEYS") + ":ro");
        assertThat(services.path("trainer").path("command").get(0).asText())
                .contains("--name " + config.getString("seqscore.model.name") + " --publish");
    }

    @Test
    void shouldCreateEveryTopicTheScorerUsesWithTheModelsTopicCompacted(@TempDir Path keys) throws IOException {
        SigningKeys.write(SigningKeys.generate(), keys.resolve("demo.key"), keys.resolve("demo.pub"));
        SeqscoreConfig config = scorerConfig(keys);
        Map<String, String> created = new HashMap<>();
        Matcher m = TOPIC.matcher(services.path("topics").path("command").get(0).asText());
        while (m.find()) {
            created.put(m.group(1), m.group(2));
        }
        assertThat(created).containsOnlyKeys(config.eventsTopic(), config.scoresTopic(), config.anomaliesTopic(),
                config.dlqTopic(), config.shadowScoresTopic(), config.modelsTopic());
        assertThat(created.get(config.modelsTopic())).contains("--config cleanup.policy=compact");
        assertThat(services.path("kafka").path("environment").path("KAFKA_AUTO_CREATE_TOPICS_ENABLE").asText())
                .isEqualTo("false");
    }

    @Test
    void shouldRunTheImagesTheContainerTestsRun() {
        assertThat(services.path("kafka").path("image").asText()).isEqualTo(KafkaRegistryContainers.KAFKA_IMAGE);
        assertThat(services.path("topics").path("image").asText()).isEqualTo(KafkaRegistryContainers.KAFKA_IMAGE);
        assertThat(services.path("schema-registry").path("image").asText())
                .isEqualTo(KafkaRegistryContainers.REGISTRY_IMAGE);
    }

    @Test
    void shouldGiveEveryServiceOthersWaitOnToBeHealthyAHealthCheck() {
        List<String> waitedOn = new java.util.ArrayList<>();
        services.fields().forEachRemaining(service -> service.getValue().path("depends_on").fields()
                .forEachRemaining(dependency -> {
                    assertThat(services.has(dependency.getKey())).as(dependency.getKey()).isTrue();
                    if (dependency.getValue().path("condition").asText().equals("service_healthy")) {
                        waitedOn.add(dependency.getKey());
                    }
                }));
        assertThat(waitedOn).contains("kafka", "schema-registry", "producer");
        for (String name : waitedOn) {
            assertThat(services.path(name).path("healthcheck").path("test").isArray()).as(name).isTrue();
        }
        assertThat(services.path("scorer").path("depends_on").path("trainer").path("condition").asText())
                .isEqualTo("service_completed_successfully");
    }
}
