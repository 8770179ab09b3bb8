package io.seqscore.schemas;

import io.seqscore.avro.ModelRelease;
import io.seqscore.avro.Signature;
import io.seqscore.schemas.ReleaseSignatures.Verdict;
import io.seqscore.serde.AvroDeserializer;
import io.seqscore.serde.AvroSerializer;
import io.seqscore.serde.MockSchemaRegistry;
import io.seqscore.testing.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

class ReleaseSignaturesTest {
    private static final KeyPair TRAINER = ed25519();
    private static final KeyPair OTHER = ed25519();
    private static final Function<String, PublicKey> TRUSTED = id -> "trainer-1".equals(id) ? TRAINER.getPublic() : null;

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
        assertThat(block.getCanonicalForm()).isEqualTo(1);
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
        laterForm.getSignature().setCanonicalForm(2);
        assertThat(ReleaseSignatures.verify(laterForm, TRUSTED)).isEqualTo(Verdict.UNSUPPORTED);

        ModelRelease oddAlgorithm = ReleaseSignatures.sign(Fixtures.tinyRelease(), TRAINER.getPrivate(), "trainer-1");
        oddAlgorithm.getSignature().setAlgorithm("NoSuchAlgorithm");
        assertThat(ReleaseSignatures.verify(oddAlgorithm, TRUSTED)).isEqualTo(Verdict.UNSUPPORTED);

        ModelRelease truncated = ReleaseSignatures.sign(Fixtures.tinyRelease(), TRAINER.getPrivate(), "trainer-1");
        truncated.getSignature().setValue(ByteBuffer.wrap(new byte[10]));
        assertThat(ReleaseSignatures.verify(truncated, TRUSTED)).isEqualTo(Verdict.INVALID);
    }
}
