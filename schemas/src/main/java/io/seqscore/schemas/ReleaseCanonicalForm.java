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
import org.apache.avro.specific.SpecificDatumReader;
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
 * canonical form N =  ASCII "seqscore.ModelRelease.vN"  ||  0x00  ||  body
 * body             =  Avro binary encoding of the release with signature = null, under the schema frozen
 *                     as canonical form N, arrays written as one block (count, items, 0) as Avro's
 *                     BinaryEncoder does
 * form 1           =  frozen ModelRelease-canonical-1.avsc, the first released ModelRelease (no features)
 * form 2           =  frozen ModelRelease-canonical-2.avsc, the version that added features
 * form 3           =  frozen ModelRelease-canonical-3.avsc, the version that names kinds (features' name,
 *                     parameters and vocabulary; the architecture's head)
 * form 4           =  frozen ModelRelease-canonical-4.avsc, the version that adds a categorical kind's
 *                     transitions and end symbol to the features
 * </pre>
 *
 * <p>Deterministic: the binary encoding of a record is a function of its content (records are their
 * fields in order, arrays keep their order, and the contract has no maps). Stable across schema evolution:
 * a release read with a later schema version is projected back onto the frozen schema, so a signature made
 * by an older trainer still verifies in a newer scorer. A field added after form N is not covered by form N:
 * {@link #covers} says whether the release's content outside form N is at its default, the only case in
 * which a form-N signature vouches for the whole release. The prefix keeps these bytes from meaning
 * anything else to the same key.
 */
public final class ReleaseCanonicalForm {
    /** The canonical form this build writes. */
    public static final int VERSION = 4;

    static {
        AvroTrust.trustContracts();
    }

    private static final Schema[] FROZEN = {null, load("ModelRelease-canonical-1.avsc"), load("ModelRelease-canonical-2.avsc"),
            load("ModelRelease-canonical-3.avsc"), load("ModelRelease-canonical-4.avsc")};
    private static final Schema CURRENT = ModelRelease.getClassSchema();
    private static final int SIGNATURE_FIELD = CURRENT.getField("signature").pos();
    private static final boolean[] FROZEN_IS_CURRENT = frozenIsCurrent();

    private ReleaseCanonicalForm() {
    }

    /** The domain-separation prefix of {@code form} (followed by one 0x00 byte): "seqscore.ModelRelease.v" + form. */
    public static String prefix(int form) {
        requireKnown(form);
        return "seqscore.ModelRelease.v" + form;
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
        requireKnown(form);
        ModelRelease unsigned = unsigned(release);
        byte[] body = encode(new SpecificDatumWriter<>(ModelRelease.class), unsigned);
        return frame(form, FROZEN_IS_CURRENT[form] ? body : project(CURRENT, body, form));
    }

    /**
     * Whether form {@code form} covers all of {@code release}: every field added to the schema after that form
     * holds its default, so that the release read back from its form-{@code form} body is the release itself
     * (signature aside).
     */
    public static boolean covers(ModelRelease release, int form) {
        requireKnown(form);
        if (FROZEN_IS_CURRENT[form]) {
            return true;
        }
        ModelRelease unsigned = unsigned(release);
        byte[] projected = project(CURRENT, encode(new SpecificDatumWriter<>(ModelRelease.class), unsigned), form);
        try {
            SpecificDatumReader<ModelRelease> reader = new SpecificDatumReader<>(FROZEN[form], CURRENT);
            return unsigned.equals(reader.read(null, DecoderFactory.get().binaryDecoder(projected, null)));
        } catch (IOException e) {
            throw new IllegalArgumentException("a projected release does not decode under its frozen schema", e);
        }
    }

    private static ModelRelease unsigned(ModelRelease release) {
        ModelRelease unsigned = new ModelRelease();
        for (int i = 0; i < CURRENT.getFields().size(); i++) {
            unsigned.put(i, i == SIGNATURE_FIELD ? null : release.get(i));
        }
        return unsigned;
    }

    /**
     * Projects a body written under {@code writer} (a later ModelRelease schema, signature already null)
     * onto the frozen schema of {@code form}: the body of that form for the same release.
     */
    static byte[] project(Schema writer, byte[] body, int form) {
        Schema frozen = FROZEN[form];
        try {
            GenericDatumReader<Object> reader = new GenericDatumReader<>(writer, frozen, GenericData.get());
            Object projected = reader.read(null, DecoderFactory.get().binaryDecoder(body, null));
            return encode(new GenericDatumWriter<>(frozen, GenericData.get()), projected);
        } catch (IOException e) {
            throw new IllegalArgumentException("release body does not decode under its own schema", e);
        }
    }

    static Schema frozenSchema(int form) {
        requireKnown(form);
        return FROZEN[form];
    }

    static byte[] frame(int form, byte[] body) {
        byte[] prefix = prefix(form).getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[prefix.length + 1 + body.length];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        out[prefix.length] = 0;
        System.arraycopy(body, 0, out, prefix.length + 1, body.length);
        return out;
    }

    private static boolean[] frozenIsCurrent() {
        boolean[] same = new boolean[FROZEN.length];
        for (int form = 1; form < FROZEN.length; form++) {
            same[form] = SchemaNormalization.parsingFingerprint64(FROZEN[form]) == SchemaNormalization.parsingFingerprint64(CURRENT);
        }
        return same;
    }

    private static void requireKnown(int form) {
        if (form < 1 || form > VERSION) {
            throw new IllegalArgumentException("unknown canonical form " + form + " (this build knows 1 to " + VERSION + ")");
        }
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
