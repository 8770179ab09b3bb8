package io.seqscore.app.model;

import io.seqscore.avro.ModelRelease;
import io.seqscore.model.core.anomaly.SymbolTransitions;
import io.seqscore.trainer.release.ReleaseOptions;
import io.seqscore.trainer.release.Rollout;
import io.seqscore.trainer.sessions.Session;
import io.seqscore.trainer.sessions.SessionRelease;
import io.seqscore.trainer.sessions.SessionTrainConfig;
import io.seqscore.trainer.sessions.SessionTraining;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The decoder takes a release's transitions and end symbol into the serving model, or rejects them saying why. */
class SymbolTransitionsDecodingTest {
    private final ModelReleaseDecoder decoder = new ModelReleaseDecoder(ReleaseVerifier.ACCEPT_UNSIGNED);
    private static SessionTraining training;
    private static ModelRelease release;

    @BeforeAll
    static void train() {
        List<Session> sessions = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            sessions.add(new Session(i + 1, i % 2 == 0 ? List.of("a", "b", "c") : List.of("a", "c")));
        }
        training = SessionTraining.run(sessions, new SessionTrainConfig(2, 4, 1, 1, 8, 0.02, 1.0, 3),
                new SessionTraining.Options(1, 0.25, 0.05, "<end>"), e -> { });
        release = SessionRelease.build(training, 50, new ReleaseOptions("m", 1, 0L, new Rollout(null, false, null),
                "test", 3, "test", new TreeMap<>()), 0.05);
    }

    private static ModelRelease copy() {
        return ModelRelease.newBuilder(release).build();
    }

    @Test
    void shouldServeTheReleasesTransitionsAndEndSymbol() throws Exception {
        ServingModel model = decoder.decode("m", release);
        assertThat(model.transitions()).isEqualTo(training.rule().transitions());
        assertThat(model.endSymbol()).isEqualTo(model.vocabulary().index("<end>")).isPositive();
        assertThat(model.transitions().seen(SymbolTransitions.START, model.vocabulary().index("a"))).isTrue();
        assertThat(model.transitions().seen(SymbolTransitions.START, model.vocabulary().index("c"))).isFalse();
    }

    @Test
    void shouldServeAReleaseWithoutThemAsBefore() throws Exception {
        ModelRelease old = copy();
        old.getFeatures().setTransitions(new ArrayList<>());
        old.getFeatures().setEndSymbol(null);
        ServingModel model = decoder.decode("m", old);
        assertThat(model.transitions()).isSameAs(SymbolTransitions.NONE);
        assertThat(model.endSymbol()).isEqualTo(-1);
    }

    @Test
    void shouldRejectCodesOutOfRangeOrOrderAndAnEndSymbolOutsideTheVocabulary() {
        int v = release.getFeatures().getVocabulary().size() + 1;
        ModelRelease outside = copy();
        outside.getFeatures().setTransitions(List.of(1, (v + 1) * v));
        assertThatThrownBy(() -> decoder.decode("m", outside)).isInstanceOf(ReleaseRejectedException.class)
                .hasMessageContaining("features transition code " + (v + 1) * v + " at position 1 outside");
        ModelRelease unsorted = copy();
        unsorted.getFeatures().setTransitions(List.of(5, 2));
        assertThatThrownBy(() -> decoder.decode("m", unsorted)).isInstanceOf(ReleaseRejectedException.class)
                .hasMessageContaining("sorted ascending and distinct");
        ModelRelease unknownEnd = copy();
        unknownEnd.getFeatures().setEndSymbol("<stop>");
        assertThatThrownBy(() -> decoder.decode("m", unknownEnd)).isInstanceOf(ReleaseRejectedException.class)
                .hasMessageContaining("endSymbol '<stop>' is not a symbol of the vocabulary");
    }
}
