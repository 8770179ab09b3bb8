package io.seqscore.app.model;

import io.seqscore.avro.ModelRelease;

/**
 * Checks a release's authenticity before it is decoded. The scorer topology always applies the
 * {@link SignatureVerifier} of the configured trusted keys (when there are any) and then the verifier
 * its caller passes, {@link #ACCEPT_UNSIGNED} by default: without trusted keys every release is accepted,
 * signed or not.
 */
@FunctionalInterface
public interface ReleaseVerifier {
    ReleaseVerifier ACCEPT_UNSIGNED = release -> { };

    /** @throws ReleaseRejectedException with the reason when the release must not be served */
    void verify(ModelRelease release) throws ReleaseRejectedException;

    /** This check, then {@code next}. */
    default ReleaseVerifier andThen(ReleaseVerifier next) {
        return release -> {
            verify(release);
            next.verify(release);
        };
    }
}
