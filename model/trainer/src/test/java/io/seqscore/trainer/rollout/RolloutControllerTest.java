package io.seqscore.trainer.rollout;

import io.seqscore.avro.ModelRelease;
import io.seqscore.avro.RolloutMode;
import io.seqscore.avro.Score;
import io.seqscore.avro.ScoreStatus;
import io.seqscore.avro.ShadowScore;
import io.seqscore.schemas.ReleaseSignatures;
import io.seqscore.serde.AvroDeserializer;
import io.seqscore.serde.AvroSerializer;
import io.seqscore.trainer.kafka.KafkaSettings;
import io.seqscore.trainer.kafka.ModelsTopic;
import io.seqscore.trainer.release.Rollout;
import io.seqscore.trainer.release.SigningKeys;
import io.seqscore.trainer.testing.CliRun;
import io.seqscore.trainer.testing.ClassBroker;
import io.seqscore.trainer.testing.TestReleases;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The controller on a real KRaft broker: it promotes a better canary and rolls back a worse one, each decision a
 * signed release that {@code inspect} accepts; it resumes its evidence from its group's offsets after a restart;
 * a failure between sending and committing a decision publishes nothing, and the restarted controller publishes
 * it once; a shadow is judged on the paired ShadowScores.
 */
class RolloutControllerTest {
    private static final String REGISTRY = "mock://rollout-controller";
    private static final long T0 = Instant.parse("2030-01-01T00:00:00Z").toEpochMilli();
    private static final RolloutRules RULES = new RolloutRules(100, 0.05, 0.01, Duration.ofHours(1));

    @TempDir
    static Path dir;
    @RegisterExtension
    static final ClassBroker BROKER = new ClassBroker();
    static KeyPair keys;

    @BeforeAll
    static void start() throws Exception {
        keys = SigningKeys.generate();
        SigningKeys.write(keys, dir.resolve("ops.key"), dir.resolve("ops.pub"));
    }

    /** One model's topics and a controller factory. */
    private record Setup(String name) {
        String models() {
            return name + "-models";
        }

        String scores() {
            return name + "-scores";
        }

        String shadows() {
            return name + "-shadow-scores";
        }

        KafkaSettings kafka() {
            return new KafkaSettings(BROKER.bootstrapServers(), REGISTRY, Map.of(), Duration.ofSeconds(30));
        }

        WatchSettings watch() {
            return new WatchSettings(name, scores(), shadows(), models(), "group-" + name, "txn-" + name, RULES,
                    dir.resolve("ops.key"), null, Duration.ofMillis(100));
        }
    }

    private static Setup setup(String name) throws Exception {
        Setup s = new Setup(name);
        BROKER.createTopic(s.models(), 1, Map.of("cleanup.policy", "compact"));
        BROKER.createTopic(s.scores(), 2, Map.of());
        BROKER.createTopic(s.shadows(), 2, Map.of());
        return s;
    }

    /** A controller on its own thread. */
    private static final class Running implements AutoCloseable {
        final RolloutController controller;
        final RolloutMetrics metrics;
        final Thread thread;
        final AtomicReference<Throwable> failure = new AtomicReference<>();

        Running(Setup s, Runnable beforeCommit) {
            metrics = new RolloutMetrics(s.name());
            controller = new RolloutController(s.kafka(), s.watch(), metrics, System::currentTimeMillis);
            if (beforeCommit != null) {
                controller.beforeCommit(beforeCommit);
            }
            thread = new Thread(() -> {
                try {
                    controller.run();
                } catch (Throwable t) {
                    failure.set(t);
                }
            }, "controller-" + s.name());
            thread.start();
        }

        @Override
        public void close() throws InterruptedException {
            controller.stop();
            thread.join(30_000);
            assertThat(thread.isAlive()).isFalse();
            controller.close();
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    private static ModelRelease publish(Setup s, long version, Rollout rollout) {
        ModelRelease r = TestReleases.release(s.name(), version, rollout);
        new ModelsTopic(s.kafka(), s.models()).publish(r);
        return r;
    }

    private static Score score(String name, long version, long t, double absError, double anomaly, boolean flag) {
        return Score.newBuilder().setEventTime(Instant.ofEpochMilli(t)).setObserved(List.of(10.0 + absError))
                .setStatus(ScoreStatus.OK).setExpected(List.of(10.0)).setResidual(List.of(absError))
                .setAnomalyScore(anomaly).setAnomaly(flag).setModelName(name).setModelVersion(version)
                .setStepsSeen(50L).setForecast(List.of(10.0)).setForecastLower(List.of(9.0))
                .setForecastUpper(List.of(11.0)).setHorizon(1).build();
    }

    private static <T extends SpecificRecord> void produce(String topic, List<T> values) {
        Map<String, Object> props = Map.of("bootstrap.servers", BROKER.bootstrapServers(), "schema.registry.url",
                REGISTRY, "acks", "all");
        AvroSerializer<T> serializer = new AvroSerializer<>();
        serializer.configure(props, false);
        try (KafkaProducer<String, T> producer = new KafkaProducer<>(props, new StringSerializer(), serializer)) {
            for (int i = 0; i < values.size(); i++) {
                producer.send(new ProducerRecord<>(topic, "k" + (i % 16), values.get(i)));
            }
            producer.flush();
        }
    }

    /** n Scores of each version, alternating, one second apart from {@code from}. */
    private static List<Score> canaryScores(String name, long serving, double servingError, long candidate,
                                            double candidateError, int n, long from) {
        List<Score> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(score(name, serving, from + 2_000L * i, servingError, 0.2, false));
            out.add(score(name, candidate, from + 2_000L * i + 1_000, candidateError, 0.2, false));
        }
        return out;
    }

