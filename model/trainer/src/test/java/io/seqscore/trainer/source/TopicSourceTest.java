package io.seqscore.trainer.source;

import io.seqscore.avro.ModelRelease;
import io.seqscore.input.InputFormats;
import io.seqscore.input.InputMapping;
import io.seqscore.trainer.kafka.KafkaSettings;
import io.seqscore.trainer.release.ReleaseFiles;
import io.seqscore.trainer.testing.CliRun;
import io.seqscore.trainer.testing.ClassBroker;
import io.seqscore.trainer.testing.SyntheticSeasonal;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The trainer's --events-topic history from JSON records on a real broker, without a Schema Registry. */
class TopicSourceTest {
    static final int LENGTH = 600;

    @TempDir
    static Path dir;
    @RegisterExtension
    static final ClassBroker BROKER = new ClassBroker();
    static SyntheticSeasonal data;

    @BeforeAll
    static void produce() throws Exception {
        BROKER.createTopic("json-events", 1, Map.of());
        BROKER.createTopic("plant", 1, Map.of());
        BROKER.createTopic("series", 1, Map.of());
        data = new SyntheticSeasonal(1, LENGTH, 0.0, 0, 5);
        Map<String, Object> props = Map.of("bootstrap.servers", BROKER.bootstrapServers(), "acks", "all");
        try (KafkaProducer<String, String> p = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            p.send(new ProducerRecord<>("json-events", null, "{\"key\":\"a\",\"time\":1000,\"values\":[1.5]}"));
            p.send(new ProducerRecord<>("json-events", "ignored", "{\"key\":\"a\",\"time\":2000,\"values\":[2.5]}"));
            p.send(new ProducerRecord<>("json-events", 0, 5000L, "b", "{\"values\":[3.0]}"));
            p.send(new ProducerRecord<>("json-events", "c", "{\"values\":\"x\",\"time\":1}"));
            p.send(new ProducerRecord<>("json-events", "c", "not json"));
            p.send(new ProducerRecord<>("json-events", null, "{\"values\":[1],\"time\":1}"));

            p.send(new ProducerRecord<>("plant", null, "{\"m\":{\"id\":\"p1\"},\"r\":{\"t\":20.5,\"h\":[0.5,-1]},"
                    + "\"at\":\"1970-01-01T01:00:01\"}"));
            p.send(new ProducerRecord<>("plant", null, "{\"m\":{\"id\":\"p1\"},\"r\":{\"t\":21.0,\"h\":[0.25,-2]},"
                    + "\"at\":\"1970-01-01T01:00:02.5\"}"));

            for (int i = 0; i < LENGTH; i++) {
                p.send(new ProducerRecord<>("series", "s", "{\"time\":" + SyntheticSeasonal.time(i) + ",\"values\":["
                        + data.values[0][i] + "]}"));
            }
            p.flush();
        }
    }

    private static KafkaSettings settings() {
        return new KafkaSettings(BROKER.bootstrapServers(), null, Map.of(), Duration.ofSeconds(60));
    }

    @Test
    void shouldReadTheDefaultJsonShapeAndSkipRecordsThatDoNotMap() {
        SourceResult r = new TopicSource(settings(), "json-events", null, null, BadInputPolicy.SKIP,
                InputFormats.named("json"), InputMapping.DEFAULT).read();
        List<RawSeries> series = r.history().series();
        assertThat(series).extracting(RawSeries::key).containsExactly("a", "b");
        assertThat(series.get(0).times()).containsExactly(1000L, 2000L);
        assertThat(series.get(0).values()).containsExactly(1.5, 2.5);
        assertThat(series.get(1).times()).containsExactly(5000L);
        assertThat(series.get(1).values()).containsExactly(3.0);
        assertThat(r.skipped()).isEqualTo(3);
        assertThat(r.description()).isEqualTo("topic:json-events");
    }

    @Test
    void shouldNameTheFirstRecordThatDoesNotMapUnderTheFailPolicy() {
        TopicSource source = new TopicSource(settings(), "json-events", null, null, BadInputPolicy.FAIL,
                InputFormats.named("json"), InputMapping.DEFAULT);
        assertThatThrownBy(source::read).isInstanceOf(InputFormatException.class)
                .hasMessage("json-events-0@3: values field values is a string, not a number or an array of numbers");
    }

    @Test
    void shouldReadNestedFieldsIsoTimesInTheZoneAndAKeyField() {
        InputMapping mapping = InputMapping.of(List.of("r.t", "r.h"), "at", "iso-8601", "+01:00", "m.id", List.of());
        SourceResult r = new TopicSource(settings(), "plant", null, null, BadInputPolicy.FAIL,
                InputFormats.named("json"), mapping).read();
        List<RawSeries> series = r.history().series();
        assertThat(series).extracting(RawSeries::key).containsExactly("p1");
        assertThat(series.get(0).dimension()).isEqualTo(3);
        assertThat(series.get(0).times()).containsExactly(1000L, 2500L);
        assertThat(series.get(0).values()).containsExactly(20.5, 0.5, -1.0, 21.0, 0.25, -2.0);
    }

    @Test
    void shouldTrainFromAJsonTopicWithoutASchemaRegistry() {
        Path out = dir.resolve("json.avro");
        CliRun run = CliRun.of("train", "--events-topic", "series", "--input-format", "json",
                "--bootstrap-servers", BROKER.bootstrapServers(), "--name", "from-json", "--out", out.toString(),
                "--epochs", "1", "--hidden", "8", "--window", "48", "--burn-in", "12", "--created-at",
                "2024-05-01T00:00:00Z", "--progress", "none", "--allow-worse-than-naive");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("wrote from-json version 1 to " + out);
        ModelRelease release = ReleaseFiles.read(out);
        assertThat(release.getProvenance().getSource()).isEqualTo("topic:series");
        assertThat(release.getProvenance().getEventCount()).isEqualTo(LENGTH);
        assertThat(release.getProvenance().getKeyCount()).isEqualTo(1);
    }

    @Test
    void shouldRefuseMappingOptionsWithTheEventFormatOrWithoutTheTopic() {
        CliRun eventFormat = CliRun.of("train", "--name", "m", "--events-topic", "series", "--input-values", "v",
                "--bootstrap-servers", BROKER.bootstrapServers(), "--schema-registry-url", "mock://t", "--out",
                dir.resolve("x.avro").toString());
        assertThat(eventFormat.exitCode()).isEqualTo(2);
        assertThat(eventFormat.err()).contains("--input-values applies to --input-format json or avro, not event");
        CliRun csv = CliRun.of("train", "--name", "m", "--csv", dir.toString(), "--input-format", "json", "--out",
                dir.resolve("x.avro").toString());
        assertThat(csv.exitCode()).isEqualTo(2);
        assertThat(csv.err()).contains("--input-format applies to --events-topic or --sessions-topic only");
        CliRun avroWithoutRegistry = CliRun.of("train", "--name", "m", "--events-topic", "series",
                "--input-format", "avro", "--bootstrap-servers", BROKER.bootstrapServers(), "--out", dir.resolve("x.avro").toString());
        assertThat(avroWithoutRegistry.exitCode()).isEqualTo(2);
        assertThat(avroWithoutRegistry.err())
                .contains("--events-topic with --input-format avro needs --schema-registry-url");
    }
}
