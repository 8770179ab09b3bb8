package io.seqscore.app.model;

import io.seqscore.app.testing.Releases;
import io.seqscore.app.testing.Rollouts;
import io.seqscore.avro.ModelRelease;
import io.seqscore.model.core.CellType;
import io.seqscore.model.core.NetworkSpec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How releases change a model's phases over event time, and which versions the plan keeps. */
class RolloutPlanTest {
    private static final NetworkSpec SPEC = NetworkSpec.uniform(CellType.GRU_RESET_AFTER, 1, 2, 1);
    private static final NetworkSpec WIDE = NetworkSpec.uniform(CellType.GRU_RESET_AFTER, 2, 2, 1);
    private final ModelReleaseDecoder decoder = new ModelReleaseDecoder(ReleaseVerifier.ACCEPT_UNSIGNED);

    private static ModelRelease release(long version, long seed) {
        return release(SPEC, version, seed);
    }

    private static ModelRelease release(NetworkSpec spec, long version, long seed) {
        return Releases.release("m", version, spec, Releases.randomParams(spec, seed, 0.4f), Releases.none(),
                Releases.gaussian(spec, 1.0, 0.99, 0));
    }

    private ServingModel model(ModelRelease release) throws ReleaseRejectedException {
        return decoder.decode("m", release);
    }

    @Test
    void shouldSplitThePhaseAtTheActivationTimeSoEarlierEventsKeepTheOldVersion() throws Exception {
        ServingModel v1 = model(release(1, 1));
        ServingModel v2 = model(Rollouts.full(release(2, 2), 1_000L));
        RolloutPlan plan = RolloutPlan.empty("m").with(v1, 4).with(v2, 4);

        assertThat(plan.phaseCount()).isEqualTo(2);
        assertThat(plan.start(0)).isEqualTo(Long.MIN_VALUE);
        assertThat(plan.start(1)).isEqualTo(1_000L);
        assertThat(plan.phaseAt(Long.MIN_VALUE).serving()).isSameAs(v1);
        assertThat(plan.phaseAt(999).serving()).isSameAs(v1);
        assertThat(plan.phaseAt(1_000).serving()).isSameAs(v2);
        assertThat(plan.phaseAt(Long.MAX_VALUE).serving()).isSameAs(v2);
        assertThat(plan.kept()).containsExactly(v1, v2);
        assertThat(plan.latestRelease()).isEqualTo(2);
    }

    @Test
    void shouldLeaveEventsBeforeTheFirstActivationWithoutAModel() throws Exception {
        ServingModel v1 = model(Rollouts.full(release(1, 1), 500L));
        RolloutPlan plan = RolloutPlan.empty("m").with(v1, 4);
        assertThat(plan.phaseAt(499)).isSameAs(RolloutPhase.EMPTY);
        assertThat(plan.phaseAt(500).serving()).isSameAs(v1);
    }

    @Test
    void shouldLetAReleaseOnArrivalReplaceEveryPhaseIncludingPendingOnes() throws Exception {
        ServingModel v1 = model(release(1, 1));
        ServingModel v2 = model(Rollouts.full(release(2, 2), 1_000L));
        ServingModel v3 = model(release(3, 3));
        RolloutPlan plan = RolloutPlan.empty("m").with(v1, 4).with(v2, 4).with(v3, 4);
        assertThat(plan.phaseCount()).isEqualTo(1);
        assertThat(plan.phaseAt(0).serving()).isSameAs(v3);
        assertThat(plan.phaseAt(5_000).serving()).isSameAs(v3);
        assertThat(plan.kept()).as("unused versions stay while there is room").containsExactly(v1, v2, v3);
        assertThat(plan.uses(v1)).isFalse();
        assertThat(plan.uses(v3)).isTrue();
    }

    @Test
    void shouldAddCanaryAndShadowCandidatesBesideTheServingVersionAndEndThemWithAFullRelease() throws Exception {
        ServingModel v1 = model(release(1, 1));
        ServingModel c2 = model(Rollouts.canary(release(2, 2), 10, null));
        ServingModel s3 = model(Rollouts.shadow(release(3, 3), null));
        ServingModel c4 = model(Rollouts.canary(release(4, 2), 50, 2_000L));
        RolloutPlan plan = RolloutPlan.empty("m").with(v1, 4).with(c2, 4).with(s3, 4).with(c4, 4);

        RolloutPhase before = plan.phaseAt(1_999);
        assertThat(before.serving()).isSameAs(v1);
        assertThat(before.canary()).isSameAs(c2);
        assertThat(before.canaryPercent()).isEqualTo(10.0);
        assertThat(before.shadow()).isSameAs(s3);
        RolloutPhase after = plan.phaseAt(2_000);
        assertThat(after.serving()).isSameAs(v1);
        assertThat(after.canary()).isSameAs(c4);
        assertThat(after.canaryPercent()).isEqualTo(50.0);
        assertThat(after.shadow()).isSameAs(s3);
        assertThat(after.modelFor(4_999)).isSameAs(c4);
        assertThat(after.modelFor(5_000)).isSameAs(v1);
        assertThat(before.modelFor(999)).isSameAs(c2);
        assertThat(before.modelFor(1_000)).isSameAs(v1);
        assertThat(plan.runsShadow(3)).isTrue();
        assertThat(plan.runsShadow(1)).isFalse();

        ServingModel v5 = model(release(5, 5));
        RolloutPlan promoted = plan.with(v5, 4);
        assertThat(promoted.phaseCount()).isEqualTo(1);
        RolloutPhase only = promoted.phaseAt(0);
        assertThat(only.serving()).isSameAs(v5);
        assertThat(only.canary()).isNull();
        assertThat(only.shadow()).isNull();
        assertThat(only.hasCanary()).isFalse();
        assertThat(promoted.runsShadow(3)).isFalse();
        assertThat(promoted.kept()).containsExactly(c2, s3, c4, v5);
    }

