package io.seqscore.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.seqscore.app.model.ModelRegistry;
import io.seqscore.app.model.ModelReleaseDecoder;
import io.seqscore.app.model.ReleaseVerifier;
import io.seqscore.app.testing.Releases;
import io.seqscore.app.testing.Rollouts;
import io.seqscore.model.core.CellType;
import io.seqscore.model.core.NetworkSpec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /api/models} carries each model's rollout: phases, canary and shadow candidates, rejections. */
class ModelsViewRolloutTest {
    private static final NetworkSpec SPEC = NetworkSpec.uniform(CellType.LSTM, 1, 2, 1);

    @Test
    void shouldShowTheRolloutOfEveryModel() throws Exception {
        ModelReleaseDecoder decoder = new ModelReleaseDecoder(ReleaseVerifier.ACCEPT_UNSIGNED);
        ModelRegistry registry = new ModelRegistry();
        for (long v = 1; v <= 2; v++) {
            var release = Releases.release("m", v, SPEC, Releases.randomParams(SPEC, v, 0.3f), Releases.none(),
                    Releases.gaussian(SPEC, 1, 0.99, 0));
            registry.offer(decoder.decode("m", v == 1 ? release : Rollouts.canary(release, 25, null)), 0);
        }
        registry.reject("m", 3, "release is unsigned", 0);

        JsonNode json = Responses.MAPPER.readTree(Responses.MAPPER.writeValueAsBytes(ModelsView.of(registry)));
        assertThat(json.get("serving").get(0).get("version").asLong()).isEqualTo(1);
        JsonNode rollout = json.get("rollouts").get(0);
        assertThat(rollout.get("name").asText()).isEqualTo("m");
        assertThat(rollout.get("current").get("serving").get("version").asLong()).isEqualTo(1);
        assertThat(rollout.get("current").get("canary").get("version").asLong()).isEqualTo(2);
        assertThat(rollout.get("current").get("canaryPercent").asDouble()).isEqualTo(25.0);
        assertThat(rollout.get("rejected").get(0).get("reason").asText()).isEqualTo("release is unsigned");
        assertThat(json.get("swaps").asLong()).isEqualTo(2);
        assertThat(json.get("rejectedTotal").asLong()).isEqualTo(1);
    }
}
