package io.seqscore.serde;

import io.seqscore.testing.Hex;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WireFormatTest {

    @Test
    void headerIsMagicZeroThenTheIdBigEndian() {
        byte[] buf = new byte[7];
        WireFormat.writeHeader(buf, 1, 0x01020304);
        assertThat(Hex.of(buf)).isEqualTo("00 00 01 02 03 04 00");
        assertThat(WireFormat.schemaId(buf, 1, 6)).isEqualTo(0x01020304);
    }

    @Test
    void idsAboveTwoToThe31AreReadAsTheirSignedInt() {
        assertThat(WireFormat.schemaId(Hex.bytes("00 FF FF FF FE"), 0, 5)).isEqualTo(-2);
        assertThat(WireFormat.schemaId(Hex.bytes("00 80 00 00 00"), 0, 5)).isEqualTo(Integer.MIN_VALUE);
    }

    @Test
    void shortOrUnframedValuesAreRefused() {
        assertThatThrownBy(() -> WireFormat.schemaId(Hex.bytes("00 00 00 01"), 0, 4))
                .isInstanceOf(SerializationException.class).hasMessageStartingWith("Truncated value: 4 bytes");
        assertThatThrownBy(() -> WireFormat.schemaId(Hex.bytes("7B 22 61 22 3A"), 0, 5))
                .isInstanceOf(SerializationException.class).hasMessageStartingWith("Unknown magic byte 0x7b");
    }
}
