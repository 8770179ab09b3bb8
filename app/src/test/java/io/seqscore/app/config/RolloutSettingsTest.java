package io.seqscore.app.config;

import io.seqscore.app.model.ModelRegistry;
import io.seqscore.app.model.ReleaseVerifier;
import io.seqscore.app.model.SignatureVerifier;
import io.seqscore.app.routing.ModelRouter;
import io.seqscore.app.testing.SigningKeys;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rollout's settings: shadow topic, routing, versions kept, trusted keys. */
class RolloutSettingsTest {

    @Test
    void shouldDefaultToOneModelUncheckedReleasesAndFourVersions() {
        SeqscoreConfig config = new SeqscoreConfig(Map.of());
        assertThat(config.shadowScoresTopic()).isEqualTo("shadow-scores");
        assertThat(config.modelVersionsKept()).isEqualTo(ModelRegistry.DEFAULT_VERSIONS_KEPT).isEqualTo(4);
        ModelRouter router = config.modelRouter();
        assertThat(router.defaultModel()).isEqualTo("default");
        assertThat(router.rules()).isEmpty();
        assertThat(router.attribute()).isNull();
        assertThat(config.releaseVerifier()).isSameAs(ReleaseVerifier.ACCEPT_UNSIGNED);
    }

    @Test
    void shouldReadRoutingRulesAttributeAndTrustedKeys(@TempDir Path dir) throws Exception {
        SigningKeys.writePublic(SigningKeys.generate(), dir.resolve("ops.pub"));
        SeqscoreConfig config = new SeqscoreConfig(Map.of("seqscore.model.name", "general",
                "seqscore.routing.rules", "sensor-*=sensors,host-??=hosts", "seqscore.routing.attribute", "model",
                "seqscore.model.versions.kept", "6", "seqscore.release.trusted.keys", dir.toString(),
                "seqscore.shadow.scores.topic", "shadows"));
        ModelRouter router = config.modelRouter();
        assertThat(router.rules()).extracting(ModelRouter.Rule::toString).containsExactly("sensor-*=sensors",
                "host-??=hosts");
        assertThat(router.modelFor("host-01", null)).isEqualTo("hosts");
        assertThat(router.modelFor("x", Map.of("model", "m"))).isEqualTo("m");
        assertThat(config.modelVersionsKept()).isEqualTo(6);
        assertThat(config.releaseVerifier()).isInstanceOf(SignatureVerifier.class);
        assertThat(config.shadowScoresTopic()).isEqualTo("shadows");
    }

    @Test
    void shouldRefuseMalformedRulesTooFewVersionsAndMissingKeys(@TempDir Path dir) {
        assertThatThrownBy(() -> new SeqscoreConfig(Map.of("seqscore.routing.rules", "sensor-*")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("routing rule 'sensor-*' is not of the form glob=model");
        assertThatThrownBy(() -> new SeqscoreConfig(Map.of("seqscore.model.versions.kept", "1")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("seqscore.model.versions.kept");
        Path missing = dir.resolve("nope.pub");
        assertThatThrownBy(() -> new SeqscoreConfig(Map.of("seqscore.release.trusted.keys", missing.toString())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cannot read the trusted key file " + missing);
        assertThatThrownBy(() -> new SeqscoreConfig(Map.of("seqscore.routing.attribute", "")))
                .isInstanceOf(ConfigException.class);
    }
}
