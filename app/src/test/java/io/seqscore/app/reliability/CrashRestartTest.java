package io.seqscore.app.reliability;

import io.seqscore.app.pipeline.EmbeddedPipeline;
import io.seqscore.app.testing.SigningKeys;
import io.seqscore.avro.ModelRelease;
import io.seqscore.avro.Score;
import io.seqscore.schemas.ReleaseSignatures;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scorer ({@code seqscore run}) in a child JVM on a real KRaft broker, killed with SIGKILL at random moments
 * of its progress and restarted each time on the same state directory. The events (pre-produced, deterministic)
 * are scored by two model versions, the second activated at an event time, so the scores do not depend on
 * timing. Both are signed, the scorer trusts their key, and four hostile releases wait on the models topic
 * (unsigned, signed by an unknown key, one weight bit flipped after signing, NaN weights signed): every start
 * rejects them, and the scores show that none ever served. Under exactly-once the committed scores equal the
 * uninterrupted reference run exactly. Under at-least-once every event has its score, none differs from the
 * reference, and the duplicates (re-deliveries of identical scores) are counted: after a crash Kafka Streams restores
 * a key's state from its changelog, which may be ahead of the committed input offsets, and the scorer's replay guard
 * rewinds such a state to its checkpoint so that the replayed events are scored again, not taken for late ones.
 */
class CrashRestartTest {
    private static final Logger LOG = LoggerFactory.getLogger(CrashRestartTest.class);
    private static final KeyPair OPS = SigningKeys.generate();
    private static final KeyPair STRANGER = SigningKeys.generate();
    private static final Duration PROGRESS_TIMEOUT = Duration.ofSeconds(180);

    @RegisterExtension
    static final ChildScorerCluster SHARED = new ChildScorerCluster();

    /**
     * What a run under faults did.
     *
     * @param unaccounted reference scores missing from the output whose event is not among the dead letters either
     */
    record Outcome(int events, int kills, int records, ScoreComparison comparison, int identicalKeys, int deadLetters,
                   int lateDeadLetters, int unaccounted, List<Integer> killedAt, int rewinds) {
    }

    @Test
    void shouldCommitExactlyTheReferenceScoresUnderExactlyOnceDespiteRepeatedSigkills(@TempDir Path dir)
            throws Exception {
        Workload workload = new Workload(1_000, 200);
        Outcome o = runWithKills(dir, "eos", workload, "exactly_once_v2", 5, 20261122L, Map.of());
        assertExactlyTheReference(o, workload);
    }

    @Test
    void shouldScoreEveryEventUnderAtLeastOnceDespiteRepeatedSigkills(@TempDir Path dir) throws Exception {
        Workload workload = new Workload(1_000, 60);
        Outcome o = runWithKills(dir, "alos", workload, "at_least_once", 5, 20261123L, Map.of());
        assertNothingLostOrWrong(o);
    }

    /**
     * At-least-once with the store's cache off: every state is written to the changelog as the event is scored, so
     * every SIGKILL leaves the states of the events since the last commit ahead of the committed offsets, and every
     * restart replays events whose keys' states have already folded them in: the replay guard's rewind runs at
     * every start after a kill.
     */
    @Test
    void shouldScoreEveryEventUnderAtLeastOnceWhenEveryKillLeavesStatesAheadOfTheCommittedOffsets(@TempDir Path dir)
            throws Exception {
        Workload workload = new Workload(1_000, 60);
        Outcome o = runWithKills(dir, "alos-nocache", workload, "at_least_once", 5, 20261206L,
                Map.of("statestore.cache.max.bytes", "0"));
        assertNothingLostOrWrong(o);
        assertThat(o.rewinds()).as("tasks that rewound states after a kill").isPositive();
    }

    @Test
    @Tag("long")
    void shouldCommitExactlyTheReferenceScoresOfAMillionEventsDespiteTenSigkills(@TempDir Path dir) throws Exception {
        Workload workload = new Workload(2_000, 500);
        Outcome o = runWithKills(dir, "eos-long", workload, "exactly_once_v2", 10, 77L, Map.of());
        assertExactlyTheReference(o, workload);
    }

