package io.seqscore.serde;

import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

import java.io.OutputStream;
import java.util.Arrays;

/**
 * A growable byte array that an Avro encoder writes into, reused by one thread record after record
 * (so serializing allocates only the returned array). Starts with room for the wire header. A buffer
 * that grew past {@link #RETAINED_CAPACITY} is let go after use so one huge record does not pin memory.
 */
final class EncodeBuffer extends OutputStream {
    static final int RETAINED_CAPACITY = 1 << 20;
    private static final ThreadLocal<EncodeBuffer> PER_THREAD = ThreadLocal.withInitial(EncodeBuffer::new);

    private byte[] buf = new byte[256];
    private int size;
    private BinaryEncoder encoder;

    /** This thread's buffer, emptied. */
    static EncodeBuffer acquire() {
        EncodeBuffer b = PER_THREAD.get();
        b.size = 0;
        return b;
    }

    /** An encoder writing straight into this buffer (no intermediate buffering, nothing to flush). */
    BinaryEncoder encoder() {
        encoder = EncoderFactory.get().directBinaryEncoder(this, encoder);
        return encoder;
    }

    /** Leaves {@code n} bytes for a header to be written later with {@link #array()}. */
    void skip(int n) {
        ensure(n);
        size += n;
    }

    byte[] array() {
        return buf;
    }

    int size() {
        return size;
    }

    /** A copy of the bytes written, then lets an oversized buffer go. */
    byte[] toByteArrayAndRelease() {
        byte[] out = Arrays.copyOf(buf, size);
        if (buf.length > RETAINED_CAPACITY) {
            buf = new byte[256];
        }
        size = 0;
        return out;
    }

    @Override
    public void write(int b) {
        ensure(1);
        buf[size++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, size, len);
        size += len;
    }

    private void ensure(int extra) {
        int needed = size + extra;
        if (needed < 0) {
            throw new OutOfMemoryError("encoded record exceeds 2 GiB");
        }
        if (needed > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(needed, buf.length << 1 < 0 ? Integer.MAX_VALUE - 8 : buf.length << 1));
        }
    }
}
