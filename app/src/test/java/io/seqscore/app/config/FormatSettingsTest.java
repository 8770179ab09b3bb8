package io.seqscore.app.config;

import io.seqscore.input.FieldPath;
import io.seqscore.output.OutputFormat;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FormatSettingsTest {
    @Test
    void shouldDefaultToTheEventFormatAvroOutputAndTheJsonDefaultFields() {
        FormatSettings f = new SeqscoreConfig(Map.of()).formatSettings();
        assertThat(f.input().name()).isEqualTo("event");
        assertThat(f.output()).isEqualTo(OutputFormat.AVRO);
        assertThat(f.mapping().values()).containsExactly(FieldPath.parse("values"));
        assertThat(f.mapping().time()).isNull();
        assertThat(f.mapping().key()).isNull();
        assertThat(f.mapping().timeFormat().name()).isEqualTo("epoch-millis");
    }

    @Test
    void shouldReadTheMappingSettings() {
        FormatSettings f = new SeqscoreConfig(Map.of("seqscore.input.format", "json",
                "seqscore.input.values", "reading.temp, reading.rpm", "seqscore.input.time", "ts",
                "seqscore.input.time.format", "yyyy-MM-dd HH:mm", "seqscore.input.key", "meta.id",
                "seqscore.input.attributes", "site", "seqscore.output.format", "json")).formatSettings();
        assertThat(f.input().name()).isEqualTo("json");
        assertThat(f.output()).isEqualTo(OutputFormat.JSON);
        assertThat(f.mapping().values()).containsExactly(FieldPath.parse("reading.temp"), FieldPath.parse("reading.rpm"));
        assertThat(f.mapping().time()).isEqualTo(FieldPath.parse("ts"));
        assertThat(f.mapping().timeFormat().name()).isEqualTo("yyyy-MM-dd HH:mm");
        assertThat(f.mapping().key()).isEqualTo(FieldPath.parse("meta.id"));
        assertThat(f.mapping().attributes()).isEqualTo(List.of(FieldPath.parse("site")));
    }

    @Test
    void shouldRefuseMappingSettingsWithTheEventFormat() {
        assertThatThrownBy(() -> new SeqscoreConfig(Map.of("seqscore.input.values", "a")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("seqscore.input.values applies to seqscore.input.format=json or avro, not event");
    }

    @Test
    void shouldRefuseBadFormatsPathsPatternsAndZones() {
        assertThatThrownBy(() -> new SeqscoreConfig(Map.of("seqscore.input.format", "csv")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("seqscore.input.format");
        assertThatThrownBy(() -> new SeqscoreConfig(Map.of("seqscore.input.format", "json",
                "seqscore.input.values", "a..b"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("field path 'a..b' has an empty segment");
        assertThatThrownBy(() -> new SeqscoreConfig(Map.of("seqscore.input.format", "json",
                "seqscore.input.values", ""))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("name at least one field");
        assertThatThrownBy(() -> new SeqscoreConfig(Map.of("seqscore.input.format", "json",
                "seqscore.input.time.format", "yyyy-MM-dd {{"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("is neither epoch-millis, epoch-seconds, iso-8601 nor a date-time pattern");
        assertThatThrownBy(() -> new SeqscoreConfig(Map.of("seqscore.input.format", "json",
                "seqscore.input.time.zone", "Mars/Olympus"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("not a time zone id");
        assertThatThrownBy(() -> new SeqscoreConfig(Map.of("seqscore.output.format", "xml")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("seqscore.output.format");
    }
}
