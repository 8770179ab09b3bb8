package io.seqscore.app.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.seqscore.app.testing.Releases;
import io.seqscore.app.testing.Rollouts;
import io.seqscore.avro.ModelRelease;
import io.seqscore.model.core.CellType;
import io.seqscore.model.core.NetworkSpec;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The registry's view for the models API: phases, activation times, candidates, kept versions, rejections. */
class RolloutViewTest {
    private static final NetworkSpec SPEC = NetworkSpec.uniform(CellType.LSTM, 1, 2, 1);
    private static final long NOW = 1_717_200_000_000L;
    private final ModelReleaseDecoder decoder = new ModelReleaseDecoder(ReleaseVerifier.ACCEPT_UNSIGNED);

    private static ModelRelease release(long version) {
        return release(version, version);
    }

    private static ModelRelease release(long version, long seed) {
        return Releases.release("m", version, SPEC, Releases.randomParams(SPEC, seed, 0.3f), Releases.none(),
                Releases.gaussian(SPEC, 1, 0.99, 0));
    }

    @Test
    void shouldShowTheCurrentAndPendingPhasesCandidatesKeptVersionsAndRejections() throws Exception {
        ModelRegistry registry = new ModelRegistry();
        registry.offer(decoder.decode("m", release(1)), 0);
        registry.offer(decoder.decode("m", Rollouts.canary(release(2), 10, null)), 0);
        registry.offer(decoder.decode("m", Rollouts.shadow(release(3), NOW + 60_000)), 0);
        registry.reject("m", 4, "weight layer0.W[0][0] is not finite: NaN", NOW - 1_000);
        registry.reject("other", 1, "release is unsigned", NOW);

        RolloutView view = RolloutView.of(registry, NOW);
        assertThat(view.models()).extracting(RolloutView.ModelRollout::name).containsExactly("m", "other");
        RolloutView.ModelRollout m = view.models().get(0);
        assertThat(m.latestRelease()).isEqualTo(3);
        RolloutView.Phase now = new RolloutView.Phase(null, false, new RolloutView.VersionRef(1, 1),
                new RolloutView.VersionRef(2, 2), 10.0, null);
        RolloutView.Phase pending = new RolloutView.Phase("2024-06-01T00:01:00Z", true, new RolloutView.VersionRef(1, 1),
                new RolloutView.VersionRef(2, 2), 10.0, new RolloutView.VersionRef(3, 3));
        assertThat(m.current()).isEqualTo(now);
        assertThat(m.phases()).containsExactly(now, pending);
        assertThat(m.versions()).containsExactly(
                new RolloutView.Version(1, 1, "FULL", null, null, null, "2023-11-14T22:13:20.001Z", true),
                new RolloutView.Version(2, 2, "CANARY", 10.0, null, null, "2023-11-14T22:13:20.002Z", true),
                new RolloutView.Version(3, 3, "SHADOW", null, "2024-06-01T00:01:00Z", null, "2023-11-14T22:13:20.003Z",
                        true));
        assertThat(m.rejected()).containsExactly(new RolloutView.Rejection(4, "weight layer0.W[0][0] is not finite: NaN",
                "2024-05-31T23:59:59Z"));
        RolloutView.ModelRollout other = view.models().get(1);
        assertThat(other.current()).isNull();
        assertThat(other.phases()).isEmpty();
        assertThat(other.rejected()).extracting(RolloutView.Rejection::reason).containsExactly("release is unsigned");

        RolloutView later = RolloutView.of(registry, NOW + 60_000);
        assertThat(later.models().get(0).current()).isEqualTo(new RolloutView.Phase("2024-06-01T00:01:00Z", false,
                new RolloutView.VersionRef(1, 1), new RolloutView.VersionRef(2, 2), 10.0, new RolloutView.VersionRef(3, 3)));
    }

    @Test
    void shouldWriteAsPlainJson() throws Exception {
        ModelRegistry registry = new ModelRegistry();
        registry.offer(decoder.decode("m", release(1)), 0);
        registry.offer(decoder.decode("m", release(2)), 0);
        registry.offer(decoder.decode("m", Rollouts.rollback(release(3, 1), 1)), 0);
        assertThat(registry.rejectedCount()).isZero();
        ObjectMapper json = new ObjectMapper();
        JsonNode m = json.readTree(json.writeValueAsString(RolloutView.of(registry, NOW))).get("models").get(0);
        assertThat(m.get("current").get("serving")).isEqualTo(json.readTree("{\"version\":1,\"release\":3}"));
        assertThat(m.get("current").get("activeFrom").isNull()).isTrue();
        assertThat(m.get("versions")).hasSize(3);
        assertThat(m.get("versions").get(2).get("rollbackTo").asLong()).isEqualTo(1);
        assertThat(m.get("versions").get(1).get("inUse").asBoolean()).isFalse();
        List<String> fields = new java.util.ArrayList<>();
        m.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("name", "latestRelease", "current", "phases", "versions", "rejected");
    }
}
