package io.seqscore.app.config;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class EnvOverridesTest {
    private static final Set<String> OWN = SeqscoreConfig.CONFIG.names();

    @Test
    void shouldMapVariablesToPropertyNamesTheConfluentWay() {
        assertThat(EnvOverrides.propertyName("SEQSCORE_BOOTSTRAP_SERVERS", OWN)).isEqualTo("bootstrap.servers");
        assertThat(EnvOverrides.propertyName("SEQSCORE_SASL__MECHANISM_X", OWN)).isEqualTo("sasl_mechanism.x");
        assertThat(EnvOverrides.propertyName("SEQSCORE_A___B", OWN)).isEqualTo("a-b");
        assertThat(EnvOverrides.propertyName("SEQSCORE_A____B", OWN)).isEqualTo("a-.b");
        assertThat(EnvOverrides.propertyName("SEQSCORE_SCHEMA_REGISTRY_URL", OWN)).isEqualTo("schema.registry.url");
    }

    @Test
    void shouldImplyTheSeqscorePrefixForOwnSettingsOnly() {
        assertThat(EnvOverrides.propertyName("SEQSCORE_LATE_POLICY", OWN)).isEqualTo("seqscore.late.policy");
        assertThat(EnvOverrides.propertyName("SEQSCORE_SEQSCORE_LATE_POLICY", OWN)).isEqualTo("seqscore.late.policy");
        assertThat(EnvOverrides.propertyName("SEQSCORE_PROCESSING_GUARANTEE", OWN)).isEqualTo("processing.guarantee");
        assertThat(EnvOverrides.propertyName("SEQSCORE_STATE_DIR", OWN)).isEqualTo("state.dir");
    }

    @Test
    void shouldIgnoreOtherVariables() {
        Map<String, String> env = Map.of("PATH", "/bin", "SEQSCORE_", "x", "KAFKA_BOOTSTRAP_SERVERS", "k:1",
                "SEQSCORE_GAP_RESET_MS", "5000");
        assertThat(EnvOverrides.overrides(env, OWN)).containsExactly(Map.entry("seqscore.gap.reset.ms", "5000"));
    }
}
