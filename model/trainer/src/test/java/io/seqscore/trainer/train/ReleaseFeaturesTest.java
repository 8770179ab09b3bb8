package io.seqscore.trainer.train;

import io.seqscore.avro.FeatureKind;
import io.seqscore.avro.InputFeatures;
import io.seqscore.avro.NamedValue;
import io.seqscore.model.core.features.FeatureParameters;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The trainer names the kind in the release: by name always, by enum symbol where the enum has one. */
class ReleaseFeaturesTest {

    @Test
    void shouldWriteAKnownKindByNameAndBySymbol() {
        InputFeatures f = TrainingJob.features(new FeatureParameters("SEASONAL_OFFSETS", 3_600_000L, 60_000L, 30_000L, 64, 5f));

        assertThat(f.getName()).isEqualTo("SEASONAL_OFFSETS");
        assertThat(f.getKind()).isEqualTo(FeatureKind.SEASONAL_OFFSETS);
        assertThat(f.getPeriodMillis()).isEqualTo(3_600_000L);
        assertThat(f.getHistorySize()).isEqualTo(64);
        assertThat(f.getParameters()).isEmpty();
        assertThat(f.getVocabulary()).isEmpty();
    }

    @Test
    void shouldWriteALaterKindAsUnknownSymbolWithItsNamedParametersInOrderAndVocabulary() {
        Map<String, Double> named = new LinkedHashMap<>();
        named.put("period2", 168.0);
        named.put("alpha", 0.25);
        InputFeatures f = TrainingJob.features(new FeatureParameters("ES_LATER", 0, 0, 0, 0, 0f, named, List.of("a", "b")));

        assertThat(f.getName()).isEqualTo("ES_LATER");
        assertThat(f.getKind()).isEqualTo(FeatureKind.UNKNOWN);
        assertThat(f.getParameters()).containsExactly(new NamedValue("period2", 168.0), new NamedValue("alpha", 0.25));
        assertThat(f.getVocabulary()).containsExactly("a", "b");
    }
}
