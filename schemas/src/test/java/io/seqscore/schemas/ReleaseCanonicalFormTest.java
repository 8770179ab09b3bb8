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
    void canonicalFormIsThePrefixAZeroByteAndTheUnsignedBody() {
        byte[] expected = Hex.concat(
                Hex.ascii("seqscore.ModelRelease.v1"),
                new byte[] {0},
                Hex.bytes(Fixtures.TINY_RELEASE_BODY));
        assertThat(Hex.of(ReleaseCanonicalForm.bytesToSign(Fixtures.tinyRelease()))).isEqualTo(Hex.of(expected));
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
        for (ModelRelease v : variants) {
            assertThat(ReleaseCanonicalForm.bytesToSign(v)).isNotEqualTo(base);
        }
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
            assertThat(SchemaNormalization.parsingFingerprint64(ReleaseCanonicalForm.frozenSchema()))
                    .isEqualTo(SchemaNormalization.parsingFingerprint64(released));
        }
    }

    /**
     * A later schema version with a field appended: a release written under it projects onto the frozen
     * schema, so a signature made over form 1 by an older trainer still verifies.
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
        assertThat(ReleaseCanonicalForm.project(later, laterBody)).isEqualTo(currentBody);
    }

    @Test
    void unknownCanonicalFormIsRefused() {
        assertThatThrownBy(() -> ReleaseCanonicalForm.bytesToSign(Fixtures.tinyRelease(), 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown canonical form 2");
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
