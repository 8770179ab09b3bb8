package io.seqscore.schemas;

import io.seqscore.avro.ModelRelease;
import io.seqscore.avro.Signature;
import io.seqscore.serde.AvroTrust;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.function.Function;

/**
 * Signs and verifies model releases over their {@link ReleaseCanonicalForm} with the JDK's
 * {@code java.security.Signature} (Ed25519 by default; any JCA algorithm name works). Signs under the
 * latest canonical form; verifies any form this build knows that covers the whole release.
 */
public final class ReleaseSignatures {
    public static final String ED25519 = "Ed25519";

    /** What a verification found. */
    public enum Verdict {
        /** Signed by the named trusted key over this content. */
        VALID,
        /** No signature block. */
        UNSIGNED,
        /** The key id is not among the trusted keys. */
        UNKNOWN_KEY,
        /** The signature names a canonical form or algorithm this build cannot check. */
        UNSUPPORTED,
        /** The signature does not match the content (tampered, or signed by another key). */
        INVALID,
        /**
         * Signed under a canonical form that does not cover all of the release's content (form 1 over a
         * release whose features are not the default VALUES record): those fields could have been changed.
         */
        UNCOVERED
    }

    static {
        AvroTrust.trustContracts();
    }

    private ReleaseSignatures() {
    }

    /** A copy of {@code release} signed with {@code key} (Ed25519) under {@code keyId}. */
    public static ModelRelease sign(ModelRelease release, PrivateKey key, String keyId) {
        return sign(release, key, keyId, ED25519);
    }

    /** A copy of {@code release} signed with {@code key} by the JCA {@code algorithm} under {@code keyId}. */
    public static ModelRelease sign(ModelRelease release, PrivateKey key, String keyId, String algorithm) {
        return sign(release, key, keyId, algorithm, ReleaseCanonicalForm.VERSION);
    }

    /** As an earlier build signed: under canonical form {@code form} (the tests' older trainer). */
    static ModelRelease sign(ModelRelease release, PrivateKey key, String keyId, String algorithm, int form) {
        try {
            java.security.Signature signer = java.security.Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(ReleaseCanonicalForm.bytesToSign(release, form));
            Signature block = Signature.newBuilder()
                    .setAlgorithm(algorithm)
                    .setKeyId(keyId)
                    .setCanonicalForm(form)
                    .setValue(ByteBuffer.wrap(signer.sign()))
                    .build();
            return ModelRelease.newBuilder(release).setSignature(block).build();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot sign with " + algorithm + ": " + e.getMessage(), e);
        }
    }

    /**
     * Checks the release's signature against the trusted key its key id names.
     *
     * @param trustedKeys the public key of a key id, or null when the id is not trusted
     */
    public static Verdict verify(ModelRelease release, Function<String, PublicKey> trustedKeys) {
        Signature block = release.getSignature();
        if (block == null) {
            return Verdict.UNSIGNED;
        }
        PublicKey key = block.getKeyId() == null ? null : trustedKeys.apply(block.getKeyId());
        if (key == null) {
            return Verdict.UNKNOWN_KEY;
        }
        byte[] message;
        try {
            message = ReleaseCanonicalForm.bytesToSign(release, block.getCanonicalForm());
        } catch (IllegalArgumentException unknownForm) {
            return Verdict.UNSUPPORTED;
        }
        if (!ReleaseCanonicalForm.covers(release, block.getCanonicalForm())) {
            return Verdict.UNCOVERED;
        }
        try {
            java.security.Signature verifier = java.security.Signature.getInstance(block.getAlgorithm());
            verifier.initVerify(key);
            verifier.update(message);
            ByteBuffer value = block.getValue().duplicate();
            byte[] sig = new byte[value.remaining()];
            value.get(sig);
            return verifier.verify(sig) ? Verdict.VALID : Verdict.INVALID;
        } catch (java.security.NoSuchAlgorithmException | java.security.InvalidKeyException e) {
            return Verdict.UNSUPPORTED;
        } catch (java.security.SignatureException e) {
            return Verdict.INVALID;
        }
    }
}
