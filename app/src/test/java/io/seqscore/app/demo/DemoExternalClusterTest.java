package io.seqscore.app.demo;

import io.seqscore.app.pipeline.PipelineCluster;
import io.seqscore.app.pipeline.ScorerTopics;
import io.seqscore.app.testing.Await;
import io.seqscore.app.testing.Releases;
import io.seqscore.app.testing.SharedCluster;
import io.seqscore.model.core.CellType;
import io.seqscore.model.core.NetworkSpec;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code demo --bootstrap-servers --schema-registry}: a cluster that runs already, with an earlier run's leftovers. */
class DemoExternalClusterTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    @RegisterExtension
    static final SharedCluster CLUSTER = new SharedCluster("demo-external-test");

    @Test
    void shouldStartFreshOverAnEarlierRunsTopicsAndDeleteItsOwnOnStop() throws Exception {
        PipelineCluster cluster = CLUSTER.cluster();
        ScorerTopics topics = DemoTopics.TOPICS;
        cluster.ensureTopic(topics.events(), 3, Map.of());
        cluster.ensureTopic("seqscore-demo-0badcafe-seqscore-key-state-changelog", 1, Map.of());
        cluster.ensureTopic(topics.models(), 1, Map.of("cleanup.policy", "compact"));
        NetworkSpec spec = NetworkSpec.uniform(CellType.LSTM, 1, 4, 1);
        cluster.publish(topics.models(), Releases.release(DemoRun.MODEL, 7, spec, Releases.randomParams(spec, 1, 0.1f),
                Releases.none(), Releases.gaussian(spec, 1, 0.99, 2)));

        DemoRun run = new DemoRun(DemoFixtures.fast(cluster.bootstrapServers(), cluster.registryUrl(),
                Duration.ofHours(1), Duration.ofHours(1)), InstantSource.system());
        try {
            run.start();
            assertThat(run.brokerDirectory()).isNull();
            Await.until(TIMEOUT, "scores of release 1", () -> run.board().scoredCount() > 100);
            // the stale release 7 is gone: release 1 serves, nothing was rejected as older
            assertThat(run.registry().hasRelease(DemoRun.MODEL, 1)).isTrue();
            assertThat(run.registry().rejectedCount()).isZero();
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()))) {
                assertThat(admin.describeTopics(List.of(topics.events())).allTopicNames().get()
                        .get(topics.events()).partitions()).hasSize(DemoTopics.PARTITIONS);
                assertThat(admin.listTopics().names().get()).doesNotContain(
                        "seqscore-demo-0badcafe-seqscore-key-state-changelog");
            }
        } finally {
            run.close();
        }
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()))) {
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
