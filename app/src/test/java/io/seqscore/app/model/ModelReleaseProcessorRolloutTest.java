package io.seqscore.app.model;

import io.seqscore.app.testing.Releases;
import io.seqscore.app.testing.Rollouts;
import io.seqscore.avro.ModelRelease;
import io.seqscore.model.core.CellType;
import io.seqscore.model.core.NetworkSpec;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** What the models' global store keeps of a rollout, and the exact plan a restart gets back from it. */
class ModelReleaseProcessorRolloutTest {
    private static final NetworkSpec SPEC = NetworkSpec.uniform(CellType.LSTM, 1, 3, 1);

    @RegisterExtension
    final ModelsStore models = new ModelsStore("model-release-processor-rollout-test");

    private static ModelRelease release(long version, long seed) {
        return Releases.release("m", version, SPEC, Releases.randomParams(SPEC, seed, 0.4f), Releases.none(),
                Releases.gaussian(SPEC, 1, 0.99, 0));
    }

    @Test
    void shouldPutBackPendingActivationsCanaryAndShadowExactlyAfterARestart() {
        ModelRegistry registry = new ModelRegistry();
        ModelReleaseProcessor processor = models.started(registry, 4);
        processor.process(new Record<>("m", models.bytes(release(1, 1)), 0L));
        processor.process(new Record<>("m", models.bytes(Rollouts.full(release(2, 2), 5_000L)), 0L));
        processor.process(new Record<>("m", models.bytes(Rollouts.canary(release(3, 3), 20, null)), 0L));
        processor.process(new Record<>("m", models.bytes(Rollouts.shadow(release(4, 4), null)), 0L));
        RolloutPlan before = registry.plan("m");
        assertThat(before.toString()).isEqualTo("RolloutPlan[m, release 4, always: RolloutPhase[serving=1, canary=3 at"
                + " 20.0%, shadow=4], from 5000: RolloutPhase[serving=2, canary=3 at 20.0%, shadow=4]]");

        ModelRegistry restarted = new ModelRegistry();
        models.started(restarted, 4);
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
        ModelReleaseProcessor processor = models.started(registry, 2);
        byte[] v1 = models.bytes(release(1, 1));
        processor.process(new Record<>("m", v1, 0L));
        processor.process(new Record<>("m", models.bytes(release(2, 2)), 0L));
        byte[] back = models.bytes(Rollouts.rollback(release(3, 1), 1));
        processor.process(new Record<>("m", back, 0L));

        StoredRollout stored = StoredRollout.decode(models.store().get("m"));
        assertThat(stored.releases()).extracting(StoredRollout.Release::releaseVersion).containsExactly(2L, 3L);
        assertThat(stored.phases()).containsExactly(new StoredRollout.Phase(Long.MIN_VALUE, 3, -1, 0.0, -1));

        ModelRegistry restarted = new ModelRegistry();
        models.started(restarted, 2);
        ServingModel serving = restarted.servingAt("m", 0);
        assertThat(serving.version()).isEqualTo(1);
        assertThat(serving.releaseVersion()).isEqualTo(3);
        assertThat(restarted.hasRelease("m", 3)).isTrue();
    }

    @Test
    void shouldTakeABareReleaseFromAnOlderStoreAsARelease() {
        ModelRelease v5 = release(5, 5);
        models.store().init(new MockProcessorContext<>().getStateStoreContext(), models.store());
        models.store().put("m", models.bytes(v5));
        ModelRegistry registry = new ModelRegistry();
        ModelReleaseProcessor processor = models.started(registry, 4);
        assertThat(registry.servingAt("m", 0).version()).isEqualTo(5);

        processor.process(new Record<>("m", models.bytes(release(6, 6)), 0L));
        StoredRollout stored = StoredRollout.decode(models.store().get("m"));
        assertThat(stored.releases()).containsExactly(new StoredRollout.Release(5, models.bytes(v5)),
                new StoredRollout.Release(6, models.bytes(release(6, 6))));
    }
}
