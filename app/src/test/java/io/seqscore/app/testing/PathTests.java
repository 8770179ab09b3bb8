package io.seqscore.app.testing;

import io.seqscore.serde.AvroDeserializer;
import io.seqscore.trainer.cli.TrainerCli;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What the end-to-end path tests share: the trainer's command line in this JVM, free ports, reading a topic. */
public final class PathTests {
    private PathTests() {
    }

    /** Runs the trainer's command line in this JVM; returns its stdout; fails on a non-zero exit. */
    public static String trainer(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = TrainerCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(code).as("seqscore-trainer %s: %s", args[0], err).isZero();
        return out.toString();
    }

    /** A port free on the loopback address now. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * At least the first {@code count} records of a topic (all partitions, read_committed, Avro values through the
     * registry), waiting up to {@code timeout} for them, then what arrives within another half second.
     */
    public static <T extends SpecificRecord> List<ConsumerRecord<String, T>> readAll(String bootstrapServers,
            String registryUrl, String topic, Class<T> type, int count, Duration timeout) {
        Map<String, Object> props = Map.of("bootstrap.servers", bootstrapServers, "schema.registry.url", registryUrl,
                "isolation.level", "read_committed");
        Deserializer<T> values = AvroDeserializer.forClass(type);
        values.configure(props, false);
        List<ConsumerRecord<String, T>> out = new ArrayList<>();
        try (KafkaConsumer<String, T> consumer = new KafkaConsumer<>(props, new StringDeserializer(), values)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo p : consumer.partitionsFor(topic)) {
                partitions.add(new TopicPartition(topic, p.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Await.until(timeout, count + " records on " + topic, () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
                return out.size() >= count;
            });
            consumer.poll(Duration.ofMillis(500)).forEach(out::add);
        }
        return out;
    }

    /**
     * The ports of a development stack on the loopback address: the broker's, its registry's and the scorer's HTTP
     * port, as {@code seqscore broker} and {@code seqscore run} take them.
     */
    public record DevPorts(int kafka, int registry, int http) {
        public static DevPorts free() {
            return new DevPorts(freePort(), freePort(), freePort());
        }

        public String bootstrap() {
            return "127.0.0.1:" + kafka;
        }

        public String registryUrl() {
            return "http://127.0.0.1:" + registry;
        }

        /** {@code seqscore broker --create-topics} with its data under {@code dir}, once it says where it listens. */
        public BackgroundCommand startBroker(Path dir, Duration timeout) {
            BackgroundCommand broker = BackgroundCommand.start(Map.of(), "broker", "--port", Integer.toString(kafka),
                    "--registry-port", Integer.toString(registry), "--data", dir.resolve("kafka-data").toString(),
                    "--create-topics");
            try {
                broker.awaitOutput("bootstrap.servers=" + bootstrap() + " schema.registry.url=" + registryUrl(), timeout);
            } catch (RuntimeException | AssertionError e) {
                broker.close();
                throw e;
            }
            return broker;
        }

        /** {@code dir/scorer.properties} for {@code seqscore run --config}: this stack, state under dir, 200 ms commits. */
        public Path scorerConfig(Path dir) throws IOException {
            Path config = dir.resolve("scorer.properties");
            Files.writeString(config, "bootstrap.servers=" + bootstrap() + "\n"
                    + "schema.registry.url=" + registryUrl() + "\n"
                    + "seqscore.http.port=" + http + "\n"
                    + "state.dir=" + dir.resolve("state").toString().replace('\\', '/') + "\n"
                    + "commit.interval.ms=200\n");
            return config;
        }
    }
}
