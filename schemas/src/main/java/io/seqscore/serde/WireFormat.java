package io.seqscore.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * Confluent's wire format: one magic byte {@code 0x00}, the schema id as a 4-byte big-endian int,
 * then the Avro binary encoding of the value under that schema.
 * <pre>
 *   byte 0      0x00
 *   bytes 1..4  schema id, big-endian
 *   bytes 5..   Avro binary body
 * </pre>
 */
public final class WireFormat {
    public static final byte MAGIC_BYTE = 0x0;
    public static final int HEADER_SIZE = 5;

    private WireFormat() {
    }

    /** Writes the header at {@code buf[offset .. offset+4]}. */
    public static void writeHeader(byte[] buf, int offset, int schemaId) {
        buf[offset] = MAGIC_BYTE;
        buf[offset + 1] = (byte) (schemaId >>> 24);
        buf[offset + 2] = (byte) (schemaId >>> 16);
        buf[offset + 3] = (byte) (schemaId >>> 8);
        buf[offset + 4] = (byte) schemaId;
    }

    /**
     * The schema id of a framed value of {@code length} bytes starting at {@code offset}.
     *
     * @throws SerializationException if the value is shorter than the header or the magic byte is wrong
     */
    public static int schemaId(byte[] data, int offset, int length) {
        if (length < HEADER_SIZE) {
            throw new SerializationException("Truncated value: " + length + " bytes, but the Confluent wire format"
                    + " needs at least " + HEADER_SIZE + " (magic byte and 4-byte schema id)");
        }
        if (data[offset] != MAGIC_BYTE) {
            throw new SerializationException(String.format(
                    "Unknown magic byte 0x%02x (expected 0x00): not a Confluent-framed Avro value", data[offset] & 0xff));
        }
        return (data[offset + 1] & 0xff) << 24 | (data[offset + 2] & 0xff) << 16
                | (data[offset + 3] & 0xff) << 8 | (data[offset + 4] & 0xff);
    }
}
