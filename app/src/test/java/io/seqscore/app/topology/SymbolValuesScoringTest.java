package io.seqscore.app.topology;

import io.seqscore.app.evidence.ModelRole;
import io.seqscore.app.scoring.DeadLetters;
import io.seqscore.app.scoring.DlqReason;
import io.seqscore.app.testing.Rollouts;
import io.seqscore.app.testing.ScorerDriver;
import io.seqscore.app.testing.ScorerDrivers;
import io.seqscore.avro.Event;
import io.seqscore.avro.ModelRelease;
import io.seqscore.avro.Score;
import io.seqscore.avro.ScoreStatus;
import io.seqscore.avro.ShadowScore;
import io.seqscore.model.core.Network;
import io.seqscore.model.core.anomaly.AnomalyScorer;
import io.seqscore.model.core.anomaly.NextSymbolDetector;
import io.seqscore.trainer.release.ReleaseOptions;
import io.seqscore.trainer.release.Rollout;
import io.seqscore.trainer.sessions.SessionTrainConfig;
import io.seqscore.trainer.symbols.SymbolEvents;
import io.seqscore.trainer.symbols.SymbolValuesRelease;
import io.seqscore.trainer.symbols.SymbolValuesTraining;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Events that carry a symbol and a value through the scorer's topology: a model trained on a workflow whose every
 * step has its own typical duration, its release served by the topology, and every event's rank, expected value,
 * residual, score and flag equal to a reference computed here from the trained weights (softmax of the logits, the
 * value head's output in the events' units, score = max(1 − p, erf(|r/scale|/√2))). A wrong step and a wrong
 * duration are each flagged; an event missing its symbol or its value goes to the dead-letter topic saying which.
 */
class SymbolValuesScoringTest {
    private static final List<String> WORKFLOW = List.of("login", "search", "view", "cart", "pay", "logout");
    private static final double[] DURATION = {1.0, 2.0, 5.0, 3.0, 10.0, 1.0};
    private static final int G = 1;
    private static SymbolValuesTraining training;
    private static ModelRelease release;

    @RegisterExtension
    final ScorerDrivers drivers = new ScorerDrivers();

    @BeforeAll
    static void train() {
        SymbolEvents events = new SymbolEvents();
        Random r = new Random(3);
        for (int k = 0; k < 60; k++) {
            for (int t = 0; t < WORKFLOW.size(); t++) {
                events.add("k" + k, 1000L * t, WORKFLOW.get(t), new double[] {DURATION[t] + 0.1 * r.nextGaussian()});
            }
        }
        training = SymbolValuesTraining.run(events.keys(), events.values(), new SessionTrainConfig(4, 16, 1, 60, 8, 0.02,
                1.0, 7), new SymbolValuesTraining.Options(1, 0.25, 0.02, 1.0));
        release = SymbolValuesRelease.build(training, events.count(), new ReleaseOptions("default", 1, 0L,
                new Rollout(null, false, null), "test", 7, "test", new TreeMap<>()), 0.02);
    }

    private ScorerDriver start() {
        ScorerDriver driver = drivers.start(Map.of("seqscore.anomaly.detector", NextSymbolDetector.NAME,
                "seqscore.anomaly.next-symbol.top-g", "" + G, "seqscore.score.next.symbols", "2"));
        driver.publish(release);
        return driver;
    }

    private static Event event(long time, String symbol, List<Double> values) {
        return Event.newBuilder().setEventTime(Instant.ofEpochMilli(time)).setValues(values).setSymbol(symbol).build();
    }

