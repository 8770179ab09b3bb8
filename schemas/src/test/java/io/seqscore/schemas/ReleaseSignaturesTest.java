package io.seqscore.schemas;

import io.seqscore.avro.ModelRelease;
import io.seqscore.avro.Signature;
import io.seqscore.schemas.ReleaseSignatures.Verdict;
import io.seqscore.serde.AvroDeserializer;
import io.seqscore.serde.AvroSerializer;
import io.seqscore.serde.MockSchemaRegistry;
import io.seqscore.avro.InputFeatures;
import io.seqscore.testing.Fixtures;
import io.seqscore.testing.Hex;
import org.apache.avro.Schema;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

class ReleaseSignaturesTest {
    private static final KeyPair TRAINER = ed25519();
    private static final KeyPair OTHER = ed25519();
    private static final Function<String, PublicKey> TRUSTED = id -> "trainer-1".equals(id) ? TRAINER.getPublic() : null;
    /** X.509 encoding of the first-generation trainer's Ed25519 public key. */
    private static final String OLD_TRAINER_PUBLIC_KEY = "302a300506032b6570032100ef469faff481de0dd3d157bef1d3ef2ee8175ecdc1a48864bd89d97caf52585b";
    /** That trainer's signature of form 1 over {@link Fixtures#tinyRelease()}. */
    private static final String OLD_TRAINER_SIGNATURE = "7903ee084c167f0076fc3268306f569fdd1bad3c0d3c30b8e57bd6f524f02f0f"
            + "60fa287f724468dbd289bda5b31c9358b03baa60beb59f0b9978c2334c0e7200";

    @AfterEach
    void dropScope() {
        MockSchemaRegistry.dropScope("signatures");
    }

    private static KeyPair ed25519() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void signedReleaseVerifiesAndCarriesAnEd25519Block() {
        ModelRelease signed = ReleaseSignatures.sign(Fixtures.tinyRelease(), TRAINER.getPrivate(), "trainer-1");

        Signature block = signed.getSignature();
        assertThat(block.getAlgorithm()).isEqualTo("Ed25519");
        assertThat(block.getKeyId()).isEqualTo("trainer-1");
        assertThat(block.getCanonicalForm()).isEqualTo(ReleaseCanonicalForm.VERSION).isEqualTo(4);
        assertThat(block.getValue().remaining()).isEqualTo(64);
        assertThat(ReleaseSignatures.verify(signed, TRUSTED)).isEqualTo(Verdict.VALID);
    }

    @Test
    void signatureSurvivesTheWireRoundTrip() {
        Map<String, String> config = Map.of("schema.registry.url", "mock://signatures");
        AvroSerializer<ModelRelease> serializer = new AvroSerializer<>();
        serializer.configure(config, false);
        AvroDeserializer<ModelRelease> deserializer = AvroDeserializer.forClass(ModelRelease.class);
        deserializer.configure(config, false);

        ModelRelease signed = ReleaseSignatures.sign(Fixtures.tinyRelease(), TRAINER.getPrivate(), "trainer-1");
        ModelRelease received = deserializer.deserialize("models", serializer.serialize("models", signed));

        assertThat(ReleaseSignatures.verify(received, TRUSTED)).isEqualTo(Verdict.VALID);
    }

    @Test
    void tamperedWeightsAreInvalid() {
        ModelRelease signed = ReleaseSignatures.sign(Fixtures.tinyRelease(), TRAINER.getPrivate(), "trainer-1");
        signed.getWeights().set(3, Fixtures.tensor("head.W", List.of(1, 1), 2.5f));

        assertThat(ReleaseSignatures.verify(signed, TRUSTED)).isEqualTo(Verdict.INVALID);
    }

    @Test
    void tamperedRolloutIsInvalid() {
        ModelRelease signed = ReleaseSignatures.sign(Fixtures.tinyRelease(), TRAINER.getPrivate(), "trainer-1");
        signed.getRollout().setCanaryPercent(100.0);

        assertThat(ReleaseSignatures.verify(signed, TRUSTED)).isEqualTo(Verdict.INVALID);
    }

