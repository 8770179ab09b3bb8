package io.seqscore.app.model;

import io.seqscore.avro.ModelRelease;
import io.seqscore.serde.AvroDeserializer;
import io.seqscore.serde.AvroSerializer;
import io.seqscore.serde.MockSchemaRegistry;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.Map;

/**
 * The models' global store in memory and a {@link ModelReleaseProcessor} over it, for a test class
 * ({@code @RegisterExtension}): a fresh store before each test, the mock registry scope dropped after it.
 */
final class ModelsStore implements BeforeEachCallback, AfterEachCallback {
    private final String scope;
    private final Map<String, Object> serde;
    private AvroSerializer<ModelRelease> serializer;
    private KeyValueStore<String, byte[]> store;

    ModelsStore(String scope) {
        this.scope = scope;
        this.serde = Map.of("schema.registry.url", MockSchemaRegistry.URL_PREFIX + scope);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        serializer = new AvroSerializer<>();
        serializer.configure(serde, false);
        store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("models"), Serdes.String(), Serdes.ByteArray())
                .withLoggingDisabled().build();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        MockSchemaRegistry.dropScope(scope);
    }

    KeyValueStore<String, byte[]> store() {
        return store;
    }

    /** The release as a record value of the models topic. */
    byte[] bytes(ModelRelease release) {
        return serializer.serialize("models", release);
    }

    /** A processor over the store, initialised (the registry restored from the store), keeping the default versions. */
    ModelReleaseProcessor started(ModelRegistry registry) {
        return started(registry, ModelRegistry.DEFAULT_VERSIONS_KEPT);
    }

    /** A processor over the store, initialised, keeping at most this many versions of each model. */
    ModelReleaseProcessor started(ModelRegistry registry, int versionsKept) {
        MockProcessorContext<Void, Void> context = new MockProcessorContext<>();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        context.setRecordMetadata("models", 0, 0);
        context.setCurrentSystemTimeMs(1234);
        AvroDeserializer<ModelRelease> deserializer = AvroDeserializer.forClass(ModelRelease.class);
        deserializer.configure(serde, false);
        ModelReleaseProcessor processor = new ModelReleaseProcessor("models", "models", registry,
                new ModelReleaseDecoder(ReleaseVerifier.ACCEPT_UNSIGNED), deserializer, versionsKept);
        processor.init(context);
        return processor;
    }
}
