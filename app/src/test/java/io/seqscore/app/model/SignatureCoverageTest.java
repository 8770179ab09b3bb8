package io.seqscore.app.model;

import io.seqscore.app.testing.Releases;
import io.seqscore.app.testing.SigningKeys;
import io.seqscore.avro.FeatureKind;
import io.seqscore.avro.InputFeatures;
import io.seqscore.avro.ModelRelease;
import io.seqscore.avro.Signature;
import io.seqscore.model.core.CellType;
import io.seqscore.model.core.NetworkSpec;
import io.seqscore.schemas.ReleaseCanonicalForm;
import io.seqscore.schemas.ReleaseSignatures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which canonical forms the scorer's signature check accepts: form 2 for any release, form 1 only without features. */
class SignatureCoverageTest {
    private static final NetworkSpec SPEC = NetworkSpec.uniform(CellType.LSTM, 1, 2, 1);
    private static final KeyPair OPS = SigningKeys.generate();

    @TempDir
    Path dir;

    private static ModelRelease release() {
        return Releases.release("m", 3, SPEC, Releases.randomParams(SPEC, 3, 0.5f), Releases.none(),
                Releases.gaussian(SPEC, 1, 0.99, 0));
    }

    private static ModelRelease seasonal() {
        return ModelRelease.newBuilder(release()).setFeatures(InputFeatures.newBuilder()
                .setKind(FeatureKind.SEASONAL_CHANGES).setPeriodMillis(86_400_000L).setSpacingMillis(300_000L)
                .setToleranceMillis(1_800_000L).setHistorySize(320).setClip(5f).build()).build();
    }

    /** A signature as a trainer of the first generation made it: over canonical form 1. */
    private static ModelRelease signedUnderForm1(ModelRelease release) throws GeneralSecurityException {
        java.security.Signature signer = java.security.Signature.getInstance("Ed25519");
        signer.initSign(OPS.getPrivate());
        signer.update(ReleaseCanonicalForm.bytesToSign(release, 1));
        return ModelRelease.newBuilder(release).setSignature(Signature.newBuilder().setKeyId("ops").setCanonicalForm(1)
                .setValue(ByteBuffer.wrap(signer.sign())).build()).build();
    }

    @Test
    void shouldAcceptForm1WithoutFeaturesAndForm2WithThem() throws Exception {
        SigningKeys.writePublic(OPS, dir.resolve("ops.pub"));
        SignatureVerifier verifier = new SignatureVerifier(TrustedKeys.load(List.of(dir)));

        assertThatCode(() -> verifier.verify(signedUnderForm1(release()))).doesNotThrowAnyException();
        assertThatCode(() -> verifier.verify(ReleaseSignatures.sign(seasonal(), OPS.getPrivate(), "ops")))
                .doesNotThrowAnyException();
    }

    @Test
    void shouldRejectAForm1SignatureOverSeasonalFeatures() throws Exception {
        SigningKeys.writePublic(OPS, dir.resolve("ops.pub"));
        SignatureVerifier verifier = new SignatureVerifier(TrustedKeys.load(List.of(dir)));
        ModelRelease forged = signedUnderForm1(seasonal());

        assertThatThrownBy(() -> verifier.verify(forged)).isInstanceOf(ReleaseRejectedException.class)
                .hasMessage("release is signed under canonical form 1, which does not cover all of its fields (features, head); sign it again"
                        + " with a current trainer");
    }
}
