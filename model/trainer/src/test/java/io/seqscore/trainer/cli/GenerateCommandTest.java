package io.seqscore.trainer.cli;

import io.seqscore.avro.Event;
import io.seqscore.serde.AvroDeserializer;
import io.seqscore.trainer.generate.AnomalyKind;
import io.seqscore.trainer.generate.SyntheticWorkload;
import io.seqscore.trainer.generate.WorkloadCsv;
import io.seqscore.trainer.generate.WorkloadSpec;
import io.seqscore.trainer.testing.CliRun;
import io.seqscore.trainer.testing.ClassBroker;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code generate}: the history as CSV, its anomalies, and the events topic with a live stream after it. */
class GenerateCommandTest {
    private static final String REGISTRY = "mock://trainer-generate";
    private static final long END = 1_767_225_600_000L;
    private static final String NL = System.lineSeparator();

    @TempDir
    static Path dir;
    @RegisterExtension
    static final ClassBroker BROKER = new ClassBroker();

    @BeforeAll
    static void startBroker() throws Exception {
        BROKER.createTopic("events", 2, Map.of());
    }

    @Test
    void shouldWriteTheHistoryAndItsAnomaliesOfTheWorkloadItsOptionsDescribe() throws IOException {
        Path csv = dir.resolve("out/history.csv");
        Path anomalies = dir.resolve("out/anomalies.csv");
        CliRun run = CliRun.of("generate", "--keys", "3", "--key-prefix", "m-", "--period", "30", "--step", "1m",
                "--seed", "5", "--noise", "0.1", "--trend", "0.2", "--trend-cycle", "10", "--anomaly-block", "100",
                "--anomaly-probability", "0.9", "--anomaly-kinds", "spike,frozen", "--spike-sigma", "12",
                "--variance-factor", "3", "--min-episode", "5", "--max-episode", "20", "--history", "600",
                "--end", "2026-01-01T00:00:00Z", "--out", csv.toString(), "--anomalies-out", anomalies.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();

        SyntheticWorkload same = new SyntheticWorkload(WorkloadSpec.builder().keys(3).keyPrefix("m-").period(30)
                .stepMillis(60_000).seed(5).noise(0.1).trend(0.2).trendCycle(10).anomalyBlock(100)
                .anomalyProbability(0.9).kinds(List.of(AnomalyKind.FROZEN, AnomalyKind.SPIKE)).spikeSigma(12)
                .varianceFactor(3).episodes(5, 20).build());
        long endStep = END / 60_000;
        StringWriter history = new StringWriter();
        WorkloadCsv.writeHistory(same, endStep - 600, endStep, history);
        StringWriter expectedAnomalies = new StringWriter();
        int count = WorkloadCsv.writeAnomalies(same, same.anomalies(endStep - 600, endStep), expectedAnomalies);

        assertThat(Files.readString(csv)).isEqualTo(history.toString());
        assertThat(Files.readString(anomalies)).isEqualTo(expectedAnomalies.toString())
                .contains(",spike,").contains(",frozen,").doesNotContain("level-shift");
        assertThat(run.out()).isEqualTo("wrote 1800 events of 3 keys (2025-12-31T14:00:00Z .. 2026-01-01T00:00:00Z) to "
                + csv + NL + "wrote " + count + " injected anomalies to " + anomalies + NL);
    }

    @Test
    void shouldAnswerBadArgumentsWithOneLineAndExitCode2() {
        assertUsage(CliRun.of("generate"), "say where the workload goes: --out, --anomalies-out and/or --events-topic");
        assertUsage(CliRun.of("generate", "--out", "x.csv", "--live"), "--live needs --events-topic");
        assertUsage(CliRun.of("generate", "--events-topic", "events"), "--events-topic needs --bootstrap-servers");
        assertUsage(CliRun.of("generate", "--out", "x.csv", "--anomaly-block", "40"),
                "the anomaly block (40 steps) must exceed the longest episode by 2");
        assertUsage(CliRun.of("generate", "--out", "x.csv", "--anomaly-kinds", "spike,glitch"),
                "Invalid value for option '--anomaly-kinds' (KIND): 'glitch' is not one of spike, level-shift,"
                        + " variance-change, frozen");
    }

    private static void assertUsage(CliRun run, String message) {
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: " + message + " (see seqscore-trainer generate --help)");
        assertThat(run.err().lines()).hasSize(1);
    }

    @Test
    void shouldProduceTheHistoryThenLiveStepsAndSkipTheHistoryWhenRestarted() throws IOException {
        Path ready = dir.resolve("ready");
        String[] kafka = {"--bootstrap-servers", BROKER.bootstrapServers(), "--schema-registry-url", REGISTRY};
        CliRun first = CliRun.of(args(kafka, "--history", "30", "--live", "--live-steps", "4", "--ready-file",
                ready.toString()));
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).isEqualTo("produced 60 events of 2 keys to events" + NL
                + "produced 4 live steps to events" + NL);
        assertThat(ready).exists();

        SyntheticWorkload workload = new SyntheticWorkload(WorkloadSpec.builder().keys(2).stepMillis(50).build());
        List<ConsumerRecord<String, Event>> events = readEvents();
        assertThat(events).hasSize(68);
        long firstStep = events.get(0).value().getEventTime().toEpochMilli() / 50;
        for (int k = 0; k < 2; k++) {
            String key = workload.key(k);
            List<Event> ofKey = events.stream().filter(r -> r.key().equals(key)).map(ConsumerRecord::value).toList();
            assertThat(ofKey).hasSize(34);
            for (int i = 0; i < ofKey.size(); i++) {
                assertThat(ofKey.get(i).getEventTime().toEpochMilli()).isEqualTo(workload.eventTime(firstStep + i));
                assertThat(ofKey.get(i).getValues()).containsExactly(workload.value(k, firstStep + i));
            }
        }

        CliRun restarted = CliRun.of(args(kafka, "--skip-history-if-present", "--live", "--live-steps", "2"));
        assertThat(restarted.exitCode()).as(restarted.err()).isZero();
        assertThat(restarted.out()).isEqualTo("events already holds events: no history produced" + NL
                + "produced 2 live steps to events" + NL);
        List<ConsumerRecord<String, Event>> after = readEvents();
        assertThat(after).hasSize(72);
        long lastBefore = events.stream().mapToLong(r -> r.value().getEventTime().toEpochMilli()).max().orElseThrow();
        assertThat(after).filteredOn(r -> r.value().getEventTime().toEpochMilli() > lastBefore).hasSize(4)
                .extracting(ConsumerRecord::key).containsOnly("sensor-0", "sensor-1");
    }

