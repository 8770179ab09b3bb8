package io.seqscore.app.cli;

import io.seqscore.app.command.ShutdownHooks;
import io.seqscore.app.command.ExitCodes;
import io.seqscore.app.command.CliContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.seqscore.app.kafka.EmbeddedKafka;
import io.seqscore.app.testing.Await;
import io.seqscore.avro.Event;
import io.seqscore.input.DecodedEvent;
import io.seqscore.input.EventDecoder;
import io.seqscore.input.InputFormats;
import io.seqscore.input.InputMapping;
import io.seqscore.serde.AvroDeserializer;
import io.seqscore.serde.SchemaRegistryServer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ProduceCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static EmbeddedKafka kafka;
    private static SchemaRegistryServer registry;

    @TempDir
    Path dir;

    record Result(int code, String out, String err) {
    }

    @BeforeAll
    static void start() throws Exception {
        kafka = EmbeddedKafka.start();
        registry = SchemaRegistryServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), null);
    }

    @AfterAll
    static void stop() {
        registry.close();
        kafka.close();
    }

    @Test
    void shouldProduceALongCsvAsAvroEventsInFileOrderSkippingBadLinesWithTheirLocation() throws Exception {
        kafka.createTopic("csv-events", 1, Map.of());
        Path csv = dir.resolve("data.csv");
        Files.writeString(csv, "key,timestamp,value\n"
                + "a,2026-01-01T00:00:00Z,1.5\n"
                + "b,2026-01-01T00:00:00Z,2.5\n"
                + "a,2026-01-01T00:01:00Z,oops\n"
                + "a,2026-01-01T00:02:00Z,\n"
                + "b,1767225720000,3.5\n");
        Result r = produce(csv.toString(), "--topic", "csv-events", "--on-bad-input", "skip");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("produced 3 events of 2 keys to csv-events (avro) in ")
                .endsWith("1 dropped for NaN/missing values, 1 bad lines skipped" + System.lineSeparator());
        List<ConsumerRecord<String, byte[]>> records = read("csv-events", 3);
        AvroDeserializer<Event> events = AvroDeserializer.forClass(Event.class);
        events.configure(Map.of("schema.registry.url", registry.url()), false);
        assertThat(records).extracting(ConsumerRecord::key).containsExactly("a", "b", "b");
        List<Event> values = records.stream().map(x -> events.deserialize("csv-events", x.value())).toList();
        assertThat(values).extracting(Event::getEventTime).containsExactly(Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-01T00:02:00Z"));
        assertThat(values).extracting(Event::getValues).containsExactly(List.of(1.5), List.of(2.5), List.of(3.5));
    }

    @Test
    void shouldProduceJsonLinesAsJsonWithKeyTimeValuesAndAttributes() throws Exception {
        kafka.createTopic("json-events", 1, Map.of());
        Path lines = dir.resolve("events.jsonl");
        Files.writeString(lines, "{\"key\":\"s-1\",\"time\":1767225600000,\"values\":[1,2.5],\"attributes\":{\"site\":\"x\"}}\n"
                + "\n"
                + "{\"key\":\"s-2\",\"time\":\"2026-01-01T00:00:01Z\",\"values\":4}\n");
        Result r = produce(lines.toString(), "--input", "json", "--format", "json", "--topic", "json-events");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("produced 2 events of 2 keys to json-events (json) in ");
        List<ConsumerRecord<String, byte[]>> records = read("json-events", 2);
        JsonNode first = JSON.readTree(records.get(0).value());
        JsonNode second = JSON.readTree(records.get(1).value());
        assertThat(records.get(0).key()).isEqualTo("s-1");
        assertThat(first).hasToString("{\"key\":\"s-1\",\"time\":1767225600000,\"values\":[1.0,2.5],"
                + "\"attributes\":{\"site\":\"x\"}}");
        assertThat(second).hasToString("{\"key\":\"s-2\",\"time\":1767225601000,\"values\":[4.0]}");
    }

    /** The scorer's own decoders read what produce wrote: the event format (Avro through the registry) and json. */
    private static DecodedEvent decode(String format, InputMapping mapping, String topic, ConsumerRecord<String, byte[]> r) {
        EventDecoder decoder = InputFormats.named(format).decoders(mapping, Map.of("schema.registry.url", registry.url()))
                .get();
        return decoder.decode(topic, r.headers(), r.key().getBytes(StandardCharsets.UTF_8), r.value(), r.timestamp());
    }

    @Test
    void shouldProduceASymbolsCsvAsAvroEventsThatCarryTheSymbolAndTheValues() throws Exception {
        kafka.createTopic("symbol-events", 1, Map.of());
        Path csv = dir.resolve("io.csv");
        Files.writeString(csv, "key,timestamp,symbol,latency,bytes\n"
                + "io-1,2026-01-01T00:00:00Z,read,120.5,4096\n"
                + "io-2,2026-01-01T00:00:01Z,,3.5,10\n"
                + "io-1,2026-01-01T00:00:02Z,write,3.5,512\n");
        Result r = produce(csv.toString(), "--csv-format", "symbols", "--topic", "symbol-events", "--on-bad-input", "skip");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("produced 2 events of 1 keys to symbol-events (avro) in ")
                .endsWith("1 bad lines skipped" + System.lineSeparator());
        List<ConsumerRecord<String, byte[]>> records = read("symbol-events", 2);
        List<DecodedEvent> events = records.stream()
                .map(x -> decode(InputFormats.EVENT, InputMapping.DEFAULT, "symbol-events", x)).toList();
        assertThat(events).extracting(DecodedEvent::key).containsExactly("io-1", "io-1");
        assertThat(events).extracting(DecodedEvent::symbol).containsExactly("read", "write");
        assertThat(events).extracting(e -> List.copyOf(e.values())).containsExactly(List.of(120.5, 4096.0),
                List.of(3.5, 512.0));
        assertThat(events).extracting(DecodedEvent::eventTime).containsExactly(1_767_225_600_000L, 1_767_225_602_000L);
    }

    @Test
    void shouldProduceJsonLinesWithSymbolsAloneOrBesideValuesAsJsonTheScorerReads() throws Exception {
        kafka.createTopic("json-symbols", 1, Map.of());
        Path lines = dir.resolve("sessions.jsonl");
        Files.writeString(lines, "{\"key\":\"s-1\",\"time\":1,\"symbol\":\"login\"}\n"
                + "{\"key\":\"s-1\",\"time\":2,\"values\":[],\"symbol\":\"search\"}\n"
                + "{\"key\":\"io-1\",\"time\":3,\"values\":[120.5],\"symbol\":\"read\"}\n");
        Result r = produce(lines.toString(), "--input", "json", "--format", "json", "--topic", "json-symbols");

        assertThat(r.code()).as(r.err()).isZero();
        List<ConsumerRecord<String, byte[]>> records = read("json-symbols", 3);
        assertThat(JSON.readTree(records.get(0).value())).hasToString(
                "{\"key\":\"s-1\",\"time\":1,\"values\":[],\"symbol\":\"login\"}");
        assertThat(JSON.readTree(records.get(2).value())).hasToString(
                "{\"key\":\"io-1\",\"time\":3,\"values\":[120.5],\"symbol\":\"read\"}");
        List<DecodedEvent> events = records.stream().map(x -> decode(InputFormats.JSON,
                InputMapping.DEFAULT.withSymbol("symbol"), "json-symbols", x)).toList();
        assertThat(events).extracting(DecodedEvent::symbol).containsExactly("login", "search", "read");
        assertThat(events).extracting(e -> List.copyOf(e.values())).containsExactly(List.of(), List.of(), List.of(120.5));

        Path bad = dir.resolve("bad.jsonl");
        Files.writeString(bad, "{\"key\":\"s-1\",\"time\":1,\"symbol\":\"\"}\n");
        Result refused = produce(bad.toString(), "--input", "json", "--format", "json", "--topic", "json-symbols");
        assertThat(refused.code()).isEqualTo(ExitCodes.FAILURE);
        assertThat(refused.err()).isEqualTo("seqscore: " + bad + ":1: \"symbol\" must be a non-empty string, got \"\""
                + System.lineSeparator());
    }

    @Test
    void shouldStopAtTheFirstBadLineNamingItsFileAndLine() throws Exception {
        kafka.createTopic("bad-events", 1, Map.of());
        Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, "a,2026-01-01T00:00:00Z,1\na,yesterday,2\n");
        Result r = produce(csv.toString(), "--topic", "bad-events");
        assertThat(r.code()).isEqualTo(ExitCodes.FAILURE);
        assertThat(r.err().lines().toList()).singleElement().asString().startsWith("seqscore: " + csv + ":2: column 2: ");
    }

    @Test
    void shouldFailAtOnceInOneLineWhenTheTopicIsMissing() throws Exception {
        Path csv = dir.resolve("ok.csv");
        Files.writeString(csv, "a,2026-01-01T00:00:00Z,1\n");
        Result r = produce(csv.toString(), "--topic", "nowhere");
        assertThat(r.code()).isEqualTo(ExitCodes.FAILURE);
        assertThat(r.err()).isEqualTo("seqscore: the topic nowhere does not exist on " + kafka.bootstrapServers()
                + ": create it (seqscore broker --create-topics creates the scorer's default topics; seqscore run with"
                + " seqscore.topics.create=true creates its own; or kafka-topics.sh --create --topic nowhere)"
                + System.lineSeparator());
    }

    @Test
    void shouldRejectBadArgumentsInOneLineWithExitTwo() throws Exception {
        Path csv = dir.resolve("ok.csv");
        Files.writeString(csv, "a,2026-01-01T00:00:00Z,1\n");
        for (String[] args : List.of(new String[] {csv.toString(), "--rate", "-1"},
                new String[] {csv.toString(), "--format", "xml"},
                new String[] {dir.resolve("missing.csv").toString()},
                new String[] {csv.toString(), "--time-zone", "Mars/Base"})) {
            Result r = produce(args);
            assertThat(r.code()).as(String.join(" ", args)).isEqualTo(ExitCodes.USAGE);
            assertThat(r.err().lines().toList()).as(r.err()).singleElement().asString().startsWith("seqscore: ")
                    .doesNotContain("Exception");
        }
    }

    @Test
    void shouldPaceEventsAtTheGivenRate() throws Exception {
        kafka.createTopic("paced-events", 1, Map.of());
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 21; i++) {
            text.append("k,").append(1_767_225_600_000L + i * 1000L).append(',').append(i).append('\n');
        }
        Path csv = dir.resolve("paced.csv");
        Files.writeString(csv, text);
        long start = System.nanoTime();
        Result r = produce(csv.toString(), "--topic", "paced-events", "--rate", "50", "--format", "json");
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(elapsed).as("21 events at 50/s: 20 intervals of 20 ms").isGreaterThanOrEqualTo(Duration.ofMillis(400));
        assertThat(read("paced-events", 21)).hasSize(21);
    }

    private Result produce(String... args) {
        List<String> all = new ArrayList<>(List.of("produce", "--bootstrap-servers", kafka.bootstrapServers(),
                "--schema-registry-url", registry.url()));
        all.addAll(List.of(args));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(all.toArray(new String[0]), new CliContext(Map.of(), ShutdownHooks.RUNTIME,
                new PrintWriter(out), new PrintWriter(err)));
        return new Result(code, out.toString(), err.toString());
    }

    private static List<ConsumerRecord<String, byte[]>> read(String topic, int count) {
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers",
                kafka.bootstrapServers()), new StringDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition p = new TopicPartition(topic, 0);
            consumer.assign(List.of(p));
            consumer.seekToBeginning(List.of(p));
            Await.until(Duration.ofSeconds(30), count + " records on " + topic, () -> {
                consumer.poll(Duration.ofMillis(100)).forEach(out::add);
                return out.size() >= count;
            });
        }
        return out;
    }
}
