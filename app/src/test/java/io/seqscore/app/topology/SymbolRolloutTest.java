package io.seqscore.app.topology;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.seqscore.app.evidence.ArmEvidence;
import io.seqscore.app.http.ModelsView;
import io.seqscore.app.state.KeyStateSummary;
import io.seqscore.app.testing.Rollouts;
import io.seqscore.app.testing.ScorerDriver;
import io.seqscore.avro.Event;
import io.seqscore.avro.ModelRelease;
import io.seqscore.avro.Score;
import io.seqscore.avro.ScoreStatus;
import io.seqscore.avro.ShadowScore;
import io.seqscore.model.core.anomaly.NextSymbolDetector;
import io.seqscore.trainer.release.ReleaseOptions;
import io.seqscore.trainer.release.Rollout;
import io.seqscore.trainer.sessions.Session;
import io.seqscore.trainer.sessions.SessionRelease;
import io.seqscore.trainer.sessions.SessionScorer;
import io.seqscore.trainer.sessions.SessionTrace;
import io.seqscore.trainer.sessions.SessionTrainConfig;
import io.seqscore.trainer.sessions.SessionTraining;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A new release of a next-symbol model rolled out beside the serving one, as for models of values: v1 serves,
 * v2 (trained on other sessions, so its vocabulary holds a symbol v1's does not and indexes the others
 * differently) runs as a shadow or a canary. Every Score is checked against what the trainer's
 * {@link SessionScorer} computes for the version that made it, also when the version took over a key in the
 * middle of its session and re-warmed from the key's buffered symbols; the per-version evidence against the
 * Scores written.
 */
class SymbolRolloutTest {
    private static final int G = 2;
    private static final Map<String, String> SETTINGS = Map.of("seqscore.anomaly.detector", NextSymbolDetector.NAME,
            "seqscore.anomaly.next-symbol.top-g", String.valueOf(G));
    private static final List<String> NORMAL = List.of("login", "search", "view", "cart", "pay", "logout");
    /** The injected anomaly: cart and view swapped. */
    private static final List<String> SWAPPED = List.of("login", "search", "cart", "view", "pay", "logout");
    /** A step v2's vocabulary holds and v1's does not. */
    private static final List<String> HELP = List.of("login", "help", "search", "view", "cart", "pay", "logout");
    /** Events each key has scored under v1 alone before the new version is published. */
    private static final int BEFORE = 2;

    private static SessionTraining v1;
    private static SessionTraining v2;
    private static ModelRelease release1;
    private static ModelRelease release2;

    @BeforeAll
    static void train() {
        v1 = train(i -> {
            List<String> s = new ArrayList<>(NORMAL);
            if (i % 3 == 0) {
                s.add(3, "view");
            }
            if (i % 5 == 0) {
                s.add(1, "search");
            }
            return s;
        });
        v2 = train(i -> {
            List<String> s = new ArrayList<>(NORMAL);
            if (i % 2 == 0) {
                s.add(4, "cart");
            }
            if (i % 3 == 0) {
                s.add(1, "help");
            }
            return s;
        });
        release1 = release(v1, 1);
        release2 = release(v2, 2);
        assertThat(v1.model().vocabulary().index("search")).as("the versions index search differently")
                .isNotEqualTo(v2.model().vocabulary().index("search"));
        assertThat(v1.model().vocabulary().index("help")).isZero();
        assertThat(v2.model().vocabulary().index("help")).isPositive();
    }