    private static List<ModelRelease> releases(Setup s, boolean committedOnly) {
        Map<String, Object> props = Map.of("bootstrap.servers", BROKER.bootstrapServers(), "schema.registry.url",
                REGISTRY, "isolation.level", committedOnly ? "read_committed" : "read_uncommitted");
        AvroDeserializer<ModelRelease> deserializer = AvroDeserializer.forClass(ModelRelease.class);
        deserializer.configure(props, false);
        List<ModelRelease> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            TopicPartition tp = new TopicPartition(s.models(), 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long end = consumer.endOffsets(List.of(tp)).get(tp);
            long deadline = System.currentTimeMillis() + 30_000;
            while (consumer.position(tp) < end && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    out.add(deserializer.deserialize(s.models(), r.value()));
                }
            }
        }
        return out;
    }

    private static void assertDecision(ModelRelease decision, long version, long serves, ModelRelease weightsOf) {
        assertThat(decision.getVersion()).isEqualTo(version);
        assertThat(decision.getRollout().getMode()).isEqualTo(RolloutMode.FULL);
        assertThat(decision.getRollout().getRollbackTo()).isEqualTo(serves);
        assertThat(decision.getRollout().getActivateAt()).as("just after the evidence's latest event time")
                .isAfter(Instant.ofEpochMilli(T0));
        assertThat(decision.getWeights()).isEqualTo(weightsOf.getWeights());
        assertThat(ReleaseSignatures.verify(decision, id -> id.equals("ops") ? keys.getPublic() : null))
                .isEqualTo(ReleaseSignatures.Verdict.VALID);
    }