    /**
     * A release signed by a first-generation trainer (ModelRelease v1, canonical form 1), as it sits on a
     * models topic: the v1 body up to the signature, then the signature block with a signature value that
     * trainer made (Ed25519 over "seqscore.ModelRelease.v1" 00 + the v1 body). Read with the current
     * schema, its features take their default, and the form-1 signature still verifies.
     */
    @Test
    void form1SignatureWrittenUnderTheFirstSchemaStillVerifies() throws Exception {
        String beforeSignature = Fixtures.TINY_RELEASE_BODY_V1.substring(0, Fixtures.TINY_RELEASE_BODY_V1.length() - 2);
        byte[] v1Bytes = Hex.bytes(beforeSignature
                + "02"                                          // signature: branch 1
                + "0E 45 64 32 35 35 31 39"                     // algorithm "Ed25519"
                + "0E 6F 6C 64 2D 6F 70 73"                     // keyId "old-ops"
                + "02"                                          // canonicalForm 1
                + "80 01" + OLD_TRAINER_SIGNATURE);             // value: 64 bytes → 128 = 80 01
        Schema v1 = ContractCompatibilityTest.released("ModelRelease", 1);
        ModelRelease read = new SpecificDatumReader<ModelRelease>(v1, ModelRelease.getClassSchema())
                .read(null, DecoderFactory.get().binaryDecoder(v1Bytes, null));
        PublicKey oldOps = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(Hex.bytes(OLD_TRAINER_PUBLIC_KEY)));

