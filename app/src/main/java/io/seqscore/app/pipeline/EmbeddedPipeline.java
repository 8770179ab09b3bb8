package io.seqscore.app.pipeline;

import io.seqscore.app.config.SeqscoreConfig;
import io.seqscore.app.config.ServiceSettings;
import io.seqscore.app.model.ModelRegistry;
import io.seqscore.app.model.RejectedRelease;
import io.seqscore.app.model.ReleaseVerifier;
import io.seqscore.app.service.ScorerService;
import io.seqscore.avro.ModelRelease;
import io.seqscore.avro.Score;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.streams.StreamsConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The scorer's whole pipeline, for the commands that run it end to end (demo, evaluate) and the integration
 * tests: a cluster ({@link PipelineCluster}, by default a broker in this process with an in-memory registry),
 * the scorer's topics made fresh on it ({@link ScorerTopics}), the scorer's settings for them, releases
 * published through the models topic as the trainer publishes them, an events producer and readers of the
 * scores. A run:
 * <pre>{@code
 * try (EmbeddedPipeline p = EmbeddedPipeline.builder("seqscore-nab-").partitions(2)
 *         .setting(SeqscoreConfig.GAP_RESET_MS_CONFIG, "0").start()) {
 *     p.publish(release);
 *     p.startScorer();
 *     EventsProducer events = p.eventsProducer("seqscore-nab-events", Map.of());
 *     ...
 *     TopicReader<Score> scores = p.scoresReader();
 * }
 * }</pre>
 * {@link #close()} stops what the pipeline started, newest first: readers and producers, the scorer, the
 * state directory it made, and the cluster when it started it.
 */
public final class EmbeddedPipeline implements AutoCloseable {
    private final PipelineCluster cluster;
    private final ScorerTopics topics;
    private final Map<String, Object> scorerSettings;
    private final Path stateDir;
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private ScorerService scorer;
    private boolean closing;

    private EmbeddedPipeline(PipelineCluster cluster, ScorerTopics topics, Map<String, Object> scorerSettings,
                             Path stateDir) {
        this.cluster = cluster;
        this.topics = topics;
        this.scorerSettings = scorerSettings;
        this.stateDir = stateDir;
    }

    /**
     * A pipeline whose topics are named {@code prefix} + events, scores, ... ({@link ScorerTopics#prefixed}),
     * as is the scorer's application id ({@code prefix} + scorer) unless set.
     */
    public static Builder builder(String prefix) {
        return new Builder(prefix);
    }

    public PipelineCluster cluster() {
        return cluster;
    }

    public ScorerTopics topics() {
        return topics;
    }

    /** The scorer's state directory. */
    public Path stateDir() {
        return stateDir;
    }

    /** What every client and serde gets: bootstrap servers and registry URL. */
    public Map<String, Object> clientProperties() {
        return cluster.clientProperties();
    }

    /** The scorer's settings: the cluster, the topics, the application id, the state directory and the builder's. */
    public Map<String, Object> scorerSettings() {
        return new HashMap<>(scorerSettings);
    }

    public SeqscoreConfig scorerConfig() {
        return new SeqscoreConfig(scorerSettings);
    }

    /**
     * Creates the scorer as {@code seqscore run} does (releases accepted unsigned unless the settings name
     * trusted keys), not started yet: e.g. to attach to its HTTP server first. Shut down on {@link #close()}.
     */
    public ScorerService createScorer() {
        if (scorer != null) {
            throw new IllegalStateException("the pipeline's scorer exists already");
        }
        scorer = track(ScorerService.create(scorerConfig(), ReleaseVerifier.ACCEPT_UNSIGNED), ScorerService::shutdown);
        return scorer;
    }

    /** Creates and starts the scorer. */
    public ScorerService startScorer() {
        ScorerService s = createScorer();
        s.start();
        return s;
    }

    /** Publishes a release to the models topic as the trainer does; returns where it went. */
    public RecordMetadata publish(ModelRelease release) {
        return cluster.publish(topics.models(), release);
    }

    /**
     * Waits until {@code registry} holds every release; fails when the scorer rejected one (with its reason) or
     * {@code timeout} passed first.
     */
    public static void awaitReleases(ModelRegistry registry, List<ModelRelease> releases, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (ModelRelease r : releases) {
            while (!registry.hasRelease(r.getName(), r.getVersion())) {
                for (RejectedRelease rejected : registry.rejections()) {
                    if (rejected.name().equals(r.getName())) {
                        throw new IllegalStateException("the scorer rejected the release of " + r.getName() + ": "
                                + rejected.reason());
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the scorer did not load the release of " + r.getName() + " within "
                            + timeout.toSeconds() + " s");
                }
                Thread.sleep(50);
            }
        }
    }

    /** A producer to the events topic, closed with the pipeline; {@code tuning} as {@link EventsProducer} takes it. */
    public EventsProducer eventsProducer(String clientId, Map<String, Object> tuning) {
        return track(new EventsProducer(cluster.clientProperties(), topics.events(), clientId, tuning),
                EventsProducer::close);
    }

    /** A reader of the scores topic from its beginning, closed with the pipeline. */
    public TopicReader<Score> scoresReader() {
        return reader(topics.scores(), Score.class);
    }

    /** A reader of one of the pipeline's topics from its beginning, closed with the pipeline. */
    public <V extends org.apache.avro.specific.SpecificRecord> TopicReader<V> reader(String topic, Class<V> type) {
        return track(TopicReader.avro(cluster.clientProperties(), topic, type), TopicReader::close);
    }

    /** Registers a resource for {@link #close()}; once the pipeline is closing, closes it at once and fails. */
    private <T> T track(T resource, Closer<T> closer) {
        synchronized (resources) {
            resources.push(() -> closer.close(resource));
            if (!closing) {
                return resource;
            }
        }
        close();
        throw new IllegalStateException("the pipeline is closed");
    }

    @FunctionalInterface
    private interface Closer<T> {
        void close(T resource) throws Exception;
    }

    /**
     * Stops everything the pipeline started, newest first; the first failure is thrown after all are tried. Safe
     * from any thread (a shutdown hook), also while another one still starts things on the pipeline.
     */
    @Override
    public void close() {
        RuntimeException failure = null;
        while (true) {
            AutoCloseable next;
            synchronized (resources) {
                closing = true;
                next = resources.poll();
            }
            if (next == null) {
                break;
            }
            try {
                next.close();
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                if (failure == null) {
                    failure = e instanceof RuntimeException r ? r : new IllegalStateException(e.getMessage(), e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Deletes a directory and everything in it. */
    public static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }

    /** What a pipeline runs on and with; {@link #start()} brings it up. */
    public static final class Builder {
        private final String prefix;
        private PipelineCluster cluster;
        private ScorerTopics topics;
        private int partitions = 2;
        private String applicationId;
        private Path stateDir;
        private boolean freshTopics;
        private final Map<String, Object> settings = new HashMap<>();

        private Builder(String prefix) {
            this.prefix = prefix;
            this.topics = ScorerTopics.prefixed(prefix);
            this.applicationId = prefix + "scorer";
        }

        /**
         * Runs on this cluster, which the caller closes. Default: a broker started in this process with the
         * registry {@code mock://PREFIX<random>}, stopped on {@link EmbeddedPipeline#close()}.
         */
        public Builder cluster(PipelineCluster cluster) {
            this.cluster = cluster;
            return this;
        }

        public Builder topics(ScorerTopics topics) {
            this.topics = topics;
            return this;
        }

        /** Partitions of the events and scores topics. Default: 2. */
        public Builder partitions(int partitions) {
            this.partitions = partitions;
            return this;
        }

        public Builder applicationId(String applicationId) {
            this.applicationId = applicationId;
            return this;
        }

        /** The scorer's state directory, which the caller deletes. Default: a temporary one, deleted on close. */
        public Builder stateDir(Path stateDir) {
            this.stateDir = stateDir;
            return this;
        }

        /**
         * Before creating the topics, deletes every topic named with the prefix (an earlier run's on a cluster
         * of one's own, changelogs included) and waits until they are gone. Default: the topics must not exist.
         */
        public Builder freshTopics() {
            this.freshTopics = true;
            return this;
        }

        /** A scorer setting (any of {@link SeqscoreConfig}'s or Kafka Streams'), over the pipeline's own. */
        public Builder setting(String name, Object value) {
            settings.put(name, value);
            return this;
        }

        public Builder settings(Map<String, ?> values) {
            settings.putAll(values);
            return this;
        }

        /** Starts the cluster unless one was given and creates the topics (failing if one of them exists). */
        public EmbeddedPipeline start() {
            PipelineCluster c = cluster != null ? cluster
                    : PipelineCluster.embedded(prefix + HexFormat.of().toHexDigits(System.nanoTime()));
            EmbeddedPipeline pipeline = null;
            try {
                Path dir = stateDir != null ? stateDir : Files.createTempDirectory("seqscore-pipeline-state-");
                pipeline = new EmbeddedPipeline(c, topics, scorerSettings(c, dir), dir);
                if (cluster == null) {
                    pipeline.track(c, PipelineCluster::close);
                }
                if (stateDir == null) {
                    pipeline.track(dir, EmbeddedPipeline::deleteTree);
                }
                if (freshTopics) {
                    c.replaceTopics(prefix, topics.newTopics(partitions));
                } else {
                    c.createTopics(topics.newTopics(partitions));
                }
                return pipeline;
            } catch (IOException | RuntimeException e) {
                if (pipeline != null) {
                    pipeline.close();
                } else if (cluster == null) {
                    c.close();
                }
                if (e instanceof IOException io) {
                    throw new UncheckedIOException("cannot create a temporary directory for the scorer's state", io);
                }
                throw (RuntimeException) e;
            }
        }

        private Map<String, Object> scorerSettings(PipelineCluster c, Path dir) {
            Map<String, Object> p = new HashMap<>(c.clientProperties());
            p.putAll(topics.settings());
            p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
            p.put(StreamsConfig.STATE_DIR_CONFIG, dir.toString());
            p.put(ServiceSettings.HTTP_ADDRESS_CONFIG, "127.0.0.1");
            p.put(ServiceSettings.HTTP_PORT_CONFIG, "0");
            p.put(ServiceSettings.SHUTDOWN_TIMEOUT_MS_CONFIG, "10000");
            p.putAll(settings);
            return p;
        }
    }
}
