package io.seqscore.app.topology;

import io.seqscore.app.testing.ScorerDriver;
import io.seqscore.avro.Event;
import io.seqscore.avro.ModelRelease;
import io.seqscore.avro.Score;
import io.seqscore.model.core.anomaly.NextSymbolDetector;
import io.seqscore.model.core.features.Vocabulary;
import io.seqscore.trainer.release.ReleaseFiles;
import io.seqscore.trainer.release.ReleaseNetwork;
import io.seqscore.trainer.sessions.SessionModel;
import io.seqscore.trainer.sessions.SessionRule;
import io.seqscore.trainer.sessions.SessionScorer;
import io.seqscore.trainer.sessions.SessionTrace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A next-symbol release written by the trainer before ensembles were served ({@code fixtures/
 * release-symbols-before-ensembles.avro}: {@code train --sessions} of 15 short sessions, hidden 4, one layer,
 * embedding 2, 2 epochs, {@code --created-at 0}; the trainer of that version wrote these bytes) still loads and
 * is scored as the trainer's offline scorer scores its weights. It carries no transitions and no end symbol, so
 * under the default settings (transitions on, threshold scope auto) it keeps the threshold rule on every event: an
 * unseen pair and an unseen start are not flagged.
 */
class SymbolReleaseFixtureTest {
    @Test
    void shouldServeANextSymbolReleaseWrittenBeforeEnsembles(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("release.avro");
        try (InputStream in = getClass().getResourceAsStream("/fixtures/release-symbols-before-ensembles.avro")) {
            assertThat(in).isNotNull();
            Files.write(file, in.readAllBytes());
        }
        ModelRelease written = ReleaseFiles.read(file);
        ModelRelease release = ModelRelease.newBuilder(written).setName("default").build();
        assertThat(release.getArchitecture().getHead().getKind().toString()).isEqualTo("softmax");
        ReleaseNetwork network = ReleaseNetwork.of(release);
        Vocabulary vocabulary = new Vocabulary(release.getFeatures().getVocabulary().stream().map(String::valueOf)
                .toList());
        SessionScorer offline = new SessionScorer(new SessionModel(vocabulary, network.spec(), network.params(), 0));
        assertThat(release.getFeatures().getTransitions()).as("written before transitions").isEmpty();
        assertThat(release.getFeatures().getEndSymbol()).isNull();
        List<String> session = List.of("login", "search", "view", "pay", "logout");
        SessionTrace trace = offline.trace(session);
        try (ScorerDriver driver = new ScorerDriver(dir.resolve("state"), Map.of("seqscore.anomaly.detector",
                NextSymbolDetector.NAME, "seqscore.anomaly.next-symbol.top-g", "2"))) {
            driver.publish(release);
            for (int t = 0; t < session.size(); t++) {
                driver.send("k", Event.newBuilder().setEventTime(Instant.ofEpochMilli(t + 1)).setValues(List.of())
                        .setSymbol(session.get(t)).build());
                Score s = driver.nextScore().value();
                assertThat(s.getModelVersion()).isEqualTo(1L);
                assertThat(s.getObserved()).containsExactly((double) trace.index()[t]);
                if (t > 0) {
                    assertThat(s.getAnomalyScore()).isCloseTo(trace.score()[t], within(1e-12));
                    assertThat(s.getSymbolRank()).isEqualTo(trace.rank()[t]);
                    assertThat(s.getAnomaly()).isEqualTo(trace.flags(t, 2, Double.NaN))
                            .isEqualTo(SessionRule.THRESHOLD.flags(trace, t, 2, Double.NaN));
                }
            }
            List<String> reversed = List.of("logout", "pay", "view", "search", "login");
            SessionTrace backwards = offline.trace(reversed);
            for (int t = 0; t < reversed.size(); t++) {
                driver.send("r", Event.newBuilder().setEventTime(Instant.ofEpochMilli(t + 1)).setValues(List.of())
                        .setSymbol(reversed.get(t)).build());
                Score s = driver.nextScore().value();
                assertThat(Boolean.TRUE.equals(s.getAnomaly())).as("event %d of the reversed session", t)
                        .isEqualTo(backwards.flags(t, 2, Double.NaN));
            }
        }
    }
}
