package io.seqscore.trainer.source;

import io.seqscore.avro.Event;
import io.seqscore.avro.ModelRelease;
import io.seqscore.input.InputFormats;
import io.seqscore.input.InputMapping;
import io.seqscore.serde.AvroSerializer;
import io.seqscore.trainer.kafka.KafkaSettings;
import io.seqscore.trainer.release.ReleaseFiles;
import io.seqscore.trainer.sessions.Session;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The trainer's --sessions-topic: sessions of symbols from events on a real broker, ordered by event time. */
class SessionsTopicSourceTest {
    static final String REGISTRY = "mock://sessions-topic";

    @TempDir
    static Path dir;
    @RegisterExtension
    static final ClassBroker BROKER = new ClassBroker();

    @BeforeAll
    static void produce() throws Exception {
        BROKER.createTopic("json-sessions", 1, Map.of());
        BROKER.createTopic("ended", 1, Map.of());
        BROKER.createTopic("flows", 3, Map.of());
        BROKER.createTopic("empty", 1, Map.of());
        BROKER.createTopic("numbers", 1, Map.of());
        Map<String, Object> props = Map.of("bootstrap.servers", BROKER.bootstrapServers(), "acks", "all",
                "schema.registry.url", REGISTRY);
        try (KafkaProducer<String, String> p = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            // key b's events arrive out of event-time order; key a's third record has no symbol
            send(p, "json-sessions", "b", "{\"time\":30,\"step\":{\"name\":\"pay\"}}");
            send(p, "json-sessions", "a", "{\"time\":10,\"step\":{\"name\":\"login\"}}");
            send(p, "json-sessions", "b", "{\"time\":10,\"step\":{\"name\":\"login\"}}");
            send(p, "json-sessions", "a", "{\"time\":20,\"values\":[1.0]}");
            send(p, "json-sessions", "b", "{\"time\":20,\"step\":{\"name\":\"cart\"}}");
            send(p, "json-sessions", "a", "{\"time\":30,\"step\":{\"name\":\"logout\"},\"values\":[2.0]}");
            send(p, "json-sessions", "a", "{\"time\":5000,\"step\":{\"name\":\"late\"}}");

            // key u: two ended sessions and one still running; key v: nothing ended yet
            String[] u = {"login", "browse", "END", "login", "END", "login", "cart"};
            for (int i = 0; i < u.length; i++) {
                send(p, "ended", "u", "{\"time\":" + i + ",\"symbol\":\"" + u[i] + "\"}");
            }
            send(p, "ended", "v", "{\"time\":1,\"symbol\":\"login\"}");
            send(p, "numbers", "n", "{\"time\":1,\"values\":[1.0]}");
            send(p, "numbers", "n", "{\"time\":2,\"values\":[2.0]}");
            p.flush();
        }
        AvroSerializer<Event> serializer = new AvroSerializer<>();
        serializer.configure(props, false);
        try (KafkaProducer<String, Event> p = new KafkaProducer<>(props, new StringSerializer(), serializer)) {
            for (int s = 0; s < 60; s++) {
                String[] symbols = ("login browse item-" + s % 20 + " logout").split(" ");
                // produced last step first: only the event times give the order
                for (int i = symbols.length - 1; i >= 0; i--) {
                    Event e = Event.newBuilder().setEventTime(Instant.ofEpochMilli(1_000L * s + i))
                            .setValues(List.of()).setAttributes(null).setSymbol(symbols[i]).build();
                    p.send(new ProducerRecord<>("flows", "session-" + s, e));
                }
            }
            p.flush();
        }
    }

    private static void send(KafkaProducer<String, String> p, String topic, String key, String value) throws Exception {
        p.send(new ProducerRecord<>(topic, key, value)).get();
    }

    private static KafkaSettings settings() {
        return new KafkaSettings(BROKER.bootstrapServers(), REGISTRY, Map.of(), Duration.ofSeconds(60));
    }

    private static List<String> render(SessionsTopicSource.Result r) {
        List<String> out = new ArrayList<>();
        for (SessionsTopicSource.KeyedSession s : r.sessions()) {
            out.add(s.key() + ": " + String.join(" ", s.session().symbols()));
        }
        return out;
    }