    @Test
    void shouldPromoteABetterCanaryThenRollBackAWorseOneAndNeverDecideTwice() throws Exception {
        Setup s = setup("promote");
        publish(s, 1, Rollout.FULL);
        ModelRelease v2 = publish(s, 2, new Rollout(50.0, false, null));
        try (Running c = new Running(s, null)) {
            produce(s.scores(), canaryScores(s.name(), 1, 1.0, 2, 0.8, 150, T0));
            await("the promotion", () -> releases(s, true).size() == 3);
            assertDecision(releases(s, true).get(2), 3, 2, v2);
            assertThat(c.metrics.promotions()).isEqualTo(1);

            publish(s, 4, new Rollout(50.0, false, null));
            produce(s.scores(), canaryScores(s.name(), 2, 0.8, 4, 1.2, 150, T0 + 1_000_000));
            await("the rollback", () -> releases(s, true).size() == 5);
            assertDecision(releases(s, true).get(4), 5, 2, v2);
            assertThat(c.metrics.rollbacks()).isEqualTo(1);
            assertThat(c.metrics.exposition())
                    .contains("seqscore_rollout_decisions_total{model=\"promote\",decision=\"promote\"} 1.0")
                    .contains("seqscore_rollout_decisions_total{model=\"promote\",decision=\"rollback\"} 1.0");
            assertThat(c.failure.get()).isNull();
        }
        CliRun inspect = CliRun.of("inspect", "--name", s.name(), "--models-topic", s.models(), "--bootstrap-servers",
                BROKER.bootstrapServers(), "--schema-registry-url", REGISTRY, "--public-key",
                dir.resolve("ops.pub").toString());
        assertThat(inspect.exitCode()).as(inspect.out() + inspect.err()).isZero();
        assertThat(inspect.out()).contains("signature VALID");

        try (Running again = new Running(s, null)) {
            produce(s.scores(), canaryScores(s.name(), 2, 0.8, 4, 1.2, 60, T0 + 2_000_000));
            await("the restarted controller reading the new scores", () -> again.metrics.recordsRead() >= 120);
            assertThat(again.metrics.recordsRead()).as("it resumed from its offsets, not the topic's start")
                    .isEqualTo(120);
            assertThat(again.metrics.promotions() + again.metrics.rollbacks()).isZero();
        }
        assertThat(releases(s, false)).extracting(ModelRelease::getVersion).containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void shouldResumeItsEvidenceFromTheGroupsOffsetsAfterARestart() throws Exception {
        Setup s = setup("restart");
        publish(s, 1, Rollout.FULL);
        ModelRelease v2 = publish(s, 2, new Rollout(30.0, false, T0));
        try (Running first = new Running(s, null)) {
            produce(s.scores(), canaryScores(s.name(), 1, 1.0, 2, 0.9, 60, T0));
            await("the first 120 scores", () -> first.metrics.recordsRead() == 120);
        }
        assertThat(releases(s, true)).hasSize(2);
        try (Running second = new Running(s, null)) {
            produce(s.scores(), canaryScores(s.name(), 1, 1.0, 2, 0.9, 40, T0 + 120_000));
            await("the promotion", () -> {
                assertThat(second.failure.get()).isNull();
                return releases(s, true).size() == 3;
            });
            assertThat(second.metrics.recordsRead()).as("60 + 40 per arm reach the minimum of 100 only with the"
                    + " evidence committed before the restart").isEqualTo(80);
            assertDecision(releases(s, true).get(2), 3, 2, v2);
        }
    }

    @Test
    void shouldPublishADecisionOnceWhenItFailedBetweenSendingAndCommitting() throws Exception {
        Setup s = setup("crash");
        publish(s, 1, Rollout.FULL);
        ModelRelease v2 = publish(s, 2, new Rollout(50.0, false, null));
        produce(s.scores(), canaryScores(s.name(), 1, 1.0, 2, 0.5, 120, T0));
        Running crashed = new Running(s, () -> {
            throw new IllegalStateException("crash before the commit");
        });
        await("the failure", () -> crashed.failure.get() != null);
        crashed.thread.join(10_000);
        crashed.controller.close();
        assertThat(crashed.failure.get()).hasMessage("crash before the commit");
        assertThat(releases(s, true)).as("the decision was not committed").hasSize(2);

        try (Running restarted = new Running(s, null)) {
            await("the decision", () -> releases(s, true).size() == 3);
            assertThat(restarted.metrics.promotions()).isEqualTo(1);
        }
        List<ModelRelease> committed = releases(s, true);
        assertThat(committed).extracting(ModelRelease::getVersion).containsExactly(1L, 2L, 3L);
        assertDecision(committed.get(2), 3, 2, v2);
        assertThat(releases(s, false)).as("the aborted send is in the log, marked aborted").hasSize(4);
    }

    @Test
    void shouldRollBackAShadowThatFlagsMoreOnTheSameEvents() throws Exception {
        Setup s = setup("shadow");
        ModelRelease v1 = publish(s, 1, Rollout.FULL);
        publish(s, 2, new Rollout(null, true, null));
        List<ShadowScore> pairs = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            long t = T0 + 1_000L * i;
            pairs.add(ShadowScore.newBuilder().setServing(score(s.name(), 1, t, 1.0, 0.3, false))
                    .setShadow(score(s.name(), 2, t, 0.9, 0.4, i % 20 == 0)).build());
        }
        try (Running c = new Running(s, null)) {
            produce(s.shadows(), pairs);
            await("the rollback", () -> releases(s, true).size() == 3);
            assertThat(c.metrics.rollbacks()).isEqualTo(1);
        }
        assertDecision(releases(s, true).get(2), 3, 1, v1);
    }

    /** A Score of a next-symbol model of symbols alone: no residual, its anomaly score 1 − p. */
    private static Score symbolScore(String name, long version, long t, double score, boolean flag) {
        return Score.newBuilder().setEventTime(Instant.ofEpochMilli(t)).setObserved(List.of(2.0))
                .setStatus(ScoreStatus.OK).setAnomalyScore(score).setAnomaly(flag).setModelName(name)
                .setModelVersion(version).setStepsSeen(50L).setForecast(List.of(0.1, 0.2, 0.7))
                .setForecastLower(List.of(0.1, 0.2, 0.7)).setForecastUpper(List.of(0.1, 0.2, 0.7)).setHorizon(1)
                .setSymbol("view").setSymbolRank(2).build();
    }

    @Test
    void shouldPromoteAShadowOfSymbolsThatGivesTheStepsThatCameMoreProbability() throws Exception {
        Setup s = setup("symbols");
        publish(s, 1, Rollout.FULL);
        ModelRelease v2 = publish(s, 2, new Rollout(null, true, null));
        List<ShadowScore> pairs = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            long t = T0 + 1_000L * i;
            pairs.add(ShadowScore.newBuilder().setServing(symbolScore(s.name(), 1, t, 0.3, i % 40 == 0))
                    .setShadow(symbolScore(s.name(), 2, t, 0.2, i % 40 == 0)).build());
        }
        try (Running c = new Running(s, null)) {
            produce(s.shadows(), pairs);
            await("the promotion", () -> releases(s, true).size() == 3);
            assertThat(c.metrics.promotions()).isEqualTo(1);
        }
        assertDecision(releases(s, true).get(2), 3, 2, v2);
    }
}
