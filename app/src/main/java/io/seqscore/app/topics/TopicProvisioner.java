package io.seqscore.app.topics;

import io.seqscore.app.config.TopicSettings;
import io.seqscore.app.config.SeqscoreConfig;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/** Finds which of a list of topics a cluster lacks and creates them. */
public final class TopicProvisioner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);
    private static final String ADMIN_PREFIX = "admin.";
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final Admin admin;
    private final String bootstrapServers;
    private final Duration timeout;

    public TopicProvisioner(Map<String, Object> clientProperties, Duration timeout) {
        this.bootstrapServers = String.valueOf(clientProperties.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG));
        try {
            this.admin = Admin.create(adminProperties(clientProperties));
        } catch (KafkaException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new TopicCheckException("cannot create an admin client for " + bootstrapServers + ": "
                    + cause.getMessage(), e);
        }
        this.timeout = timeout;
    }

    /**
     * What {@code seqscore run} does at start: creates the configuration's missing topics when
     * {@code seqscore.topics.create} is true. Waits for the broker as long as the admin client's
     * {@code default.api.timeout.ms} (30 s unless set).
     *
     * @throws TopicCheckException when topics are missing and may not be created, or the broker does not answer
     */
    public static void ensure(SeqscoreConfig config) {
        Map<String, Object> props = new HashMap<>();
        config.streamsProperties().forEach((k, v) -> props.put((String) k, v));
        Object apiTimeout = adminProperties(props).get(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG);
        Duration timeout = apiTimeout == null ? DEFAULT_TIMEOUT : Duration.ofMillis(Long.parseLong(apiTimeout.toString().trim()));
        try (TopicProvisioner topics = new TopicProvisioner(props, timeout)) {
            List<TopicSpec> missing = topics.missing(ScorerTopicList.of(config));
            if (missing.isEmpty()) {
                return;
            }
            TopicSettings settings = config.topicSettings();
            if (!settings.create()) {
                throw new TopicCheckException(missingLine(missing, topics.bootstrapServers), null);
            }
            topics.create(missing, settings.replicationFactor());
        }
    }

    /** The topics of {@code specs} (distinct by name) the cluster does not have, in the order given. */
    public List<TopicSpec> missing(List<TopicSpec> specs) {
        Set<String> existing = await(admin.listTopics(new ListTopicsOptions().listInternal(false)).names(), "list the topics");
        Map<String, TopicSpec> byName = new LinkedHashMap<>();
        specs.forEach(s -> byName.putIfAbsent(s.name(), s));
        return byName.values().stream().filter(s -> !existing.contains(s.name())).toList();
    }

    /** Creates {@code specs}; one that another client created meanwhile is left as it is. */
    public void create(List<TopicSpec> specs, short replicationFactor) {
        List<NewTopic> topics = new ArrayList<>();
        specs.forEach(s -> topics.add(s.newTopic(replicationFactor)));
        admin.createTopics(topics, new CreateTopicsOptions().timeoutMs((int) timeout.toMillis())).values()
                .forEach((name, future) -> {
                    try {
                        future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                        LOG.info("created topic {}", name);
                    } catch (ExecutionException e) {
                        if (!(e.getCause() instanceof TopicExistsException)) {
                            throw new TopicCheckException("could not create topic " + name + " on " + bootstrapServers
                                    + ": " + e.getCause().getMessage(), e.getCause());
                        }
                    } catch (TimeoutException e) {
                        throw new TopicCheckException("could not create topic " + name + " on " + bootstrapServers
                                + " within " + duration(), e);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new TopicCheckException("interrupted while creating topic " + name, e);
                    }
                });
    }

    /** One line naming the missing topics and the ways to create them. */
    static String missingLine(List<TopicSpec> missing, String bootstrapServers) {
        String names = missing.stream().map(s -> s.name() + (s.compacted() ? " (compacted)" : ""))
                .collect(Collectors.joining(", "));
        return "missing topic" + (missing.size() == 1 ? "" : "s") + " on " + bootstrapServers + ": " + names
                + "; create them by running once with " + TopicSettings.CREATE_CONFIG + "=true (or SEQSCORE_TOPICS_CREATE=true),"
                + " or with kafka-topics.sh --create" + (missing.stream().anyMatch(TopicSpec::compacted)
                ? " (--config cleanup.policy=compact for the compacted one)" : "");
    }

    private String duration() {
        long ms = timeout.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }

    private <T> T await(KafkaFuture<T> future, String what) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
                throw new TopicCheckException("could not " + what + " on " + bootstrapServers + " within " + duration()
                        + ": is the broker running?", e.getCause());
            }
            throw new TopicCheckException("could not " + what + " on " + bootstrapServers + ": " + e.getCause().getMessage(),
                    e.getCause());
        } catch (TimeoutException e) {
            throw new TopicCheckException("could not " + what + " on " + bootstrapServers + " within "
                    + duration() + ": is the broker running?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TopicCheckException("interrupted while trying to " + what, e);
        }
    }

    /** The admin client's settings among {@code props}, with Kafka Streams' {@code admin.}-prefixed ones over them. */
    static Properties adminProperties(Map<String, Object> props) {
        Set<String> known = AdminClientConfig.configNames();
        Properties out = new Properties();
        props.forEach((k, v) -> {
            if (known.contains(k) && v != null) {
                out.put(k, v);
            }
        });
        props.forEach((k, v) -> {
            if (k.startsWith(ADMIN_PREFIX) && known.contains(k.substring(ADMIN_PREFIX.length())) && v != null) {
                out.put(k.substring(ADMIN_PREFIX.length()), v);
            }
        });
        out.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "seqscore-topics");
        return out;
    }
}
