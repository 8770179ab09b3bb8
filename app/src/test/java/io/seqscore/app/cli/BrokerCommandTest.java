package io.seqscore.app.cli;

import io.seqscore.app.command.ShutdownHooks;
import io.seqscore.app.command.ExitCodes;
import io.seqscore.app.command.CliContext;
import io.seqscore.app.testing.BackgroundCommand;
import io.seqscore.avro.Event;
import io.seqscore.serde.AvroSerdeConfig;
import io.seqscore.serde.SchemaRegistryClient;
import io.seqscore.serde.SchemaRegistryClients;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class BrokerCommandTest {
    private static final Duration START = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void shouldServeKafkaAndTheRegistryAndKeepBothAcrossARestartWithData() throws Exception {
        int port = freePort();
        int registryPort = freePort();
        String bootstrap = "127.0.0.1:" + port;
        String registryUrl = "http://127.0.0.1:" + registryPort;
        String[] args = {"broker", "--port", Integer.toString(port), "--registry-port", Integer.toString(registryPort),
                "--data", dir.resolve("data").toString(), "--create-topics"};
        int eventId;
        try (BackgroundCommand broker = BackgroundCommand.start(Map.of(), args)) {
            String line = broker.awaitOutput("Ctrl-C", START);
            assertThat(line.lines().toList()).hasSize(1);
            assertThat(line).contains("bootstrap.servers=" + bootstrap, "schema.registry.url=" + registryUrl,
                    "development only");
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
                assertThat(admin.listTopics().names().get()).containsExactlyInAnyOrder("events", "scores", "anomalies",
                        "events-dlq", "shadow-scores", "models");
                ConfigResource models = new ConfigResource(ConfigResource.Type.TOPIC, "models");
                Config config = admin.describeConfigs(List.of(models)).all().get().get(models);
                assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
            }
            eventId = registry(registryUrl).register("events-value", Event.getClassSchema());
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap),
                    new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>("events", "k", "kept")).get();
            }
            assertThat(broker.stop()).isZero();
        }
        try (BackgroundCommand broker = BackgroundCommand.start(Map.of(), args)) {
            broker.awaitOutput("Ctrl-C", START);
            assertThat(registry(registryUrl).schemaById(eventId)).isEqualTo(Event.getClassSchema());
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap),
                    new StringDeserializer(), new StringDeserializer())) {
                TopicPartition p = new TopicPartition("events", 0);
                consumer.assign(List.of(p));
                consumer.seekToBeginning(List.of(p));
                assertThat(consumer.poll(Duration.ofSeconds(10)).records(p)).extracting(r -> r.value())
                        .containsExactly("kept");
            }
            assertThat(broker.stop()).isZero();
        }
    }

    @Test
    void shouldCreateNoTopicWithoutCreateTopics() throws Exception {
        int port = freePort();
        try (BackgroundCommand broker = BackgroundCommand.start(Map.of(), "broker", "--port", Integer.toString(port),
                "--registry-port", Integer.toString(freePort()))) {
            assertThat(broker.awaitOutput("Ctrl-C", START)).contains("data=temporary");
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", "127.0.0.1:" + port))) {
                assertThat(admin.listTopics().names().get()).isEmpty();
                admin.createTopics(List.of(new NewTopic("mine", 1, (short) 1))).all().get();
            }
            assertThat(broker.stop()).isZero();
        }
    }

    @Test
    void shouldRejectABadPortInOneLineWithExitTwo() {
        StringWriter err = new StringWriter();
        CliContext context = new CliContext(Map.of(), ShutdownHooks.RUNTIME, new PrintWriter(new StringWriter()),
                new PrintWriter(err));
        assertThat(Main.execute(new String[] {"broker", "--port", "0"}, context)).isEqualTo(ExitCodes.USAGE);
        assertThat(Main.execute(new String[] {"broker", "--registry-port", "http"}, context)).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString().lines().toList()).hasSize(2).allSatisfy(line -> assertThat(line)
                .startsWith("seqscore: ").doesNotContain("Exception"));
        assertThat(err.toString()).contains("--port must be a port in [1, 65535], got 0");
    }

    @Test
    void shouldFailInOneLineWhenAPortIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            StringWriter err = new StringWriter();
            CliContext context = new CliContext(Map.of(), ShutdownHooks.RUNTIME, new PrintWriter(new StringWriter()),
                    new PrintWriter(err));
            assertThat(Main.execute(new String[] {"broker", "--port", Integer.toString(port), "--registry-port",
                    Integer.toString(freePort())}, context)).isEqualTo(ExitCodes.FAILURE);
            assertThat(Main.execute(new String[] {"broker", "--port", Integer.toString(freePort()), "--registry-port",
                    Integer.toString(port)}, context)).isEqualTo(ExitCodes.FAILURE);
            assertThat(err.toString().lines().toList()).satisfiesExactly(
                    line -> assertThat(line).startsWith("seqscore: cannot serve Kafka on 127.0.0.1:" + port + ": "),
                    line -> assertThat(line).startsWith("seqscore: cannot serve the Schema Registry on 127.0.0.1:" + port
                            + ": "));
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static SchemaRegistryClient registry(String url) {
        return SchemaRegistryClients.fromConfig(new AvroSerdeConfig(Map.of("schema.registry.url", url)));
    }
}
