package io.seqscore.app.routing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeyGlobTest {

    @Test
    void shouldMatchWholeKeysWithStarsAndQuestionMarks() {
        KeyGlob sensors = KeyGlob.compile("sensor-*");
        assertThat(sensors.matches("sensor-1")).isTrue();
        assertThat(sensors.matches("sensor-")).isTrue();
        assertThat(sensors.matches("sensor")).isFalse();
        assertThat(sensors.matches("my-sensor-1")).isFalse();
        assertThat(sensors.matches("Sensor-1")).isFalse();

        KeyGlob hosts = KeyGlob.compile("host-??");
        assertThat(hosts.matches("host-01")).isTrue();
        assertThat(hosts.matches("host-1")).isFalse();
        assertThat(hosts.matches("host-001")).isFalse();

        KeyGlob middle = KeyGlob.compile("*/cpu/*");
        assertThat(middle.matches("rack1/cpu/0")).isTrue();
        assertThat(middle.matches("/cpu/")).isTrue();
        assertThat(middle.matches("rack1/cpu")).isFalse();
        assertThat(middle.matches("a/cpu/b/cpu/c")).isTrue();
    }

    @Test
    void shouldBacktrackToTheLastStar() {
        KeyGlob glob = KeyGlob.compile("a*b*c");
        assertThat(glob.matches("abc")).isTrue();
        assertThat(glob.matches("aXbYbZc")).isTrue();
        assertThat(glob.matches("abcab")).isFalse();
        assertThat(glob.matches("acb")).isFalse();
        assertThat(KeyGlob.compile("*a").matches("baaa")).isTrue();
        assertThat(KeyGlob.compile("**x**").matches("x")).isTrue();
        assertThat(KeyGlob.compile("*").matches("")).isTrue();
        assertThat(KeyGlob.compile("").matches("")).isTrue();
        assertThat(KeyGlob.compile("").matches("a")).isFalse();
    }

    @Test
    void shouldTreatEscapedWildcardsAsLiterals() {
        KeyGlob glob = KeyGlob.compile("price\\*10\\?\\\\");
        assertThat(glob.matches("price*10?\\")).isTrue();
        assertThat(glob.matches("priceX10?\\")).isFalse();
        assertThat(glob.matches("price*10X\\")).isFalse();
        assertThat(glob.toString()).isEqualTo("price\\*10\\?\\\\");
        assertThatThrownBy(() -> KeyGlob.compile("abc\\")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("glob 'abc\\' ends with an unfinished escape");
    }
}
