package io.seqscore.schemas;

import io.seqscore.avro.ModelRelease;
import io.seqscore.serde.AvroTrust;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The bytes a {@link ModelRelease} signature covers: its canonical form.
 *
 * <pre>
 * canonical form 1 =  ASCII "seqscore.ModelRelease.v1"  ||  0x00  ||  body
 * body            =  Avro binary encoding of the release with signature = null, under the schema frozen
 *                    as canonical form 1 (ModelRelease-canonical-1.avsc, the first released ModelRelease),
 *                    arrays written as one block (count, items, 0) as Avro's BinaryEncoder does
 * </pre>
 *
 * <p>Deterministic: the binary encoding of a record is a function of its content (records are their
 * fields in order, arrays keep their order, and the contract has no maps). Stable across schema evolution:
 * a release read with a later schema version is projected back onto the frozen schema (fields added
 * since are not covered by form 1; a later form would freeze a later schema), so a signature made by an
 * older trainer still verifies in a newer scorer. The prefix keeps these bytes from meaning anything else
 * to the same key.
 */
public final class ReleaseCanonicalForm {
    /** The canonical form this build writes. */
    public static final int VERSION = 1;
    /** The domain-separation prefix of form 1 (followed by one 0x00 byte). */
    public static final String PREFIX = "seqscore.ModelRelease.v1";

    static {
        AvroTrust.trustContracts();
    }

    private static final Schema FROZEN_1 = load("ModelRelease-canonical-1.avsc");
    private static final boolean CURRENT_IS_FROZEN = SchemaNormalization.parsingFingerprint64(ModelRelease.getClassSchema())
            == SchemaNormalization.parsingFingerprint64(FROZEN_1);
    private static final int SIGNATURE_FIELD = ModelRelease.getClassSchema().getField("signature").pos();

    private ReleaseCanonicalForm() {
    }

    /** The bytes to sign or verify under form {@link #VERSION}. The release is not modified. */
    public static byte[] bytesToSign(ModelRelease release) {
        return bytesToSign(release, VERSION);
    }

    /**
     * The bytes to sign or verify under canonical form {@code form}.
     *
     * @throws IllegalArgumentException if this build does not know {@code form}
     */
    public static byte[] bytesToSign(ModelRelease release, int form) {
        if (form != 1) {
            throw new IllegalArgumentException("unknown canonical form " + form + " (this build knows 1)");
        }
        ModelRelease unsigned = new ModelRelease();
        for (int i = 0; i < ModelRelease.getClassSchema().getFields().size(); i++) {
            unsigned.put(i, i == SIGNATURE_FIELD ? null : release.get(i));
        }
        byte[] body = encode(new SpecificDatumWriter<>(ModelRelease.class), unsigned);
        return frame(CURRENT_IS_FROZEN ? body : project(ModelRelease.getClassSchema(), body));
    }

    /**
     * Projects a body written under {@code writer} (a later ModelRelease schema, signature already null)
     * onto the frozen schema of form 1: the body of form 1 for the same release.
     */
    static byte[] project(Schema writer, byte[] body) {
        try {
            GenericDatumReader<Object> reader = new GenericDatumReader<>(writer, FROZEN_1, GenericData.get());
            Object frozen = reader.read(null, DecoderFactory.get().binaryDecoder(body, null));
            return encode(new GenericDatumWriter<>(FROZEN_1, GenericData.get()), frozen);
        } catch (IOException e) {
            throw new IllegalArgumentException("release body does not decode under its own schema", e);
        }
    }

    static Schema frozenSchema() {
        return FROZEN_1;
    }

    static byte[] frame(byte[] body) {
        byte[] prefix = PREFIX.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[prefix.length + 1 + body.length];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        out[prefix.length] = 0;
        System.arraycopy(body, 0, out, prefix.length + 1, body.length);
        return out;
    }

    private static <D> byte[] encode(org.apache.avro.io.DatumWriter<D> writer, D datum) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder enc = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            writer.write(datum, enc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static Schema load(String resource) {
        try (InputStream in = ReleaseCanonicalForm.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return new Schema.Parser().parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
