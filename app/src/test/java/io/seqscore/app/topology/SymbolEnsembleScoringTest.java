package io.seqscore.app.topology;

import io.seqscore.app.state.KeyStateSummary;
import io.seqscore.app.testing.Rollouts;
import io.seqscore.app.testing.ScorerDriver;
import io.seqscore.app.testing.ScorerDrivers;
import io.seqscore.avro.Event;
import io.seqscore.avro.ModelRelease;
import io.seqscore.avro.NextSymbol;
import io.seqscore.avro.Score;
import io.seqscore.avro.ScoreStatus;
import io.seqscore.avro.ShadowScore;
import io.seqscore.model.core.SoftmaxMixtureHead;
import io.seqscore.model.core.anomaly.NextSymbolDetector;
import io.seqscore.trainer.release.ReleaseOptions;
import io.seqscore.trainer.release.Rollout;
import io.seqscore.trainer.sessions.EmpiricalThreshold;
import io.seqscore.trainer.sessions.Session;
import io.seqscore.trainer.sessions.SessionRelease;
import io.seqscore.trainer.sessions.SessionScorer;
import io.seqscore.trainer.sessions.SessionTrace;
import io.seqscore.trainer.sessions.SessionTrainConfig;
import io.seqscore.trainer.sessions.SessionTraining;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * An ensemble of K = 3 next-symbol models released as one (the members fused under the softmax-mixture head) and
 * served by the topology: every event's probability, rank, flag (both rules) and next symbols equal what the
 * trainer's {@link SessionScorer} computes for the three members, the mean of their distributions, which is what
 * the release was calibrated on and what {@code cross-validate --ensemble 3} measures; the key's state holds every
 * member's recurrent state; a shadow of the ensemble beside a single model scores as the trainer does.
 */
class SymbolEnsembleScoringTest {
    private static final List<String> WORKFLOW = WorkflowSessions.WORKFLOW;
    private static final List<String> SWAPPED = List.of("login", "search", "cart", "view", "pay", "logout");
    private static final List<List<String>> SESSIONS = List.of(WORKFLOW, SWAPPED);
    private static final int G = 2;
    /** Measured: the key's state of the default architecture after the workflow's 6 events, V = 7. */
    private static final int STATE_BYTES_K1 = 1216;
    /** None beyond double rounding: block m of the fused network is member m's step, bit for bit. */
    private static final double TOLERANCE = 1e-12;
    private static SessionTraining single;
    private static SessionTraining ensemble;
    private static ModelRelease singleRelease;
    private static ModelRelease ensembleRelease;

    @RegisterExtension
    final ScorerDrivers drivers = new ScorerDrivers();

    @BeforeAll
    static void train() {
        List<Session> sessions = WorkflowSessions.training();
        SessionTrainConfig config = new SessionTrainConfig(4, 12, 1, 30, 8, 0.02, 1.0, 7);
        single = SessionTraining.run(sessions, config, new SessionTraining.Options(1, 0.25, 0.05, null), e -> { });
        ensemble = SessionTraining.run(sessions, config, new SessionTraining.Options(1, 0.25, 0.05, null, 3,
                EmpiricalThreshold.INSTANCE), e -> { });
        singleRelease = release(single, 1);
        ensembleRelease = release(ensemble, 2);
    }

    private static ModelRelease release(SessionTraining training, long version) {
        return SessionRelease.build(training, 400, new ReleaseOptions("default", version, 0L,
                new Rollout(null, false, null), "test", 7, "test", new TreeMap<>()), 0.05);
    }

    private static Event symbol(long time, String symbol) {
        return Event.newBuilder().setEventTime(Instant.ofEpochMilli(time)).setValues(List.of()).setSymbol(symbol).build();
    }

    @Test
    void shouldReleaseTheThreeMembersAsOneNetworkUnderTheMixtureHead() {
        assertThat(ensemble.members()).hasSize(3);
        assertThat(String.valueOf(ensembleRelease.getArchitecture().getHead().getKind()))
                .isEqualTo(SoftmaxMixtureHead.KIND);
        assertThat(ensembleRelease.getArchitecture().getHead().getParameters()).singleElement()
                .satisfies(p -> assertThat(p.getValue()).isEqualTo(3.0));
        assertThat(ensembleRelease.getArchitecture().getOutputDim()).isEqualTo(3 * (WORKFLOW.size() + 1));
        assertThat(ensembleRelease.getArchitecture().getLayers().get(0).getUnits()).isEqualTo(3 * 12);
        assertThat(ensembleRelease.getFeatures().getParameters()).singleElement()
                .satisfies(p -> assertThat(p.getValue()).as("the fused embedding's width").isEqualTo(3.0 * 4));
        assertThat(ensembleRelease.getCalibration().getThreshold()).as("calibrated on the members' mean")
                .isEqualTo(ensemble.calibration().threshold());
    }

