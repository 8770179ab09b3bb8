package io.seqscore.app.topology;

import io.seqscore.app.scoring.DeadLetters;
import io.seqscore.app.scoring.DlqReason;
import io.seqscore.app.testing.ScorerDriver;
import io.seqscore.app.testing.ScorerDrivers;
import io.seqscore.avro.Event;
import io.seqscore.avro.ModelRelease;
import io.seqscore.avro.NextSymbol;
import io.seqscore.avro.Score;
import io.seqscore.avro.ScoreStatus;
import io.seqscore.model.core.anomaly.NextSymbolDetector;
import io.seqscore.trainer.release.ReleaseOptions;
import io.seqscore.trainer.release.Rollout;
import io.seqscore.trainer.sessions.Session;
import io.seqscore.trainer.sessions.SessionScorer;
import io.seqscore.trainer.sessions.SessionTrace;
import io.seqscore.trainer.sessions.SessionTrainConfig;
import io.seqscore.trainer.sessions.SessionTraining;
import io.seqscore.trainer.sessions.SessionRelease;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Categorical events through the scorer's topology: a next-symbol model trained on a workflow, its release
 * served by the topology, and every event's score, rank, flag and next symbols equal to what the trainer's
 * {@link SessionScorer} computes for the same session; unseen symbols and misfit events.
 */
class SymbolScoringTest {
    private static final List<String> WORKFLOW = WorkflowSessions.WORKFLOW;
    private static SessionTraining training;
    private static ModelRelease release;

    @RegisterExtension
    final ScorerDrivers drivers = new ScorerDrivers();

    @BeforeAll
    static void train() {
        List<Session> sessions = WorkflowSessions.training();
        training = SessionTraining.run(sessions, new SessionTrainConfig(4, 12, 1, 40, 8, 0.02, 1.0, 7),
                new SessionTraining.Options(1, 0.25, 0.05, null), e -> { });
        release = SessionRelease.build(training, 400, new ReleaseOptions("default", 1, 0L, new Rollout(null, false, null),
                "test", 7, "test", new TreeMap<>()), 0.05);
    }

    private ScorerDriver start(String detector) {
        ScorerDriver driver = drivers.start(Map.of("seqscore.anomaly.detector", detector,
                "seqscore.anomaly.next-symbol.top-g", "2", "seqscore.score.next.symbols", "2"));
        driver.publish(release);
        return driver;
    }

    private static Event symbol(long time, String symbol) {
        return Event.newBuilder().setEventTime(Instant.ofEpochMilli(time)).setValues(List.of()).setSymbol(symbol).build();
    }

    @Test
    void shouldScoreEverySymbolAsTheTrainerDoes() {
        ScorerDriver driver = start(NextSymbolDetector.NAME);
        List<String> session = List.of("login", "search", "cart", "view", "pay", "logout");
        for (int t = 0; t < session.size(); t++) {
            driver.send("s1", symbol(t + 1, session.get(t)));
        }
        SessionTrace trace = new SessionScorer(training.model()).trace(session);
        int flagged = 0;
        for (int t = 0; t < session.size(); t++) {
            Score s = driver.nextScore().value();
            assertThat(s.getSymbol()).isEqualTo(session.get(t));
            assertThat(s.getObserved()).containsExactly((double) trace.index()[t]);
            assertThat(s.getStatus()).isEqualTo(ScoreStatus.OK);
            if (t == 0) {
                assertThat(s.getAnomalyScore()).isNull();
                assertThat(s.getSymbolRank()).isNull();
            } else {
                assertThat(s.getAnomalyScore()).isCloseTo(trace.score()[t], within(1e-12));
                assertThat(s.getSymbolRank()).isEqualTo(trace.rank()[t]);
                assertThat(s.getAnomaly()).isEqualTo(training.rule().flags(trace, t, 2, Double.NaN));
                flagged += s.getAnomaly() ? 1 : 0;
            }
            assertThat(s.getForecast()).hasSize(WORKFLOW.size() + 1);
            assertThat(s.getForecast().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0, within(1e-5));
            List<NextSymbol> next = s.getNextSymbols();
            assertThat(next).hasSize(2);
            assertThat(next.get(0).getProbability()).isGreaterThanOrEqualTo(next.get(1).getProbability());
        }
        assertThat(training.rule().firstFlag(trace, 2, Double.NaN)).as("the swapped cart and view flagged").isPositive();
        for (int i = 0; i < flagged; i++) {
            assertThat(driver.anomalies().readValue().getAnomaly()).isTrue();
        }
        driver.assertNoMoreOutput();
    }

