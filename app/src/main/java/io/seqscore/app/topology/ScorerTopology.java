package io.seqscore.app.topology;

import io.seqscore.app.config.FormatSettings;
import io.seqscore.app.config.SeqscoreConfig;
import io.seqscore.app.model.ModelRegistry;
import io.seqscore.app.model.ModelReleaseDecoder;
import io.seqscore.app.model.ModelReleaseProcessor;
import io.seqscore.app.model.ReleaseVerifier;
import io.seqscore.app.routing.ModelRouter;
import io.seqscore.app.scoring.CommitEpochStore;
import io.seqscore.app.scoring.ScorerNodes;
import io.seqscore.app.scoring.ScoringCounters;
import io.seqscore.app.scoring.ScoringMetrics;
import io.seqscore.app.scoring.ScoringProcessor;
import io.seqscore.app.scoring.ScoringSettings;
import io.seqscore.avro.ModelRelease;
import io.seqscore.avro.Score;
import io.seqscore.avro.ShadowScore;
import io.seqscore.input.EventDecoder;
import io.seqscore.serde.AvroDeserializer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import java.util.Map;
import java.util.function.Supplier;

/**
 * The scorer's topology, built by one function:
 * <pre>
 *   events ─► events-source (bytes) ─► scorer ─┬─► scores-sink        (String, Score)
 *                                      │       ├─► anomalies-sink     (String, Score), flagged only
 *                 seqscore-key-state ──┤       ├─► shadow-scores-sink (String, ShadowScore), shadow rollouts
 *                 seqscore-shadow-state┘       └─► dlq-sink           (bytes, bytes) + reason headers
 *                 (RocksDB, changelogged)
 *   models ─► models-source ─► models-processor ─► seqscore-models (global store) ─► ModelRegistry
 * </pre>
 * The scorer decodes events by the configured input format ({@link FormatSettings}: seqscore's Avro Event,
 * JSON or any Avro record, one {@link EventDecoder} per task); the Score and ShadowScore sinks write the
 * configured output format (Avro through the registry, or JSON). Releases are checked by the trusted keys'
 * {@link io.seqscore.app.model.SignatureVerifier} when the configuration names any, then by the caller's
 * {@link ReleaseVerifier}.
 */
public final class ScorerTopology {
    /** The per-key state store: key = series id, value = {@link io.seqscore.app.state.KeyStateCodec} bytes. */
    public static final String STATE_STORE = "seqscore-key-state";
    /**
     * The per-key state of running shadow releases: key = series id, value = {@link io.seqscore.app.state.KeyStateCodec}
     * bytes of the shadow version's state (no input buffer: the key's main state holds it).
     */
    public static final String SHADOW_STATE_STORE = "seqscore-shadow-state";
    /**
     * The global store of the models served: key = model name, value = its {@link io.seqscore.app.model.StoredRollout}
     * (the rollout plan and the bytes of the releases it keeps).
     */
    public static final String MODELS_STORE = "seqscore-models";
    /**
     * Under at-least-once: the {@link CommitEpochStore} (holds nothing, no changelog) that tells the scorer's
     * {@code ReplayGuard} when its task's offsets were committed.
     */
    public static final String COMMIT_EPOCH_STORE = "seqscore-commit-epoch";
    public static final String EVENTS_SOURCE = "events-source";
    public static final String SCORER = "scorer";
    public static final String SCORES_SINK = "scores-sink";
    public static final String ANOMALIES_SINK = "anomalies-sink";
    public static final String SHADOW_SCORES_SINK = "shadow-scores-sink";
    public static final String DLQ_SINK = "dlq-sink";
    public static final String MODELS_SOURCE = "models-source";
    public static final String MODELS_PROCESSOR = "models-processor";

    private ScorerTopology() {
    }

    /** The topology with a registry and counters of its own (for tests and tools that need neither). */
    public static Topology buildTopology(SeqscoreConfig config) {
        return buildTopology(config, new ModelRegistry(), new ScoringCounters(), ReleaseVerifier.ACCEPT_UNSIGNED);
    }

