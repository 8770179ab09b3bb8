package io.seqscore.trainer.source;

import io.seqscore.avro.Event;
import io.seqscore.avro.ModelRelease;
import io.seqscore.input.InputFormats;
import io.seqscore.input.InputMapping;
import io.seqscore.serde.AvroSerializer;
import io.seqscore.trainer.kafka.KafkaSettings;
import io.seqscore.trainer.release.ReleaseFiles;
import io.seqscore.trainer.symbols.SymbolEvents;
import io.seqscore.trainer.testing.CliRun;
import io.seqscore.trainer.testing.ClassBroker;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The trainer's --sessions-topic --symbol-values: events with a symbol and values from a real broker, ordered by
 * event time per key, train the same model as the same events in a CSV of {@code key,timestamp,symbol,value...}.
 */
class SymbolValuesTopicSourceTest {
    static final String REGISTRY = "mock://symbol-values-topic";
    private static final String[] STEPS = {"open", "read", "read", "write", "close"};
    private static final int KEYS = 10;
    private static final int RUNS = 6;

    @TempDir
    static Path dir;
    @RegisterExtension
    static final ClassBroker BROKER = new ClassBroker();

    /** The values of step i of run r of key k: a latency and a size, exact in binary and in decimal text. */
    private static double[] values(int k, int r, int i) {
        return new double[] {10 + 2.5 * i + 0.25 * ((k + r) % 4), 512.0 * (1 + i % 2)};
    }

    private static long time(int r, int i) {
        return 60_000L * r + 1_000L * i;
    }

    @BeforeAll
    static void produce() throws Exception {
        BROKER.createTopic("io-events", 3, Map.of());
        BROKER.createTopic("io-json", 1, Map.of());
        BROKER.createTopic("steps-only", 1, Map.of());
        Map<String, Object> props = Map.of("bootstrap.servers", BROKER.bootstrapServers(), "acks", "all",
                "schema.registry.url", REGISTRY);
        AvroSerializer<Event> serializer = new AvroSerializer<>();
        serializer.configure(props, false);
        try (KafkaProducer<String, Event> p = new KafkaProducer<>(props, new StringSerializer(), serializer)) {
            for (int k = 0; k < KEYS; k++) {
                // each key's runs produced newest first: only the event times give the order
                for (int r = RUNS - 1; r >= 0; r--) {
                    for (int i = 0; i < STEPS.length; i++) {
                        double[] v = values(k, r, i);
                        Event e = Event.newBuilder().setEventTime(Instant.ofEpochMilli(time(r, i)))
                                .setValues(List.of(v[0], v[1])).setSymbol(STEPS[i]).build();
                        p.send(new ProducerRecord<>("io-events", "file-" + k, e));
                    }
                }
            }
            Event stepOnly = Event.newBuilder().setEventTime(Instant.ofEpochMilli(1)).setValues(List.of()).setSymbol("open")
                    .build();
            p.send(new ProducerRecord<>("steps-only", "file-0", stepOnly));
            p.flush();
        }
        try (KafkaProducer<String, String> p = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            p.send(new ProducerRecord<>("io-json", "f", "{\"time\":2,\"op\":\"read\",\"values\":[1.5,2]}")).get();
            p.send(new ProducerRecord<>("io-json", "f", "{\"time\":1,\"op\":\"open\",\"values\":[0.5,1]}")).get();
            p.send(new ProducerRecord<>("io-json", "f", "{\"time\":3,\"op\":\"write\",\"values\":[7]}")).get();
            p.send(new ProducerRecord<>("io-json", "f", "{\"time\":4,\"values\":[1,2]}")).get();
            p.send(new ProducerRecord<>("io-json", "g", "{\"time\":9,\"op\":\"close\",\"values\":[3,4]}")).get();
        }
    }

    private static KafkaSettings settings() {
        return new KafkaSettings(BROKER.bootstrapServers(), REGISTRY, Map.of(), Duration.ofSeconds(60));
    }

    @Test
    void shouldReadEachKeysEventsInEventTimeOrderAndSkipTheOnesTheModelCannotRead() {
        SymbolEvents events = new SymbolEvents();
        SymbolValuesTopicSource.Result r = new SymbolValuesTopicSource(settings(), "io-json", null, 5L,
                BadInputPolicy.SKIP, InputFormats.named("json"), InputMapping.DEFAULT.withSymbol("op")).read(events);
        assertThat(r.records()).isEqualTo(5);
        assertThat(r.events()).isEqualTo(2);
        assertThat(r.outside()).as("g's event at 9 is after --to").isEqualTo(1);
        assertThat(r.skipped()).as("one value too few, no symbol").isEqualTo(2);
        assertThat(events.values()).isEqualTo(2);
        assertThat(events.keys().get("f")).extracting(SymbolEvents.Event::symbol).containsExactly("open", "read");
        assertThat(events.keys().get("f").get(1).values()).containsExactly(1.5, 2.0);

        SymbolValuesTopicSource strict = new SymbolValuesTopicSource(settings(), "io-json", null, null,
                BadInputPolicy.FAIL, InputFormats.named("json"), InputMapping.DEFAULT.withSymbol("op"));
        assertThatThrownBy(() -> strict.read(new SymbolEvents())).isInstanceOf(InputFormatException.class)
                .hasMessage("io-json-0@2: the event has 1 values, the first event had 2");
    }

