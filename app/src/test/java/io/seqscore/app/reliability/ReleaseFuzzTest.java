package io.seqscore.app.reliability;

import io.seqscore.app.model.ModelReleaseDecoder;
import io.seqscore.app.model.ReleaseRejectedException;
import io.seqscore.app.model.ReleaseVerifier;
import io.seqscore.app.model.ServingModel;
import io.seqscore.app.model.SignatureVerifier;
import io.seqscore.app.model.TrustedKeys;
import io.seqscore.app.testing.ScorerDriver;
import io.seqscore.app.testing.SigningKeys;
import io.seqscore.avro.ModelRelease;
import io.seqscore.avro.Score;
import io.seqscore.schemas.ReleaseSignatures;
import io.seqscore.serde.AvroDeserializer;
import io.seqscore.serde.AvroSerializer;
import io.seqscore.serde.MockSchemaRegistry;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tag;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random and mutated model releases (the Confluent-framed Avro bytes of a signed release, mutated) against
 * release validation: the decoder either accepts a release or rejects it with a {@link ReleaseRejectedException},
 * nothing else; with trusted keys, nothing but the signed content itself is ever accepted; and through the scorer
 * topology (models topic → global store → registry) no exception escapes, no bad release ever serves — the
 * serving version stays, and the next event is scored by it.
 */
class ReleaseFuzzTest {
    private static final Logger LOG = LoggerFactory.getLogger(ReleaseFuzzTest.class);
    private static final KeyPair OPS = SigningKeys.generate();

    private Path dir;
    private ScorerDriver driver;
    private ModelRelease signedV2;
    private ModelRelease signedV3;
    private float[] paramsV2;
    private float[] paramsV3;
    private List<byte[]> seeds;
    private AvroDeserializer<ModelRelease> releases;
    private String scope;
    private ModelReleaseDecoder trusting;
    private ModelReleaseDecoder unchecked;
    private int unreadable;
    private int rejected;
    private int accepted;
    private long eventTime = Workload.T0;

    @BeforeProperty
    void open() throws IOException {
        dir = Files.createTempDirectory("release-fuzz");
        Path keys = SigningKeys.writePublic(OPS, dir.resolve("keys/ops.pub")).getParent();
        driver = new ScorerDriver(dir.resolve("state"), Map.of("seqscore.release.trusted.keys", keys.toString()));
        ModelRelease v1 = ReleaseSignatures.sign(Workload.release(1, 7), OPS.getPrivate(), "ops");
        driver.publish(v1);
        signedV2 = ReleaseSignatures.sign(Workload.release(2, 8), OPS.getPrivate(), "ops");

        scope = "release-fuzz-" + System.nanoTime();
        Map<String, Object> serde = Map.of("schema.registry.url", MockSchemaRegistry.URL_PREFIX + scope);
        AvroSerializer<ModelRelease> serializer = new AvroSerializer<>();
        serializer.configure(serde, false);
        releases = AvroDeserializer.forClass(ModelRelease.class);
        releases.configure(serde, false);
        byte[] v1Bytes = serializer.serialize("models", v1);
        signedV3 = ReleaseSignatures.sign(Workload.release(3, 9), OPS.getPrivate(), "ops");
        seeds = List.of(serializer.serialize("models", signedV2), serializer.serialize("models", signedV3));
        driver.publishRaw(Workload.MODEL, v1Bytes);
        assertThat(driver.registry().rejectedCount()).as("the driver reads this test's release bytes").isZero();

        trusting = new ModelReleaseDecoder(new SignatureVerifier(TrustedKeys.load(List.of(keys))));
        unchecked = new ModelReleaseDecoder(ReleaseVerifier.ACCEPT_UNSIGNED);
        try {
            paramsV2 = unchecked.decode(Workload.MODEL, signedV2).network().copyParams();
            paramsV3 = unchecked.decode(Workload.MODEL, signedV3).network().copyParams();
        } catch (ReleaseRejectedException e) {
            throw new AssertionError(e);
        }
    }

    @AfterProperty
    void close() throws IOException {
        driver.close();
        MockSchemaRegistry.dropScope(scope);
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        LOG.info("FIGURES fuzz releases: {} unreadable, {} rejected, {} accepted (the signed content itself);"
                + " registry rejections {}", unreadable, rejected, accepted, driver.registry().rejectedCount());
    }

    @Property(tries = 10_000, shrinking = ShrinkingMode.OFF)
    void noMutatedReleaseEverServesAndTheServingVersionScoresOn(@ForAll("mutated") byte[] value) {
        assertNeverServesABadRelease(value);
    }

    @Property(tries = 2_000, shrinking = ShrinkingMode.OFF)
    void randomBytesOnTheModelsTopicAreRejected(@ForAll("random") byte[] value) {
        assertNeverServesABadRelease(value);
    }

    @Property(tries = 10_000, shrinking = ShrinkingMode.OFF)
    void theDecoderAcceptsOrRejectsWithAReasonAndNothingElse(@ForAll("mutated") byte[] value) {
        assertDecodesOrRejects(value);
    }

    @Property(tries = 200_000, shrinking = ShrinkingMode.OFF)
    @Tag("long")
    void manyMutatedReleasesNeverServe(@ForAll("mutated") byte[] value) {
        assertDecodesOrRejects(value);
        assertNeverServesABadRelease(value);
    }

    @Provide
    Arbitrary<byte[]> mutated() {
        return Arbitraries.longs().map(seed -> Mutator.mutate(seeds, seed));
    }

    @Provide
    Arbitrary<byte[]> random() {
        return Arbitraries.longs().map(seed -> Mutator.random(seed, 512));
    }

    private void assertDecodesOrRejects(byte[] value) {
        ModelRelease release;
        try {
            release = releases.deserialize("models", value);
        } catch (SerializationException e) {
            unreadable++;
            return;
        }
        try {
            ServingModel model = trusting.decode(Workload.MODEL, release);
            accepted++;
            assertThat(release.getVersion()).isIn(2L, 3L);
            assertThat(model.network().copyParams()).isEqualTo(release.getVersion() == 2 ? paramsV2 : paramsV3);
            assertThat(model.version()).isEqualTo(release.getVersion());
        } catch (ReleaseRejectedException e) {
            rejected++;
            assertThat(e.getMessage()).isNotBlank();
        }
        try {
            ServingModel model = unchecked.decode(Workload.MODEL, release);
            for (float p : model.network().copyParams()) {
                assertThat(Float.isFinite(p)).as("every weight of an accepted release is finite").isTrue();
            }
        } catch (ReleaseRejectedException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    private void assertNeverServesABadRelease(byte[] value) {
        driver.publishRaw(Workload.MODEL, value);
        ServingModel serving = driver.registry().serving(Workload.MODEL);
        assertThat(serving).isNotNull();
        if (serving.version() != 1) {
            assertThat(serving.version()).isIn(2L, 3L);
            assertThat(serving.network().copyParams()).as("a release serving is the signed one")
                    .isEqualTo(serving.version() == 2 ? paramsV2 : paramsV3);
        }
        driver.send("k", eventTime++, 10.0);
        List<Score> scores = driver.scores();
        assertThat(scores).hasSize(1);
        assertThat(scores.get(0).getModelVersion()).isEqualTo(serving.version());
        driver.anomalies().readRecordsToList();
        assertThat(driver.dlq().readRecordsToList()).isEmpty();
    }
}