    @Test
    @Tag("long")
    void shouldScoreEveryOneOfAMillionEventsUnderAtLeastOnceDespiteTenSigkills(@TempDir Path dir) throws Exception {
        Workload workload = new Workload(2_000, 500);
        Outcome o = runWithKills(dir, "alos-long", workload, "at_least_once", 10, 78L, Map.of());
        assertNothingLostOrWrong(o);
    }

    private static void assertExactlyTheReference(Outcome o, Workload workload) {
        assertThat(o.kills()).isGreaterThanOrEqualTo(5);
        assertThat(o.comparison()).isEqualTo(new ScoreComparison(0, 0, 0, 0, 0, null));
        assertThat(o.records()).isEqualTo(workload.events());
        assertThat(o.identicalKeys()).isEqualTo(workload.keys());
        assertThat(o.deadLetters()).isZero();
    }

    /**
     * At-least-once: every event has its score (none missing, no dead letter), no score differs from the reference,
     * none is unexpected or out of order; the duplicates are counted.
     */
    private static void assertNothingLostOrWrong(Outcome o) {
        assertThat(o.kills()).isGreaterThanOrEqualTo(5);
        ScoreComparison c = o.comparison();
        assertThat(c.unexpected()).isZero();
        assertThat(c.mismatched()).isZero();
        assertThat(c.outOfOrder()).isZero();
        assertThat(c.missing()).as("events without a score").isZero();
        assertThat(o.unaccounted()).isZero();
        assertThat(o.deadLetters()).as("dead letters (a replay taken for a late event would be one)").isZero();
        assertThat(o.records()).isEqualTo(o.events() + c.duplicates());
    }