    @Test
    void shouldOrderEachKeysSymbolsByEventTimeAndSkipEventsWithoutASymbol() {
        InputMapping mapping = InputMapping.DEFAULT.withSymbol("step.name");
        SessionsTopicSource.Result r = new SessionsTopicSource(settings(), "json-sessions", null, 1000L,
                BadInputPolicy.SKIP, InputFormats.named("json"), mapping).read(null);
        assertThat(render(r)).containsExactly("a: login logout", "b: login cart pay");
        assertThat(r.records()).isEqualTo(7);
        assertThat(r.skipped()).isEqualTo(1);
        assertThat(r.unfinished()).isZero();
        assertThat(r.symbols()).extracting(Session::line).containsExactly(1, 2);
    }

    @Test
    void shouldNameTheRecordWithoutASymbolUnderTheFailPolicy() {
        SessionsTopicSource source = new SessionsTopicSource(settings(), "json-sessions", null, null,
                BadInputPolicy.FAIL, InputFormats.named("json"), InputMapping.DEFAULT.withSymbol("step.name"));
        assertThatThrownBy(() -> source.read(null)).isInstanceOf(InputFormatException.class)
                .hasMessage("json-sessions-0@3: the event has no symbol");
    }

    @Test
    void shouldCutSessionsAfterTheEndSymbolAndLeaveOutUnendedOnes() {
        SessionsTopicSource.Result r = new SessionsTopicSource(settings(), "ended", null, null, BadInputPolicy.FAIL,
                InputFormats.named("json"), InputMapping.DEFAULT.withSymbol("symbol")).read("END");
        assertThat(render(r)).containsExactly("u: login browse", "u: login");
        assertThat(r.unfinished()).isEqualTo(2);
        SessionsTopicSource.Result whole = new SessionsTopicSource(settings(), "ended", null, null,
                BadInputPolicy.FAIL, InputFormats.named("json"), InputMapping.DEFAULT.withSymbol("symbol")).read(null);
        assertThat(render(whole)).containsExactly("u: login browse END login END login cart", "v: login");
    }

    @Test
    void shouldReadAvroEventsProducedOutOfOrderAsSessionsInEventTimeOrder() {
        SessionsTopicSource.Result r = new SessionsTopicSource(settings(), "flows", null, null, BadInputPolicy.FAIL,
                InputFormats.named("event"), InputMapping.DEFAULT).read(null);
        assertThat(r.records()).isEqualTo(240);
        assertThat(render(r)).hasSize(60).contains("session-0: login browse item-0 logout",
                "session-27: login browse item-7 logout", "session-59: login browse item-19 logout");
    }

    @Test
    void shouldTrainFromAvroEventsWithTheVocabularyOfTheTopic() {
        Path out = dir.resolve("flows.avro");
        CliRun run = CliRun.of("train", "--sessions-topic", "flows", "--bootstrap-servers", BROKER.bootstrapServers(),
                "--schema-registry-url", REGISTRY, "--name", "flows", "--hidden", "8", "--layers", "1",
                "--embedding", "3", "--epochs", "2", "--min-count", "4", "--out", out.toString(),
                "--created-at", "0");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("flows: 240 records, 60 sessions, 0 unended sessions left out, 0 bad records"
                + " skipped").contains("sessions: 60 read, 48 trained on, 4 distinct held out; vocabulary 3 symbols");
        ModelRelease release = ReleaseFiles.read(out);
        assertThat(release.getFeatures().getName().toString()).isEqualTo("SYMBOLS");
        assertThat(release.getProvenance().getSource()).isEqualTo("topic:flows");
        // 20 distinct sessions of 3 copies, 4 held out: each item-k is seen 3 times in training, below the minimum
        assertThat(release.getFeatures().getVocabulary()).map(CharSequence::toString)
                .containsExactlyInAnyOrder("login", "browse", "logout");
    }