    @Test
    void shouldMergePhasesThatBecameEqual() throws Exception {
        ServingModel v1 = model(release(1, 1));
        ServingModel v2 = model(Rollouts.full(release(2, 2), 1_000L));
        ServingModel v3 = model(Rollouts.full(release(3, 3), 500L));
        RolloutPlan plan = RolloutPlan.empty("m").with(v1, 4).with(v2, 4).with(v3, 4);
        assertThat(plan.phaseCount()).isEqualTo(2);
        assertThat(plan.start(1)).isEqualTo(500L);
        assertThat(plan.phaseAt(499).serving()).isSameAs(v1);
        assertThat(plan.phaseAt(1_000).serving()).isSameAs(v3);
    }

    @Test
    void shouldDropTheOldestPhasesWhenTheyUseMoreVersionsThanKept() throws Exception {
        ServingModel v1 = model(release(1, 1));
        ServingModel v2 = model(Rollouts.full(release(2, 2), 1_000L));
        ServingModel v3 = model(Rollouts.full(release(3, 3), 2_000L));
        RolloutPlan plan = RolloutPlan.empty("m").with(v1, 2).with(v2, 2).with(v3, 2);
        assertThat(plan.phaseCount()).isEqualTo(2);
        assertThat(plan.start(0)).isEqualTo(Long.MIN_VALUE);
        assertThat(plan.start(1)).isEqualTo(2_000L);
        assertThat(plan.phaseAt(0).serving()).as("the phase of v2 now applies from the start").isSameAs(v2);
        assertThat(plan.phaseAt(2_000).serving()).isSameAs(v3);
        assertThat(plan.kept()).containsExactly(v2, v3);
    }

    @Test
    void shouldRejectACandidateThatReadsAnotherNumberOfValuesThanTheServingVersion() throws Exception {
        ServingModel v1 = model(release(1, 1));
        ServingModel wideShadow = model(Rollouts.shadow(release(WIDE, 2, 2), null));
        RolloutPlan plan = RolloutPlan.empty("m").with(v1, 4);
        assertThatThrownBy(() -> plan.with(wideShadow, 4)).isInstanceOf(ReleaseRejectedException.class)
                .hasMessage("a SHADOW release must read as many values as the version it runs beside: it reads 2,"
                        + " version 1 reads 1");
        ServingModel wideFull = model(release(WIDE, 3, 3));
        assertThat(plan.with(wideFull, 4).phaseAt(0).serving()).isSameAs(wideFull);
    }

    @Test
    void shouldServeARollbackUnderTheVersionItRestoresAndCheckItsWeightsWhileThatVersionIsKept() throws Exception {
        ServingModel v1 = model(release(1, 1));
        ServingModel v2 = model(release(2, 2));
        RolloutPlan plan = RolloutPlan.empty("m").with(v1, 4).with(v2, 4);

        ServingModel back = model(Rollouts.rollback(release(3, 1), 1));
        assertThat(back.version()).isEqualTo(1);
        assertThat(back.releaseVersion()).isEqualTo(3);
        assertThat(back.isRollback()).isTrue();
        RolloutPlan rolledBack = plan.with(back, 4);
        assertThat(rolledBack.phaseAt(0).serving()).isSameAs(back);
        assertThat(rolledBack.latestRelease()).isEqualTo(3);

        ServingModel forged = model(Rollouts.rollback(release(3, 99), 1));
        assertThatThrownBy(() -> plan.with(forged, 4)).isInstanceOf(ReleaseRejectedException.class)
                .hasMessage("rollback to version 1 carries other weights or another architecture than version 1"
                        + " (release 1), which this scorer still keeps");
        RolloutPlan forgotten = RolloutPlan.empty("m").with(v2, 4);
        assertThat(forgotten.with(forged, 4).phaseAt(0).serving()).as("nothing to check against").isSameAs(forged);
    }

    @Test
    void shouldRejectARollbackThatDoesNotNameAnEarlierVersion() {
        assertThatThrownBy(() -> model(Rollouts.rollback(release(3, 1), 3))).isInstanceOf(ReleaseRejectedException.class)
                .hasMessage("rollout rollbackTo must name an earlier version (1 to 2), got 3");
        assertThatThrownBy(() -> model(Rollouts.rollback(release(3, 1), 0))).isInstanceOf(ReleaseRejectedException.class)
                .hasMessage("rollout rollbackTo must name an earlier version (1 to 2), got 0");
    }
}
