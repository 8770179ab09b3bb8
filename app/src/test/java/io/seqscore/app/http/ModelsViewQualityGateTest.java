package io.seqscore.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.seqscore.app.model.ModelRegistry;
import io.seqscore.app.model.ModelReleaseDecoder;
import io.seqscore.app.model.ReleaseVerifier;
import io.seqscore.app.testing.Releases;
import io.seqscore.avro.Metric;
import io.seqscore.avro.ModelRelease;
import io.seqscore.model.core.CellType;
import io.seqscore.model.core.NetworkSpec;
import io.seqscore.schemas.QualityGateMetrics;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /api/models} shows the quality gate recorded in each served release's provenance. */
class ModelsViewQualityGateTest {
    private static final NetworkSpec SPEC = NetworkSpec.uniform(CellType.LSTM, 1, 2, 1);

    private static ModelRelease release(String name, List<Metric> metrics) {
        ModelRelease r = Releases.release(name, 1, SPEC, Releases.randomParams(SPEC, 1, 0.3f), Releases.none(),
                Releases.gaussian(SPEC, 1, 0.99, 0));
        r.getProvenance().setMetrics(metrics);
        return r;
    }

    private static Metric metric(String name, double value) {
        return Metric.newBuilder().setName(name).setStep(0).setValue(value).build();
    }

    @Test
    void shouldShowTheQualityGateOfAReleaseAndNullForAReleaseWithout() throws Exception {
        ModelReleaseDecoder decoder = new ModelReleaseDecoder(ReleaseVerifier.ACCEPT_UNSIGNED);
        ModelRegistry registry = new ModelRegistry();
        registry.offer(decoder.decode("a", release("a", List.of(metric(QualityGateMetrics.ENFORCED, 1),
                metric(QualityGateMetrics.HELD_OUT, 1), metric(QualityGateMetrics.LAST_VALUE_MAE, 0.118),
                metric(QualityGateMetrics.MODEL_MAE, 0.775), metric(QualityGateMetrics.PAIRS, 480),
                metric(QualityGateMetrics.PASSED, 0), metric(QualityGateMetrics.SEASONAL_NAIVE_MAE, 0.31),
                metric(QualityGateMetrics.SEASONAL_PERIOD, 24), metric("mae", 0.775)))), 0);
        registry.offer(decoder.decode("b", release("b", List.of(metric("train.loss", 0.5)))), 0);

        JsonNode json = Responses.MAPPER.readTree(Responses.MAPPER.writeValueAsBytes(ModelsView.of(registry)));
        JsonNode a = null;
        JsonNode b = null;
        for (JsonNode served : json.get("serving")) {
            if (served.get("name").asText().equals("a")) {
                a = served;
            } else {
                b = served;
            }
        }
        JsonNode gate = a.get("provenance").get("qualityGate");
        assertThat(gate.get("modelMae").asDouble()).isEqualTo(0.775);
        assertThat(gate.get("lastValueMae").asDouble()).isEqualTo(0.118);
        assertThat(gate.get("seasonalNaiveMae").asDouble()).isEqualTo(0.31);
        assertThat(gate.get("seasonalPeriod").asInt()).isEqualTo(24);
        assertThat(gate.get("pairs").asLong()).isEqualTo(480);
        assertThat(gate.get("heldOut").asBoolean()).isTrue();
        assertThat(gate.get("enforced").asBoolean()).isTrue();
        assertThat(gate.get("passed").isBoolean()).isTrue();
        assertThat(gate.get("passed").asBoolean()).isFalse();
        assertThat(b.get("provenance").get("qualityGate").isNull()).isTrue();
    }
}
