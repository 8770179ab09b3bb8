package io.seqscore.trainer.release;

import io.seqscore.avro.ModelRelease;
import io.seqscore.avro.RolloutDirective;
import io.seqscore.avro.RolloutMode;
import io.seqscore.schemas.ReleaseSignatures;
import io.seqscore.schemas.ReleaseSignatures.Verdict;
import io.seqscore.trainer.Releases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RollbackReleaseTest {
    private static final long CREATED = 1_720_000_000_000L;

    @TempDir
    Path dir;

    private static Verdict verify(ModelRelease release, String keyId, PublicKey key) {
        return ReleaseSignatures.verify(release, id -> id.equals(keyId) ? key : null);
    }

    @Test
    void shouldCarryTheEarlierModelUnderANewVersionAsAFullRollbackToIt() {
        ModelRelease earlier = ReleaseBuilderTest.build(new Rollout(25.0, false, 1_000L));
        ModelRelease copy = ModelRelease.newBuilder(earlier).build();

        ModelRelease back = RollbackRelease.of(earlier, 7, CREATED);

        assertThat(back.getName()).isEqualTo("net");
        assertThat(back.getVersion()).isEqualTo(7);
        assertThat(back.getCreatedAt()).isEqualTo(Instant.ofEpochMilli(CREATED));
        assertThat(back.getRollout()).isEqualTo(RolloutDirective.newBuilder().setMode(RolloutMode.FULL)
                .setCanaryPercent(0.0).setActivateAt(null).setRollbackTo(3L).build());
        assertThat(back.getSignature()).isNull();
        assertThat(back.getArchitecture()).isEqualTo(earlier.getArchitecture());
        assertThat(back.getWeights()).isEqualTo(earlier.getWeights());
        assertThat(ReleaseNetwork.of(back).params()).containsExactly(ReleaseBuilderTest.params());
        assertThat(back.getNormalizer()).isEqualTo(earlier.getNormalizer());
        assertThat(back.getCalibration()).isEqualTo(earlier.getCalibration());
        assertThat(back.getProvenance()).isEqualTo(earlier.getProvenance());
        assertThat(earlier).as("the earlier release is left as it was").isEqualTo(copy);
    }

    @Test
    void shouldRestoreTheVersionARollbackFileItselfRestored() {
        ModelRelease first = ReleaseBuilderTest.build(Rollout.FULL);
        ModelRelease back = RollbackRelease.of(first, 5, CREATED);
        assertThat(RollbackRelease.restoredVersion(first)).isEqualTo(3);
        assertThat(RollbackRelease.restoredVersion(back)).isEqualTo(3);

        ModelRelease again = RollbackRelease.of(back, 9, CREATED + 1);
        assertThat(again.getVersion()).isEqualTo(9);
        assertThat(again.getRollout().getRollbackTo()).isEqualTo(3L);
        assertThat(again.getWeights()).isEqualTo(first.getWeights());
        assertThat(RollbackRelease.of(back, 4, CREATED).getRollout().getRollbackTo()).isEqualTo(3L);
    }

    @Test
    void shouldRefuseAVersionThatIsNotAboveTheRestoredOne() {
        ModelRelease earlier = ReleaseBuilderTest.build(Rollout.FULL);
        assertThatThrownBy(() -> RollbackRelease.of(earlier, 3, CREATED)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a rollback to version 3 needs a higher release version, got 3");
        assertThatThrownBy(() -> RollbackRelease.of(RollbackRelease.of(earlier, 8, CREATED), 2, CREATED))
                .hasMessage("a rollback to version 3 needs a higher release version, got 2");
    }

    @Test
    void shouldNeedANewSignatureOverTheChangedCanonicalForm() {
        KeyPair pair = SigningKeys.generate();
        Path key = dir.resolve("ops.key");
        SigningKeys.write(pair, key, dir.resolve("ops.pub"));
        ModelRelease earlier = Releases.sign(ReleaseBuilderTest.build(Rollout.FULL), key, null);
        assertThat(verify(earlier, "ops", pair.getPublic())).isEqualTo(Verdict.VALID);

        ModelRelease back = RollbackRelease.of(earlier, 4, CREATED);
        ModelRelease withOldSignature = ModelRelease.newBuilder(back).setSignature(earlier.getSignature()).build();
        assertThat(verify(withOldSignature, "ops", pair.getPublic())).isEqualTo(Verdict.INVALID);

        ModelRelease signed = Releases.sign(back, key, "ops-2024");
        assertThat(signed.getSignature().getKeyId()).isEqualTo("ops-2024");
        assertThat(verify(signed, "ops-2024", pair.getPublic())).isEqualTo(Verdict.VALID);
        assertThat(verify(signed, "ops-2024", SigningKeys.generate().getPublic())).isEqualTo(Verdict.INVALID);
        assertThat(ModelRelease.newBuilder(signed).setSignature(null).build()).isEqualTo(back);
    }
}