    /**
     * Produces the workload, then runs the scorer in child JVMs: {@code kills} times started and SIGKILLed once its
     * committed output passes a random point of its share of the run, then once more to the end and stopped with
     * SIGTERM (exit 0).
     */
    static Outcome runWithKills(Path dir, String name, Workload workload, String guarantee, int kills, long seed,
                                Map<String, Object> overrides) throws Exception {
        Path stateDir = Files.createDirectories(dir.resolve("state"));
        EmbeddedPipeline pipeline = EmbeddedPipeline.builder(name + "-").cluster(SHARED.cluster()).partitions(4)
                .stateDir(stateDir).start();
        pipeline.publish(ReleaseSignatures.sign(workload.first(), OPS.getPrivate(), "ops"));
        pipeline.publish(ReleaseSignatures.sign(workload.second(), OPS.getPrivate(), "ops"));
        for (ModelRelease hostile : HostileReleases.four(OPS, "ops", STRANGER)) {
            pipeline.publish(hostile);
        }
        EventProducer.produce(SHARED.bootstrapServers(), SHARED.registryUrl(), pipeline.topics().events(), workload);
        Map<String, Object> props = ChildScorers.properties(pipeline, stateDir, guarantee);
        props.put("seqscore.release.trusted.keys", SigningKeys.writePublic(OPS, dir.resolve("keys/ops.pub")).toString());
        props.putAll(overrides);
        Map<String, List<Score>> reference = ReferenceRun.scores(dir.resolve("reference"), workload, Map.of());

        Random random = new Random(seed);
        List<Integer> killedAt = new ArrayList<>();
        List<Double> killSeconds = new ArrayList<>();
        Set<Long> distinct = new HashSet<>();
        int[] counted = {0};
        int[] rewinds = {0};
        try (CommittedReader<Score> scores = new CommittedReader<>(SHARED.bootstrapServers(), SHARED.registryUrl(),
                pipeline.topics().scores(), Score.class)) {
            Runnable count = () -> {
                List<ConsumerRecord<String, Score>> all = scores.records();
                for (; counted[0] < all.size(); counted[0]++) {
                    ConsumerRecord<String, Score> r = all.get(counted[0]);
                    distinct.add(ChildScorers.id(r.key(), r.value()));
                }
            };
            long started = System.nanoTime();
            for (int i = 0; i < kills; i++) {
                int target = (int) (workload.events() * (i + 0.2 + 0.6 * random.nextDouble()) / (kills + 1));
                try (ScorerProcess scorer = ScorerProcess.start(dir, name + "-" + i, props)) {
                    scores.pollUntil(PROGRESS_TIMEOUT, "the scorer passes " + target + " scores (log " + scorer.log() + ")",
                            () -> {
                                count.run();
                                assertThat(scorer.isAlive()).as("scorer alive, log %s", scorer.log()).isTrue();
                                return distinct.size() >= target;
                            });
                    Thread.sleep(random.nextInt(200));
                    scorer.kill();
                    assertThat(scorer.logText()).as("log %s", scorer.log()).contains(
                            "Rejected model release default@3", "Rejected model release default@4",
                            "Rejected model release default@5", "Rejected model release default@6");
                    rewinds[0] += countRewinds(scorer.logText());
                    count.run();
                    killedAt.add(distinct.size());
                    killSeconds.add((System.nanoTime() - started) / 1_000_000L / 1000.0);
                }
            }
            ScorerProcess last = ScorerProcess.start(dir, name + "-final", props);
            try {
                long[] checked = {0};
                boolean[] consumed = {false};
                scores.pollUntil(PROGRESS_TIMEOUT, "every event is processed (log " + last.log() + ")", () -> {
                    count.run();
                    if (distinct.size() >= workload.events()) {
                        return true;
                    }
                    if (System.nanoTime() - checked[0] > 1_000_000_000L) {
                        checked[0] = System.nanoTime();
                        consumed[0] = ChildScorers.inputCommitted(SHARED.kafka(), props.get("application.id").toString(),
                                pipeline.topics().events());
                    }
                    return consumed[0];
                });
                ChildScorers.assertStoppedGracefully(last);
                rewinds[0] += countRewinds(last.logText());
            } finally {
                last.close();
            }
            scores.readToEnd(Duration.ofSeconds(60));
            long seconds = (System.nanoTime() - started) / 1_000_000_000L;
            List<ChildScorers.DeadLetter> letters = ChildScorers.deadLetters(SHARED.bootstrapServers(),
                    SHARED.registryUrl(), pipeline.topics().dlq());
            Set<Long> accounted = new HashSet<>(distinct);
            letters.forEach(d -> accounted.add(d.id()));
            int late = (int) letters.stream().filter(d -> d.reason().equals("LATE")).count();
            int deadLetters = letters.size();
            ScoreComparison comparison = ScoreComparison.of(reference, scores.records());
            Outcome o = new Outcome(workload.events(), killedAt.size(), scores.size(), comparison,
                    ScoreComparison.identicalKeys(reference, scores.records()), deadLetters, late,
                    workload.events() - accounted.size(), killedAt, rewinds[0]);
            LOG.info("FIGURES crash-restart {}: {} events over {} keys, {} SIGKILLs at distinct-score counts {} (at {} s), {} score"
                            + " records read_committed, {} duplicates, {} missing, {} mismatched, {} of {} keys identical"
                            + " to the reference, {} dead letters ({} LATE), {} tasks (of all starts) that rewound key states to their"
                            + " checkpoints, {} s", guarantee, workload.events(), workload.keys(),
                    o.kills(), killedAt, killSeconds, o.records(), comparison.duplicates(), comparison.missing(),
                    comparison.mismatched(), o.identicalKeys(), workload.keys(), deadLetters, late, rewinds[0], seconds);
            return o;
        }
    }

    /** Tasks of one scorer run that rewound key states (the replay guard logs its first rewind per task). */
    private static int countRewinds(String log) {
        int n = 0;
        for (int at = log.indexOf("are rewound to their checkpoints"); at >= 0;
             at = log.indexOf("are rewound to their checkpoints", at + 1)) {
            n++;
        }
        return n;
    }
}