    private static SessionTraining train(IntFunction<List<String>> session) {
        List<Session> sessions = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            sessions.add(new Session(i + 1, session.apply(i)));
        }
        return SessionTraining.run(sessions, new SessionTrainConfig(4, 12, 1, 40, 8, 0.02, 1.0, 7),
                new SessionTraining.Options(1, 0.25, 0.05, null), e -> { });
    }

    private static ModelRelease release(SessionTraining training, long version) {
        return SessionRelease.build(training, 400, new ReleaseOptions("default", version, 0L,
                new Rollout(null, false, null), "test", 7, "test", new TreeMap<>()), 0.05);
    }

    private static Event symbol(long time, String symbol) {
        return Event.newBuilder().setEventTime(Instant.ofEpochMilli(time)).setValues(List.of()).setSymbol(symbol).build();
    }

    /** Sends events [from, to) of each key's session, interleaved by event index; returns the Scores written. */
    private static List<Score> send(ScorerDriver driver, Map<String, List<String>> sessions, int from, int to) {
        List<Score> out = new ArrayList<>();
        for (int t = from; t < to; t++) {
            for (Map.Entry<String, List<String>> e : sessions.entrySet()) {
                if (t < e.getValue().size()) {
                    driver.send(e.getKey(), symbol(t + 1, e.getValue().get(t)));
                    out.add(driver.nextScore().value());
                }
            }
        }
        return out;
    }

    /** The Score of event t of a session is the one the trainer's scorer of that version computes. */
    private static void assertScoredAs(Score s, SessionTraining version, List<String> session, int t) {
        SessionTrace trace = new SessionScorer(version.model()).trace(session);
        assertThat(s.getSymbol()).isEqualTo(session.get(t));
        assertThat(s.getObserved()).as("the symbol's index in the version's own vocabulary")
                .containsExactly((double) trace.index()[t]);
        if (t == 0) {
            assertThat(s.getSymbolRank()).isNull();
        } else {
            assertThat(s.getAnomalyScore()).as("score of event %d", t).isCloseTo(trace.score()[t], within(1e-12));
            assertThat(s.getSymbolRank()).isEqualTo(trace.rank()[t]);
        }
        assertThat(s.getAnomaly()).as("flag of event %d", t).isEqualTo(version.rule().flags(trace, t, G, Double.NaN));
    }

    /** What one arm's Scores add up to. */
    private static final class Arm {
        long scored;
        long forecasts;
        long flagged;
        double anomaly;

        void add(Score s) {
            scored++;
            flagged += s.getAnomaly() ? 1 : 0;
            if (s.getAnomalyScore() != null && !Double.isNaN(s.getAnomalyScore())) {
                forecasts++;
                anomaly += s.getAnomalyScore();
            }
        }

        void assertEquals(ArmEvidence arm) {
            assertThat(arm.scoredCount()).as("scored").isEqualTo(scored);
            assertThat(arm.forecastCount()).as("forecasts").isEqualTo(forecasts);
            assertThat(arm.flaggedCount()).as("flagged").isEqualTo(flagged);
            assertThat(arm.valueCount()).as("a model of symbols compares no values").isZero();
            assertThat(arm.meanAnomalyScore()).isCloseTo(anomaly / forecasts, within(1e-12));
            assertThat(arm.flagRate()).isCloseTo((double) flagged / forecasts, within(1e-12));
        }
    }

    @Test
    void shouldScoreAShadowOfSymbolsInItsOwnVocabularyAndLeaveTheServedScoresAsTheyWere(@TempDir Path plain,
                                                                                       @TempDir Path shadowed)
            throws Exception {
        Map<String, List<String>> early = new LinkedHashMap<>();
        early.put("normal", NORMAL);
        early.put("swapped", SWAPPED);
        Map<String, List<String>> late = Map.of("help", HELP);
        List<Score> expected = new ArrayList<>();
        List<Score> anomalies;
        try (ScorerDriver driver = new ScorerDriver(plain, SETTINGS)) {
            driver.publish(release1);
            expected.addAll(send(driver, early, 0, HELP.size()));
            expected.addAll(send(driver, late, 0, HELP.size()));
            anomalies = driver.anomalies().readValuesToList();
            driver.assertNoMoreOutput();
        }
        try (ScorerDriver driver = new ScorerDriver(shadowed, SETTINGS)) {
            driver.publish(release1);
            List<Score> scores = send(driver, early, 0, BEFORE);
            driver.publish(Rollouts.shadow(release2, null));
            scores.addAll(send(driver, early, BEFORE, HELP.size()));
            scores.addAll(send(driver, late, 0, HELP.size()));
            assertThat(scores).as("the served Scores are those of a run without the shadow").isEqualTo(expected);
            assertThat(driver.anomalies().readValuesToList()).isEqualTo(anomalies).isNotEmpty();

            List<ShadowScore> shadows = driver.shadowScores().readValuesToList();
            assertThat(shadows).hasSize(scores.size() - BEFORE * early.size());
            int i = 0;
            Arm arm = new Arm();
            for (int t = BEFORE; t < NORMAL.size(); t++) {
                for (Map.Entry<String, List<String>> e : early.entrySet()) {
                    ShadowScore s = shadows.get(i);
                    assertThat(s.getServing()).isEqualTo(scores.get(BEFORE * early.size() + i));
                    assertThat(s.getShadow().getModelVersion()).isEqualTo(2L);
                    assertThat(s.getShadow().getStatus()).as("a key the shadow joined mid-session re-warms")
                            .isEqualTo(t == BEFORE ? ScoreStatus.REWARMED : ScoreStatus.OK);
                    assertScoredAs(s.getShadow(), v2, e.getValue(), t);
                    arm.add(s.getShadow());
                    i++;
                }
            }
            for (int t = 0; t < HELP.size(); t++) {
                ShadowScore s = shadows.get(i++);
                assertThat(s.getShadow().getStatus()).isEqualTo(ScoreStatus.OK);
                assertScoredAs(s.getShadow(), v2, HELP, t);
                assertScoredAs(s.getServing(), v1, HELP, t);
                arm.add(s.getShadow());
            }
            Score helpServed = shadows.get(i - HELP.size() + 1).getServing();
            assertThat(helpServed.getStatus()).as("v1 does not know the step").isEqualTo(ScoreStatus.UNSEEN_SYMBOL);
            assertThat(shadows.get(i - HELP.size() + 1).getShadow().getStatus()).isEqualTo(ScoreStatus.OK);
            assertThat(v2.rule().firstFlag(new SessionScorer(v2.model()).trace(SWAPPED), G, Double.NaN))
                    .as("v2 flags the swapped steps after it started").isGreaterThan(BEFORE);

            List<ArmEvidence> arms = driver.counters().evidence().arms();
            assertThat(arms).extracting(a -> a.version() + " " + a.role()).containsExactly("1 SERVING", "2 SHADOW");
            Arm serving = new Arm();
            scores.forEach(serving::add);
            serving.assertEquals(arms.get(0));
            arm.assertEquals(arms.get(1));
            assertThat(driver.counters().shadowScoredCount(ScoreStatus.REWARMED)).isEqualTo(early.size());

            ObjectMapper mapper = new ObjectMapper();
            JsonNode evidence = mapper.readTree(mapper.writeValueAsBytes(ModelsView.of(driver.registry(),
                    driver.counters().evidence()))).get("evidence");
            JsonNode shadow = evidence.get(1);
            assertThat(shadow.get("role").asText()).isEqualTo("shadow");
            assertThat(shadow.get("forecasts").asLong()).isEqualTo(arm.forecasts);
            assertThat(shadow.get("meanAbsError").isNull()).as("no values to compare").isTrue();
            assertThat(shadow.get("meanAnomalyScore").asDouble()).isCloseTo(arm.anomaly / arm.forecasts, within(1e-12));
            assertThat(shadow.get("flagRate").asDouble()).isCloseTo((double) arm.flagged / arm.forecasts, within(1e-12));
            for (String key : List.of("normal", "swapped", "help")) {
                assertThat(KeyStateSummary.of(driver.shadowStateStore().get(key)).modelVersion()).isEqualTo(2);
                assertThat(KeyStateSummary.of(driver.stateStore().get(key)).modelVersion()).isEqualTo(1);
            }
            driver.assertNoMoreOutput();
        }
    }

    @Test
    void shouldServeACanaryOfSymbolsToTheKeysOfItsBucketInItsOwnVocabulary(@TempDir Path dir) {
        Map<String, List<String>> sessions = new LinkedHashMap<>();
        for (int k = 0; k < 12; k++) {
            sessions.put("k" + k, k % 2 == 0 ? NORMAL : SWAPPED);
        }
        try (ScorerDriver driver = new ScorerDriver(dir, SETTINGS)) {
            driver.publish(release1);
            List<Score> before = send(driver, sessions, 0, BEFORE);
            assertThat(before).extracting(Score::getModelVersion).containsOnly(1L);
            driver.publish(Rollouts.canary(release2, 50, null));
            List<Score> after = send(driver, sessions, BEFORE, NORMAL.size());

            Set<String> canaryKeys = new HashSet<>();
            Arm serving = new Arm();
            Arm canary = new Arm();
            before.forEach(serving::add);
            int i = 0;
            for (int t = BEFORE; t < NORMAL.size(); t++) {
                for (Map.Entry<String, List<String>> e : sessions.entrySet()) {
                    Score s = after.get(i++);
                    boolean onCanary = s.getModelVersion() == 2L;
                    if (t == BEFORE && onCanary) {
                        canaryKeys.add(e.getKey());
                    }
                    assertThat(onCanary).as("a key stays on its arm").isEqualTo(canaryKeys.contains(e.getKey()));
                    assertScoredAs(s, onCanary ? v2 : v1, e.getValue(), t);
                    assertThat(s.getStatus()).isEqualTo(onCanary && t == BEFORE ? ScoreStatus.REWARMED
                            : ScoreStatus.OK);
                    (onCanary ? canary : serving).add(s);
                }
            }
            assertThat(canaryKeys).as("some keys but not all in the canary's half").isNotEmpty()
                    .hasSizeLessThan(sessions.size());
            List<ArmEvidence> arms = driver.counters().evidence().arms();
            assertThat(arms).extracting(a -> a.version() + " " + a.role()).containsExactly("1 SERVING", "2 CANARY");
            serving.assertEquals(arms.get(0));
            canary.assertEquals(arms.get(1));
            List<Score> flagged = new ArrayList<>(before);
            flagged.addAll(after);
            assertThat(driver.anomalies().readValuesToList()).isEqualTo(flagged.stream().filter(Score::getAnomaly).toList())
                    .isNotEmpty();
            driver.assertNoMoreOutput();
        }
    }
}
