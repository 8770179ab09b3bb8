package io.seqscore.app.perf;

import io.seqscore.app.kafka.EmbeddedKafka;
import io.seqscore.serde.MockSchemaRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * The Kafka cluster and Schema Registry perf runs on (a broker started in this process with an in-memory
 * registry, or given ones), and its topics: every topic of a run, internal ones included, is named with the
 * run's prefix, so {@link #close()} can delete them all on a cluster of the user's.
 */
final class PerfCluster implements AutoCloseable {
    static final long ADMIN_TIMEOUT_MS = 60_000;
    /** Topic config that makes a record's timestamp the broker's append time. */
    static final Map<String, String> APPEND_TIME = Map.of("message.timestamp.type", "LogAppendTime");

    private final EmbeddedKafka broker;
    private final String bootstrapServers;
    private final String registryUrl;
    private final String mockScope;
    private final String prefix;
    private final Admin admin;

    private PerfCluster(EmbeddedKafka broker, String bootstrapServers, String registryUrl, String prefix) {
        this.broker = broker;
        this.bootstrapServers = bootstrapServers;
        this.registryUrl = registryUrl;
        this.mockScope = registryUrl.startsWith(MockSchemaRegistry.URL_PREFIX)
                ? registryUrl.substring(MockSchemaRegistry.URL_PREFIX.length()) : null;
        this.prefix = prefix;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(ADMIN_TIMEOUT_MS)));
    }

    /** A broker in this process (KRaft, 127.0.0.1, temporary data) and the registry {@code mock://PREFIX}. */
    static PerfCluster embedded(String prefix) {
        EmbeddedKafka broker = PerfLogging.withoutStdout(EmbeddedKafka::start);
        try {
            return new PerfCluster(broker, broker.bootstrapServers(), MockSchemaRegistry.URL_PREFIX + prefix, prefix);
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    /** A running cluster; {@code registryUrl} null means an in-memory registry of this run. */
    static PerfCluster external(String bootstrapServers, String registryUrl, String prefix) {
        return new PerfCluster(null, bootstrapServers,
                registryUrl == null ? MockSchemaRegistry.URL_PREFIX + prefix : registryUrl, prefix);
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

    /** The run's topic and application-id prefix. */
    String prefix() {
        return prefix;
    }

    /** What every client and serde gets: bootstrap servers and registry URL. */
    Map<String, Object> clientProperties() {
        Map<String, Object> p = new HashMap<>();
        p.put("bootstrap.servers", bootstrapServers);
        p.put("schema.registry.url", registryUrl);
        return p;
    }

    void createTopic(String name, int partitions, Map<String, String> configs) {
        try {
            admin.createTopics(List.of(new NewTopic(name, Optional.of(partitions), Optional.empty()).configs(configs)))
                    .all().get(ADMIN_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("could not create topic " + name + ": " + e.getCause().getMessage(), e);
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("creating topic " + name + " timed out", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topic " + name, e);
        }
    }

    /** Deletes the topics whose names start with {@code namePrefix} (e.g. one application's changelogs). */
    void deleteTopics(String namePrefix) {
        try {
            Set<String> names = admin.listTopics().names().get(ADMIN_TIMEOUT_MS, TimeUnit.MILLISECONDS).stream()
                    .filter(n -> n.startsWith(namePrefix)).collect(Collectors.toSet());
            if (!names.isEmpty()) {
                admin.deleteTopics(names).all().get(ADMIN_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            }
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                throw new IllegalStateException("could not delete topics " + namePrefix + "*: " + e.getCause().getMessage(), e);
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("deleting topics " + namePrefix + "* timed out", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while deleting topics", e);
        }
    }

    /** Deletes the run's topics on a cluster of the user's; stops the embedded broker (its data goes with it). */
    @Override
    public void close() {
        try {
            if (broker == null) {
                deleteTopics(prefix);
            }
        } finally {
            admin.close();
            if (broker != null) {
                broker.close();
            }
            if (mockScope != null) {
                MockSchemaRegistry.dropScope(mockScope);
            }
        }
    }
}
