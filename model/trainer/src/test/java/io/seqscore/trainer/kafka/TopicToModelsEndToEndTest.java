package io.seqscore.trainer.kafka;

import io.seqscore.avro.Event;
import io.seqscore.avro.ModelRelease;
import io.seqscore.avro.RolloutMode;
import io.seqscore.schemas.ReleaseSignatures;
import io.seqscore.serde.AvroDeserializer;
import io.seqscore.serde.AvroSerializer;
import io.seqscore.trainer.release.SigningKeys;
import io.seqscore.trainer.testing.CliRun;
import io.seqscore.trainer.testing.ClassBroker;
import io.seqscore.trainer.testing.SyntheticSeasonal;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On a real KRaft broker: Avro events produced through the serde (mock:// registry) → {@code train} from the
 * events topic → a signed release on the models topic → read back with the serde, signature verified;
 * then the version increments, a stale publish is refused, {@code inspect} reads the topic and
 * {@code publish --rollback} republishes version 1's weights, re-signed, as release 3.
 */
class TopicToModelsEndToEndTest {
    static final String REGISTRY = "mock://trainer-e2e";
    static final int LENGTH = 600;

    @TempDir
    static Path dir;
    @RegisterExtension
    static final ClassBroker BROKER = new ClassBroker();
    static SyntheticSeasonal data;
    static long end;

    @BeforeAll
    static void produceHistory() throws Exception {
        BROKER.createTopic("events", 3, Map.of());
        BROKER.createTopic("models", 1, Map.of("cleanup.policy", "compact"));
        data = new SyntheticSeasonal(2, LENGTH, 0.01, 8, 21);
        end = SyntheticSeasonal.time(LENGTH);
        Map<String, Object> props = Map.of("bootstrap.servers", BROKER.bootstrapServers(), "schema.registry.url", REGISTRY,
                "acks", "all");
        AvroSerializer<Event> serializer = new AvroSerializer<>();
        serializer.configure(props, false);
        try (KafkaProducer<String, Event> producer = new KafkaProducer<>(props, new StringSerializer(), serializer)) {
            for (int p = 0; p < LENGTH; p++) {
                for (int k = 0; k < data.keys; k++) {
                    producer.send(new ProducerRecord<>("events", SyntheticSeasonal.key(k), event(p, data.values[k][p])));
                }
            }
            // after the end time: left out by --to
            producer.send(new ProducerRecord<>("events", SyntheticSeasonal.key(0), event(LENGTH + 5, 1e6)));
            producer.flush();
        }
        try (KafkaProducer<String, byte[]> raw = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            raw.send(new ProducerRecord<>("events", 1, "sensor-0", new byte[] {0, 0, 0, 0, 99, 1})).get();
        }
    }

    private static Event event(int p, double value) {
        return Event.newBuilder().setEventTime(Instant.ofEpochMilli(SyntheticSeasonal.time(p))).setValues(List.of(value))
                .setAttributes(null).build();
    }

    private static List<ModelRelease> readModels() {
        Map<String, Object> props = Map.of("bootstrap.servers", BROKER.bootstrapServers(), "schema.registry.url", REGISTRY);
        AvroDeserializer<ModelRelease> deserializer = AvroDeserializer.forClass(ModelRelease.class);
        deserializer.configure(props, false);
        List<ModelRelease> out = new ArrayList<>();
        try (KafkaConsumer<String, ModelRelease> consumer = new KafkaConsumer<>(props, new StringDeserializer(), deserializer)) {
            TopicPartition tp = new TopicPartition("models", 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long stop = consumer.endOffsets(List.of(tp)).get(tp);
            long deadline = System.currentTimeMillis() + 30_000;
            while (consumer.position(tp) < stop && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, ModelRelease> r : consumer.poll(Duration.ofMillis(200))) {
                    assertThat(r.key()).isEqualTo(r.value().getName());
                    out.add(r.value());
                }
            }
        }
        return out;
    }

    private static String[] train(String... extra) {
        return gatedTrain(concat(extra, "--allow-worse-than-naive"));
    }

    private static String[] concat(String[] head, String... tail) {
        List<String> all = new ArrayList<>(List.of(head));
        all.addAll(List.of(tail));
        return all.toArray(new String[0]);
    }

    /** Without --allow-worse-than-naive: the quality gate decides. */
    private static String[] gatedTrain(String... extra) {
        List<String> args = new ArrayList<>(List.of("train", "--events-topic", "events",
                "--bootstrap-servers", BROKER.bootstrapServers(), "--schema-registry-url", REGISTRY,
                "--to", Long.toString(end), "--on-bad-input", "skip", "--name", "e2e", "--publish",
                "--sign-key", dir.resolve("trainer.key").toString(), "--hidden", "8", "--window", "48", "--burn-in", "12",
                "--created-at", "2024-05-01T00:00:00Z", "--progress", "none"));
        args.addAll(List.of(extra));
        return args.toArray(new String[0]);
    }

    @Test
    void shouldTrainFromTheEventsTopicAndPublishSignedIncreasingVersions() {
        assertThat(CliRun.of("keygen", "--dir", dir.toString(), "--name", "trainer").exitCode()).isZero();
        PublicKey publicKey = SigningKeys.readPublic(dir.resolve("trainer.pub"));

        Path refusedFile = dir.resolve("refused.avro");
        CliRun refused = CliRun.of(gatedTrain("--epochs", "1", "--out", refusedFile.toString()));
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).startsWith("error: e2e version 1 is worse than the seasonal-naive forecast")
                .contains("not published");
        assertThat(refusedFile).doesNotExist();
        assertThat(readModels()).isEmpty();

        Path file = dir.resolve("first.avro");
        CliRun first = CliRun.of(train("--epochs", "2", "--out", file.toString()));
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("published e2e version 1 to models (partition 0, offset 0)");

        List<ModelRelease> models = readModels();
        assertThat(models).hasSize(1);
        ModelRelease release = models.get(0);
        assertThat(release.getVersion()).isEqualTo(1);
        assertThat(ReleaseSignatures.verify(release, id -> id.equals("trainer") ? publicKey : null))
                .isEqualTo(ReleaseSignatures.Verdict.VALID);
        assertThat(release.getProvenance().getSource()).isEqualTo("topic:events");
        assertThat(release.getProvenance().getEventCount()).isEqualTo(2L * LENGTH);
        assertThat(release.getProvenance().getKeyCount()).isEqualTo(2);
        assertThat(release.getProvenance().getDataTo().toEpochMilli()).isEqualTo(SyntheticSeasonal.time(LENGTH - 1));
        assertThat(release.getArchitecture().getLayers().get(0).getUnits()).isEqualTo(8);

        CliRun second = CliRun.of(train("--epochs", "1", "--seed", "9"));
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(second.out()).contains("published e2e version 2 to models (partition 0, offset 1)");

        CliRun gated = CliRun.of("publish", "--in", file.toString(), "--bootstrap-servers", BROKER.bootstrapServers(),
                "--schema-registry-url", REGISTRY);
        assertThat(gated.exitCode()).isEqualTo(1);
        assertThat(gated.err()).startsWith("error: e2e version 1 is worse than the seasonal-naive forecast");
        CliRun stale = CliRun.of("publish", "--in", file.toString(), "--bootstrap-servers", BROKER.bootstrapServers(),
                "--schema-registry-url", REGISTRY, "--allow-worse-than-naive");
        assertThat(stale.exitCode()).isEqualTo(1);
        assertThat(stale.err()).isEqualTo("error: the models topic models already holds version 2 of 'e2e'; version 1"
                + " would not be newer (give a higher --version, or --force)" + System.lineSeparator());

        long before = System.nanoTime();
        CliRun missing = CliRun.of("publish", "--in", file.toString(), "--bootstrap-servers", BROKER.bootstrapServers(),
                "--schema-registry-url", REGISTRY, "--models-topic", "no-such-models", "--allow-worse-than-naive");
        assertThat(Duration.ofNanos(System.nanoTime() - before)).as("fails at once, not after the 60 s time-out")
                .isLessThan(Duration.ofSeconds(15));
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).isEqualTo("error: the models topic no-such-models does not exist on "
                + BROKER.bootstrapServers() + ": create it, compacted (seqscore broker --create-topics on a development"
                + " broker, seqscore run with seqscore.topics.create=true, or kafka-topics.sh --create --topic"
                + " no-such-models --config cleanup.policy=compact)" + System.lineSeparator());

        CliRun inspect = CliRun.of("inspect", "--name", "e2e", "--bootstrap-servers", BROKER.bootstrapServers(),
                "--schema-registry-url", REGISTRY, "--public-key", dir.resolve("trainer.pub").toString());
        assertThat(inspect.exitCode()).as(inspect.err()).isZero();
        assertThat(inspect.out()).contains("e2e version 2").contains("signature VALID");

        KafkaSettings settings = new KafkaSettings(BROKER.bootstrapServers(), REGISTRY, Map.of(), Duration.ofSeconds(20));
        assertThat(new ModelsTopic(settings, "models").nextVersion("e2e")).isEqualTo(3);
        assertThat(new ModelsTopic(settings, "models").nextVersion("other")).isEqualTo(1);
        assertThat(new ModelsTopic(settings, "no-such-topic").nextVersion("e2e")).isEqualTo(1);

        List<ModelRelease> after = readModels();
        assertThat(after).extracting(ModelRelease::getVersion).containsExactly(1L, 2L);
        assertThat(ReleaseSignatures.verify(after.get(1), id -> publicKey)).isEqualTo(ReleaseSignatures.Verdict.VALID);

        CliRun rollback = CliRun.of("publish", "--in", file.toString(), "--rollback", "--sign-key",
                dir.resolve("trainer.key").toString(), "--created-at", "2024-06-01T00:00:00Z",
                "--bootstrap-servers", BROKER.bootstrapServers(), "--schema-registry-url", REGISTRY);
        assertThat(rollback.exitCode()).as(rollback.err()).isZero();
        assertThat(rollback.out())
                .isEqualTo("published e2e version 3 (rollback to version 1) to models (partition 0, offset 2)"
                        + System.lineSeparator());
        List<ModelRelease> rolledBack = readModels();
        assertThat(rolledBack).extracting(ModelRelease::getVersion).containsExactly(1L, 2L, 3L);
        ModelRelease back = rolledBack.get(2);
        assertThat(back.getRollout().getRollbackTo()).isEqualTo(1L);
        assertThat(back.getRollout().getMode()).isEqualTo(RolloutMode.FULL);
        assertThat(back.getCreatedAt()).isEqualTo(Instant.parse("2024-06-01T00:00:00Z"));
        assertThat(back.getWeights()).isEqualTo(release.getWeights());
        assertThat(ReleaseSignatures.verify(back, id -> id.equals("trainer") ? publicKey : null))
                .isEqualTo(ReleaseSignatures.Verdict.VALID);
    }
}
