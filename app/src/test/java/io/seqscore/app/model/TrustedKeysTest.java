package io.seqscore.app.model;

import io.seqscore.app.testing.Releases;
import io.seqscore.app.testing.SigningKeys;
import io.seqscore.avro.ModelRelease;
import io.seqscore.model.core.CellType;
import io.seqscore.model.core.NetworkSpec;
import io.seqscore.schemas.ReleaseSignatures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Trusted keys read from PEM files and directories, and the signature check they make. */
class TrustedKeysTest {
    private static final NetworkSpec SPEC = NetworkSpec.uniform(CellType.LSTM, 1, 2, 1);
    private static final KeyPair OPS = SigningKeys.generate();
    private static final KeyPair CI = SigningKeys.generate();
    private static final KeyPair STRANGER = SigningKeys.generate();

    @TempDir
    Path dir;

    private static ModelRelease release() {
        return Releases.release("m", 3, SPEC, Releases.randomParams(SPEC, 3, 0.5f), Releases.none(),
                Releases.gaussian(SPEC, 1, 0.99, 0));
    }

    @Test
    void shouldReadEveryPemOfADirectoryAndSingleFilesUnderTheirFileNames() throws Exception {
        SigningKeys.writePublic(OPS, dir.resolve("keys/ops-2024.pub"));
        SigningKeys.writePublic(CI, dir.resolve("keys/ci.pem"));
        Files.writeString(dir.resolve("keys/README.txt"), "not a key");
        Files.createDirectories(dir.resolve("keys/old"));
        SigningKeys.writePublic(STRANGER, dir.resolve("keys/old/stranger.pub"));
        Path extra = SigningKeys.writePublic(STRANGER, dir.resolve("elsewhere/extra.key.pub"));

        TrustedKeys keys = TrustedKeys.load(List.of(dir.resolve("keys"), extra));
        assertThat(keys.ids()).containsExactly("ci", "extra.key", "ops-2024");
        assertThat(keys.key("ops-2024")).isEqualTo(OPS.getPublic());
        assertThat(keys.key("ci")).isEqualTo(CI.getPublic());
        assertThat(keys.key("extra.key")).isEqualTo(STRANGER.getPublic());
        assertThat(keys.key("stranger")).as("subdirectories are not read").isNull();
        assertThat(TrustedKeys.none().isEmpty()).isTrue();
    }

    @Test
    void shouldRefuseUnreadableWrongOrRepeatedKeysNamingTheFile() throws Exception {
        Path a = SigningKeys.writePublic(OPS, dir.resolve("a/ops.pub"));
        Path b = SigningKeys.writePublic(CI, dir.resolve("b/ops.pem"));
        assertThatThrownBy(() -> TrustedKeys.load(List.of(a, b)))
                .hasMessage("trusted key id 'ops' is given twice: " + a + " and " + b);

        Path text = Files.writeString(dir.resolve("text.pub"), "hello");
        assertThatThrownBy(() -> TrustedKeys.load(List.of(text)))
                .hasMessage(text + " is not a PEM file with a -----BEGIN PUBLIC KEY----- block");
        Path garbage = Files.writeString(dir.resolve("garbage.pub"),
                "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n");
        assertThatThrownBy(() -> TrustedKeys.load(List.of(garbage)))
                .hasMessageStartingWith(garbage + " is not an Ed25519 public key: ");
        Path missing = dir.resolve("missing.pub");
        assertThatThrownBy(() -> TrustedKeys.load(List.of(missing)))
                .hasMessageStartingWith("cannot read the trusted key file " + missing);
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertThatThrownBy(() -> TrustedKeys.load(List.of(empty)))
                .hasMessage("the trusted keys directory " + empty + " holds no *.pub or *.pem file");
    }

    @Test
    void shouldAcceptOnlyReleasesSignedByATrustedKeyOverTheirExactContent() throws Exception {
        SigningKeys.writePublic(OPS, dir.resolve("ops.pub"));
        SigningKeys.writePublic(CI, dir.resolve("ci.pub"));
        SignatureVerifier verifier = new SignatureVerifier(TrustedKeys.load(List.of(dir)));

        ModelRelease signed = ReleaseSignatures.sign(release(), OPS.getPrivate(), "ops");
        assertThatCode(() -> verifier.verify(signed)).doesNotThrowAnyException();
        assertThatCode(() -> verifier.verify(ReleaseSignatures.sign(release(), CI.getPrivate(), "ci")))
                .doesNotThrowAnyException();

        assertThatThrownBy(() -> verifier.verify(release())).isInstanceOf(ReleaseRejectedException.class)
                .hasMessage("release is unsigned, and this scorer requires a signature by one of its trusted keys"
                        + " [ci, ops]");
        assertThatThrownBy(() -> verifier.verify(ReleaseSignatures.sign(release(), STRANGER.getPrivate(), "stranger")))
                .hasMessage("release is signed with key 'stranger', which is not among the trusted keys [ci, ops]");
        assertThatThrownBy(() -> verifier.verify(ReleaseSignatures.sign(release(), STRANGER.getPrivate(), "ops")))
                .hasMessage("release signature by key 'ops' does not match the release (changed after signing, or"
                        + " signed with another key)");

        ModelRelease tampered = ReleaseSignatures.sign(release(), OPS.getPrivate(), "ops");
        ByteBuffer w = tampered.getWeights().get(0).getData().duplicate().order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer copy = ByteBuffer.allocate(w.remaining()).order(ByteOrder.LITTLE_ENDIAN).put(w).flip();
        copy.putFloat(0, copy.getFloat(0) + 0.5f);
        tampered.getWeights().get(0).setData(copy);
        assertThatThrownBy(() -> verifier.verify(tampered))
                .hasMessage("release signature by key 'ops' does not match the release (changed after signing, or"
                        + " signed with another key)");

        ModelRelease otherForm = ReleaseSignatures.sign(release(), OPS.getPrivate(), "ops");
        otherForm.getSignature().setCanonicalForm(99);
        assertThatThrownBy(() -> verifier.verify(otherForm))
                .hasMessage("release signature (algorithm Ed25519, canonical form 99, key 'ops') cannot be checked by"
                        + " this scorer");
        assertThatThrownBy(() -> new SignatureVerifier(TrustedKeys.none())).isInstanceOf(IllegalArgumentException.class);
    }
}
