package io.seqscore.input;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The json decoder alone: paths, roles, fallbacks and problems. */
class JsonInputDecoderTest {
    private static EventDecoder decoder(InputMapping mapping) {
        return InputFormats.named("json").decoders(mapping, Map.of()).get();
    }

    private static DecodedEvent decode(EventDecoder d, String key, String json, long timestamp) {
        return d.decode("t", new RecordHeaders(), key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                json.getBytes(StandardCharsets.UTF_8), timestamp);
    }

    @Test
    void shouldReadTheSameFieldAsSeveralRolesAndDeeplyNestedPaths() {
        InputMapping m = InputMapping.of(List.of("a.b.c", "a.b.c", "d"), "a.t", "epoch-seconds", "UTC", "a.b.id",
                List.of("a.b.id", "a.b.c", "flag", "obj"));
        DecodedEvent e = decode(decoder(m), null, "{\"z\":[[1],{\"a\":2}],\"a\":{\"t\":3,\"b\":{\"c\":[1,2],\"id\":9}},"
                + "\"d\":-0.5,\"flag\":true,\"obj\":{\"x\":1}}", -1);
        assertThat(e.key()).isEqualTo("9");
        assertThat(e.keyBytes()).isEqualTo("9".getBytes(StandardCharsets.UTF_8));
        assertThat(e.eventTime()).isEqualTo(3000L);
        assertThat(e.values()).containsExactly(1.0, 2.0, 1.0, 2.0, -0.5);
        assertThat(e.attributes()).containsExactlyInAnyOrderEntriesOf(Map.of("a.b.id", "9", "flag", "true"));
    }

    @Test
    void shouldReadASymbolFieldAndNeedNoValuesWithIt() {
        EventDecoder d = decoder(InputMapping.DEFAULT.withSymbol("log.key"));
        DecodedEvent e = decode(d, "blk_1", "{\"time\":5,\"log\":{\"key\":\"E22\"}}", -1);
        assertThat(e.symbol()).isEqualTo("E22");
        assertThat(e.values()).isEmpty();
        assertThat(e.eventTime()).isEqualTo(5);
        DecodedEvent n = decode(d, "blk_1", "{\"time\":6,\"log\":{\"key\":7},\"values\":[1.5]}", -1);
        assertThat(n.symbol()).isEqualTo("7");
        assertThat(n.values()).containsExactly(1.5);
        DecodedEvent v = decode(d, "blk_1", "{\"time\":7,\"values\":[2.5]}", -1);
        assertThat(v.symbol()).isNull();
        assertThatThrownBy(() -> decode(d, "blk_1", "{\"time\":8}", -1)).isInstanceOf(InputMappingException.class)
                .hasMessageContaining("no values field values");
        assertThatThrownBy(() -> decode(d, "blk_1", "{\"time\":8,\"log\":{\"key\":[1]}}", -1))
                .isInstanceOf(InputMappingException.class).hasMessageContaining("symbol field log.key");
        assertThat(decode(decoder(InputMapping.DEFAULT), "k", "{\"time\":5,\"values\":[1],\"log\":{\"key\":\"E\"}}", -1)
                .symbol()).isNull();
    }

    @Test
    void shouldKeepTheRecordKeysOwnBytesWhenTheKeyIsTheRecordKey() {
        byte[] key = "k".getBytes(StandardCharsets.UTF_8);
        DecodedEvent e = decoder(InputMapping.DEFAULT).decode("t", new RecordHeaders(), key,
                "{\"values\":1}".getBytes(StandardCharsets.UTF_8), 5L);
        assertThat(e.keyBytes()).isSameAs(key);
        assertThat(e.eventTime()).isEqualTo(5L);
        assertThat(e.values()).containsExactly(1.0);
        assertThat(e.attributes()).isNull();
    }

    @Test
    void shouldSayWhatIsWrongWithARecord() {
        EventDecoder d = decoder(InputMapping.DEFAULT);
        assertThatThrownBy(() -> decode(d, "k", "{\"values\":[1]}", -1)).isInstanceOf(InputMappingException.class)
                .hasMessage("no field time and the record has no timestamp")
                .extracting(e -> ((InputMappingException) e).problem()).isEqualTo(MappingProblem.BAD_TIME);
        assertThatThrownBy(() -> decode(d, "k", "{\"values\":[1],\"time\":1e400}", 1))
                .hasMessage("time field time: Infinity is out of range");
        assertThatThrownBy(() -> decode(d, "k", "{\"values\":[1],\"time\":99999999999999999999}", 1))
                .hasMessage("time field time: 99999999999999999999 is out of range");
        assertThatThrownBy(() -> decode(d, "k", "{\"values\":[1],\"time\":[1]}", 1))
                .hasMessage("time field time: it is an array, not a number or text");
        assertThatThrownBy(() -> decode(d, "k", "{\"values\":[[1]]}", 1))
                .hasMessage("values field values[0] is an array, not a number");
        assertThatThrownBy(() -> decode(d, "k", "{\"values\":[1]} {}", 1)).isInstanceOf(SerializationException.class)
                .hasMessageStartingWith("Not one JSON object: more follows the object");
        assertThatThrownBy(() -> decode(d, "k", "", 1)).isInstanceOf(SerializationException.class)
                .hasMessage("Not a JSON object: the value starts with nothing");
    }
}