        assertThat(read.getFeatures()).isEqualTo(InputFeatures.newBuilder().build());
        assertThat(read.getSignature().getCanonicalForm()).isEqualTo(1);
        assertThat(ReleaseSignatures.verify(read, id -> "old-ops".equals(id) ? oldOps : null)).isEqualTo(Verdict.VALID);
        read.getWeights().set(4, Fixtures.tensor("head.b", List.of(1), 0.5f));
        assertThat(ReleaseSignatures.verify(read, id -> "old-ops".equals(id) ? oldOps : null)).isEqualTo(Verdict.INVALID);
    }

    /** A form-2 trainer's signature (before heads and named kinds) still verifies, and covers nothing it did not sign. */
    @Test
    void form2SignatureVerifiesWhileTheForm3FieldsAreAtTheirDefaults() {
        ModelRelease signed = ReleaseSignatures.sign(Fixtures.tinyRelease(), TRAINER.getPrivate(), "trainer-1", "Ed25519", 2);
        assertThat(ReleaseSignatures.verify(signed, TRUSTED)).isEqualTo(Verdict.VALID);

        signed.getArchitecture().getHead().setKind("quantile");
        assertThat(ReleaseSignatures.verify(signed, TRUSTED)).isEqualTo(Verdict.UNCOVERED);
    }

    @Test
    void form3SignatureCoversNamedKindsAndHeads() {
        ModelRelease signed = ReleaseSignatures.sign(Fixtures.namedKindRelease(), TRAINER.getPrivate(), "trainer-1");
        assertThat(ReleaseSignatures.verify(signed, TRUSTED)).isEqualTo(Verdict.VALID);

        signed.getFeatures().setVocabulary(List.of("b"));
        assertThat(ReleaseSignatures.verify(signed, TRUSTED)).isEqualTo(Verdict.INVALID);
    }

    @Test
    void form1SignatureOverDefaultFeaturesIsValid() {
        ModelRelease signed = ReleaseSignatures.sign(Fixtures.tinyRelease(), TRAINER.getPrivate(), "trainer-1", "Ed25519", 1);

        assertThat(signed.getSignature().getCanonicalForm()).isEqualTo(1);
        assertThat(ReleaseSignatures.verify(signed, TRUSTED)).isEqualTo(Verdict.VALID);
    }

    /**
     * Form 1 projects features away, so its signature matches the release whatever the features say: a form-1
     * signature over a SEASONAL_CHANGES release is refused, although the same signature is valid once the
     * features are set back to their default.
     */
    @Test
    void form1SignatureOverSeasonalFeaturesIsUncovered() {
        ModelRelease seasonal = ModelRelease.newBuilder(Fixtures.tinyRelease()).setFeatures(Fixtures.seasonalFeatures()).build();
        ModelRelease signed = ReleaseSignatures.sign(seasonal, TRAINER.getPrivate(), "trainer-1", "Ed25519", 1);

        assertThat(ReleaseSignatures.verify(signed, TRUSTED)).isEqualTo(Verdict.UNCOVERED);
        signed.setFeatures(InputFeatures.newBuilder().build());
        assertThat(ReleaseSignatures.verify(signed, TRUSTED)).isEqualTo(Verdict.VALID);
    }

    @Test
    void form2SignatureCoversFeatures() {
        ModelRelease seasonal = ModelRelease.newBuilder(Fixtures.tinyRelease()).setFeatures(Fixtures.seasonalFeatures()).build();
        ModelRelease signed = ReleaseSignatures.sign(seasonal, TRAINER.getPrivate(), "trainer-1");
        assertThat(ReleaseSignatures.verify(signed, TRUSTED)).isEqualTo(Verdict.VALID);

        ModelRelease otherClip = ModelRelease.newBuilder(signed).build();
        otherClip.getFeatures().setClip(4f);
        ModelRelease otherPeriod = ModelRelease.newBuilder(signed).build();
        otherPeriod.getFeatures().setPeriodMillis(3_600_000L);
        ModelRelease asValues = ModelRelease.newBuilder(signed).setFeatures(InputFeatures.newBuilder().build()).build();

        assertThat(ReleaseSignatures.verify(otherClip, TRUSTED)).isEqualTo(Verdict.INVALID);
        assertThat(ReleaseSignatures.verify(otherPeriod, TRUSTED)).isEqualTo(Verdict.INVALID);
        assertThat(ReleaseSignatures.verify(asValues, TRUSTED)).isEqualTo(Verdict.INVALID);
    }

    @Test
    void signatureByAnotherKeyUnderATrustedIdIsInvalid() {
        ModelRelease forged = ReleaseSignatures.sign(Fixtures.tinyRelease(), OTHER.getPrivate(), "trainer-1");

        assertThat(ReleaseSignatures.verify(forged, TRUSTED)).isEqualTo(Verdict.INVALID);
    }

    @Test
    void unsignedUnknownKeyAndUnsupportedAreToldApart() {
        assertThat(ReleaseSignatures.verify(Fixtures.tinyRelease(), TRUSTED)).isEqualTo(Verdict.UNSIGNED);

        ModelRelease byStranger = ReleaseSignatures.sign(Fixtures.tinyRelease(), OTHER.getPrivate(), "stranger");
        assertThat(ReleaseSignatures.verify(byStranger, TRUSTED)).isEqualTo(Verdict.UNKNOWN_KEY);

        ModelRelease laterForm = ReleaseSignatures.sign(Fixtures.tinyRelease(), TRAINER.getPrivate(), "trainer-1");
        laterForm.getSignature().setCanonicalForm(ReleaseCanonicalForm.VERSION + 1);
        assertThat(ReleaseSignatures.verify(laterForm, TRUSTED)).isEqualTo(Verdict.UNSUPPORTED);

        ModelRelease oddAlgorithm = ReleaseSignatures.sign(Fixtures.tinyRelease(), TRAINER.getPrivate(), "trainer-1");
        oddAlgorithm.getSignature().setAlgorithm("NoSuchAlgorithm");
        assertThat(ReleaseSignatures.verify(oddAlgorithm, TRUSTED)).isEqualTo(Verdict.UNSUPPORTED);

        ModelRelease truncated = ReleaseSignatures.sign(Fixtures.tinyRelease(), TRAINER.getPrivate(), "trainer-1");
        truncated.getSignature().setValue(ByteBuffer.wrap(new byte[10]));
        assertThat(ReleaseSignatures.verify(truncated, TRUSTED)).isEqualTo(Verdict.INVALID);
    }
}
