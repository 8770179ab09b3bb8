package io.seqscore.trainer.sessions;

import io.seqscore.model.core.features.Vocabulary;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SessionScorerTest {
    private static final List<Session> SESSIONS = SessionTrainingTest.workflow(40);

    private static SessionModel model(Vocabulary vocabulary, long seed) {
        return SessionTrainer.train(SESSIONS, vocabulary, new SessionTrainConfig(3, 8, 1, 3, 8, 0.02, 1.0, seed), e -> { });
    }

    @Test
    void shouldForecastTheMeanOfTheMembersDistributions() {
        Vocabulary vocabulary = Vocabulary.learn(SessionTraining.counts(SESSIONS), 1);
        SessionModel one = model(vocabulary, 1);
        SessionModel two = model(vocabulary, 2);
        List<String> session = List.of("a", "b", "c", "c", "d", "f", "e");
        SessionTrace a = new SessionScorer(one).trace(session);
        SessionTrace b = new SessionScorer(two).trace(session);
        SessionTrace both = new SessionScorer(List.of(one, two)).trace(session);
        assertThat(both.index()).isEqualTo(a.index());
        assertThat(both.score()[0]).isNaN();
        for (int t = 1; t < session.size(); t++) {
            double p1 = 1 - a.score()[t];
            double p2 = 1 - b.score()[t];
            assertThat(p1).as("members differ at %d", t).isNotCloseTo(p2, within(1e-4));
            assertThat(1 - both.score()[t]).as("event %d", t).isCloseTo((p1 + p2) / 2, within(1e-6));
            assertThat(both.score()[t]).as("arithmetic, not geometric mean")
                    .isNotCloseTo(1 - Math.sqrt(p1 * p2), within(1e-6));
        }
        SessionTrace alone = new SessionScorer(List.of(one)).trace(session);
        assertThat(alone.rank()).isEqualTo(a.rank());
        assertThat(alone.score()).containsExactly(a.score());
    }

    @Test
    void shouldRefuseMembersOfAnotherVocabulary() {
        SessionModel one = model(Vocabulary.learn(SessionTraining.counts(SESSIONS), 1), 1);
        SessionModel other = model(Vocabulary.learn(SessionTraining.counts(SESSIONS.subList(1, 4)), 1), 1);
        assertThatThrownBy(() -> new SessionScorer(List.of(one, other))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("member 1 has another vocabulary than member 0");
    }
}