    @Test
    void shouldScoreEverySymbolAsTheTrainerScoresTheEnsembleUnderBothRules(@TempDir Path rankDir,
                                                                         @TempDir Path thresholdDir) {
        List<Score> byRank = serve(rankDir, Map.of("seqscore.anomaly.detector", NextSymbolDetector.NAME,
                "seqscore.anomaly.next-symbol.top-g", String.valueOf(G), "seqscore.score.next.symbols", "3"));
        List<Score> byThreshold = serve(thresholdDir, Map.of("seqscore.anomaly.detector", NextSymbolDetector.NAME,
                "seqscore.score.next.symbols", "3"));
        SessionScorer offline = new SessionScorer(ensemble.members());
        double threshold = ensemble.calibration().threshold();
        int i = 0;
        int flaggedByRank = 0;
        for (List<String> session : SESSIONS) {
            SessionTrace trace = offline.trace(session);
            for (int t = 0; t < session.size(); t++, i++) {
                Score r = byRank.get(i);
                Score s = byThreshold.get(i);
                assertThat(r.getStatus()).isEqualTo(ScoreStatus.OK);
                assertThat(r.getObserved()).containsExactly((double) trace.index()[t]);
                assertThat(r.getModelVersion()).isEqualTo(2L);
                if (t == 0) {
                    assertThat(r.getSymbolRank()).isNull();
                    assertThat(r.getAnomalyScore()).isNull();
                } else {
                    assertThat(r.getAnomalyScore()).as("1 − p of event %d", t).isCloseTo(trace.score()[t],
                            within(TOLERANCE));
                    assertThat(s.getAnomalyScore()).isEqualTo(r.getAnomalyScore());
                    assertThat(r.getSymbolRank()).as("rank of event %d", t).isEqualTo(trace.rank()[t]);
                    assertThat(r.getAnomaly()).as("rank rule, event %d", t).isEqualTo(ensemble.rule().flags(trace, t, G, Double.NaN));
                    assertThat(s.getAnomaly()).as("threshold rule, event %d", t)
                            .isEqualTo(ensemble.rule().flags(trace, t, 0, threshold));
                    flaggedByRank += r.getAnomaly() ? 1 : 0;
                }
                assertNextSymbolsAreTheTopOfTheMixture(r, offline, session.subList(0, t + 1));
            }
        }
        assertThat(flaggedByRank).as("the swapped cart and view flagged by rank").isPositive();
    }

    /** The Scores of {@link #SESSIONS} served by the ensemble's release under these settings, in order. */
    private static List<Score> serve(Path dir, Map<String, String> settings) {
        try (ScorerDriver driver = new ScorerDriver(dir, settings)) {
            driver.publish(ensembleRelease);
            List<Score> scores = new ArrayList<>();
            int flagged = 0;
            for (List<String> session : SESSIONS) {
                for (int t = 0; t < session.size(); t++) {
                    driver.send(String.join("-", session), symbol(t + 1, session.get(t)));
                    Score s = driver.nextScore().value();
                    flagged += s.getAnomaly() ? 1 : 0;
                    scores.add(s);
                }
            }
            assertThat(driver.anomalies().readValuesToList()).hasSize(flagged);
            driver.assertNoMoreOutput();
            return scores;
        }
    }

    /** The Score's forecast is the mean of the members' distributions after {@code prefix}; nextSymbols its top 3. */
    private static void assertNextSymbolsAreTheTopOfTheMixture(Score s, SessionScorer offline, List<String> prefix) {
        List<String> symbols = ensemble.model().vocabulary().symbols();
        List<Double> forecast = s.getForecast();
        assertThat(forecast).hasSize(symbols.size() + 1);
        assertThat(forecast.stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0, within(1e-5));
        for (int j = 1; j < forecast.size(); j++) {
            List<String> next = new ArrayList<>(prefix);
            next.add(symbols.get(j - 1));
            SessionTrace trace = offline.trace(next);
            assertThat(forecast.get(j)).as("p(%s | %s)", symbols.get(j - 1), prefix)
                    .isCloseTo(1.0 - trace.score()[prefix.size()], within(TOLERANCE));
        }
        List<NextSymbol> top = s.getNextSymbols();
        assertThat(top).hasSize(3);
        List<Double> sorted = new ArrayList<>(forecast);
        sorted.sort(Comparator.reverseOrder());
        for (int i = 0; i < 3; i++) {
            assertThat(top.get(i).getProbability()).isEqualTo(sorted.get(i));
        }
    }

