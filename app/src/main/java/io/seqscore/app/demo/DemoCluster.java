package io.seqscore.app.demo;

import io.seqscore.app.kafka.EmbeddedKafka;
import io.seqscore.serde.MockSchemaRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import java.util.HashMap;
import java.util.Map;

/**
 * The Kafka cluster and Schema Registry the demo runs on: a broker started in this process (KRaft,
 * 127.0.0.1, data in a temporary directory deleted on {@link #close()}) with an in-memory registry
 * ({@code mock://}), or a cluster and registry that already run.
 */
final class DemoCluster implements AutoCloseable {
    private final EmbeddedKafka broker;
    private final String bootstrapServers;
    private final String registryUrl;
    private final String mockScope;

    private DemoCluster(EmbeddedKafka broker, String bootstrapServers, String registryUrl, String mockScope) {
        this.broker = broker;
        this.bootstrapServers = bootstrapServers;
        this.registryUrl = registryUrl;
        this.mockScope = mockScope;
    }

    /** Starts a broker in this process and names an in-memory registry of this run. */
    static DemoCluster embedded(String runId) {
        EmbeddedKafka broker = EmbeddedKafka.start();
        String scope = "seqscore-demo-" + runId;
        return new DemoCluster(broker, broker.bootstrapServers(), MockSchemaRegistry.URL_PREFIX + scope, scope);
    }

    static DemoCluster external(String bootstrapServers, String registryUrl) {
        String scope = registryUrl.startsWith(MockSchemaRegistry.URL_PREFIX)
                ? registryUrl.substring(MockSchemaRegistry.URL_PREFIX.length()) : null;
        return new DemoCluster(null, bootstrapServers, registryUrl, scope);
    }

    boolean isEmbedded() {
        return broker != null;
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    String registryUrl() {
        return registryUrl;
    }

    /** Where the embedded broker keeps its data (null for an external cluster). */
    java.nio.file.Path dataDirectory() {
        return broker == null ? null : broker.baseDirectory();
    }

    /** Properties every client and serde of the demo gets: bootstrap servers and registry URL. */
    Map<String, Object> clientProperties() {
        Map<String, Object> p = new HashMap<>();
        p.put("bootstrap.servers", bootstrapServers);
        p.put("schema.registry.url", registryUrl);
        return p;
    }

    Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000"));
    }

    /** Stops the embedded broker (deleting its data) and forgets an in-memory registry. */
    @Override
    public void close() {
        if (broker != null) {
            broker.close();
        }
        if (mockScope != null) {
            MockSchemaRegistry.dropScope(mockScope);
        }
    }
}
