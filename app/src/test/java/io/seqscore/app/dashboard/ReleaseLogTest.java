package io.seqscore.app.dashboard;

import io.seqscore.app.model.ModelRegistry;
import io.seqscore.app.model.ModelReleaseDecoder;
import io.seqscore.app.model.ReleaseVerifier;
import io.seqscore.app.model.RolloutView;
import io.seqscore.app.testing.Releases;
import io.seqscore.app.testing.Rollouts;
import io.seqscore.avro.ModelRelease;
import io.seqscore.model.core.CellType;
import io.seqscore.model.core.NetworkSpec;
import org.junit.jupiter.api.Test;

import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/** The release log names each release the registry takes up by its kind, promotions and roll-backs included. */
class ReleaseLogTest {
    private static final NetworkSpec SPEC = NetworkSpec.uniform(CellType.LSTM, 1, 2, 1);
    private static final long CREATED = 1_700_000_000_000L;

    private final ModelReleaseDecoder decoder = new ModelReleaseDecoder(ReleaseVerifier.ACCEPT_UNSIGNED);
    private final ModelRegistry registry = new ModelRegistry();

    /** Release {@code release} of model m with the weights of {@code weightsOf}, rolled out by {@code rollout}. */
    private void offer(long release, long weightsOf, UnaryOperator<ModelRelease> rollout) throws Exception {
        ModelRelease r = Releases.release("m", release, SPEC, Releases.randomParams(SPEC, weightsOf, 0.3f),
                Releases.none(), Releases.gaussian(SPEC, 1, 0.99, 0));
        registry.offer(decoder.decode("m", rollout.apply(r)), 0);
    }

    @Test
    void shouldNameCanaryPromotionAndRollbackInReleaseOrder() throws Exception {
        ReleaseLog log = new ReleaseLog();
        offer(1, 1, r -> r);
        log.observe(RolloutView.of(registry, 0));
        offer(2, 2, r -> Rollouts.canary(r, 50, null));
        log.observe(RolloutView.of(registry, 0));
        offer(3, 2, r -> Rollouts.rollback(r, 2));
        log.observe(RolloutView.of(registry, 0));
        offer(4, 4, r -> Rollouts.canary(r, 50, null));
        log.observe(RolloutView.of(registry, 0));
        offer(5, 2, r -> Rollouts.rollback(r, 2));
        log.observe(RolloutView.of(registry, 0));
        log.observe(RolloutView.of(registry, 0));

        assertThat(log.marks()).containsExactly(
                new DashboardSnapshot.ReleaseMark("m", 1, 1, "full", CREATED + 1),
                new DashboardSnapshot.ReleaseMark("m", 2, 2, "canary", CREATED + 2),
                new DashboardSnapshot.ReleaseMark("m", 3, 2, "promote", CREATED + 3),
                new DashboardSnapshot.ReleaseMark("m", 4, 4, "canary", CREATED + 4),
                new DashboardSnapshot.ReleaseMark("m", 5, 2, "rollback", CREATED + 5));
    }

    @Test
    void shouldTellAPromotionFromARollbackWhenItSeesThemOnlyAfterwards() throws Exception {
        ReleaseLog log = new ReleaseLog();
        offer(1, 1, r -> r);
        offer(2, 2, r -> Rollouts.canary(r, 50, null));
        offer(3, 2, r -> Rollouts.rollback(r, 2));
        log.observe(RolloutView.of(registry, 0));
        assertThat(log.marks()).extracting(DashboardSnapshot.ReleaseMark::kind).last().isEqualTo("promote");

        offer(4, 4, r -> Rollouts.canary(r, 50, null));
        offer(5, 2, r -> Rollouts.rollback(r, 2));
        log.observe(RolloutView.of(registry, 0));
        assertThat(log.marks()).extracting(DashboardSnapshot.ReleaseMark::kind).last().isEqualTo("rollback");
    }
}