    /** Per event after the first: {p, rank, expected value, score, flagged}; computed from the weights directly. */
    private static double[][] reference(List<String> symbols, double[] values) {
        int v = training.vocabulary().size();
        float mu = training.mean()[0];
        float sigma = training.std()[0];
        double scale = training.residualScale()[0];
        Network network = Network.of(training.spec(), training.params());
        float[] state = network.newState();
        float[] out = new float[v + 1];
        double[][] rows = new double[symbols.size()][];
        double[] p = null;
        double expected = Double.NaN;
        for (int t = 0; t < symbols.size(); t++) {
            int y = training.vocabulary().index(symbols.get(t));
            if (p != null) {
                int rank = 1;
                for (int j = 0; j < v; j++) {
                    rank += (float) p[j] > (float) p[y] ? 1 : 0;
                }
                double residual = (values[t] - expected) / sigma;
                double valueScore = AnomalyScorer.erf(Math.abs(residual / scale) / Math.sqrt(2));
                double score = Math.max(1 - (float) p[y], valueScore);
                boolean flagged = y == 0 || rank > G || valueScore >= training.threshold();
                rows[t] = new double[] {p[y], rank, expected, score, flagged ? 1 : 0};
            }
            network.step(state, new float[] {y, (float) ((values[t] - mu) / sigma)}, out);
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < v; j++) {
                max = Math.max(max, out[j]);
            }
            double sum = 0;
            for (int j = 0; j < v; j++) {
                sum += Math.exp(out[j] - max);
            }
            p = new double[v];
            for (int j = 0; j < v; j++) {
                p[j] = Math.exp(out[j] - max) / sum;
            }
            expected = out[v] * sigma + mu;
        }
        return rows;
    }

    /** Sends a session, checks every Score against the reference; returns the flags. */
    private static boolean[] scoreSession(ScorerDriver driver, String key, List<String> symbols, double[] values) {
        for (int t = 0; t < symbols.size(); t++) {
            driver.send(key, event(t + 1, symbols.get(t), List.of(values[t])));
        }
        double[][] ref = reference(symbols, values);
        boolean[] flags = new boolean[symbols.size()];
        for (int t = 0; t < symbols.size(); t++) {
            Score s = driver.nextScore().value();
            assertThat(s.getSymbol()).isEqualTo(symbols.get(t));
            assertThat(s.getObserved()).containsExactly((double) training.vocabulary().index(symbols.get(t)), values[t]);
            assertThat(s.getForecast()).as("V probabilities and the value").hasSize(WORKFLOW.size() + 2);
            assertThat(s.getNextSymbols()).hasSize(2);
            double forecastValue = s.getForecast().get(WORKFLOW.size() + 1);
            assertThat(s.getForecastLower().get(WORKFLOW.size() + 1)).isLessThan(forecastValue);
            assertThat(s.getForecastUpper().get(WORKFLOW.size() + 1)).isGreaterThan(forecastValue);
            if (t == 0) {
                assertThat(s.getAnomalyScore()).isNull();
                assertThat(s.getExpected()).isNull();
                continue;
            }
            assertThat(s.getStatus()).isEqualTo(ScoreStatus.OK);
            assertThat(s.getSymbolRank()).as("rank at %d", t).isEqualTo((int) ref[t][1]);
            assertThat(s.getExpected().get(0)).as("expected value at %d", t).isCloseTo(ref[t][2], within(1e-4));
            assertThat(s.getResidual().get(0)).isCloseTo(values[t] - ref[t][2], within(1e-4));
            assertThat(s.getAnomalyScore()).as("score at %d", t).isCloseTo(ref[t][3], within(1e-5));
            assertThat(s.getAnomaly()).as("flag at %d", t).isEqualTo(ref[t][4] == 1);
            flags[t] = s.getAnomaly();
        }
        for (boolean f : flags) {
            if (f) {
                assertThat(driver.anomalies().readValue().getAnomaly()).isTrue();
            }
        }
        return flags;
    }

    @Test
    void shouldScoreSymbolAndValueOfEveryEventAsTheReference() {
        ScorerDriver driver = start();
        boolean[] flags = scoreSession(driver, "normal", WORKFLOW, DURATION.clone());
        assertThat(flags).as("a normal session").containsOnly(false);
        driver.assertNoMoreOutput();
    }

    @Test
    void shouldFlagAValueFarFromItsForecastThoughTheSymbolIsExpected() {
        ScorerDriver driver = start();
        double[] durations = DURATION.clone();
        durations[4] = 40.0;
        boolean[] flags = scoreSession(driver, "slow-pay", WORKFLOW, durations);
        assertThat(flags[4]).as("pay took 40 instead of 10").isTrue();
        assertThat(reference(WORKFLOW, durations)[4][1]).as("pay was the expected step").isEqualTo(1);
        driver.assertNoMoreOutput();
    }

    @Test
    void shouldFlagAStepOutOfOrderThoughItsValueIsTypical() {
        ScorerDriver driver = start();
        List<String> skipped = List.of("login", "search", "pay", "logout");
        double[] durations = {1.0, 2.0, 10.0, 1.0};
        boolean[] flags = scoreSession(driver, "skipped", skipped, durations);
        assertThat(flags[2]).as("pay straight after search").isTrue();
        assertThat(reference(skipped, durations)[2][1]).as("rank of pay after search").isGreaterThan(G);
        driver.assertNoMoreOutput();
    }

    /**
     * A shadow of the same weights released as version 2, started in the middle of a key's session: it re-warms from
     * the key's buffered symbols and values and then scores every event exactly as the serving version does.
     */
    @Test
    void shouldScoreAShadowOfSymbolsAndValuesFromItsOwnStateAsTheReference() {
        ScorerDriver driver = start();
        List<String> symbols = List.of("login", "search", "pay", "logout");
        double[] durations = {1.0, 2.0, 40.0, 1.0};
        double[][] ref = reference(symbols, durations);
        for (int t = 0; t < 2; t++) {
            driver.send("shadowed", event(t + 1, symbols.get(t), List.of(durations[t])));
            driver.nextScore();
        }
        driver.publish(Rollouts.shadow(ModelRelease.newBuilder(release).setVersion(2).build(), null));
        List<Score> flagged = new java.util.ArrayList<>();
        for (int t = 2; t < symbols.size(); t++) {
            driver.send("shadowed", event(t + 1, symbols.get(t), List.of(durations[t])));
            Score served = driver.nextScore().value();
            if (served.getAnomaly()) {
                flagged.add(served);
            }
            ShadowScore pair = driver.shadowScores().readValue();
            assertThat(pair.getServing()).isEqualTo(served);
            Score s = pair.getShadow();
            assertThat(s.getModelVersion()).isEqualTo(2L);
            assertThat(s.getStatus()).isEqualTo(t == 2 ? ScoreStatus.REWARMED : ScoreStatus.OK);
            assertThat(s.getSymbolRank()).as("rank at %d", t).isEqualTo((int) ref[t][1]);
            assertThat(s.getExpected().get(0)).as("expected value at %d", t).isCloseTo(ref[t][2], within(1e-4));
            assertThat(s.getAnomalyScore()).as("score at %d", t).isCloseTo(ref[t][3], within(1e-5));
            assertThat(s.getAnomaly()).isEqualTo(ref[t][4] == 1);
            assertThat(List.of(s.getObserved(), s.getExpected(), s.getResidual(), s.getAnomalyScore(), s.getForecast(),
                    s.getNextSymbols())).as("the same weights score the same").isEqualTo(List.of(served.getObserved(),
                    served.getExpected(), served.getResidual(), served.getAnomalyScore(), served.getForecast(),
                    served.getNextSymbols()));
        }
        assertThat(driver.anomalies().readValuesToList()).as("the served flags only").isEqualTo(flagged)
                .extracting(Score::getSymbol).contains("pay");
        assertThat(driver.counters().evidence().arms()).filteredOn(a -> a.role() == ModelRole.SHADOW).singleElement()
                .satisfies(a -> {
                    assertThat(a.forecastCount()).isEqualTo(2);
                    assertThat(a.valueCount()).as("one value per event compared").isEqualTo(2);
                });
        driver.assertNoMoreOutput();
    }

    @Test
    void shouldDeadLetterAnEventMissingItsSymbolOrItsValue() {
        ScorerDriver driver = start();
        driver.send("m1", ScorerDriver.event(1, 2.5));
        assertThat(reason(driver)).contains("has no symbol, the model reads a symbol and 1 values per event");
        driver.send("m1", event(2, "login", List.of()));
        assertThat(reason(driver)).contains("has 0 values, the model reads a symbol and 1 values per event");
        driver.send("m1", event(3, "login", List.of(1.0, 2.0)));
        assertThat(reason(driver)).contains("has 2 values");
        assertThat(driver.scores()).isEmpty();
    }

    @Test
    void shouldNotBufferAnEventWithASymbolBeforeAModelServes() {
        ScorerDriver driver = drivers.start(Map.of("seqscore.anomaly.detector", NextSymbolDetector.NAME));
        driver.send("early", event(1, "login", List.of(1.0)));
        Score waiting = driver.nextScore().value();
        assertThat(waiting.getStatus()).isEqualTo(ScoreStatus.NO_MODEL);
        assertThat(waiting.getSymbol()).isEqualTo("login");
        driver.publish(release);
        driver.send("early", event(2, "login", List.of(1.0)));
        Score first = driver.nextScore().value();
        assertThat(first.getStatus()).as("a fresh key, not a re-warm of the raw values").isEqualTo(ScoreStatus.OK);
        assertThat(first.getAnomalyScore()).isNull();
        driver.send("early", event(3, "search", List.of(2.0)));
        assertThat(driver.nextScore().value().getSymbolRank()).isEqualTo(1);
        driver.assertNoMoreOutput();
    }

    private static String reason(ScorerDriver driver) {
        TestRecord<byte[], byte[]> r = driver.dlq().readRecord();
        Header reason = r.headers().lastHeader(DeadLetters.REASON);
        assertThat(new String(reason.value(), StandardCharsets.UTF_8)).isEqualTo(DlqReason.WRONG_DIMENSION.name());
        return new String(r.headers().lastHeader(DeadLetters.MESSAGE).value(), StandardCharsets.UTF_8);
    }
}