    @Test
    void shouldKeepEveryMembersRecurrentStateInTheKeysState(@TempDir Path oneDir, @TempDir Path threeDir) {
        byte[] single = stateAfterTheWorkflow(oneDir, singleRelease);
        byte[] fused = stateAfterTheWorkflow(threeDir, ensembleRelease);
        int memberFloats = 2 * 12;
        assertThat(fused.length - single.length).as("two more members' h and c, 4 bytes a float, the stored forecast"
                + " the same V probabilities").isEqualTo(2 * memberFloats * Float.BYTES);
        assertThat(KeyStateSummary.of(fused).modelVersion()).isEqualTo(2);
    }

    /** The state per key of the default next-symbol architecture (embedding 16, LSTM 2 × 64), K = 1 and K = 3. */
    @Test
    void shouldHoldTheDefaultArchitecturesStateInAFewKilobytesPerKey(@TempDir Path oneDir, @TempDir Path threeDir) {
        SessionTrainConfig defaults = new SessionTrainConfig(SessionTrainConfig.DEFAULT_EMBEDDING,
                SessionTrainConfig.DEFAULT_HIDDEN, SessionTrainConfig.DEFAULT_LAYERS, 1, 8, 0.01, 1.0, 7);
        List<Session> sessions = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            sessions.add(new Session(i + 1, i % 2 == 0 ? WORKFLOW : WORKFLOW.subList(0, 5)));
        }
        byte[] one = stateAfterTheWorkflow(oneDir, release(SessionTraining.run(sessions, defaults,
                new SessionTraining.Options(1, 0.25, 0.05, null), e -> { }), 1));
        byte[] three = stateAfterTheWorkflow(threeDir, release(SessionTraining.run(sessions, defaults,
                new SessionTraining.Options(1, 0.25, 0.05, null, 3, EmpiricalThreshold.INSTANCE), e -> { }), 1));
        int hidden = SessionTrainConfig.DEFAULT_HIDDEN;
        int layers = SessionTrainConfig.DEFAULT_LAYERS;
        assertThat(three.length - one.length).as("2 more members × %d layers × (h, c) × %d floats", layers, hidden)
                .isEqualTo(2 * layers * 2 * hidden * Float.BYTES);
        assertThat(one.length).as("K = 1, %d symbols + unknown, after %d events", WORKFLOW.size(), WORKFLOW.size())
                .isEqualTo(STATE_BYTES_K1);
        assertThat(three.length).as("K = 3").isEqualTo(STATE_BYTES_K1 + 2048);
    }

    private static byte[] stateAfterTheWorkflow(Path dir, ModelRelease release) {
        try (ScorerDriver driver = new ScorerDriver(dir, Map.of())) {
            driver.publish(release);
            for (int t = 0; t < WORKFLOW.size(); t++) {
                driver.send("k", symbol(t + 1, WORKFLOW.get(t)));
            }
            return driver.stateStore().get("k");
        }
    }

    @Test
    void shouldScoreAShadowEnsembleBesideASingleModelAsTheTrainerDoes() {
        ScorerDriver driver = drivers.start(Map.of("seqscore.anomaly.detector", NextSymbolDetector.NAME,
                "seqscore.anomaly.next-symbol.top-g", String.valueOf(G)));
        driver.publish(singleRelease);
        driver.publish(Rollouts.shadow(ensembleRelease, null));
        List<Score> served = new ArrayList<>();
        for (int t = 0; t < SWAPPED.size(); t++) {
            driver.send("s", symbol(t + 1, SWAPPED.get(t)));
            served.add(driver.nextScore().value());
        }
        SessionTrace singleTrace = new SessionScorer(single.model()).trace(SWAPPED);
        SessionTrace ensembleTrace = new SessionScorer(ensemble.members()).trace(SWAPPED);
        List<ShadowScore> shadows = driver.shadowScores().readValuesToList();
        assertThat(shadows).hasSize(SWAPPED.size());
        for (int t = 1; t < SWAPPED.size(); t++) {
            Score s = served.get(t);
            assertThat(s.getModelVersion()).isEqualTo(1L);
            assertThat(s.getAnomalyScore()).isCloseTo(singleTrace.score()[t], within(1e-12));
            Score shadow = shadows.get(t).getShadow();
            assertThat(shadow.getModelVersion()).isEqualTo(2L);
            assertThat(shadow.getAnomalyScore()).isCloseTo(ensembleTrace.score()[t], within(TOLERANCE));
            assertThat(shadow.getSymbolRank()).isEqualTo(ensembleTrace.rank()[t]);
            assertThat(shadow.getAnomaly()).isEqualTo(ensemble.rule().flags(ensembleTrace, t, G, Double.NaN));
        }
        assertThat(KeyStateSummary.of(driver.shadowStateStore().get("s")).modelVersion()).isEqualTo(2);
    }
}
