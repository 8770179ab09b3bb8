package io.seqscore.app.reliability;

import io.seqscore.app.kafka.EmbeddedKafka;
import io.seqscore.app.pipeline.PipelineCluster;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The cluster the scorers in child JVMs of a test class run on, for all its tests: a broker in this JVM with
 * {@link ChildScorers#BROKER_OVERRIDES} and a Schema Registry on a loopback port (a child JVM cannot reach an
 * in-memory one).
 */
final class ChildScorerCluster implements BeforeAllCallback, AfterAllCallback {
    private EmbeddedKafka kafka;
    private LoopbackSchemaRegistry registry;
    private PipelineCluster cluster;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        kafka = EmbeddedKafka.start(ChildScorers.BROKER_OVERRIDES);
        registry = new LoopbackSchemaRegistry(null);
        cluster = PipelineCluster.external(kafka.bootstrapServers(), registry.url());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        cluster.close();
        registry.close();
        kafka.close();
    }

    String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    String registryUrl() {
        return registry.url();
    }

    EmbeddedKafka kafka() {
        return kafka;
    }

    PipelineCluster cluster() {
        return cluster;
    }
}