    /**
     * @param registry the registry the models topic feeds and the scorer reads; the caller keeps it to
     *                 show the served models
     * @param metrics  where every scoring outcome is reported
     * @param verifier checks each release's authenticity before it is decoded, after the signature check of the
     *                 configured trusted keys (if any)
     */
    public static Topology buildTopology(SeqscoreConfig config, ModelRegistry registry, ScoringMetrics metrics,
                                         ReleaseVerifier verifier) {
        Map<String, Object> serdeProps = config.serdeProperties();
        FormatSettings formats = config.formatSettings();
        Supplier<EventDecoder> events = formats.decoders(serdeProps);
        Serializer<Score> scores = formats.output().serializer(serdeProps);
        Serializer<ShadowScore> shadowScores = formats.output().serializer(serdeProps);
        AvroDeserializer<ModelRelease> releases = AvroDeserializer.forClass(ModelRelease.class);
        releases.configure(serdeProps, false);
        ScoringSettings settings = config.scoringSettings();
        ModelRouter router = config.modelRouter();
        ModelReleaseDecoder decoder = new ModelReleaseDecoder(config.releaseVerifier().andThen(verifier));
        int versionsKept = config.modelVersionsKept();
        boolean atLeastOnce = StreamsConfig.AT_LEAST_ONCE.equals(config.getString(StreamsConfig.PROCESSING_GUARANTEE_CONFIG));
        ScorerNodes nodes = new ScorerNodes(STATE_STORE, SHADOW_STATE_STORE, SCORES_SINK, ANOMALIES_SINK,
                SHADOW_SCORES_SINK, DLQ_SINK, atLeastOnce ? COMMIT_EPOCH_STORE : null);

        StoreBuilder<KeyValueStore<String, byte[]>> stateStore = Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(STATE_STORE), Serdes.String(), Serdes.ByteArray())
                .withCachingEnabled()
                .withLoggingEnabled(Map.of());
        StoreBuilder<KeyValueStore<String, byte[]>> shadowStore = Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(SHADOW_STATE_STORE), Serdes.String(), Serdes.ByteArray())
                .withCachingEnabled()
                .withLoggingEnabled(Map.of());
        StoreBuilder<KeyValueStore<String, byte[]>> modelsStore = Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(MODELS_STORE), Serdes.String(), Serdes.ByteArray())
                .withLoggingDisabled();

        Topology topology = new Topology();
        topology.addSource(EVENTS_SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(), config.eventsTopic());
        topology.addProcessor(SCORER, () -> new ScoringProcessor(settings, router, registry, metrics, events.get(),
                config.eventsTopic(), nodes), EVENTS_SOURCE);
        topology.addStateStore(stateStore, SCORER);
        topology.addStateStore(shadowStore, SCORER);
        if (atLeastOnce) {
            topology.addStateStore(CommitEpochStore.builder(COMMIT_EPOCH_STORE), SCORER);
        }
        topology.addSink(SCORES_SINK, config.scoresTopic(), new StringSerializer(), scores, SCORER);
        topology.addSink(ANOMALIES_SINK, config.anomaliesTopic(), new StringSerializer(), scores, SCORER);
        topology.addSink(SHADOW_SCORES_SINK, config.shadowScoresTopic(), new StringSerializer(), shadowScores, SCORER);
        topology.addSink(DLQ_SINK, config.dlqTopic(), new ByteArraySerializer(), new ByteArraySerializer(), SCORER);
        topology.addGlobalStore(modelsStore, MODELS_SOURCE, new StringDeserializer(), new ByteArrayDeserializer(),
                config.modelsTopic(), MODELS_PROCESSOR,
                () -> new ModelReleaseProcessor(MODELS_STORE, config.modelsTopic(), registry, decoder, releases,
                        versionsKept));
        return topology;
    }
}
