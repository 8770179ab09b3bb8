package io.seqscore.app.config;

import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServiceSettingsTest {

    @Test
    void shouldBindToLoopbackPort8080ByDefault() {
        ServiceSettings s = ServiceSettings.from(new SeqscoreConfig(Map.of()));
        assertThat(s).isEqualTo(new ServiceSettings("127.0.0.1", 8080, Duration.ofSeconds(5), Duration.ofSeconds(30),
                Duration.ofSeconds(60)));
    }

    @Test
    void shouldLetEnvironmentVariablesOverrideTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("scorer.properties");
        Files.writeString(file, "bootstrap.servers=file:9092\nseqscore.http.port=9000\nseqscore.http.address=10.0.0.1\n"
                + "seqscore.shutdown.timeout.ms=1000\n");
        SeqscoreConfig config = SeqscoreConfig.load(file, Map.of(
                "SEQSCORE_HTTP_PORT", "0",
                "SEQSCORE_SEQSCORE_HTTP_ADDRESS", "0.0.0.0",
                "SEQSCORE_HTTP_FORWARD_TIMEOUT_MS", "250",
                "SEQSCORE_STARTUP_BROKER_TIMEOUT_MS", "0"));
        assertThat(ServiceSettings.from(config)).isEqualTo(
                new ServiceSettings("0.0.0.0", 0, Duration.ofMillis(250), Duration.ofMillis(1000), Duration.ZERO));
    }

    @Test
    void shouldRejectInvalidValuesNamingTheSetting() {
        assertThatThrownBy(() -> new SeqscoreConfig(Map.of("seqscore.http.port", "65536")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("seqscore.http.port");
        assertThatThrownBy(() -> new SeqscoreConfig(Map.of("seqscore.http.port", "-1")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("seqscore.http.port");
        assertThatThrownBy(() -> new SeqscoreConfig(Map.of("seqscore.http.address", "")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("seqscore.http.address");
        assertThatThrownBy(() -> new SeqscoreConfig(Map.of("seqscore.http.forward.timeout.ms", "0")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("seqscore.http.forward.timeout.ms");
        assertThatThrownBy(() -> new SeqscoreConfig(Map.of("seqscore.shutdown.timeout.ms", "soon")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("seqscore.shutdown.timeout.ms");
        assertThatThrownBy(() -> new SeqscoreConfig(Map.of("seqscore.startup.broker.timeout.ms", "-1")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("seqscore.startup.broker.timeout.ms");
    }

    @Test
    void shouldKeepServiceSettingsOutOfTheKafkaStreamsPropertiesAndInTheSettingsTable() {
        SeqscoreConfig config = new SeqscoreConfig(Map.of("seqscore.http.port", "0", "bootstrap.servers", "b:9092"));
        assertThat(config.streamsProperties().stringPropertyNames()).noneMatch(k -> k.startsWith("seqscore."))
                .contains("bootstrap.servers");
        assertThat(SeqscoreConfig.settingsTable())
                .contains("| `seqscore.http.address` | string | `127.0.0.1` |")
                .contains("| `seqscore.http.port` | int | `8080` | [0,...,65535] |")
                .contains("| `seqscore.http.forward.timeout.ms` | long | `5000` |")
                .contains("| `seqscore.shutdown.timeout.ms` | long | `30000` |")
                .contains("| `seqscore.startup.broker.timeout.ms` | long | `60000` |");
    }
}
