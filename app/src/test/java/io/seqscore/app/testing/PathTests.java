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
}
