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

import java.util.Objects;

/**
 * The processor of the models topic's global store: decodes each release once, offers it to the
 * {@link ModelRegistry}, and keeps in the store (model name → release bytes) only the releases the
 * registry serves. A tombstone retires the model.
 *
 * <p>On start it offers every release already in the store to the registry, so that the registry is
 * complete after a restart whichever way Kafka Streams restored the store: replaying the topic through
 * this processor (Kafka Streams 4.x does so for {@code Topology#addGlobalStore}), or reopening a
 * persistent store at its checkpoint and reading only the records after it.
 */
public final class ModelReleaseProcessor implements Processor<String, byte[], Void, Void> {
    private static final Logger LOG = LoggerFactory.getLogger(ModelReleaseProcessor.class);

    private final String storeName;
    private final String topic;
    private final ModelRegistry registry;
    private final ModelReleaseDecoder decoder;
    private final Deserializer<ModelRelease> deserializer;
    private ProcessorContext<Void, Void> context;
    private KeyValueStore<String, byte[]> store;

    public ModelReleaseProcessor(String storeName, String topic, ModelRegistry registry, ModelReleaseDecoder decoder,
                                 Deserializer<ModelRelease> deserializer) {
        this.storeName = Objects.requireNonNull(storeName, "storeName");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.decoder = Objects.requireNonNull(decoder, "decoder");
        this.deserializer = Objects.requireNonNull(deserializer, "deserializer");
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
        try (KeyValueIterator<String, byte[]> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<String, byte[]> entry = it.next();
                apply(entry.key, entry.value, null);
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
        if (release != null && registry.isServing(release.getName(), release.getVersion()) && key.equals(release.getName())) {
            store.put(key, value);
            return;
        }
        ServingModel model;
        try {
            model = decoder.decode(key, release);
        } catch (ReleaseRejectedException e) {
            reject(key, release == null ? -1 : release.getVersion(), e.getMessage(), position);
            return;
        }
        ModelRegistry.Decision decision = registry.offer(model, now());
        if (decision.outcome() == ModelRegistry.Outcome.REJECTED) {
            LOG.warn("Rejected model release {}@{}{}: {}", key, model.version(), where(position), decision.reason());
            return;
        }
        store.put(key, value);
        if (decision.outcome() == ModelRegistry.Outcome.SERVING) {
            LOG.info("Serving model {}@{} ({}){}", key, model.version(), model.spec(), where(position));
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