    private static String[] args(String[] kafka, String... extra) {
        List<String> args = new ArrayList<>(List.of("generate", "--events-topic", "events", "--keys", "2", "--step",
                "50ms"));
        args.addAll(List.of(kafka));
        args.addAll(List.of(extra));
        return args.toArray(new String[0]);
    }

    /** Every record of the events topic, partition 0's then partition 1's (each key stays in one partition). */
    private static List<ConsumerRecord<String, Event>> readEvents() {
        Map<String, Object> props = Map.of("bootstrap.servers", BROKER.bootstrapServers(), "schema.registry.url", REGISTRY);
        AvroDeserializer<Event> deserializer = AvroDeserializer.forClass(Event.class);
        deserializer.configure(props, false);
        List<ConsumerRecord<String, Event>> out = new ArrayList<>();
        try (KafkaConsumer<String, Event> consumer = new KafkaConsumer<>(props, new StringDeserializer(), deserializer)) {
            for (int p = 0; p < 2; p++) {
                TopicPartition tp = new TopicPartition("events", p);
                consumer.assign(List.of(tp));
                consumer.seekToBeginning(List.of(tp));
                long end = consumer.endOffsets(List.of(tp)).get(tp);
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (consumer.position(tp) < end && System.nanoTime() < deadline) {
                    consumer.poll(Duration.ofMillis(200)).forEach(out::add);
                }
            }
        }
        return out;
    }
}
