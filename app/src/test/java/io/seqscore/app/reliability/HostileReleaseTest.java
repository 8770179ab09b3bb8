package io.seqscore.app.reliability;

import io.seqscore.app.model.RejectedRelease;
import io.seqscore.app.testing.ScorerDriver;
import io.seqscore.app.testing.SigningKeys;
import io.seqscore.avro.ModelRelease;
import io.seqscore.avro.Score;
import io.seqscore.schemas.ReleaseSignatures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * With trusted keys configured, a signed release with one bit of any weight flipped, a validly signed release
 * whose weights are NaN or infinite, an unsigned one and one signed by an unknown key are each rejected with
 * their reason, and the serving version goes on scoring exactly as in a run that never saw them (bit for bit).
 * (ReleaseValidationTest covers an unsigned, an unknown-key and a changed-threshold release; this covers the
 * weights.)
 */
class HostileReleaseTest {
    private static final KeyPair OPS = SigningKeys.generate();
    private static final KeyPair STRANGER = SigningKeys.generate();
    private static final String MISMATCH = "release signature by key 'ops' does not match the release (changed after"
            + " signing, or signed with another key)";

    @Test
    void shouldRejectEveryOneBitWeightFlipAndSignedNonFiniteWeightsWhileTheServingVersionScoresOnUnchanged(
            @TempDir Path dir) throws Exception {
        Path keys = SigningKeys.writePublic(OPS, dir.resolve("keys/ops.pub")).getParent();
        ModelRelease v1 = ReleaseSignatures.sign(Workload.release(1, 7), OPS.getPrivate(), "ops");
        List<ModelRelease> hostile = new ArrayList<>(HostileReleases.four(OPS, "ops", STRANGER));
        ModelRelease signedV7 = ReleaseSignatures.sign(Workload.release(7, 9), OPS.getPrivate(), "ops");
        int tensors = signedV7.getWeights().size();
        for (int t = 0; t < tensors; t++) {
            for (int bit : new int[] {0, 22, 23, 30, 31}) {
                hostile.add(HostileReleases.flipBit(signedV7, t, 0, bit));
            }
        }
        hostile.add(ReleaseSignatures.sign(HostileReleases.withWeight(Workload.release(8, 9), 0, 0,
                Float.POSITIVE_INFINITY), OPS.getPrivate(), "ops"));

        List<Score> attacked = new ArrayList<>();
        List<Score> quiet = new ArrayList<>();
        try (ScorerDriver driver = new ScorerDriver(dir.resolve("a"),
                Map.of("seqscore.release.trusted.keys", keys.toString()));
             ScorerDriver reference = new ScorerDriver(dir.resolve("b"), Map.of())) {
            driver.publish(v1);
            reference.publish(v1);
            for (int i = 0; i < hostile.size(); i++) {
                driver.publish(hostile.get(i));
                double value = Workload.value(0, i);
                driver.send("k", Workload.T0 + i, value);
                reference.send("k", Workload.T0 + i, value);
                attacked.addAll(driver.scores());
                quiet.addAll(reference.scores());
                assertThat(driver.registry().serving(Workload.MODEL).version()).isEqualTo(1);
            }
            List<RejectedRelease> rejections = driver.registry().rejections();
            assertThat(rejections).hasSize(hostile.size());
            assertThat(rejections.subList(0, 4)).extracting(RejectedRelease::version, RejectedRelease::reason)
                    .containsExactly(
                            tuple(3L, "release is unsigned, and this scorer requires a signature by one of its trusted"
                                    + " keys [ops]"),
                            tuple(4L, "release is signed with key 'stranger', which is not among the trusted keys [ops]"),
                            tuple(5L, MISMATCH),
                            tuple(6L, "weight layer0.U[0][2] is not finite: NaN"));
            assertThat(rejections.subList(4, 4 + 5 * tensors)).extracting(RejectedRelease::reason).containsOnly(MISMATCH);
            assertThat(rejections.get(hostile.size() - 1).reason()).isEqualTo("weight layer0.W[0][0] is not finite:"
                    + " Infinity");
            assertThat(driver.registry().swapCount()).isEqualTo(1);

            assertThat(attacked).hasSize(hostile.size()).isEqualTo(quiet);
            assertThat(attacked).extracting(Score::getModelVersion).containsOnly(1L);
            assertThat(driver.dlq().readRecordsToList()).isEmpty();

            driver.publish(signedV7);
            driver.send("k", Workload.T0 + hostile.size(), 10.0);
            assertThat(driver.scores()).extracting(Score::getModelVersion).containsExactly(7L);
        }
    }
}
