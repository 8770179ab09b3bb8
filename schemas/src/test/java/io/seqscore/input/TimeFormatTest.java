package io.seqscore.input;

import org.junit.jupiter.api.Test;

import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimeFormatTest {
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final long T = 1_700_000_000_000L;

    @Test
    void shouldReadEpochMillisFromNumbersAndText() {
        TimeFormat f = TimeFormat.named("epoch-millis", PARIS);
        assertThat(f.fromLong(T)).isEqualTo(T);
        assertThat(f.fromDouble(1.7000000000004E12)).isEqualTo(T);
        assertThat(f.fromText(" 1700000000000 ")).isEqualTo(T);
        assertThat(f.fromText("-5")).isEqualTo(-5L);
        assertThatThrownBy(() -> f.fromText("soon")).hasMessage("'soon' is not a number (epoch-millis)");
        assertThatThrownBy(() -> f.fromDouble(Double.NaN)).hasMessage("NaN is out of range");
    }

    @Test
    void shouldReadEpochSecondsRoundedToTheMillisecond() {
        TimeFormat f = TimeFormat.named("EPOCH-SECONDS", PARIS);
        assertThat(f.fromLong(1_700_000_000L)).isEqualTo(T);
        assertThat(f.fromDouble(1_700_000_000.123)).isEqualTo(T + 123);
        assertThat(f.fromText("1700000000.9996")).isEqualTo(T + 1000);
        assertThatThrownBy(() -> f.fromLong(Long.MAX_VALUE / 10)).hasMessageContaining("seconds is out of range");
    }

    @Test
    void shouldReadIso8601WithOffsetZoneOrTheConfiguredZone() {
        TimeFormat f = TimeFormat.named("iso-8601", PARIS);
        assertThat(f.fromText("2023-11-14T22:13:20Z")).isEqualTo(T);
        assertThat(f.fromText("2023-11-14T22:13:20.001Z")).isEqualTo(T + 1);
        assertThat(f.fromText("2023-11-15T00:13:20+02:00")).isEqualTo(T);
        assertThat(f.fromText("2023-11-14T23:13:20+01:00[Europe/Paris]")).isEqualTo(T);
        assertThat(f.fromText("2023-11-14T23:13:20")).isEqualTo(T);
        assertThatThrownBy(() -> f.fromText("2023-11-14")).hasMessage("'2023-11-14' is not an ISO-8601 date-time");
        assertThatThrownBy(() -> f.fromText("+999999999-12-31T23:59:59Z"))
                .hasMessage("'+999999999-12-31T23:59:59Z' is not an ISO-8601 date-time");
        assertThatThrownBy(() -> f.fromLong(T)).hasMessage("the number 1700000000000 is not ISO-8601 text");
    }

    @Test
    void shouldReadPatternsWithAndWithoutTimeOrOffset() {
        assertThat(TimeFormat.named("yyyy-MM-dd HH:mm:ss.SSS", ZoneId.of("UTC")).fromText("2023-11-14 22:13:20.250"))
                .isEqualTo(T + 250);
        assertThat(TimeFormat.named("yyyy-MM-dd HH:mm:ssXXX", PARIS).fromText("2023-11-14 22:13:20Z")).isEqualTo(T);
        assertThat(TimeFormat.named("dd/MM/yyyy", ZoneId.of("UTC")).fromText("14/11/2023"))
                .isEqualTo(T - (22 * 3600 + 13 * 60 + 20) * 1000L);
        assertThat(TimeFormat.named("yyyyMMddHHmmss", ZoneId.of("UTC")).fromLong(20231114221320L)).isEqualTo(T);
        assertThatThrownBy(() -> TimeFormat.named("HH:mm", PARIS).fromText("12:30"))
                .hasMessage("'12:30' is not a time in the pattern 'HH:mm'");
        assertThatThrownBy(() -> TimeFormat.named("dd/MM/yyyy", PARIS).fromText("2023-11-14"))
                .hasMessage("'2023-11-14' is not a time in the pattern 'dd/MM/yyyy'");
        assertThatThrownBy(() -> TimeFormat.named("bad {{", PARIS)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("'bad {{' is neither epoch-millis, epoch-seconds, iso-8601 nor a date-time pattern");
    }
}
