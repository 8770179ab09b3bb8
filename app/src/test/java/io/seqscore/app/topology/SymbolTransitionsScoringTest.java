package io.seqscore.app.topology;

import io.seqscore.app.testing.ScorerDriver;
import io.seqscore.avro.Event;
import io.seqscore.avro.ModelRelease;
import io.seqscore.avro.Score;
import io.seqscore.model.core.anomaly.NextSymbolDetector;
import io.seqscore.model.core.anomaly.SymbolTransitions;
import io.seqscore.trainer.release.ReleaseOptions;
import io.seqscore.trainer.release.Rollout;
import io.seqscore.trainer.sessions.Session;
import io.seqscore.trainer.sessions.SessionRelease;
import io.seqscore.trainer.sessions.SessionRule;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A release of a next-symbol model trained with an end symbol carries the transitions of its sessions: through the
 * topology, an event whose transition the sessions never had is flagged at that event, a session that ends too
 * early at its end event, a normal session nowhere, each event as the trainer's {@link SessionRule} flags it; with
 * the threshold scope 'all' and the transitions off, every event is judged by the threshold as before.
 */
class SymbolTransitionsScoringTest {
    private static final String END = "<end>";
    private static final List<String> WORKFLOW = WorkflowSessions.WORKFLOW;
    private static final List<String> NORMAL = List.of("login", "search", "view", "cart", "pay", "logout", END);
    /** search → cart never occurs: flagged at cart (event 2). */
    private static final List<String> NOVEL = List.of("login", "search", "cart", "view", "pay", "logout", END);
    /** cart → end never occurs: flagged at the end (event 4). */
    private static final List<String> TRUNCATED = List.of("login", "search", "view", "cart", END);
    /** No session starts with search: flagged at its first event. */
    private static final List<String> LATE_START = List.of("search", "view", "cart", "pay", "logout", END);
    private static SessionTraining training;
    private static ModelRelease release;

    @TempDir
    Path dir;
    private int drivers;

    @BeforeAll
    static void train() {
        List<Session> sessions = WorkflowSessions.training();
        training = SessionTraining.run(sessions, new SessionTrainConfig(4, 12, 1, 40, 8, 0.02, 1.0, 7),
                new SessionTraining.Options(1, 0.25, 0.05, END), e -> { });
        release = SessionRelease.build(training, 400, new ReleaseOptions("default", 1, 0L, new Rollout(null, false, null),
                "test", 7, "test", new TreeMap<>()), 0.05);
    }

    private ScorerDriver start(String... settings) {
        Map<String, String> config = new HashMap<>(Map.of("seqscore.anomaly.detector", NextSymbolDetector.NAME));
        for (int i = 0; i < settings.length; i += 2) {
            config.put(settings[i], settings[i + 1]);
        }
        ScorerDriver driver = new ScorerDriver(dir.resolve("driver-" + drivers++), config);
        driver.publish(release);
        return driver;
    }

    /** The flags the topology gives the session's events on key {@code key}, each checked against {@code rule}. */
    private static List<Boolean> flags(ScorerDriver driver, String key, List<String> session, SessionRule rule) {
        for (int t = 0; t < session.size(); t++) {
            driver.send(key, Event.newBuilder().setEventTime(Instant.ofEpochMilli(t + 1)).setValues(List.of())
                    .setSymbol(session.get(t)).build());
        }
        SessionTrace trace = new SessionScorer(training.model()).trace(session);
        double threshold = release.getCalibration().getThreshold();
        List<Boolean> flags = new ArrayList<>();
        for (int t = 0; t < session.size(); t++) {
            Score s = driver.nextScore().value();
            assertThat(s.getSymbol()).isEqualTo(session.get(t));
            boolean flagged = Boolean.TRUE.equals(s.getAnomaly());
            assertThat(flagged).as("event %d of %s", t, session).isEqualTo(rule.flags(trace, t, 0, threshold));
            flags.add(flagged);
        }
        return flags;
    }

    private static List<Boolean> flaggedAt(int size, int... events) {
        List<Boolean> flags = new ArrayList<>();
        for (int t = 0; t < size; t++) {
            flags.add(false);
        }
        for (int e : events) {
            flags.set(e, true);
        }
        return flags;
    }

    @Test
    void shouldReleaseTheTransitionsOfEverySessionAndTheEndSymbol() {
        assertThat(release.getFeatures().getEndSymbol().toString()).isEqualTo(END);
        SymbolTransitions table = SessionRelease.transitions(release);
        assertThat(table).isEqualTo(training.rule().transitions());
        int end = training.model().vocabulary().index(END);
        assertThat(training.rule().endSymbol()).isEqualTo(end);
        assertThat(table.seen(training.model().vocabulary().index("logout"), end)).isTrue();
        assertThat(table.seen(training.model().vocabulary().index("cart"), end)).isFalse();
    }