    @Test
    void shouldTrainTheSameReleaseFromTheTopicAsFromTheSameEventsInACsv() throws Exception {
        StringBuilder csv = new StringBuilder("key,timestamp,op,latency,bytes\n");
        for (int k = 0; k < KEYS; k++) {
            for (int r = 0; r < RUNS; r++) {
                for (int i = 0; i < STEPS.length; i++) {
                    double[] v = values(k, r, i);
                    csv.append("file-").append(k).append(',').append(time(r, i)).append(',').append(STEPS[i])
                            .append(',').append(v[0]).append(',').append(v[1]).append('\n');
                }
            }
        }
        Path file = Files.writeString(dir.resolve("io.csv"), csv);
        String[] common = {"--name", "io", "--hidden", "8", "--layers", "1", "--embedding", "3", "--epochs", "3",
                "--seed", "7", "--created-at", "0"};
        Path fromTopic = dir.resolve("topic-io.avro");
        Path fromFile = dir.resolve("file-io.avro");
        CliRun topicRun = CliRun.of(concat(new String[] {"train", "--sessions-topic", "io-events", "--symbol-values",
                "--bootstrap-servers", BROKER.bootstrapServers(), "--schema-registry-url", REGISTRY, "--out",
                fromTopic.toString()}, common));
        CliRun fileRun = CliRun.of(concat(new String[] {"train", "--csv", file.toString(), "--csv-format", "symbols",
                "--out", fromFile.toString()}, common));
        assertThat(topicRun.exitCode()).as(topicRun.err()).isZero();
        assertThat(fileRun.exitCode()).as(fileRun.err()).isZero();
        assertThat(topicRun.out()).contains("io-events: 300 records, 300 events with a symbol and values, 0 outside"
                + " --from/--to, 0 bad records skipped").contains("events: 300 of 10 keys (0 skipped records), 2 values each");
        ModelRelease a = ReleaseFiles.read(fromTopic);
        ModelRelease b = ReleaseFiles.read(fromFile);
        assertThat(a.getFeatures()).isEqualTo(b.getFeatures());
        assertThat(a.getFeatures().getVocabulary()).map(CharSequence::toString)
                .containsExactlyInAnyOrder("open", "read", "write", "close");
        assertThat(a.getArchitecture()).isEqualTo(b.getArchitecture());
        assertThat(a.getArchitecture().getHead().getKind().toString()).isEqualTo("softmax-values");
        assertThat(a.getNormalizer()).isEqualTo(b.getNormalizer());
        assertThat(a.getWeights()).isEqualTo(b.getWeights());
        assertThat(a.getCalibration()).isEqualTo(b.getCalibration());
        assertThat(a.getProvenance().getMetrics()).isEqualTo(b.getProvenance().getMetrics());
        assertThat(a.getProvenance().getSource()).isEqualTo("topic:io-events");
        assertThat(b.getProvenance().getSource()).isEqualTo("csv:io.csv");
    }

    @Test
    void shouldRefuseWhatASymbolValuesTrainingFromATopicCannotUse() {
        Path out = dir.resolve("x.avro");
        CliRun noValues = CliRun.of("train", "--sessions-topic", "steps-only", "--symbol-values", "--bootstrap-servers",
                BROKER.bootstrapServers(), "--schema-registry-url", REGISTRY, "--name", "m", "--out", out.toString());
        assertThat(noValues.exitCode()).isEqualTo(1);
        assertThat(noValues.err().strip()).isEqualTo("error: the events of topic steps-only carry no values: train a"
                + " model of their symbols alone without --symbol-values");
        CliRun withFile = CliRun.of("train", "--sessions", dir.resolve("s.txt").toString(), "--symbol-values",
                "--name", "m", "--out", out.toString());
        withFile.assertUsageError("--symbol-values applies to --sessions-topic (a CSV of symbols and values:"
                + " --csv-format symbols)");
        CliRun endSymbol = CliRun.of("train", "--sessions-topic", "io-events", "--symbol-values", "--end-symbol", "E",
                "--bootstrap-servers", BROKER.bootstrapServers(), "--name", "m", "--out", out.toString());
        endSymbol.assertUsageError("--end-symbol does not apply to --symbol-values");
        assertThat(out).doesNotExist();
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
