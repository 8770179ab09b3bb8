package io.seqscore.model.core.io;

import io.seqscore.model.core.CellType;
import io.seqscore.model.core.LayerSpec;
import io.seqscore.model.core.NetworkSpec;
import io.seqscore.model.core.norm.ZScoreNormalizer;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * The versioned binary form of a network: architecture, weights and input normalizer.
 *
 * <pre>
 * format 1, little-endian:
 *   bytes  "SQNN"                        magic
 *   u16    1                             format version
 *   u16    0                             flags (reserved, must be 0)
 *   i32    inputSize, horizon, outputDim, layerCount L
 *   L ×    i32 cell code, i32 units      cell codes: 1 LSTM, 2 GRU_RESET_AFTER, 3 GRU_RESET_BEFORE,
 *                                                    4 RNN_TANH, 5 RNN_RELU
 *   f32[inputSize] mean, f32[inputSize] std
 *   i32    P, then f32[P] parameters     layout of NetworkSpec; P must equal its paramCount()
 *   u32    CRC-32 of every byte before it
 * </pre>
 * Decoding checks every field and fails with a {@link NetworkFormatException} naming it. Float values
 * round-trip exactly (raw IEEE-754 bits).
 */
public final class NetworkCodec {
    public static final int FORMAT_VERSION = 1;
    static final int MAGIC = 0x4E4E5153; // "SQNN" read little-endian
    static final int MAX_LAYERS = 64;
    static final int MAX_DIM = 1 << 16;
    static final int MAX_HORIZON = 1 << 12;

    private static final CellType[] CELL_BY_CODE = {
        null, CellType.LSTM, CellType.GRU_RESET_AFTER, CellType.GRU_RESET_BEFORE, CellType.RNN_TANH, CellType.RNN_RELU
    };

    private NetworkCodec() {
    }

    public static int cellCode(CellType cell) {
        for (int code = 1; code < CELL_BY_CODE.length; code++) {
            if (CELL_BY_CODE[code] == cell) {
                return code;
            }
        }
        throw new IllegalArgumentException("no format code for cell " + cell);
    }

    public static byte[] encode(SavedNetwork network) {
        NetworkSpec spec = network.spec();
        float[] params = network.params();
        ZScoreNormalizer norm = network.normalizer();
        if (spec.hasEmbedding()) {
            throw new IllegalArgumentException("format " + FORMAT_VERSION + " has no embedding: a symbol network ("
                    + spec + ") travels in a model release");
        }
        int n = spec.inputSize();
        int size = 4 + 2 + 2 + 16 + 8 * spec.layerCount() + 8 * n + 4 + 4 * params.length + 4;
        ByteBuffer buf = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        buf.putInt(MAGIC).putShort((short) FORMAT_VERSION).putShort((short) 0);
        buf.putInt(n).putInt(spec.horizon()).putInt(spec.outputDim()).putInt(spec.layerCount());
        for (LayerSpec layer : spec.layers()) {
            buf.putInt(cellCode(layer.cell())).putInt(layer.units());
        }
        for (int j = 0; j < n; j++) {
            buf.putFloat(norm.mean(j));
        }
        for (int j = 0; j < n; j++) {
            buf.putFloat(norm.std(j));
        }
        buf.putInt(params.length);
        for (float p : params) {
            buf.putFloat(p);
        }
        buf.putInt((int) crc(buf.array(), size - 4));
        return buf.array();
    }

    /** @throws NetworkFormatException when the bytes are not a valid network of a known format version */
    public static SavedNetwork decode(byte[] bytes) {
        if (bytes == null) {
            throw new NetworkFormatException("no bytes to decode a network from");
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        try {
            if (bytes.length < 8 || buf.getInt() != MAGIC) {
                throw new NetworkFormatException("not a seqscore network: the first bytes are not the magic \"SQNN\"");
            }
            int version = Short.toUnsignedInt(buf.getShort());
            if (version != FORMAT_VERSION) {
                throw new NetworkFormatException("unsupported network format version " + version
                        + " (this build reads version " + FORMAT_VERSION + ")");
            }
            int flags = Short.toUnsignedInt(buf.getShort());
            if (flags != 0) {
                throw new NetworkFormatException("unknown format flags 0x" + Integer.toHexString(flags));
            }
            long stored = Integer.toUnsignedLong(ByteBuffer.wrap(bytes, bytes.length - 4, 4)
                    .order(ByteOrder.LITTLE_ENDIAN).getInt());
            long actual = crc(bytes, bytes.length - 4);
            if (stored != actual) {
                throw new NetworkFormatException("checksum mismatch: stored CRC-32 0x" + Long.toHexString(stored)
                        + ", computed 0x" + Long.toHexString(actual) + " (corrupted or truncated bytes)");
            }
            int inputSize = bounded(buf.getInt(), "input size", MAX_DIM);
            int horizon = bounded(buf.getInt(), "horizon", MAX_HORIZON);
            int outputDim = bounded(buf.getInt(), "output dimension", MAX_DIM);
            int layerCount = bounded(buf.getInt(), "layer count", MAX_LAYERS);
            List<LayerSpec> layers = new ArrayList<>(layerCount);
            int in = inputSize;
            for (int k = 0; k < layerCount; k++) {
                int code = buf.getInt();
                if (code < 1 || code >= CELL_BY_CODE.length) {
                    throw new NetworkFormatException("layer " + k + " has unknown cell code " + code);
                }
                int units = bounded(buf.getInt(), "layer " + k + " units", MAX_DIM);
                layers.add(new LayerSpec(CELL_BY_CODE[code], in, units));
                in = units;
            }
            NetworkSpec spec = new NetworkSpec(inputSize, layers, horizon, outputDim);
            float[] mean = new float[inputSize];
            float[] std = new float[inputSize];
            for (int j = 0; j < inputSize; j++) {
                mean[j] = buf.getFloat();
            }
            for (int j = 0; j < inputSize; j++) {
                std[j] = buf.getFloat();
            }
            ZScoreNormalizer normalizer;
            try {
                normalizer = ZScoreNormalizer.of(mean, std);
            } catch (IllegalArgumentException e) {
                throw new NetworkFormatException("invalid normalizer: " + e.getMessage());
            }
            int count = buf.getInt();
            if (count != spec.paramCount()) {
                throw new NetworkFormatException("parameter count " + count + " does not match the architecture "
                        + spec + ", which needs " + spec.paramCount());
            }
            int expectedRest = 4 * count + 4;
            if (buf.remaining() != expectedRest) {
                throw new NetworkFormatException("expected " + expectedRest + " bytes of parameters and checksum, found "
                        + buf.remaining());
            }
            float[] params = new float[count];
            for (int i = 0; i < count; i++) {
                float p = buf.getFloat();
                if (!Float.isFinite(p)) {
                    throw new NetworkFormatException("parameter " + spec.describeParam(i) + " is not finite: " + p);
                }
                params[i] = p;
            }
            return new SavedNetwork(spec, params, normalizer);
        } catch (BufferUnderflowException e) {
            throw new NetworkFormatException("truncated network: " + bytes.length + " bytes end before the header does");
        } catch (IllegalArgumentException e) {
            throw new NetworkFormatException("invalid architecture: " + e.getMessage());
        }
    }

    private static int bounded(int value, String what, int max) {
        if (value < 1 || value > max) {
            throw new NetworkFormatException(what + " must be in [1, " + max + "], got " + value);
        }
        return value;
    }

    private static long crc(byte[] bytes, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, length);
        return crc.getValue();
    }
}
