package io.seqscore.app.topics;

import io.seqscore.app.command.ShutdownHooks;
import io.seqscore.app.command.ExitCodes;
import io.seqscore.app.command.CliContext;
import io.seqscore.app.config.TopicSettings;
import io.seqscore.app.cli.Main;
import io.seqscore.app.config.SeqscoreConfig;
import io.seqscore.app.testing.ClassKafka;
import io.seqscore.app.testing.Await;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TopicProvisionerTest {
    @RegisterExtension
    static final ClassKafka KAFKA = new ClassKafka();

    @TempDir
    Path dir;

    @Test
    void shouldCreateTheMissingTopicsWithTheModelsTopicCompactedOnOnePartition() throws Exception {
        KAFKA.createTopic("c-events", 2, Map.of());
        SeqscoreConfig config = config("c", Map.of(TopicSettings.CREATE_CONFIG, "true",
                TopicSettings.PARTITIONS_CONFIG, "3", TopicSettings.REPLICATION_FACTOR_CONFIG, "1"));

        TopicProvisioner.ensure(config);

        try (Admin admin = KAFKA.admin()) {
            Map<String, TopicDescription> topics = admin.describeTopics(List.of("c-events", "c-scores", "c-anomalies",
                    "c-dlq", "c-shadow", "c-models")).allTopicNames().get();
            assertThat(topics.get("c-events").partitions()).as("an existing topic is left as it is").hasSize(2);
            assertThat(topics.get("c-scores").partitions()).hasSize(3);
            assertThat(topics.get("c-shadow").partitions()).hasSize(3);
            assertThat(topics.get("c-models").partitions()).hasSize(1);
            ConfigResource models = new ConfigResource(ConfigResource.Type.TOPIC, "c-models");
            ConfigResource scores = new ConfigResource(ConfigResource.Type.TOPIC, "c-scores");
            var configs = admin.describeConfigs(List.of(models, scores)).all().get();
            assertThat(configs.get(models).get("cleanup.policy").value()).isEqualTo("compact");
            assertThat(configs.get(scores).get("cleanup.policy").value()).isEqualTo("delete");
        }
        TopicProvisioner.ensure(config);
    }

    @Test
    void shouldNameEveryMissingTopicInOneLineWhenNotAllowedToCreate() {
        KAFKA.createTopic("m-events", 1, Map.of());
        KAFKA.createTopic("m-scores", 1, Map.of());
        awaitListed("m-events", "m-scores");
        assertThatThrownBy(() -> TopicProvisioner.ensure(config("m", Map.of())))
                .isInstanceOf(TopicCheckException.class)
                .hasMessage("missing topics on " + KAFKA.bootstrapServers() + ": m-anomalies, m-dlq, m-shadow,"
                        + " m-models (compacted); create them by running once with seqscore.topics.create=true (or"
                        + " SEQSCORE_TOPICS_CREATE=true), or with kafka-topics.sh --create (--config"
                        + " cleanup.policy=compact for the compacted one)");
    }

    @Test
    void shouldExitFromRunWithOneLineNamingTheMissingTopics() throws Exception {
        Path file = dir.resolve("scorer.properties");
        StringBuilder text = new StringBuilder();
        properties("r", Map.of()).forEach((k, v) -> text.append(k).append('=').append(v.replace("\\", "/")).append('\n'));
        Files.writeString(file, text);
        StringWriter err = new StringWriter();
        int code = Main.execute(new String[] {"run", "--config", file.toString()}, new CliContext(Map.of(),
                ShutdownHooks.RUNTIME, new PrintWriter(new StringWriter()), new PrintWriter(err)));
        assertThat(code).isEqualTo(ExitCodes.FAILURE);
        assertThat(err.toString().lines().toList()).singleElement().asString()
                .startsWith("seqscore: missing topics on " + KAFKA.bootstrapServers() + ": r-events, r-scores,")
                .contains("seqscore.topics.create=true");
    }

    @Test
    void shouldRejectAReplicationFactorOfZero() {
        assertThatThrownBy(() -> config("z", Map.of(TopicSettings.REPLICATION_FACTOR_CONFIG, "0")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("must be -1 (the broker's default) or at least 1");
    }

    private static void awaitListed(String... topics) {
        try (Admin admin = KAFKA.admin()) {
            Await.until(Duration.ofSeconds(30), "the broker lists the new topics",
                    () -> admin.listTopics().names().toCompletionStage().toCompletableFuture().join()
                            .containsAll(List.of(topics)));
        }
    }

    private SeqscoreConfig config(String prefix, Map<String, String> extra) {
        return new SeqscoreConfig(properties(prefix, extra));
    }

    private Map<String, String> properties(String prefix, Map<String, String> extra) {
        Map<String, String> p = new HashMap<>();
        p.put("bootstrap.servers", KAFKA.bootstrapServers());
        p.put("schema.registry.url", "mock://topics-" + prefix);
        p.put("seqscore.http.port", "0");
        p.put("state.dir", dir.resolve("state").toString());
        p.put("seqscore.events.topic", prefix + "-events");
        p.put("seqscore.scores.topic", prefix + "-scores");
        p.put("seqscore.anomalies.topic", prefix + "-anomalies");
        p.put("seqscore.dlq.topic", prefix + "-dlq");
        p.put("seqscore.shadow.scores.topic", prefix + "-shadow");
        p.put("seqscore.models.topic", prefix + "-models");
        p.putAll(extra);
        return p;
    }
}
