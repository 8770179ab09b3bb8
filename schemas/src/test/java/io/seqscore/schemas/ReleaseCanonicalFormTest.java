package io.seqscore.schemas;

import io.seqscore.avro.ModelRelease;
import io.seqscore.avro.Signature;
import io.seqscore.testing.Fixtures;
import io.seqscore.testing.Hex;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReleaseCanonicalFormTest {

    @Test
    void prefixesNameTheirForm() {
        assertThat(ReleaseCanonicalForm.prefix(1)).isEqualTo("seqscore.ModelRelease.v1");
        assertThat(ReleaseCanonicalForm.prefix(2)).isEqualTo("seqscore.ModelRelease.v2");
        assertThat(ReleaseCanonicalForm.prefix(3)).isEqualTo("seqscore.ModelRelease.v3");
        assertThat(ReleaseCanonicalForm.prefix(4)).isEqualTo("seqscore.ModelRelease.v4");
        assertThat(ReleaseCanonicalForm.VERSION).isEqualTo(4);
    }

    @Test
    void canonicalForm4IsItsPrefixAZeroByteAndTheUnsignedBodyWithTransitionFeatures() {
        byte[] expected = Hex.concat(
                Hex.ascii("seqscore.ModelRelease.v4"),
                new byte[] {0},
                Hex.bytes(Fixtures.TINY_RELEASE_BODY));
        assertThat(Hex.of(ReleaseCanonicalForm.bytesToSign(Fixtures.tinyRelease()))).isEqualTo(Hex.of(expected));
        assertThat(ReleaseCanonicalForm.bytesToSign(Fixtures.tinyRelease(), 4)).isEqualTo(expected);
    }

    /** Form 3's bytes are unchanged: what form-3 trainers signed still verifies. */
    @Test
    void canonicalForm3IsItsPrefixAZeroByteAndTheUnsignedBodyWithHeadAndNamedFeatures() {
        byte[] expected = Hex.concat(
                Hex.ascii("seqscore.ModelRelease.v3"),
                new byte[] {0},
                Hex.bytes(Fixtures.TINY_RELEASE_BODY_V3));
        assertThat(ReleaseCanonicalForm.bytesToSign(Fixtures.tinyRelease(), 3)).isEqualTo(expected);
    }

    /** Transitions and an end symbol, encoded by hand; form 3 does not cover them. */
    @Test
    void canonicalForm4CoversTransitionsAndTheEndSymbol() {
        ModelRelease named = Fixtures.namedKindRelease();
        named.getFeatures().setTransitions(List.of(1, 5));
        named.getFeatures().setEndSymbol("a");
        byte[] expected = Hex.concat(
                Hex.ascii("seqscore.ModelRelease.v4"),
                new byte[] {0},
                Hex.bytes(Fixtures.tinyBodyBeforeSignature(Fixtures.QUANTILE_HEAD) + "00" + Fixtures.NAMED_FEATURES
                        + "04 02 0A 00"      // transitions [1, 5]: count 2 → 04, 1 → 02, 5 → 0A, end of array
                        + "02 02 61"));      // endSymbol: branch 1, "a"
        assertThat(Hex.of(ReleaseCanonicalForm.bytesToSign(named))).isEqualTo(Hex.of(expected));
        assertThat(ReleaseCanonicalForm.covers(named, 4)).isTrue();
        assertThat(ReleaseCanonicalForm.covers(named, 3)).isFalse();
        assertThat(ReleaseCanonicalForm.covers(Fixtures.namedKindRelease(), 3)).isTrue();
    }

    /** Form 2's bytes are unchanged: what form-2 trainers signed still verifies. */
    @Test
    void canonicalForm2IsItsPrefixAZeroByteAndTheUnsignedBodyWithFeatures() {
        byte[] expected = Hex.concat(
                Hex.ascii("seqscore.ModelRelease.v2"),
                new byte[] {0},
                Hex.bytes(Fixtures.TINY_RELEASE_BODY_V2));
        assertThat(ReleaseCanonicalForm.bytesToSign(Fixtures.tinyRelease(), 2)).isEqualTo(expected);
    }

    /** A named kind with parameters and a vocabulary, and a head with parameters, encoded by hand. */
    @Test
    void canonicalForm3CoversNamedKindsAndHeads() {
        ModelRelease named = Fixtures.namedKindRelease();
        byte[] expected = Hex.concat(
                Hex.ascii("seqscore.ModelRelease.v3"),
                new byte[] {0},
                Hex.bytes(Fixtures.tinyBodyBeforeSignature(Fixtures.QUANTILE_HEAD) + "00" + Fixtures.NAMED_FEATURES));
        assertThat(Hex.of(ReleaseCanonicalForm.bytesToSign(named, 3))).isEqualTo(Hex.of(expected));
        assertThat(ReleaseCanonicalForm.covers(named, 3)).isTrue();
        assertThat(ReleaseCanonicalForm.covers(named, 2)).isFalse();
        assertThat(ReleaseCanonicalForm.covers(named, 1)).isFalse();
    }

    @Test
    void form2CoversAReleaseWhoseForm3FieldsAreAtTheirDefaults() {
        ModelRelease withHead = Fixtures.tinyRelease();
        withHead.getArchitecture().getHead().setKind("quantile");
        ModelRelease withName = Fixtures.tinyRelease();
        withName.getFeatures().setName("VALUES");

        assertThat(ReleaseCanonicalForm.covers(Fixtures.tinyRelease(), 2)).isTrue();
        assertThat(ReleaseCanonicalForm.covers(withHead, 2)).isFalse();
        assertThat(ReleaseCanonicalForm.covers(withName, 2)).isFalse();
        assertThat(ReleaseCanonicalForm.covers(withName, 3)).isTrue();
    }

    @Test
    void canonicalForm2CoversSeasonalFeatures() {
        ModelRelease seasonal = ModelRelease.newBuilder(Fixtures.tinyRelease()).setFeatures(Fixtures.seasonalFeatures()).build();
        byte[] expected = Hex.concat(
                Hex.ascii("seqscore.ModelRelease.v2"),
                new byte[] {0},
                Hex.bytes(Fixtures.TINY_RELEASE_BODY_V1 + Fixtures.SEASONAL_FEATURES));
        assertThat(Hex.of(ReleaseCanonicalForm.bytesToSign(seasonal, 2))).isEqualTo(Hex.of(expected));
        assertThat(ReleaseCanonicalForm.covers(seasonal, 2)).isTrue();
    }

    /** Form 1 is what the first trainers signed: its bytes are unchanged, and they do not contain the features. */
    @Test
    void canonicalForm1IsTheV1BodyWhateverTheFeatures() {
        byte[] expected = Hex.concat(
                Hex.ascii("seqscore.ModelRelease.v1"),
                new byte[] {0},
                Hex.bytes(Fixtures.TINY_RELEASE_BODY_V1));
        ModelRelease seasonal = ModelRelease.newBuilder(Fixtures.tinyRelease()).setFeatures(Fixtures.seasonalFeatures()).build();

        assertThat(Hex.of(ReleaseCanonicalForm.bytesToSign(Fixtures.tinyRelease(), 1))).isEqualTo(Hex.of(expected));
        assertThat(Hex.of(ReleaseCanonicalForm.bytesToSign(seasonal, 1))).isEqualTo(Hex.of(expected));
    }

    @Test
    void form1CoversOnlyDefaultFeaturesAndForm2CoversAny() {
        ModelRelease seasonal = ModelRelease.newBuilder(Fixtures.tinyRelease()).setFeatures(Fixtures.seasonalFeatures()).build();
        ModelRelease valuesWithAPeriod = Fixtures.tinyRelease();
        valuesWithAPeriod.getFeatures().setPeriodMillis(1L);

        assertThat(ReleaseCanonicalForm.covers(Fixtures.tinyRelease(), 1)).isTrue();
        assertThat(ReleaseCanonicalForm.covers(seasonal, 1)).isFalse();
        assertThat(ReleaseCanonicalForm.covers(valuesWithAPeriod, 1)).isFalse();
        assertThat(ReleaseCanonicalForm.covers(seasonal, 2)).isTrue();
        assertThat(ReleaseCanonicalForm.covers(valuesWithAPeriod, 2)).isTrue();
    }

    @Test
    void signatureBlockIsNotPartOfTheSignedBytesAndTheReleaseIsNotModified() {
        ModelRelease signed = ModelRelease.newBuilder(Fixtures.tinyRelease())
                .setSignature(Signature.newBuilder().setKeyId("k").setValue(ByteBuffer.wrap(new byte[64])).build())
                .build();
        ModelRelease before = ModelRelease.newBuilder(signed).build();

        assertThat(ReleaseCanonicalForm.bytesToSign(signed)).isEqualTo(ReleaseCanonicalForm.bytesToSign(Fixtures.tinyRelease()));
        assertThat(signed).isEqualTo(before);
    }

    @Test
    void everyOtherFieldChangesTheSignedBytes() {
        byte[] base = ReleaseCanonicalForm.bytesToSign(Fixtures.tinyRelease());
        List<ModelRelease> variants = new ArrayList<>();
        ModelRelease r = Fixtures.tinyRelease();
        r.setVersion(3L);
        variants.add(r);
        r = Fixtures.tinyRelease();
        List<io.seqscore.avro.Tensor> weights = new ArrayList<>(r.getWeights());
        weights.set(0, Fixtures.tensor("layer0.W", List.of(1, 1), 0.5000001f));
        r.setWeights(weights);
        variants.add(r);
        r = Fixtures.tinyRelease();
        r.getRollout().setCanaryPercent(50.0);
        variants.add(r);
        r = Fixtures.tinyRelease();
        r.getCalibration().setThreshold(0.9);
        variants.add(r);
        r = Fixtures.tinyRelease();
        r.getNormalizer().setStd(List.of(3f));
        variants.add(r);
        r = Fixtures.tinyRelease();
        r.setFeatures(Fixtures.seasonalFeatures());
        variants.add(r);
        r = Fixtures.tinyRelease();
        r.setFeatures(Fixtures.seasonalFeatures());
        r.getFeatures().setClip(4f);
        variants.add(r);
        for (ModelRelease v : variants) {
            assertThat(ReleaseCanonicalForm.bytesToSign(v)).isNotEqualTo(base);
        }
        assertThat(ReleaseCanonicalForm.bytesToSign(variants.get(5))).isNotEqualTo(ReleaseCanonicalForm.bytesToSign(variants.get(4)));
    }

    @Test
    void sameBytesAfterAnEncodeDecodeRoundTrip() throws IOException {
        ModelRelease original = Fixtures.tinyRelease();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder enc = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<>(ModelRelease.class).write(original, enc);
        enc.flush();
        ModelRelease decoded = new SpecificDatumReader<>(ModelRelease.class)
                .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));

        assertThat(ReleaseCanonicalForm.bytesToSign(decoded)).isEqualTo(ReleaseCanonicalForm.bytesToSign(original));
    }

    @Test
    void frozenSchemaIsTheFirstReleasedModelRelease() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/released/ModelRelease-v1.avsc")) {
            Schema released = new Schema.Parser().parse(in);
            assertThat(SchemaNormalization.parsingFingerprint64(ReleaseCanonicalForm.frozenSchema(1)))
                    .isEqualTo(SchemaNormalization.parsingFingerprint64(released));
        }
    }

    /**
     * The guard against unsigned content: a field added to ModelRelease after the latest canonical form would
     * not be covered by any signature. Adding one needs a new form that freezes the new schema.
     */
    @Test
    void latestFormFreezesTheCurrentSchema() {
        Schema latest = ReleaseCanonicalForm.frozenSchema(ReleaseCanonicalForm.VERSION);
        assertThat(SchemaNormalization.parsingFingerprint64(latest))
                .as("ModelRelease changed after canonical form %d was frozen: add form %d",
                        ReleaseCanonicalForm.VERSION, ReleaseCanonicalForm.VERSION + 1)
                .isEqualTo(SchemaNormalization.parsingFingerprint64(ModelRelease.getClassSchema()));
        assertThat(latest.getFields().get(latest.getFields().size() - 1).name()).isEqualTo("features");
    }

    /**
     * A later schema version with a field appended: a release written under it projects onto each frozen
     * schema, so a signature made over form 1, 2, 3 or 4 by an older trainer still verifies.
     */
    @Test
    void laterSchemaVersionProjectsOntoTheFrozenBody() throws IOException {
        Schema current = ModelRelease.getClassSchema();
        Schema later = withExtraField(current);
        GenericRecord record = new GenericData.Record(later);
        GenericData model = GenericData.get();
        byte[] currentBody = Hex.bytes(Fixtures.TINY_RELEASE_BODY);
        GenericRecord decoded = new org.apache.avro.generic.GenericDatumReader<GenericRecord>(current, current, model)
                .read(null, DecoderFactory.get().binaryDecoder(currentBody, null));
        for (Schema.Field f : current.getFields()) {
            record.put(f.name(), decoded.get(f.name()));
        }
        record.put("notes", "added later");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder enc = EncoderFactory.get().directBinaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(later, model).write(record, enc);
        byte[] laterBody = out.toByteArray();

        assertThat(laterBody).hasSize(currentBody.length + 12); // "added later": length 11 → 16 then 11 bytes
        assertThat(ReleaseCanonicalForm.project(later, laterBody, 4)).isEqualTo(currentBody);
        assertThat(ReleaseCanonicalForm.project(later, laterBody, 3)).isEqualTo(Hex.bytes(Fixtures.TINY_RELEASE_BODY_V3));
        assertThat(ReleaseCanonicalForm.project(later, laterBody, 2)).isEqualTo(Hex.bytes(Fixtures.TINY_RELEASE_BODY_V2));
        assertThat(ReleaseCanonicalForm.project(later, laterBody, 1)).isEqualTo(Hex.bytes(Fixtures.TINY_RELEASE_BODY_V1));
    }

    @Test
    void unknownCanonicalFormIsRefused() {
        assertThatThrownBy(() -> ReleaseCanonicalForm.bytesToSign(Fixtures.tinyRelease(), 5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown canonical form 5");
        assertThatThrownBy(() -> ReleaseCanonicalForm.bytesToSign(Fixtures.tinyRelease(), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown canonical form 0");
    }

    private static Schema withExtraField(Schema schema) {
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field f : schema.getFields()) {
            fields.add(new Schema.Field(f, f.schema()));
        }
        fields.add(new Schema.Field("notes", Schema.create(Schema.Type.STRING), "free text", ""));
        return Schema.createRecord(schema.getName(), schema.getDoc(), schema.getNamespace(), false, fields);
    }
}
