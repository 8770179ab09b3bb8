package io.seqscore.trainer.source;

import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimestampsTest {
    @Test
    void shouldReadEveryDocumentedForm() {
        assertThat(Timestamps.parse("1700000000000", ZoneOffset.UTC)).isEqualTo(1700000000000L);
        assertThat(Timestamps.parse("-5", ZoneOffset.UTC)).isEqualTo(-5L);
        assertThat(Timestamps.parse("2024-01-01T00:00:00Z", ZoneOffset.UTC)).isEqualTo(1704067200000L);
        assertThat(Timestamps.parse("2024-01-01 02:00:00+02:00", ZoneOffset.UTC)).isEqualTo(1704067200000L);
        assertThat(Timestamps.parse("2024-01-01T00:00:00.250Z", ZoneOffset.UTC)).isEqualTo(1704067200250L);
        assertThat(Timestamps.parse("2024-01-01T00:00", ZoneOffset.UTC)).isEqualTo(1704067200000L);
        assertThat(Timestamps.parse("2024-01-01", ZoneOffset.UTC)).isEqualTo(1704067200000L);
        assertThat(Timestamps.parse("2013-12-02 21:15:00", ZoneOffset.UTC)).isEqualTo(1386018900000L);
        assertThat(Timestamps.parse("2024-07-01 02:00:00", ZoneId.of("Europe/Paris"))).isEqualTo(1719792000000L);
        assertThat(Timestamps.parse("2024-07-01 02:00:00Z", ZoneId.of("Europe/Paris"))).isEqualTo(1719799200000L);
    }

    @Test
    void shouldRefuseWhatIsNotATime() {
        assertThatThrownBy(() -> Timestamps.parse(" ", ZoneOffset.UTC)).hasMessage("empty timestamp");
        assertThatThrownBy(() -> Timestamps.parse("2024-13-01", ZoneOffset.UTC)).hasMessageStartingWith("cannot read timestamp '2024-13-01'");
        assertThatThrownBy(() -> Timestamps.parse("1.5", ZoneOffset.UTC)).hasMessageStartingWith("cannot read timestamp '1.5'");
    }
}
