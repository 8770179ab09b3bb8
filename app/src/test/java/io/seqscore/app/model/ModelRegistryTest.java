package io.seqscore.app.model;

import io.seqscore.app.testing.Releases;
import io.seqscore.avro.ModelRelease;
import io.seqscore.avro.RolloutDirective;
import io.seqscore.avro.RolloutMode;
import io.seqscore.model.core.CellType;
import io.seqscore.model.core.NetworkSpec;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class ModelRegistryTest {
    private static final NetworkSpec SPEC = NetworkSpec.uniform(CellType.LSTM, 1, 2, 1);
    private final ModelReleaseDecoder decoder = new ModelReleaseDecoder(ReleaseVerifier.ACCEPT_UNSIGNED);
    private final ModelRegistry registry = new ModelRegistry();

    private ServingModel model(String name, long version) throws ReleaseRejectedException {
        return decoder.decode(name, release(name, version));
    }

    private static ModelRelease release(String name, long version) {
        return Releases.release(name, version, SPEC, Releases.randomParams(SPEC, version, 0.3f), Releases.none(),
                Releases.gaussian(SPEC, 1.0, 0.99, 0));
    }

    @Test
    void shouldServeNewerVersionsIgnoreRepeatsAndRejectOlderOnes() throws Exception {
        ServingModel v2 = model("m", 2);
        assertThat(registry.offer(v2, 10).outcome()).isEqualTo(ModelRegistry.Outcome.SERVING);
        assertThat(registry.serving("m")).isSameAs(v2);
        assertThat(registry.offer(model("m", 2), 11).outcome()).isEqualTo(ModelRegistry.Outcome.ALREADY_SERVING);
        assertThat(registry.serving("m")).isSameAs(v2);

        ModelRegistry.Decision older = registry.offer(model("m", 1), 12);
        assertThat(older).isEqualTo(new ModelRegistry.Decision(ModelRegistry.Outcome.REJECTED,
                "version 1 is older than the latest release, version 2"));
        assertThat(registry.serving("m")).isSameAs(v2);

        ServingModel v5 = model("m", 5);
        assertThat(registry.offer(v5, 13).outcome()).isEqualTo(ModelRegistry.Outcome.SERVING);
        assertThat(registry.serving("m")).isSameAs(v5);
        assertThat(registry.isServing("m", 5)).isTrue();
        assertThat(registry.isServing("m", 2)).isFalse();
        assertThat(registry.swapCount()).isEqualTo(2);
        assertThat(registry.rejections()).containsExactly(
                new RejectedRelease("m", 1, "version 1 is older than the latest release, version 2", 12));
        assertThat(registry.servingModels()).containsOnlyKeys("m");
    }

    @Test
    void shouldKeepModelsOfDifferentNamesApartAndRetireThem() throws Exception {
        registry.offer(model("a", 1), 0);
        registry.offer(model("b", 7), 0);
        assertThat(registry.serving("a").version()).isEqualTo(1);
        assertThat(registry.serving("b").version()).isEqualTo(7);
        assertThat(registry.retire("a")).isTrue();
        assertThat(registry.retire("a")).isFalse();
        assertThat(registry.serving("a")).isNull();
        assertThat(registry.serving("b").version()).isEqualTo(7);
    }

    @Test
    void shouldTakeUpCanaryAndTimedReleasesIntoThePlan() throws Exception {
        ServingModel v2 = model("m", 2);
        registry.offer(v2, 0);
        ModelRelease canary = release("m", 3);
        canary.setRollout(RolloutDirective.newBuilder().setMode(RolloutMode.CANARY).setCanaryPercent(10).build());
        ModelRelease timed = release("m", 4);
        timed.setRollout(RolloutDirective.newBuilder().setActivateAt(Instant.ofEpochMilli(5)).build());
        ServingModel v3 = decoder.decode("m", canary);
        ServingModel v4 = decoder.decode("m", timed);

        assertThat(registry.offer(v3, 1).outcome()).isEqualTo(ModelRegistry.Outcome.SERVING);
        assertThat(registry.offer(v4, 2).outcome()).isEqualTo(ModelRegistry.Outcome.SERVING);
        RolloutPlan plan = registry.plan("m");
        assertThat(plan.phaseAt(4).serving()).isSameAs(v2);
        assertThat(plan.phaseAt(4).canary()).isSameAs(v3);
        assertThat(plan.phaseAt(5).serving()).isSameAs(v4);
        assertThat(plan.phaseAt(5).canary()).isNull();
        assertThat(registry.servingAt("m", 4)).isSameAs(v2);
        assertThat(registry.serving("m")).isSameAs(v4);
        assertThat(registry.hasRelease("m", 4)).isTrue();
        assertThat(registry.rejectedCount()).isZero();
        assertThat(registry.swapCount()).isEqualTo(3);
    }

    @Test
    void shouldKeepOnlyTheMostRecentRejections() {
        for (int i = 0; i < ModelRegistry.MAX_REJECTIONS + 5; i++) {
            registry.reject("m", i, "bad " + i, i);
        }
        assertThat(registry.rejections()).hasSize(ModelRegistry.MAX_REJECTIONS);
        assertThat(registry.rejections().get(0).reason()).isEqualTo("bad 5");
        assertThat(registry.rejectedCount()).isEqualTo(ModelRegistry.MAX_REJECTIONS + 5);
    }

    @Test
    void shouldShowReadersEitherTheOldOrTheNewModelDuringSwaps() throws Exception {
        ServingModel[] versions = new ServingModel[50];
        for (int v = 1; v <= versions.length; v++) {
            versions[v - 1] = model("m", v);
        }
        registry.offer(versions[0], 0);
        AtomicBoolean done = new AtomicBoolean();
        AtomicReference<String> problem = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            long last = 0;
            while (!done.get()) {
                ServingModel m = registry.serving("m");
                if (m == null || m.version() < last || m != versions[(int) m.version() - 1]) {
                    problem.set("saw " + m + " after version " + last);
                    return;
                }
                last = m.version();
            }
        });
        reader.start();
        for (ServingModel m : versions) {
            registry.offer(m, 0);
        }
        done.set(true);
        reader.join();
        assertThat(problem.get()).isNull();
        assertThat(registry.serving("m")).isSameAs(versions[versions.length - 1]);
    }
}
