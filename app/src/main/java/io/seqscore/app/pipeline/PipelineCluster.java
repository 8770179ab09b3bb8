package io.seqscore.app.pipeline;

import io.seqscore.app.kafka.EmbeddedKafka;
import io.seqscore.avro.ModelRelease;
import io.seqscore.serde.MockSchemaRegistry;
import io.seqscore.trainer.kafka.KafkaSettings;
import io.seqscore.trainer.kafka.ModelsTopic;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * The Kafka cluster and Schema Registry a pipeline runs on: a broker started in this process (KRaft,
 * 127.0.0.1, data in a temporary directory) with the in-memory registry {@code mock://SCOPE}, or a cluster
 * and registry that run already. {@link #close()} stops the embedded broker (its data goes with it) and
 * forgets an in-memory registry; it leaves the topics of a cluster of the user's alone.
 */
public final class PipelineCluster implements AutoCloseable {
    /** How long an administrative call (create, list, delete topics) may take. */
    public static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(60);
    /** How long publishing a release may take. */
    public static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(60);

    private final EmbeddedKafka broker;
    private final String bootstrapServers;
    private final String registryUrl;
    private final String mockScope;
    private Admin admin;

    private PipelineCluster(EmbeddedKafka broker, String bootstrapServers, String registryUrl) {
        this.broker = broker;
        this.bootstrapServers = bootstrapServers;
        this.registryUrl = registryUrl;
        this.mockScope = registryUrl.startsWith(MockSchemaRegistry.URL_PREFIX)
                ? registryUrl.substring(MockSchemaRegistry.URL_PREFIX.length()) : null;
    }

    /**
     * Starts a broker in this process, with {@link System#out} discarded meanwhile (formatting its storage
     * prints its bootstrap metadata there), and names the in-memory registry {@code mock://registryScope}.
     */
    public static PipelineCluster embedded(String registryScope) {
        PrintStream out = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        EmbeddedKafka broker;
        try {
            broker = EmbeddedKafka.start();
        } finally {
            System.setOut(out);
        }
        return new PipelineCluster(broker, broker.bootstrapServers(), MockSchemaRegistry.URL_PREFIX + registryScope);
    }

    /** A cluster and registry that run already ({@code mock://SCOPE} for an in-memory registry). */
    public static PipelineCluster external(String bootstrapServers, String registryUrl) {
        return new PipelineCluster(null, bootstrapServers, registryUrl);
    }

    public boolean isEmbedded() {
        return broker != null;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public String registryUrl() {
        return registryUrl;
    }

    /** Where the embedded broker keeps its data (null for an external cluster). */
    public Path dataDirectory() {
        return broker == null ? null : broker.baseDirectory();
    }

    /** What every client and serde gets: bootstrap servers and registry URL. */
    public Map<String, Object> clientProperties() {
        Map<String, Object> p = new HashMap<>();
        p.put("bootstrap.servers", bootstrapServers);
        p.put("schema.registry.url", registryUrl);
        return p;
    }

    /**
     * Publishes a release to a models topic as the trainer does (idempotent, {@code acks=all}, keyed by the
     * model's name), waiting for the broker's acknowledgement; returns where it went.
     */
    public RecordMetadata publish(String modelsTopic, ModelRelease release) {
        return new ModelsTopic(new KafkaSettings(bootstrapServers, registryUrl, Map.of(), PUBLISH_TIMEOUT), modelsTopic)
                .publish(release);
    }

    /** The cluster's admin client, made on first use and closed with the cluster. */
    public synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(ADMIN_TIMEOUT.toMillis())));
        }
        return admin;
    }

    /**
     * Creates a topic (replication: the broker's default) unless one of that name exists; {@code configs} are
     * topic configs such as cleanup.policy.
     */
    public void ensureTopic(String name, int partitions, Map<String, String> configs) {
        try {
            createTopics(List.of(new NewTopic(name, Optional.of(partitions), Optional.empty()).configs(configs)));
        } catch (IllegalStateException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    /**
     * Creates the topics; fails when one exists already (its cause then a {@link TopicExistsException}, which
     * it also is while a deleted topic of the name is still being removed).
     */
    public void createTopics(Collection<NewTopic> topics) {
        await(admin().createTopics(topics).all(), "creating topics " + topics.stream().map(NewTopic::name).toList());
    }

    /** The names of the topics that start with {@code namePrefix}, sorted. */
    public Set<String> topicsNamed(String namePrefix) {
        return await(admin().listTopics().names(), "listing topics").stream().filter(n -> n.startsWith(namePrefix))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** Deletes the topics whose names start with {@code namePrefix} (e.g. one application's changelogs). */
    public void deleteTopics(String namePrefix) {
        Set<String> names = topicsNamed(namePrefix);
        if (!names.isEmpty()) {
            deleteTopics(names);
        }
    }

    private void deleteTopics(Set<String> names) {
        try {
            await(admin().deleteTopics(names).all(), "deleting topics " + names);
        } catch (IllegalStateException e) {
            if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                throw e;
            }
        }
    }

    /**
     * Deletes every topic whose name starts with {@code namePrefix} (an earlier run's, changelogs included),
     * waits until they are gone, and creates {@code topics}: a fresh start on a cluster of one's own.
     */
    public void replaceTopics(String namePrefix, Collection<NewTopic> topics) {
        long deadline = System.nanoTime() + ADMIN_TIMEOUT.toNanos();
        // a topic created a moment ago may be listed only later: list and delete until none is left
        for (Set<String> stale = topicsNamed(namePrefix); !stale.isEmpty(); stale = topicsNamed(namePrefix)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the earlier topics " + stale + " were not deleted within "
                        + ADMIN_TIMEOUT.toSeconds() + " s");
            }
            deleteTopics(stale);
            pause("waiting for " + stale + " to be deleted");
        }
        while (true) {
            try {
                createTopics(topics);
                return;
            } catch (IllegalStateException e) {
                // a deleted topic's name stays taken a moment after it is no longer listed
                if (!(e.getCause() instanceof TopicExistsException) || System.nanoTime() > deadline) {
                    throw e;
                }
                pause("creating " + topics.stream().map(NewTopic::name).toList());
            }
        }
    }

    /**
     * Waits for an administrative call; its failure becomes an {@link IllegalStateException} naming
     * {@code what}, with the broker's exception as the cause.
     */
    public static <T> T await(KafkaFuture<T> future, String what) {
        try {
            return future.get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(what + " failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(what + " timed out after " + ADMIN_TIMEOUT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + what, e);
        }
    }

    private static void pause(String what) {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + what, e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            if (admin != null) {
                admin.close();
            }
        } finally {
            if (broker != null) {
                broker.close();
            }
            if (mockScope != null) {
                MockSchemaRegistry.dropScope(mockScope);
            }
        }
    }
}