    @Test
    void shouldPredictTheWorkflowsNextStep() {
        ScorerDriver driver = start(NextSymbolDetector.NAME);
        driver.send("s2", symbol(1, "login"));
        driver.nextScore();
        driver.send("s2", symbol(2, "search"));
        Score s = driver.nextScore().value();
        assertThat(s.getAnomaly()).isFalse();
        assertThat(s.getNextSymbols().stream().map(n -> String.valueOf(n.getSymbol())).toList()).contains("view");
    }

    @Test
    void shouldFlagAnUnseenSymbolWithItsOwnStatus() {
        ScorerDriver driver = start(NextSymbolDetector.NAME);
        driver.send("s3", symbol(1, "login"));
        driver.send("s3", symbol(2, "refund"));
        driver.nextScore();
        TestRecord<String, Score> r = driver.nextScore();
        assertThat(r.value().getStatus()).isEqualTo(ScoreStatus.UNSEEN_SYMBOL);
        assertThat(r.value().getObserved()).containsExactly(0.0);
        assertThat(r.value().getAnomaly()).isTrue();
        assertThat(driver.anomalies().readValue().getSymbol()).isEqualTo("refund");
        assertThat(driver.dlq().isEmpty()).isTrue();
    }

    @Test
    void shouldDeadLetterEventsTheModelCannotRead() {
        ScorerDriver driver = start(NextSymbolDetector.NAME);
        driver.send("s4", ScorerDriver.event(1, 2.5));
        assertThat(reason(driver)).contains("has no symbol");
        driver.send("s4", Event.newBuilder(symbol(2, "login")).setValues(List.of(1.0)).build());
        assertThat(reason(driver)).contains("reads a symbol only");
        assertThat(driver.scores()).isEmpty();
    }

    @Test
    void shouldReadTheSymbolOfAJsonRecordByTheMapping() {
        ScorerDriver driver = drivers.start(Map.of("seqscore.anomaly.detector", NextSymbolDetector.NAME,
                "seqscore.input.format", "json", "seqscore.input.symbol", "log.key"));
        driver.publish(release);
        driver.sendRaw("s6".getBytes(StandardCharsets.UTF_8),
                "{\"time\":1,\"log\":{\"key\":\"login\"}}".getBytes(StandardCharsets.UTF_8), 1L);
        driver.sendRaw("s6".getBytes(StandardCharsets.UTF_8),
                "{\"time\":2,\"log\":{\"key\":\"search\"}}".getBytes(StandardCharsets.UTF_8), 2L);
        Score first = driver.nextScore().value();
        Score second = driver.nextScore().value();
        assertThat(first.getSymbol()).isEqualTo("login");
        assertThat(second.getSymbol()).isEqualTo("search");
        assertThat(second.getSymbolRank()).isEqualTo(new SessionScorer(training.model())
                .trace(List.of("login", "search")).rank()[1]);
        assertThat(driver.dlq().isEmpty()).isTrue();
    }

    @Test
    void shouldJudgeASymbolModelByTheNextSymbolDetectorUnderTheDefaultDetectorOfValues() {
        ScorerDriver driver = start("range");
        driver.publish(release);
        List<String> session = List.of("login", "search", "cart", "view", "pay", "logout");
        for (int t = 0; t < session.size(); t++) {
            driver.send("s5", symbol(t + 1, session.get(t)));
        }
        SessionTrace trace = new SessionScorer(training.model()).trace(session);
        for (int t = 0; t < session.size(); t++) {
            Score s = driver.nextScore().value();
            assertThat(s.getStatus()).isEqualTo(ScoreStatus.OK);
            if (t > 0) {
                assertThat(s.getAnomalyScore()).isCloseTo(trace.score()[t], within(1e-12));
                assertThat(s.getSymbolRank()).isEqualTo(trace.rank()[t]);
                assertThat(s.getAnomaly()).isEqualTo(training.rule().flags(trace, t, 2, Double.NaN));
            }
        }
        assertThat(driver.dlq().isEmpty()).isTrue();
    }

    private static String reason(ScorerDriver driver) {
        TestRecord<byte[], byte[]> r = driver.dlq().readRecord();
        Header reason = r.headers().lastHeader(DeadLetters.REASON);
        assertThat(new String(reason.value(), StandardCharsets.UTF_8)).isEqualTo(DlqReason.WRONG_DIMENSION.name());
        return new String(r.headers().lastHeader(DeadLetters.MESSAGE).value(), StandardCharsets.UTF_8);
    }
}
