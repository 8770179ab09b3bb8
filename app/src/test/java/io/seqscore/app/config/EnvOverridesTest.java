package io.seqscore.app.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class EnvOverridesTest {
    private static final Set<String> OWN = SeqscoreConfig.CONFIG.names();

    /**
     * Confluent's mapping (_ for '.', __ for '_', ___ for '-'), with the seqscore. prefix implied for the scorer's
     * own settings only.
     */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "SEQSCORE_BOOTSTRAP_SERVERS, bootstrap.servers",
            "SEQSCORE_SASL__MECHANISM_X, sasl_mechanism.x",
            "SEQSCORE_A___B, a-b",
            "SEQSCORE_A____B, a-.b",
            "SEQSCORE_SCHEMA_REGISTRY_URL, schema.registry.url",
            "SEQSCORE_LATE_POLICY, seqscore.late.policy",
            "SEQSCORE_SEQSCORE_LATE_POLICY, seqscore.late.policy",
            "SEQSCORE_PROCESSING_GUARANTEE, processing.guarantee",
            "SEQSCORE_STATE_DIR, state.dir"})
    void shouldMapAVariableToItsPropertyName(String variable, String property) {
        assertThat(EnvOverrides.propertyName(variable, OWN)).isEqualTo(property);
    }

    @Test
    void shouldIgnoreOtherVariables() {
        Map<String, String> env = Map.of("PATH", "/bin", "SEQSCORE_", "x", "KAFKA_BOOTSTRAP_SERVERS", "k:1",
                "SEQSCORE_GAP_RESET_MS", "5000");
        assertThat(EnvOverrides.overrides(env, OWN)).containsExactly(Map.entry("seqscore.gap.reset.ms", "5000"));
    }
}
