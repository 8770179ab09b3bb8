package io.seqscore.app.model;

import io.seqscore.app.testing.Releases;
import io.seqscore.model.core.CellType;
import io.seqscore.model.core.NetworkSpec;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** The global-store processor alone: what it keeps in the store, and the registry it rebuilds from the store. */
class ModelReleaseProcessorTest {
    private static final NetworkSpec SPEC = NetworkSpec.uniform(CellType.RNN_TANH, 1, 2, 1);

    @RegisterExtension
    final ModelsStore models = new ModelsStore("model-release-processor-test");

    private byte[] bytes(String name, long version, float weightScale) {
        return models.bytes(Releases.release(name, version, SPEC,
                Releases.randomParams(SPEC, version, weightScale), Releases.none(), Releases.gaussian(SPEC, 1, 0.99, 0)));
    }

    @Test
    void shouldKeepOnlyServedReleasesInTheStoreAndRebuildTheRegistryFromIt() {
        ModelRegistry registry = new ModelRegistry();
        ModelReleaseProcessor processor = models.started(registry);
        byte[] a1 = bytes("a", 1, 0.5f);
        byte[] b4 = bytes("b", 4, 0.5f);
        processor.process(new Record<>("a", a1, 0L));
        processor.process(new Record<>("b", b4, 0L));
        processor.process(new Record<>("b", bytes("b", 3, 0.5f), 0L));
        processor.process(new Record<>("c", bytes("wrong-name", 1, 0.5f), 0L));
        processor.process(new Record<>(null, a1, 0L));

        assertThat(StoredRollout.decode(models.store().get("a")).releases())
                .containsExactly(new StoredRollout.Release(1, a1));
        assertThat(StoredRollout.decode(models.store().get("b")).releases())
                .containsExactly(new StoredRollout.Release(4, b4));
        assertThat(models.store().get("c")).isNull();
        assertThat(registry.rejections()).extracting(RejectedRelease::reason).containsExactly(
                "version 3 is older than the latest release, version 4",
                "release name 'wrong-name' differs from its record key 'c'",
                "release record without a key (the key must be the model name)");
        assertThat(registry.rejections().get(0).rejectedAt()).isEqualTo(1234);

        ModelRegistry afterRestart = new ModelRegistry();
        models.started(afterRestart);
        assertThat(afterRestart.servingModels().keySet()).containsExactly("a", "b");
        assertThat(afterRestart.serving("a").version()).isEqualTo(1);
        assertThat(afterRestart.serving("b").version()).isEqualTo(4);
        assertThat(afterRestart.rejections()).isEmpty();
    }

    @Test
    void shouldRetireAModelAndForgetItsReleaseOnATombstone() {
        ModelRegistry registry = new ModelRegistry();
        ModelReleaseProcessor processor = models.started(registry);
        processor.process(new Record<>("a", bytes("a", 1, 0.5f), 0L));
        processor.process(new Record<>("a", null, 0L));
        assertThat(registry.serving("a")).isNull();
        assertThat(models.store().get("a")).isNull();
    }

    @Test
    void shouldNotDecodeAReleaseTwice() {
        ModelRegistry registry = new ModelRegistry();
        ModelReleaseProcessor processor = models.started(registry);
        byte[] a1 = bytes("a", 1, 0.5f);
        processor.process(new Record<>("a", a1, 0L));
        ServingModel first = registry.serving("a");
        processor.process(new Record<>("a", a1, 0L));
        models.started(registry);
        assertThat(registry.serving("a")).isSameAs(first);
        assertThat(registry.swapCount()).isEqualTo(1);
    }
}
