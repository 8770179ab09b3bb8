package io.seqscore.app.model;

import io.seqscore.app.testing.Releases;
import io.seqscore.app.testing.Rollouts;
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

/** What the models' global store keeps of a rollout, and the exact plan a restart gets back from it. */
class ModelReleaseProcessorRolloutTest {
    private static final String SCOPE = "model-release-processor-rollout-test";
    private static final NetworkSpec SPEC = NetworkSpec.uniform(CellType.LSTM, 1, 3, 1);
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

    private ModelReleaseProcessor started(ModelRegistry registry, int versionsKept) {
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

    private static ModelRelease release(long version, long seed) {
        return Releases.release("m", version, SPEC, Releases.randomParams(SPEC, seed, 0.4f), Releases.none(),
                Releases.gaussian(SPEC, 1, 0.99, 0));
    }

    private byte[] bytes(ModelRelease r) {
        return serializer.serialize("models", r);
    }

    @Test
    void shouldPutBackPendingActivationsCanaryAndShadowExactlyAfterARestart() {
        ModelRegistry registry = new ModelRegistry();
        ModelReleaseProcessor processor = started(registry, 4);
        processor.process(new Record<>("m", bytes(release(1, 1)), 0L));
        processor.process(new Record<>("m", bytes(Rollouts.full(release(2, 2), 5_000L)), 0L));
        processor.process(new Record<>("m", bytes(Rollouts.canary(release(3, 3), 20, null)), 0L));
        processor.process(new Record<>("m", bytes(Rollouts.shadow(release(4, 4), null)), 0L));
        RolloutPlan before = registry.plan("m");
        assertThat(before.toString()).isEqualTo("RolloutPlan[m, release 4, always: RolloutPhase[serving=1, canary=3 at"
                + " 20.0%, shadow=4], from 5000: RolloutPhase[serving=2, canary=3 at 20.0%, shadow=4]]");

        ModelRegistry restarted = new ModelRegistry();
        started(restarted, 4);
        RolloutPlan after = restarted.plan("m");
        assertThat(after.toString()).isEqualTo(before.toString());
        assertThat(after.kept()).extracting(ServingModel::releaseVersion).containsExactly(1L, 2L, 3L, 4L);
        for (int i = 0; i < 4; i++) {
            assertThat(after.kept().get(i).sameNetworkAs(before.kept().get(i))).isTrue();
        }
        assertThat(restarted.swapCount()).as("a restore is not a swap").isZero();
        assertThat(restarted.rejections()).isEmpty();
    }

    @Test
    void shouldKeepTheRollbackLabelAndForgetReleasesThePlanNoLongerKeeps() {
        ModelRegistry registry = new ModelRegistry();
        ModelReleaseProcessor processor = started(registry, 2);
        byte[] v1 = bytes(release(1, 1));
        processor.process(new Record<>("m", v1, 0L));
        processor.process(new Record<>("m", bytes(release(2, 2)), 0L));
        byte[] back = bytes(Rollouts.rollback(release(3, 1), 1));
        processor.process(new Record<>("m", back, 0L));

        StoredRollout stored = StoredRollout.decode(store.get("m"));
        assertThat(stored.releases()).extracting(StoredRollout.Release::releaseVersion).containsExactly(2L, 3L);
        assertThat(stored.phases()).containsExactly(new StoredRollout.Phase(Long.MIN_VALUE, 3, -1, 0.0, -1));

        ModelRegistry restarted = new ModelRegistry();
        started(restarted, 2);
        ServingModel serving = restarted.servingAt("m", 0);
        assertThat(serving.version()).isEqualTo(1);
        assertThat(serving.releaseVersion()).isEqualTo(3);
        assertThat(restarted.hasRelease("m", 3)).isTrue();
    }

    @Test
    void shouldTakeABareReleaseFromAnOlderStoreAsARelease() {
        ModelRelease v5 = release(5, 5);
        store.init(new MockProcessorContext<>().getStateStoreContext(), store);
        store.put("m", bytes(v5));
        ModelRegistry registry = new ModelRegistry();
        ModelReleaseProcessor processor = started(registry, 4);
        assertThat(registry.servingAt("m", 0).version()).isEqualTo(5);

        processor.process(new Record<>("m", bytes(release(6, 6)), 0L));
        StoredRollout stored = StoredRollout.decode(store.get("m"));
        assertThat(stored.releases()).containsExactly(new StoredRollout.Release(5, bytes(v5)),
                new StoredRollout.Release(6, bytes(release(6, 6))));
    }
}
