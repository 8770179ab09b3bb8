package io.seqscore.trainer.cli;

import io.seqscore.trainer.TrainerException;
import io.seqscore.trainer.kafka.KafkaSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KafkaOptionsTest {
    @TempDir
    Path dir;

    @Test
    void shouldMergeTheConfigFileWithPropertiesAndFlagsWinning() throws IOException {
        Path file = dir.resolve("client.properties");
        Files.writeString(file, "bootstrap.servers=file:9092\nschema.registry.url=https://u:secret@reg:8081\n"
                + "security.protocol=SASL_SSL\nsasl.jaas.config=secret-jaas\nacks=1\n");
        KafkaOptions o = new KafkaOptions();
        o.configFile = file;
        o.properties.put("acks", "all");
        o.timeout = Duration.ofSeconds(5);
        assertThat(o.configured()).isTrue();
        assertThat(o.hasRegistry()).isTrue();
        KafkaSettings s = o.settings();
        assertThat(s.bootstrapServers()).isEqualTo("file:9092");
        assertThat(s.common()).containsEntry("acks", "all").containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("schema.registry.url", "https://u:secret@reg:8081")
                .containsEntry("bootstrap.servers", "file:9092");
        assertThat(s.properties()).doesNotContainKeys("bootstrap.servers", "schema.registry.url");
        assertThat(s.toString()).doesNotContain("secret").contains("https://[hidden]@reg:8081")
                .contains("sasl.jaas.config");
        o.bootstrapServers = "flag:9092";
        assertThat(o.settings().bootstrapServers()).isEqualTo("flag:9092");
    }

    @Test
    void shouldSayWhenNoBrokerIsNamed() {
        KafkaOptions o = new KafkaOptions();
        o.timeout = Duration.ofSeconds(5);
        assertThat(o.configured()).isFalse();
        assertThatThrownBy(o::settings).isInstanceOf(TrainerException.class)
                .hasMessage("no Kafka broker given: set --bootstrap-servers");
    }
}