    @Test
    void shouldFlagANovelTransitionAtItsEventATruncatedSessionAtItsEndAndNotANormalSession() {
        try (ScorerDriver driver = start()) {
            List<Boolean> normal = flags(driver, "normal", NORMAL, training.rule());
            List<Boolean> novel = flags(driver, "novel", NOVEL, training.rule());
            List<Boolean> truncated = flags(driver, "truncated", TRUNCATED, training.rule());
            List<Boolean> lateStart = flags(driver, "late", LATE_START, training.rule());
            assertThat(normal).isEqualTo(flaggedAt(NORMAL.size()));
            assertThat(novel.subList(0, 3)).isEqualTo(flaggedAt(3, 2));
            assertThat(truncated).isEqualTo(flaggedAt(TRUNCATED.size(), 4));
            assertThat(lateStart.get(0)).as("an unseen start").isTrue();
            long flagged = java.util.stream.Stream.of(novel, truncated, lateStart).flatMap(List::stream)
                    .filter(f -> f).count();
            assertThat(driver.anomalies().readValuesToList()).hasSize((int) flagged).allMatch(Score::getAnomaly);
            driver.assertNoMoreOutput();
        }
    }

    @Test
    void shouldJudgeEveryEventByTheThresholdUnderScopeAll() {
        try (ScorerDriver all = start("seqscore.anomaly.next-symbol.threshold-scope", "all")) {
            SessionRule everyEvent = SessionRule.transitions(training.rule().transitions(), -1);
            flags(all, "novel", NOVEL, everyEvent);
            flags(all, "normal", NORMAL, everyEvent);
        }
        try (ScorerDriver old = start("seqscore.anomaly.next-symbol.threshold-scope", "all",
                "seqscore.anomaly.next-symbol.transitions", "false")) {
            flags(old, "truncated", TRUNCATED, SessionRule.THRESHOLD);
            flags(old, "novel", NOVEL, SessionRule.THRESHOLD);
            assertThat(flags(old, "late", LATE_START, SessionRule.THRESHOLD).get(0)).as("no table: an unseen start")
                    .isFalse();
        }
    }

    /** The previous symbol is the ring's: no byte more per key unless the re-warm buffer holds fewer than 2 events. */
    @Test
    void shouldStoreNoMoreBytesPerKeyUnlessTheRingIsShorterThanTwoEvents() {
        int[] bytes = new int[4];
        int i = 0;
        for (String ring : List.of("32", "0")) {
            for (String transitions : List.of("false", "true")) {
                try (ScorerDriver driver = start("seqscore.rewarm.buffer.length", ring,
                        "seqscore.anomaly.next-symbol.transitions", transitions)) {
                    for (int t = 0; t < NORMAL.size(); t++) {
                        driver.send("k", Event.newBuilder().setEventTime(Instant.ofEpochMilli(t + 1))
                                .setValues(List.of()).setSymbol(NORMAL.get(t)).build());
                    }
                    bytes[i++] = driver.stateStore().get("k").length;
                }
            }
        }
        assertThat(bytes[1]).as("ring of 32 events, transitions on vs off").isEqualTo(bytes[0]);
        assertThat(bytes[3] - bytes[2]).as("no re-warm buffer: the ring keeps the previous and the current event,"
                + " two rows of a time and a symbol index with the ring's header (measured: 31 bytes)").isEqualTo(31);
    }

    /** A shadow of symbols reads the previous symbol from its own two-row ring: its state's only extra bytes. */
    @Test
    void shouldScoreAShadowByItsOwnRingAsTheTrainerDoes() {
        ModelRelease v2 = SessionRelease.build(training, 400, new ReleaseOptions("default", 2, 0L,
                new Rollout(null, false, null), "test", 7, "test", new TreeMap<>()), 0.05);
        int[] bytes = new int[2];
        int i = 0;
        for (String transitions : List.of("false", "true")) {
            try (ScorerDriver driver = start("seqscore.anomaly.next-symbol.transitions", transitions)) {
                driver.publish(io.seqscore.app.testing.Rollouts.shadow(v2, null));
                for (int t = 0; t < NOVEL.size(); t++) {
                    driver.send("k", Event.newBuilder().setEventTime(Instant.ofEpochMilli(t + 1)).setValues(List.of())
                            .setSymbol(NOVEL.get(t)).build());
                }
                SessionTrace trace = new SessionScorer(training.model()).trace(NOVEL);
                SessionRule rule = transitions.equals("true") ? training.rule() : SessionRule.THRESHOLD;
                List<io.seqscore.avro.ShadowScore> shadows = driver.shadowScores().readValuesToList();
                assertThat(shadows).hasSize(NOVEL.size());
                for (int t = 0; t < NOVEL.size(); t++) {
                    assertThat(shadows.get(t).getShadow().getAnomaly()).as("shadow, event %d", t)
                            .isEqualTo(rule.flags(trace, t, 0, release.getCalibration().getThreshold()));
                }
                bytes[i++] = driver.shadowStateStore().get("k").length;
            }
        }
        assertThat(bytes[1] - bytes[0]).as("the shadow's own ring of two rows (measured: 31 bytes)").isEqualTo(31);
    }
}
