package io.seqscore.app.model;

import io.seqscore.avro.ModelRelease;

/**
 * Checks a release's authenticity before it is decoded (signatures over its canonical form, with the
 * trusted keys of the configuration). Without trusted keys every release is accepted unsigned:
 * {@link #ACCEPT_UNSIGNED}.
 */
@FunctionalInterface
public interface ReleaseVerifier {
    ReleaseVerifier ACCEPT_UNSIGNED = release -> { };

    /** @throws ReleaseRejectedException with the reason when the release must not be served */
    void verify(ModelRelease release) throws ReleaseRejectedException;
}
