package io.seqscore.app.replay;

import io.seqscore.app.command.ShutdownHooks;
import io.seqscore.app.command.CliContext;
import io.seqscore.app.cli.Main;
import io.seqscore.app.config.SeqscoreConfig;
import io.seqscore.app.testing.ClassKafka;
import io.seqscore.app.testing.Await;
import io.seqscore.app.testing.Releases;
import io.seqscore.app.testing.RunningScorer;
import io.seqscore.avro.Event;
import io.seqscore.avro.ModelRelease;
import io.seqscore.model.core.CellType;
import io.seqscore.model.core.NetworkSpec;
import io.seqscore.serde.AvroSerializer;
import io.seqscore.serde.MockSchemaRegistry;
import io.seqscore.trainer.release.ReleaseFiles;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * On a real broker: a scorer serves version 1, then version 2 from minute 70 (an activation time); a replay of the
 * recorded releases reproduces every served score of the span exactly; a replay of version 1 alone matches the
 * served scores until minute 70; a replay with a candidate scores the same events differently and reports how;
 * none writes to the scorer's topics.
 */
class ReplayIntegrationTest {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ReplayIntegrationTest.class);
    private static final String SCOPE = "replay-integration";
    private static final String REGISTRY = MockSchemaRegistry.URL_PREFIX + SCOPE;
    private static final NetworkSpec SPEC = NetworkSpec.uniform(CellType.LSTM, 1, 6, 1);
    private static final int KEYS = 6;
    private static final int STEPS = 120;
    private static final long T0 = Instant.parse("2030-01-01T00:00:00Z").toEpochMilli();
    @RegisterExtension
    static final ClassKafka KAFKA = new ClassKafka(SCOPE);

    @TempDir
    static Path dir;

    private static ModelRelease release(long version, long seed) {
        return Releases.release("default", version, SPEC, Releases.randomParams(SPEC, seed, 0.6f),
                Releases.global(new float[] {10f}, new float[] {1f}), Releases.gaussian(SPEC, 1.0, 0.95, 5));
    }

    private static Map<String, Object> properties(Path stateDir) {
        Map<String, Object> p = new HashMap<>();
        p.put("bootstrap.servers", KAFKA.bootstrapServers());
        p.put("application.id", "live-scorer");
        p.put("state.dir", stateDir.toString());
        p.put("schema.registry.url", REGISTRY);
        p.put("commit.interval.ms", "100");
        // the live scorer, the replays and the CLI replay read the same settings, so the same detector
        p.put("seqscore.anomaly.detector", "calibrated");
        return p;
    }

    private static double value(int k, int t) {
        return 10 + Math.sin(0.4 * t + k) + (t % 37 == 0 ? 4 : 0);
    }

    private static long endOffsets(String topic) {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < 2; p++) {
            latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        try {
            return KAFKA.admin().listOffsets(latest).all().get().values().stream().mapToLong(i -> i.offset()).sum();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long served() {
        long[] n = {0};
        ScoreTopicReader.read(Map.of("bootstrap.servers", KAFKA.bootstrapServers(), "schema.registry.url", REGISTRY),
                "scores", Long.MIN_VALUE, Long.MAX_VALUE, Duration.ofSeconds(30), (k, s) -> n[0]++);
        return n[0];
    }

    private static void produce(String topic, Object value, String key) {
        Map<String, Object> props = Map.of("bootstrap.servers", KAFKA.bootstrapServers(), "schema.registry.url",
                REGISTRY, "acks", "all");
        AvroSerializer<org.apache.avro.specific.SpecificRecord> serializer = new AvroSerializer<>();
        serializer.configure(props, false);
        try (KafkaProducer<String, org.apache.avro.specific.SpecificRecord> producer = new KafkaProducer<>(props,
                new StringSerializer(), serializer)) {
            producer.send(new ProducerRecord<>(topic, key, (org.apache.avro.specific.SpecificRecord) value));
        }
    }

    private static void produceEvents() {
        Map<String, Object> props = Map.of("bootstrap.servers", KAFKA.bootstrapServers(), "schema.registry.url",
                REGISTRY, "acks", "all");
        AvroSerializer<Event> serializer = new AvroSerializer<>();
        serializer.configure(props, false);
        try (KafkaProducer<String, Event> producer = new KafkaProducer<>(props, new StringSerializer(), serializer)) {
            for (int t = 0; t < STEPS; t++) {
                for (int k = 0; k < KEYS; k++) {
                    producer.send(new ProducerRecord<>("events", "k" + k, Event.newBuilder()
                            .setEventTime(Instant.ofEpochMilli(T0 + 60_000L * t)).setValues(List.of(value(k, t)))
                            .setAttributes(null).build()));
                }
            }
        }
    }

    private record CliResult(int code, String out, String err) {
    }

    private static CliResult cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        ShutdownHooks none = new ShutdownHooks() {
            @Override
            public void add(Thread hook) {
            }

            @Override
            public void remove(Thread hook) {
            }
        };
        int code = Main.execute(args, new CliContext(Map.of(), none, new PrintWriter(out, true),
                new PrintWriter(err, true)));
        return new CliResult(code, out.toString(), err.toString());
    }

    @Test
    void shouldReproduceTheServedScoresAndReportACandidatesDifferences() throws Exception {
        for (String t : List.of("events", "scores", "anomalies", "events-dlq", "shadow-scores")) {
            KAFKA.createTopic(t, 2, Map.of());
        }
        KAFKA.createTopic("models", 1, Map.of("cleanup.policy", "compact"));
        ModelRelease v1 = release(1, 11);
        ModelRelease v2 = release(2, 12);
        produce("models", v1, "default");
        produce("models", io.seqscore.app.testing.Rollouts.full(v2, T0 + 60_000L * 70), "default");
        Path liveState = Files.createDirectories(dir.resolve("live"));
        try (RunningScorer live = RunningScorer.start(properties(liveState))) {
            produceEvents();
            Await.until(Duration.ofSeconds(60), "every event scored", () -> served() == (long) KEYS * STEPS);
        }
        long servedRecords = endOffsets("scores");

        long from = T0 + 60_000L * 40;
        long to = T0 + 60_000L * 100;
        SeqscoreConfig config = new SeqscoreConfig(properties(liveState));
        ReplayReport same = new Replay(config, new Replay.Options(null, from, to, "replay-history",
                "replay-history-scores", true, Duration.ofSeconds(120))).run();
        assertThat(same.scored()).isEqualTo((long) KEYS * STEPS);
        assertThat(same.span().events()).isEqualTo(KEYS * 60L);
        ScoreComparison c = same.comparison();
        assertThat(c.matched()).isEqualTo(KEYS * 60L);
        assertThat(c.identical()).as("a replay of the recorded releases from the topic's start is exact")
                .isEqualTo(KEYS * 60L);
        assertThat(c.onlyReplayedCount() + c.onlyServedCount()).isZero();
        assertThat(c.flaggedOnlyReplayed() + c.flaggedOnlyServed()).isZero();
        assertThat(c.replayed().meanAbsError()).isEqualTo(c.served().meanAbsError());
        assertThat(same.span().flags()).isEqualTo(c.served().flags()).isPositive();

        ReplayReport first = new Replay(config, new Replay.Options(v1, from, to, "replay-v1", "replay-v1-scores", true,
                Duration.ofSeconds(120))).run();
        assertThat(first.comparison().identical()).as("version 1 served minutes 40 to 69, version 2 from 70")
                .isEqualTo(KEYS * 30L);

        ModelRelease candidate = release(3, 13);
        Path file = dir.resolve("v3.release");
        ReleaseFiles.write(candidate, file);
        Path props = dir.resolve("scorer.properties");
        StringBuilder text = new StringBuilder();
        properties(liveState).forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        Files.writeString(props, text);
        CliResult run = cli("replay", "--config", props.toString(), "--release", file.toString(), "--from",
                Instant.ofEpochMilli(from).toString(), "--to", Long.toString(to), "--out-topic", "replay-v2-scores",
                "--compare");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("default version 3, 720 events scored into replay-v2-scores")
                .contains("360 events on both sides (0 only replayed, 0 only served)");

        ReplayReport other = new Replay(config, new Replay.Options(candidate, from, to, "replay-v2b",
                "replay-v2b-scores", true, Duration.ofSeconds(120))).run();
        ScoreComparison d = other.comparison();
        assertThat(d.matched()).isEqualTo(KEYS * 60L);
        assertThat(d.identical()).isLessThan(KEYS * 60L);
        assertThat(d.served().meanAbsError()).isCloseTo(c.served().meanAbsError(), within(1e-12));
        assertThat(d.replayed().meanAbsError()).isNotEqualTo(d.served().meanAbsError());
        assertThat(run.out()).contains(String.format(java.util.Locale.ROOT, "MAE %.6g", d.replayed().meanAbsError()));
        LOG.info("Replay of the recorded releases:\n{}Replay of version 1:\n{}Replay of a candidate:\n{}", same, first,
                other);

        assertThat(endOffsets("scores")).as("the served scores topic is untouched").isEqualTo(servedRecords);
        CliResult refused = cli("replay", "--config", props.toString(), "--release", file.toString(), "--from",
                Long.toString(from), "--to", Long.toString(to), "--out-topic", "scores");
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err().strip()).contains("the replay would write to scores, a topic of the serving application");
    }
}
