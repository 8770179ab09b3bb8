package io.seqscore.app.config;

import io.seqscore.model.core.anomaly.AnomalyNormalization;
import io.seqscore.app.scoring.ForecastSettings;
import io.seqscore.app.scoring.LatePolicy;
import io.seqscore.app.scoring.NonFinitePolicy;
import io.seqscore.app.scoring.ScoringSettings;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SeqscoreConfigTest {

    @Test
    void shouldResolveTheDocumentedDefaults() {
        SeqscoreConfig config = new SeqscoreConfig(Map.of());
        ScoringSettings s = config.scoringSettings();
        assertThat(s.modelName()).isEqualTo("default");
        assertThat(s.latePolicy()).isEqualTo(LatePolicy.DLQ);
        assertThat(s.nonFinitePolicy()).isEqualTo(NonFinitePolicy.DLQ);
        assertThat(s.gapResetMs()).isZero();
        assertThat(s.normalization()).isEqualTo(AnomalyNormalization.CALIBRATION);
        assertThat(s.thresholdOverride()).isNaN();
        assertThat(s.warmupOverride()).isEqualTo(-1);
        assertThat(s.keyAlpha()).isEqualTo(0.01);
        assertThat(s.keyMinCount()).isEqualTo(30);
        assertThat(s.rewarmCapacity()).isEqualTo(32);
        assertThat(s.stateTtlMs()).isEqualTo(7L * 24 * 3600 * 1000);
        assertThat(s.expiryScanIntervalMs()).isEqualTo(60_000L);
        assertThat(s.normalizerWarmup()).isEqualTo(50);
        assertThat(s.forecast()).isEqualTo(ForecastSettings.DEFAULTS);
        assertThat(s.forecast().selectionMemory()).as("one week of the release's season").isZero();
        assertThat(config.eventsTopic()).isEqualTo("events");
        assertThat(config.scoresTopic()).isEqualTo("scores");
        assertThat(config.anomaliesTopic()).isEqualTo("anomalies");
        assertThat(config.dlqTopic()).isEqualTo("events-dlq");
        assertThat(config.modelsTopic()).isEqualTo("models");
    }

    @Test
    void shouldPassEveryOtherPropertyThroughToStreamsWithExactlyOnceByDefault() {
        SeqscoreConfig config = new SeqscoreConfig(Map.of("bootstrap.servers", "b:9092", "num.stream.threads", "3",
                "schema.registry.url", "mock://x", "seqscore.late.policy", "score", "seqscore.anomaly.threshold", "0.9",
                "seqscore.warmup.steps", "5"));
        Properties p = config.streamsProperties();
        assertThat(p).containsEntry("bootstrap.servers", "b:9092").containsEntry("num.stream.threads", "3")
                .containsEntry("schema.registry.url", "mock://x").containsEntry("application.id", "seqscore")
                .containsEntry("processing.guarantee", "exactly_once_v2");
        assertThat(p.stringPropertyNames()).noneMatch(k -> k.startsWith("seqscore."));
        assertThat(config.serdeProperties()).containsEntry("schema.registry.url", "mock://x")
                .doesNotContainKey("seqscore.late.policy");
        assertThat(config.scoringSettings().latePolicy()).isEqualTo(LatePolicy.SCORE);
        assertThat(config.scoringSettings().thresholdOverride()).isEqualTo(0.9);
        assertThat(config.scoringSettings().warmupOverride()).isEqualTo(5);
    }

    @Test
    void shouldGiveEachStreamThreadKafkasDefaultRecordCacheThoughTheModelsAreAGlobalStore() {
        Properties three = new SeqscoreConfig(Map.of("num.stream.threads", "3")).streamsProperties();
        Properties one = new SeqscoreConfig(Map.of()).streamsProperties();

        assertThat(three).containsEntry("statestore.cache.max.bytes", Long.toString(4 * 10L * 1024 * 1024));
        assertThat(RecordCacheSize.perStreamThread(three)).isEqualTo(10L * 1024 * 1024);
        assertThat(one).containsEntry("statestore.cache.max.bytes", Long.toString(2 * 10L * 1024 * 1024));
        assertThat(RecordCacheSize.perStreamThread(one)).isEqualTo(RecordCacheSize.KAFKA_DEFAULT);
    }

    @Test
    void shouldKeepARecordCacheSizeTheUserSets() {
        Properties set = new SeqscoreConfig(Map.of("statestore.cache.max.bytes", "1000")).streamsProperties();
        Properties deprecated = new SeqscoreConfig(Map.of("cache.max.bytes.buffering", "3000", "num.stream.threads", "2"))
                .streamsProperties();

        assertThat(set).containsEntry("statestore.cache.max.bytes", "1000");
        assertThat(RecordCacheSize.perStreamThread(set)).isEqualTo(500);
        assertThat(deprecated).doesNotContainKey("statestore.cache.max.bytes");
        assertThat(RecordCacheSize.perStreamThread(deprecated)).isEqualTo(1000);
    }

    @Test
    void shouldLetKafkasOwnProcessingGuaranteeAndApplicationIdWin() {
        Properties p = new SeqscoreConfig(Map.of("processing.guarantee", "at_least_once", "application.id", "scorer-2"))
                .streamsProperties();
        assertThat(p).containsEntry("processing.guarantee", "at_least_once").containsEntry("application.id", "scorer-2");
    }

    @Test
    void shouldReadTheSeasonSelectionSettings() {
        ForecastSettings f = new SeqscoreConfig(Map.of("seqscore.forecast.season.selection", "true",
                "seqscore.forecast.season.selection.memory.events", "336")).scoringSettings().forecast();
        assertThat(f).isEqualTo(new ForecastSettings(true, 336));
        assertThat(new SeqscoreConfig(Map.of("seqscore.forecast.season.selection", "false")).forecastSettings()
                .seasonSelection()).isFalse();
    }

    @Test
    void shouldRejectInvalidValuesNamingTheSetting() {
        assertThatThrownBy(() -> new SeqscoreConfig(Map.of("seqscore.late.policy", "later")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("seqscore.late.policy");
        assertThatThrownBy(() -> new SeqscoreConfig(Map.of("seqscore.anomaly.threshold", "1.5")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("seqscore.anomaly.threshold");
        assertThatThrownBy(() -> new SeqscoreConfig(Map.of("seqscore.anomaly.key.alpha", "0")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("seqscore.anomaly.key.alpha");
        assertThatThrownBy(() -> new SeqscoreConfig(Map.of("seqscore.gap.reset.ms", "-1")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("seqscore.gap.reset.ms");
        assertThatThrownBy(() -> new SeqscoreConfig(Map.of("seqscore.rewarm.buffer.length", "65536")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("seqscore.rewarm.buffer.length");
        assertThatThrownBy(() -> new SeqscoreConfig(Map.of("seqscore.forecast.season.selection", "yes")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("seqscore.forecast.season.selection");
        assertThatThrownBy(() -> new SeqscoreConfig(Map.of("seqscore.forecast.season.selection.memory.events", "0")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("seqscore.forecast.season.selection.memory.events");
        assertThatThrownBy(() -> new SeqscoreConfig(Map.of("processing.guarantee", "exactly_once")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("processing.guarantee");
        assertThatThrownBy(() -> new SeqscoreConfig(Map.of("seqscore.late.polcy", "drop")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("Unknown seqscore setting 'seqscore.late.polcy'");
    }

    @Test
    void shouldNeverShowSecretsInLoggableProperties() {
        SeqscoreConfig config = new SeqscoreConfig(Map.of(
                "bootstrap.servers", "b:9092",
                "sasl.jaas.config", "org.apache...PlainLoginModule required password=\"s3cret-1\";",
                "ssl.keystore.password", "s3cret-2",
                "producer.ssl.key.password", "s3cret-3",
                "basic.auth.user.info", "user:s3cret-4",
                "schema.registry.ssl.truststore.password", "s3cret-5",
                "ssl.truststore.certificates", "s3cret-6"));
        Map<String, String> shown = config.loggableProperties();
        assertThat(shown).containsEntry("bootstrap.servers", "b:9092")
                .containsEntry("seqscore.late.policy", "dlq")
                .containsEntry("sasl.jaas.config", "[hidden]")
                .containsEntry("ssl.keystore.password", "[hidden]")
                .containsEntry("producer.ssl.key.password", "[hidden]")
                .containsEntry("basic.auth.user.info", "[hidden]")
                .containsEntry("schema.registry.ssl.truststore.password", "[hidden]")
                .containsEntry("ssl.truststore.certificates", "[hidden]");
        assertThat(config.toString()).doesNotContain("s3cret");
    }

    @Test
    void shouldLoadAFileWithEnvironmentOverridesWinning(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("seqscore.properties");
        Files.writeString(file, "bootstrap.servers=file:9092\nseqscore.late.policy=drop\nseqscore.model.name=m1\n");
        SeqscoreConfig config = SeqscoreConfig.load(file, Map.of("SEQSCORE_LATE_POLICY", "score",
                "SEQSCORE_BOOTSTRAP_SERVERS", "env:9092", "HOME", "/root"));
        assertThat(config.scoringSettings().latePolicy()).isEqualTo(LatePolicy.SCORE);
        assertThat(config.scoringSettings().modelName()).isEqualTo("m1");
        assertThat(config.streamsProperties()).containsEntry("bootstrap.servers", "env:9092");
    }

    @Test
    void shouldGenerateOneSettingsTableRowPerDocumentedSetting() {
        String table = SeqscoreConfig.settingsTable();
        for (ConfigDef.ConfigKey key : SeqscoreConfig.CONFIG.configKeys().values()) {
            assertThat(key.documentation).as(key.name).isNotBlank();
            assertThat(table).contains("| `" + key.name + "` |");
        }
        assertThat(table.lines().count()).isEqualTo(2 + SeqscoreConfig.CONFIG.configKeys().size());
        assertThat(table).contains("| `seqscore.anomaly.threshold` | double | (unset) |")
                .contains("| `processing.guarantee` | string | `exactly_once_v2` | [exactly_once_v2, at_least_once] |");
    }
}
