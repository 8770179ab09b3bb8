package io.seqscore.app.model;

import io.seqscore.app.testing.Releases;
import io.seqscore.avro.ModelRelease;
import io.seqscore.model.core.CellType;
import io.seqscore.model.core.NetworkSpec;
import io.seqscore.serde.AvroDeserializer;
import io.seqscore.serde.AvroSerializer;
import io.seqscore.serde.MockSchemaRegistry;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The global-store processor alone: what it keeps in the store, and the registry it rebuilds from the store. */
class ModelReleaseProcessorTest {
    private static final String SCOPE = "model-release-processor-test";
    private static final NetworkSpec SPEC = NetworkSpec.uniform(CellType.RNN_TANH, 1, 2, 1);
    private final Map<String, Object> serde = Map.of("schema.registry.url", MockSchemaRegistry.URL_PREFIX + SCOPE);
    private AvroSerializer<ModelRelease> serializer;
    private KeyValueStore<String, byte[]> store;

    @BeforeEach
    void setUp() {
        serializer = new AvroSerializer<>();
        serializer.configure(serde, false);
        store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("models"), Serdes.String(), Serdes.ByteArray())
                .withLoggingDisabled().build();
    }

    @AfterEach
    void tearDown() {
        MockSchemaRegistry.dropScope(SCOPE);
    }

    private ModelReleaseProcessor started(ModelRegistry registry) {
        MockProcessorContext<Void, Void> context = new MockProcessorContext<>();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        context.setRecordMetadata("models", 0, 0);
        context.setCurrentSystemTimeMs(1234);
        AvroDeserializer<ModelRelease> deserializer = AvroDeserializer.forClass(ModelRelease.class);
        deserializer.configure(serde, false);
        ModelReleaseProcessor processor = new ModelReleaseProcessor("models", "models", registry,
                new ModelReleaseDecoder(ReleaseVerifier.ACCEPT_UNSIGNED), deserializer);
        processor.init(context);
        return processor;
    }

    private byte[] bytes(String name, long version, float weightScale) {
        return serializer.serialize("models", Releases.release(name, version, SPEC,
                Releases.randomParams(SPEC, version, weightScale), Releases.none(), Releases.gaussian(SPEC, 1, 0.99, 0)));
    }

    @Test
    void shouldKeepOnlyServedReleasesInTheStoreAndRebuildTheRegistryFromIt() {
        ModelRegistry registry = new ModelRegistry();
        ModelReleaseProcessor processor = started(registry);
        byte[] a1 = bytes("a", 1, 0.5f);
        byte[] b4 = bytes("b", 4, 0.5f);
        processor.process(new Record<>("a", a1, 0L));
        processor.process(new Record<>("b", b4, 0L));
        processor.process(new Record<>("b", bytes("b", 3, 0.5f), 0L));
        processor.process(new Record<>("c", bytes("wrong-name", 1, 0.5f), 0L));
        processor.process(new Record<>(null, a1, 0L));

        assertThat(StoredRollout.decode(store.get("a")).releases()).containsExactly(new StoredRollout.Release(1, a1));
        assertThat(StoredRollout.decode(store.get("b")).releases()).containsExactly(new StoredRollout.Release(4, b4));
        assertThat(store.get("c")).isNull();
        assertThat(registry.rejections()).extracting(RejectedRelease::reason).containsExactly(
                "version 3 is older than the latest release, version 4",
                "release name 'wrong-name' differs from its record key 'c'",
                "release record without a key (the key must be the model name)");
        assertThat(registry.rejections().get(0).rejectedAt()).isEqualTo(1234);

        ModelRegistry afterRestart = new ModelRegistry();
        started(afterRestart);
        assertThat(afterRestart.servingModels().keySet()).containsExactly("a", "b");
        assertThat(afterRestart.serving("a").version()).isEqualTo(1);
        assertThat(afterRestart.serving("b").version()).isEqualTo(4);
        assertThat(afterRestart.rejections()).isEmpty();
    }

    @Test
    void shouldRetireAModelAndForgetItsReleaseOnATombstone() {
        ModelRegistry registry = new ModelRegistry();
        ModelReleaseProcessor processor = started(registry);
        processor.process(new Record<>("a", bytes("a", 1, 0.5f), 0L));
        processor.process(new Record<>("a", null, 0L));
        assertThat(registry.serving("a")).isNull();
        assertThat(store.get("a")).isNull();
    }

    @Test
    void shouldNotDecodeAReleaseTwice() {
        ModelRegistry registry = new ModelRegistry();
        ModelReleaseProcessor processor = started(registry);
        byte[] a1 = bytes("a", 1, 0.5f);
        processor.process(new Record<>("a", a1, 0L));
        ServingModel first = registry.serving("a");
        processor.process(new Record<>("a", a1, 0L));
        started(registry);
        assertThat(registry.serving("a")).isSameAs(first);
        assertThat(registry.swapCount()).isEqualTo(1);
    }
}
