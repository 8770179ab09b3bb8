package io.seqscore.serde;

import org.apache.kafka.common.errors.SerializationException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Confluent 8's schema ids in record headers. With
 * {@code value.schema.id.serializer=io.confluent.kafka.serializers.schema.id.HeaderSchemaIdSerializer}
 * (or {@code key.…}) Confluent's serializers put the schema id in a header, {@value #VALUE_HEADER} (or
 * {@value #KEY_HEADER}), and write the Avro body with no prefix. The header value is a format byte and
 * the id:
 * <pre>
 *   01 | 16-byte GUID (most significant long, then least, big-endian)   what HeaderSchemaIdSerializer writes
 *   00 | 4-byte schema id, big-endian                                    also accepted by Confluent's readers
 * </pre>
 * A reader takes the last such header; without one, the value is in the prefixed {@link WireFormat}
 * (Confluent's default {@code DualSchemaIdDeserializer}). The GUID names a schema across registries:
 * {@code GET /schemas/guids/{guid}} returns it; a registry that does not report it is computed as
 * Confluent's client computes it, the MD5 of the schema text (of a schema with no references, metadata
 * or rules) read as a UUID.
 *
 * <p>Source: confluentinc/schema-registry, {@code schema-serializer/src/main/java/io/confluent/kafka/
 * serializers/schema/id/} {@code SchemaId.java} (header names, {@code MAGIC_BYTE_V0/V1},
 * {@code fromBytes}, {@code guidToBytes}; message indexes follow only for Protobuf),
 * {@code HeaderSchemaIdSerializer.java} ({@code headers.add(key, guidToBytes())}, the payload unprefixed),
 * {@code DualSchemaIdDeserializer.java} ({@code lastHeader}, else the payload prefix), and
 * {@code client/src/main/java/io/confluent/kafka/schemaregistry/client/rest/entities/Schema.java}
 * ({@code getGuid}, {@code updateHash}).
 */
public final class HeaderSchemaIds {
    public static final String KEY_HEADER = "__key_schema_id";
    public static final String VALUE_HEADER = "__value_schema_id";
    public static final byte ID_FORMAT = 0x0;
    public static final byte GUID_FORMAT = 0x1;
    public static final int ID_HEADER_SIZE = 5;
    public static final int GUID_HEADER_SIZE = 17;

    /** The serializer setting of Confluent that writes the prefix (their default) or the header. */
    public static final String PREFIX_SERIALIZER = "io.confluent.kafka.serializers.schema.id.PrefixSchemaIdSerializer";
    public static final String HEADER_SERIALIZER = "io.confluent.kafka.serializers.schema.id.HeaderSchemaIdSerializer";

    private HeaderSchemaIds() {
    }

    public static String headerName(boolean isKey) {
        return isKey ? KEY_HEADER : VALUE_HEADER;
    }

    /** The header value that HeaderSchemaIdSerializer writes for {@code guid}: 17 bytes. */
    public static byte[] guidHeader(UUID guid) {
        byte[] out = new byte[GUID_HEADER_SIZE];
        out[0] = GUID_FORMAT;
        putLong(out, 1, guid.getMostSignificantBits());
        putLong(out, 9, guid.getLeastSignificantBits());
        return out;
    }

    /**
     * Checks a header value's format and length: {@link #GUID_FORMAT} with 16 bytes or {@link #ID_FORMAT}
     * with 4.
     *
     * @return the format byte
     * @throws SerializationException naming the header and what is wrong
     */
    static byte format(byte[] value, String header) {
        if (value.length == 0) {
            throw new SerializationException("Empty " + header + " header: no schema id format byte");
        }
        byte format = value[0];
        int expected = format == GUID_FORMAT ? GUID_HEADER_SIZE : format == ID_FORMAT ? ID_HEADER_SIZE : -1;
        if (expected < 0) {
            throw new SerializationException(String.format("Unknown schema id format 0x%02x in the %s header"
                    + " (expected 0x01 and a GUID, or 0x00 and an id)", format & 0xff, header));
        }
        if (value.length != expected) {
            throw new SerializationException("The " + header + " header has " + value.length + " bytes; a "
                    + (format == GUID_FORMAT ? "GUID" : "schema id") + " header has " + expected);
        }
        return format;
    }

    /** The schema id of an {@link #ID_FORMAT} header value checked by {@link #format}. */
    static int id(byte[] value) {
        return (value[1] & 0xff) << 24 | (value[2] & 0xff) << 16 | (value[3] & 0xff) << 8 | (value[4] & 0xff);
    }

    static long guidMostSignificant(byte[] value) {
        return getLong(value, 1);
    }

    static long guidLeastSignificant(byte[] value) {
        return getLong(value, 9);
    }

    /** The GUID of a schema with no references, metadata or rules, as Confluent's client computes it. */
    public static UUID guidOf(String schemaText) {
        try {
            byte[] md5 = MessageDigest.getInstance("MD5").digest(schemaText.getBytes(StandardCharsets.UTF_8));
            return new UUID(getLong(md5, 0), getLong(md5, 8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no MD5", e);
        }
    }

    private static void putLong(byte[] out, int offset, long v) {
        for (int i = 0; i < 8; i++) {
            out[offset + i] = (byte) (v >>> (56 - 8 * i));
        }
    }

    private static long getLong(byte[] in, int offset) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = v << 8 | (in[offset + i] & 0xff);
        }
        return v;
    }
}
