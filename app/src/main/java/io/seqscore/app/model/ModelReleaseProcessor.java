package io.seqscore.app.model;

import io.seqscore.avro.ModelRelease;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The processor of the models topic's global store: decodes each release once, offers it to the
 * {@link ModelRegistry}, and keeps in the store, per model name, the {@link StoredRollout} of the plan
 * the registry then serves (its phases and the bytes of the releases it keeps). A tombstone retires
 * the model.
 *
 * <p>On start it puts every stored plan back into the registry, so that the registry is exactly as it
 * was — pending activations, canaries, shadows, kept versions — whichever way Kafka Streams restored
 * the store: reopening a persistent store at its checkpoint and replaying only the records after it
 * through this processor, or rebuilding it by replaying the whole (compacted) topic, which gives back
 * what the topic still holds. A store value that is a bare release (written by a scorer without
 * rollouts) is offered as a release.
 */
public final class ModelReleaseProcessor implements Processor<String, byte[], Void, Void> {
    private static final Logger LOG = LoggerFactory.getLogger(ModelReleaseProcessor.class);

    private final String storeName;
    private final String topic;
    private final ModelRegistry registry;
    private final ModelReleaseDecoder decoder;
    private final Deserializer<ModelRelease> deserializer;
    private final int versionsKept;
    private ProcessorContext<Void, Void> context;
    private KeyValueStore<String, byte[]> store;

    public ModelReleaseProcessor(String storeName, String topic, ModelRegistry registry, ModelReleaseDecoder decoder,
                                 Deserializer<ModelRelease> deserializer) {
        this(storeName, topic, registry, decoder, deserializer, ModelRegistry.DEFAULT_VERSIONS_KEPT);
    }

    /** @param versionsKept at most this many versions of each model are kept (see {@link RolloutPlan}) */
    public ModelReleaseProcessor(String storeName, String topic, ModelRegistry registry, ModelReleaseDecoder decoder,
                                 Deserializer<ModelRelease> deserializer, int versionsKept) {
        this.storeName = Objects.requireNonNull(storeName, "storeName");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.decoder = Objects.requireNonNull(decoder, "decoder");
        this.deserializer = Objects.requireNonNull(deserializer, "deserializer");
        this.versionsKept = versionsKept;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
        try (KeyValueIterator<String, byte[]> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<String, byte[]> entry = it.next();
                restore(entry.key, entry.value);
            }
        }
    }

    @Override
    public void process(Record<String, byte[]> record) {
        String key = record.key();
        if (key == null) {
            registry.reject("", -1, "release record without a key (the key must be the model name)", now());
            LOG.warn("Rejected a model release without a key at {}", position());
            return;
        }
        if (record.value() == null) {
            store.delete(key);
            if (registry.retire(key)) {
                LOG.info("Model '{}' retired by a tombstone at {}", key, position());
            }
            return;
        }
        apply(key, record.value(), position());
    }

    /** Decodes and offers one release; {@code position} is null for releases read back from the store. */
    private void apply(String key, byte[] value, String position) {
        ModelRelease release;
        try {
            release = deserializer.deserialize(topic, value);
        } catch (SerializationException e) {
            reject(key, -1, "unreadable release: " + e.getMessage(), position);
            return;
        }
        if (release != null && key.equals(release.getName()) && registry.hasRelease(key, release.getVersion())) {
            return;
        }
        ServingModel model;
        try {
            model = decoder.decode(key, release);
        } catch (ReleaseRejectedException e) {
            reject(key, release == null ? -1 : release.getVersion(), e.getMessage(), position);
            return;
        }
        ModelRegistry.Decision decision = registry.offer(model, now(), versionsKept);
        if (decision.outcome() == ModelRegistry.Outcome.REJECTED) {
            LOG.warn("Rejected model release {}@{}{}: {}", key, model.releaseVersion(), where(position), decision.reason());
            return;
        }
        if (decision.outcome() == ModelRegistry.Outcome.SERVING) {
            Map<Long, byte[]> bytes = storedBytes(key);
            bytes.put(model.releaseVersion(), value);
            save(key, bytes);
            LOG.info("Took up model release {}@{} ({}, {}){}: {}", key, model.releaseVersion(), model.spec(),
                    model.rollout(), where(position), registry.plan(key));
        }
    }

    /** Writes the model's plan to the store, with the bytes of the releases it keeps. */
    private void save(String name, Map<Long, byte[]> bytes) {
        store.put(name, StoredRollout.of(registry.plan(name), bytes::get).encode());
    }

    /** The topic bytes of the releases the store holds for a model, by release version. */
    private Map<Long, byte[]> storedBytes(String name) {
        Map<Long, byte[]> bytes = new HashMap<>();
        byte[] value = store.get(name);
        if (value == null) {
            return bytes;
        }
        if (StoredRollout.isStoredRollout(value)) {
            try {
                StoredRollout.decode(value).releases().forEach(r -> bytes.put(r.releaseVersion(), r.bytes()));
            } catch (IllegalArgumentException e) {
                LOG.warn("Replacing the unreadable stored rollout of model '{}': {}", name, e.getMessage());
            }
            return bytes;
        }
        try {
            ModelRelease bare = deserializer.deserialize(topic, value);
            if (bare != null) {
                bytes.put(bare.getVersion(), value);
            }
        } catch (SerializationException e) {
            LOG.warn("Replacing the unreadable stored release of model '{}': {}", name, e.getMessage());
        }
        return bytes;
    }

    /** Puts a stored plan back into the registry (or offers a bare release, as older stores hold). */
    private void restore(String name, byte[] value) {
        if (!StoredRollout.isStoredRollout(value)) {
            apply(name, value, null);
            return;
        }
        StoredRollout stored;
        try {
            stored = StoredRollout.decode(value);
        } catch (IllegalArgumentException e) {
            LOG.error("The stored rollout of model '{}' is unreadable ({}); its releases come back only as the models"
                    + " topic still holds them", name, e.getMessage());
            return;
        }
        if (registry.hasRelease(name, stored.latestRelease())) {
            return;
        }
        Map<Long, ServingModel> models = new TreeMap<>();
        for (StoredRollout.Release r : stored.releases()) {
            try {
                models.put(r.releaseVersion(), decoder.decode(name, deserializer.deserialize(topic, r.bytes())));
            } catch (ReleaseRejectedException | SerializationException e) {
                reject(name, r.releaseVersion(), "stored release no longer accepted: " + e.getMessage(), null);
            }
        }
        try {
            if (registry.restore(stored.toPlan(name, models))) {
                LOG.info("Restored model {}: {}", name, registry.plan(name));
            }
        } catch (IllegalArgumentException e) {
            LOG.warn("Cannot restore the plan of model '{}' as it was ({}); offering its {} readable releases in order",
                    name, e.getMessage(), models.size());
            for (ServingModel m : models.values()) {
                registry.offer(m, now(), versionsKept);
            }
            if (registry.plan(name) != null) {
                Map<Long, byte[]> bytes = new HashMap<>();
                stored.releases().forEach(r -> bytes.put(r.releaseVersion(), r.bytes()));
                save(name, bytes);
            }
        }
    }

    private void reject(String key, long version, String reason, String position) {
        registry.reject(key, version, reason, now());
        LOG.warn("Rejected model release {}@{}{}: {}", key, version, where(position), reason);
    }

    private long now() {
        return context.currentSystemTimeMs();
    }

    private String position() {
        return context.recordMetadata().map(m -> m.topic() + "-" + m.partition() + "@" + m.offset()).orElse("?");
    }

    private static String where(String position) {
        return position == null ? " (from the store)" : " at " + position;
    }
}
