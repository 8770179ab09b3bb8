package io.seqscore.app.model;

import io.seqscore.avro.ModelRelease;
import io.seqscore.avro.Signature;
import io.seqscore.schemas.ReleaseSignatures;

import java.util.Objects;

/**
 * Requires every release to carry a valid signature by one of the {@link TrustedKeys}: over its canonical
 * form ({@code ReleaseCanonicalForm}), by the key its signature names. A release that is unsigned, names
 * a key that is not trusted, cannot be checked (unknown algorithm or canonical form), does not match its
 * signature, or is signed under a canonical form that does not cover all of it (form 1 over non-default
 * features) is rejected with that reason.
 */
public final class SignatureVerifier implements ReleaseVerifier {
    private final TrustedKeys keys;

    public SignatureVerifier(TrustedKeys keys) {
        this.keys = Objects.requireNonNull(keys, "keys");
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("a signature verifier needs at least one trusted key");
        }
    }

    @Override
    public void verify(ModelRelease release) throws ReleaseRejectedException {
        ReleaseSignatures.Verdict verdict = ReleaseSignatures.verify(release, keys::key);
        Signature s = release.getSignature();
        switch (verdict) {
            case VALID -> {
            }
            case UNSIGNED -> throw new ReleaseRejectedException("release is unsigned, and this scorer requires a"
                    + " signature by one of its trusted keys " + keys.ids());
            case UNKNOWN_KEY -> throw new ReleaseRejectedException("release is signed with key '" + s.getKeyId()
                    + "', which is not among the trusted keys " + keys.ids());
            case UNSUPPORTED -> throw new ReleaseRejectedException("release signature (algorithm " + s.getAlgorithm()
                    + ", canonical form " + s.getCanonicalForm() + ", key '" + s.getKeyId()
                    + "') cannot be checked by this scorer");
            case INVALID -> throw new ReleaseRejectedException("release signature by key '" + s.getKeyId()
                    + "' does not match the release (changed after signing, or signed with another key)");
            case UNCOVERED -> throw new ReleaseRejectedException("release is signed under canonical form "
                    + s.getCanonicalForm() + ", which does not cover all of its fields (features, head); sign it again with a current trainer");
        }
    }
}