    @Test
    void shouldTrainTheSameReleaseFromTheTopicAsFromTheSameSessionsInAFile() throws Exception {
        // the topic's sessions come in the order of their keys, sorted as text: the file lists them so
        List<String> lines = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (int s = 0; s < 60; s++) {
            keys.add("session-" + s);
        }
        keys.sort(null);
        for (String key : keys) {
            int s = Integer.parseInt(key.substring("session-".length()));
            lines.add("login browse item-" + s % 20 + " logout");
        }
        Path file = Files.write(dir.resolve("flows.txt"), lines);
        String[] common = {"--name", "flows", "--hidden", "8", "--layers", "1", "--embedding", "3", "--epochs", "3",
                "--min-count", "2", "--seed", "7", "--created-at", "0"};
        Path fromTopic = dir.resolve("topic-same.avro");
        Path fromFile = dir.resolve("file-same.avro");
        CliRun topicRun = CliRun.of(concat(new String[] {"train", "--sessions-topic", "flows", "--bootstrap-servers",
                BROKER.bootstrapServers(), "--schema-registry-url", REGISTRY, "--out", fromTopic.toString()}, common));
        CliRun fileRun = CliRun.of(concat(new String[] {"train", "--sessions", file.toString(), "--out",
                fromFile.toString()}, common));
        assertThat(topicRun.exitCode()).as(topicRun.err()).isZero();
        assertThat(fileRun.exitCode()).as(fileRun.err()).isZero();
        ModelRelease a = ReleaseFiles.read(fromTopic);
        ModelRelease b = ReleaseFiles.read(fromFile);
        assertThat(a.getFeatures()).isEqualTo(b.getFeatures());
        assertThat(a.getFeatures().getVocabulary()).hasSize(19);
        assertThat(a.getFeatures().getTransitions()).as("both release the sessions' transitions").isNotEmpty()
                .isSorted();
        assertThat(fileRun.out()).contains("transitions: " + a.getFeatures().getTransitions().size() + " seen pairs");
        assertThat(a.getArchitecture()).isEqualTo(b.getArchitecture());
        assertThat(a.getWeights()).isEqualTo(b.getWeights());
        assertThat(a.getCalibration()).isEqualTo(b.getCalibration());
        assertThat(a.getProvenance().getMetrics()).isEqualTo(b.getProvenance().getMetrics());
        assertThat(a.getProvenance().getSource()).isEqualTo("topic:flows");
        assertThat(b.getProvenance().getSource()).isEqualTo("sessions:flows.txt");
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void shouldFailWithOneLineOnATopicWithoutSessions() {
        CliRun empty = CliRun.of("train", "--sessions-topic", "empty", "--bootstrap-servers", BROKER.bootstrapServers(),
                "--input-format", "json", "--name", "m", "--out", dir.resolve("x.avro").toString());
        assertThat(empty.exitCode()).isEqualTo(1);
        assertThat(empty.err().strip()).isEqualTo("error: topic empty holds no event with a symbol");
        CliRun numbers = CliRun.of("train", "--sessions-topic", "numbers", "--bootstrap-servers",
                BROKER.bootstrapServers(), "--input-format", "json", "--name", "m", "--out",
                dir.resolve("x.avro").toString());
        assertThat(numbers.exitCode()).isEqualTo(1);
        assertThat(numbers.err().strip()).isEqualTo("error: numbers-0@0: the event has no symbol");
        CliRun skipped = CliRun.of("train", "--sessions-topic", "numbers", "--bootstrap-servers",
                BROKER.bootstrapServers(), "--input-format", "json", "--on-bad-input", "skip", "--name", "m", "--out",
                dir.resolve("x.avro").toString());
        assertThat(skipped.exitCode()).isEqualTo(1);
        assertThat(skipped.err().strip()).isEqualTo("error: topic numbers holds no event with a symbol");
        assertThat(dir.resolve("x.avro")).doesNotExist();
    }

    @Test
    void shouldRefuseSessionsTopicOptionsThatDoNotApply() {
        CliRun symbolWithFile = CliRun.of("train", "--sessions", dir.resolve("x.txt").toString(), "--name", "m",
                "--input-symbol", "s", "--out", dir.resolve("x.avro").toString());
        symbolWithFile.assertUsageError("--input-symbol applies to --sessions-topic only");
        CliRun fromWithFile = CliRun.of("train", "--sessions", dir.resolve("x.txt").toString(), "--name", "m",
                "--from", "0", "--out", dir.resolve("x.avro").toString());
        fromWithFile.assertUsageError("--from does not apply to --sessions");
        CliRun noBroker = CliRun.of("train", "--sessions-topic", "flows", "--name", "m",
                "--out", dir.resolve("x.avro").toString());
        noBroker.assertUsageError("--sessions-topic needs --bootstrap-servers");
        CliRun window = CliRun.of("train", "--sessions-topic", "flows", "--name", "m", "--window", "3",
                "--bootstrap-servers", BROKER.bootstrapServers(), "--out", dir.resolve("x.avro").toString());
        window.assertUsageError("--window does not apply to --sessions-topic");
    }
}
