package io.seqscore.model.core.io;

import io.seqscore.model.core.CellType;
import io.seqscore.model.core.LayerSpec;
import io.seqscore.model.core.NetworkSpec;
import io.seqscore.model.core.norm.ZScoreNormalizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.CRC32;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NetworkCodecTest {

    /** The network stored in fixtures/network-v1.bin, written by format version 1. */
    static SavedNetwork fixtureNetwork() {
        NetworkSpec spec = new NetworkSpec(2, List.of(new LayerSpec(CellType.GRU_RESET_AFTER, 2, 3),
                new LayerSpec(CellType.LSTM, 3, 2)), 2, 2);
        float[] params = new float[spec.paramCount()];
        for (int i = 0; i < params.length; i++) {
            params[i] = (i - 50) / 64f;
        }
        return new SavedNetwork(spec, params, ZScoreNormalizer.of(new float[] {1.5f, -2f}, new float[] {0.5f, 4f}));
    }

    @ParameterizedTest
    @EnumSource(CellType.class)
    void shouldRoundTripEveryCellFloatExact(CellType cell) {
        NetworkSpec spec = NetworkSpec.uniform(cell, 3, 7, 2, 4, 3);
        SplittableRandom rnd = new SplittableRandom(cell.ordinal());
        float[] params = new float[spec.paramCount()];
        for (int i = 0; i < params.length; i++) {
            params[i] = Float.intBitsToFloat(rnd.nextInt()) ;
            if (!Float.isFinite(params[i])) {
                params[i] = Float.MIN_VALUE * i;
            }
        }
        params[0] = -0f;
        params[1] = Float.MAX_VALUE;
        SavedNetwork saved = new SavedNetwork(spec, params, ZScoreNormalizer.fitter(3).add(new float[] {1, 2, 3})
                .add(new float[] {2, 2, 5}).fit());

        SavedNetwork back = NetworkCodec.decode(NetworkCodec.encode(saved));

        assertThat(back).isEqualTo(saved);
        assertThat(Float.floatToRawIntBits(back.params()[0])).isEqualTo(Float.floatToRawIntBits(-0f));
    }

    @Test
    void shouldStillLoadTheFirstFormatFixture() throws IOException {
        byte[] bytes;
        try (InputStream in = getClass().getResourceAsStream("/fixtures/network-v1.bin")) {
            assertThat(in).as("fixture present").isNotNull();
            bytes = in.readAllBytes();
        }
        assertThat(NetworkCodec.decode(bytes)).isEqualTo(fixtureNetwork());
        assertThat(NetworkCodec.encode(fixtureNetwork())).isEqualTo(bytes);
    }

    @Test
    void shouldWriteTheDocumentedHeader() {
        byte[] bytes = NetworkCodec.encode(fixtureNetwork());
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(Arrays.copyOf(bytes, 4)).containsExactly('S', 'Q', 'N', 'N');
        b.position(4);
        assertThat(b.getShort()).isEqualTo((short) 1);
        assertThat(b.getShort()).isZero();
        assertThat(new int[] {b.getInt(), b.getInt(), b.getInt(), b.getInt()}).containsExactly(2, 2, 2, 2);
        assertThat(new int[] {b.getInt(), b.getInt(), b.getInt(), b.getInt()}).containsExactly(2, 3, 1, 2);
        assertThat(bytes).hasSize(8 + 16 + 16 + 16 + 4 + 4 * fixtureNetwork().spec().paramCount() + 4);
    }

    @Test
    void shouldRejectWrongMagic() {
        byte[] bytes = NetworkCodec.encode(fixtureNetwork());
        bytes[0] = 'X';
        assertThatThrownBy(() -> NetworkCodec.decode(bytes)).isInstanceOf(NetworkFormatException.class)
                .hasMessage("not a seqscore network: the first bytes are not the magic \"SQNN\"");
        assertThatThrownBy(() -> NetworkCodec.decode(new byte[3])).isInstanceOf(NetworkFormatException.class)
                .hasMessageContaining("magic");
    }

    @Test
    void shouldRejectUnknownVersionAndFlags() {
        byte[] v2 = NetworkCodec.encode(fixtureNetwork());
        v2[4] = 2;
        assertThatThrownBy(() -> NetworkCodec.decode(reseal(v2)))
                .hasMessage("unsupported network format version 2 (this build reads version 1)");
        byte[] flags = NetworkCodec.encode(fixtureNetwork());
        flags[6] = 1;
        assertThatThrownBy(() -> NetworkCodec.decode(reseal(flags))).hasMessage("unknown format flags 0x1");
    }

    @Test
    void shouldRejectCorruptedBytesByChecksum() {
        byte[] bytes = NetworkCodec.encode(fixtureNetwork());
        bytes[100] ^= 0x10;
        assertThatThrownBy(() -> NetworkCodec.decode(bytes)).isInstanceOf(NetworkFormatException.class)
                .hasMessageStartingWith("checksum mismatch");
        byte[] truncated = Arrays.copyOf(NetworkCodec.encode(fixtureNetwork()), 120);
        assertThatThrownBy(() -> NetworkCodec.decode(truncated)).hasMessageStartingWith("checksum mismatch");
    }

    @Test
    void shouldRejectParameterCountThatDoesNotMatchTheArchitecture() {
        byte[] bytes = NetworkCodec.encode(fixtureNetwork());
        int countAt = 8 + 16 + 16 + 16;
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(countAt, 7);
        assertThatThrownBy(() -> NetworkCodec.decode(reseal(bytes)))
                .hasMessageStartingWith("parameter count 7 does not match the architecture")
                .hasMessageEndingWith("which needs " + fixtureNetwork().spec().paramCount());
    }

    @Test
    void shouldRejectUnknownCellAndAbsurdSizes() {
        byte[] cell = NetworkCodec.encode(fixtureNetwork());
        ByteBuffer.wrap(cell).order(ByteOrder.LITTLE_ENDIAN).putInt(24, 9);
        assertThatThrownBy(() -> NetworkCodec.decode(reseal(cell))).hasMessage("layer 0 has unknown cell code 9");
        byte[] units = NetworkCodec.encode(fixtureNetwork());
        ByteBuffer.wrap(units).order(ByteOrder.LITTLE_ENDIAN).putInt(28, Integer.MAX_VALUE);
        assertThatThrownBy(() -> NetworkCodec.decode(reseal(units)))
                .hasMessage("layer 0 units must be in [1, 65536], got 2147483647");
        byte[] layers = NetworkCodec.encode(fixtureNetwork());
        ByteBuffer.wrap(layers).order(ByteOrder.LITTLE_ENDIAN).putInt(20, 0);
        assertThatThrownBy(() -> NetworkCodec.decode(reseal(layers))).hasMessage("layer count must be in [1, 64], got 0");
    }

    @Test
    void shouldRejectNonFiniteWeightsNamingTheElement() {
        SavedNetwork net = fixtureNetwork();
        byte[] bytes = NetworkCodec.encode(net);
        int paramsAt = 8 + 16 + 16 + 16 + 4;
        int index = net.spec().uOffset(1) + 3;
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putFloat(paramsAt + 4 * index, Float.NaN);
        assertThatThrownBy(() -> NetworkCodec.decode(reseal(bytes)))
                .hasMessage("parameter layer1.U[1][1] is not finite: NaN");
    }

    @Test
    void shouldRejectInvalidNormalizer() {
        byte[] bytes = NetworkCodec.encode(fixtureNetwork());
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putFloat(8 + 16 + 16 + 8, -1f);
        assertThatThrownBy(() -> NetworkCodec.decode(reseal(bytes)))
                .hasMessage("invalid normalizer: normalizer std[0] must be finite and > 0, got -1.0");
    }

    private static byte[] reseal(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 4);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(bytes.length - 4, (int) crc.getValue());
        return bytes;
    }
}
