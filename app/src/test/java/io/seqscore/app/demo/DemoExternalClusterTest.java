package io.seqscore.app.demo;

import io.seqscore.app.kafka.EmbeddedKafka;
import io.seqscore.app.testing.Await;
import io.seqscore.app.testing.Releases;
import io.seqscore.model.core.CellType;
import io.seqscore.model.core.NetworkSpec;
import io.seqscore.serde.MockSchemaRegistry;
import io.seqscore.trainer.kafka.KafkaSettings;
import io.seqscore.trainer.kafka.ModelsTopic;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code demo --bootstrap-servers --schema-registry}: a cluster that runs already, with an earlier run's leftovers. */
class DemoExternalClusterTest {
    private static final String SCOPE = "demo-external-test";
    private static final String REGISTRY = MockSchemaRegistry.URL_PREFIX + SCOPE;
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startCluster() {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopCluster() {
        if (kafka != null) {
            kafka.close();
        }
        MockSchemaRegistry.dropScope(SCOPE);
    }

    @Test
    void shouldStartFreshOverAnEarlierRunsTopicsAndDeleteItsOwnOnStop() throws Exception {
        DemoTopics topics = DemoTopics.standard();
        kafka.createTopic(topics.events(), 3, Map.of());
        kafka.createTopic("seqscore-demo-0badcafe-seqscore-key-state-changelog", 1, Map.of());
        kafka.createTopic(topics.models(), 1, Map.of("cleanup.policy", "compact"));
        NetworkSpec spec = NetworkSpec.uniform(CellType.LSTM, 1, 4, 1);
        KafkaSettings settings = new KafkaSettings(kafka.bootstrapServers(), REGISTRY, Map.of(), Duration.ofSeconds(60));
        new ModelsTopic(settings, topics.models()).publish(Releases.release(DemoRun.MODEL, 7, spec,
                Releases.randomParams(spec, 1, 0.1f), Releases.none(), Releases.gaussian(spec, 1, 0.99, 2)));

        DemoRun run = new DemoRun(DemoFixtures.fast(kafka.bootstrapServers(), REGISTRY, Duration.ofHours(1),
                Duration.ofHours(1)), InstantSource.system());
        try {
            run.start();
            assertThat(run.brokerDirectory()).isNull();
            Await.until(TIMEOUT, "scores of release 1", () -> run.board().scoredCount() > 100);
            // the stale release 7 is gone: release 1 serves, nothing was rejected as older
            assertThat(run.registry().hasRelease(DemoRun.MODEL, 1)).isTrue();
            assertThat(run.registry().rejectedCount()).isZero();
            try (Admin admin = kafka.admin()) {
                assertThat(admin.describeTopics(List.of(topics.events())).allTopicNames().get()
                        .get(topics.events()).partitions()).hasSize(DemoTopics.PARTITIONS);
                assertThat(admin.listTopics().names().get()).doesNotContain(
                        "seqscore-demo-0badcafe-seqscore-key-state-changelog");
            }
        } finally {
            run.close();
        }
        try (Admin admin = kafka.admin()) {
            Await.until(TIMEOUT, "the demo's topics deleted", () -> {
                try {
                    return admin.listTopics().names().get().stream().noneMatch(n -> n.startsWith(DemoTopics.PREFIX));
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
        }
    }
}
