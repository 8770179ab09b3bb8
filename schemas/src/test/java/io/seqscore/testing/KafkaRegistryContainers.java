package io.seqscore.testing;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.lifecycle.Startable;

import java.time.Duration;

/**
 * A single-node Kafka broker in KRaft mode ({@code apache/kafka}) and Confluent's Schema Registry
 * ({@code confluentinc/cp-schema-registry}) in containers on one network, with the images
 * {@code docker/compose.yml} runs. Declare it as a static {@code @Container} field of a class annotated
 * {@code @Tag("docker") @Testcontainers(disabledWithoutDocker = true)}: building it touches no Docker
 * engine, so such a class is skipped at once where none is reachable.
 */
public final class KafkaRegistryContainers implements Startable {
    public static final String KAFKA_IMAGE = "apache/kafka:4.3.1";
    public static final String REGISTRY_IMAGE = "confluentinc/cp-schema-registry:8.3.1";

    private final Network network = Network.newNetwork();
    private final KafkaContainer kafka = new KafkaContainer(KAFKA_IMAGE)
            .withNetwork(network)
            .withNetworkAliases("kafka")
            .withListener("kafka:19092");
    private final GenericContainer<?> registry = new GenericContainer<>(REGISTRY_IMAGE)
            .withNetwork(network)
            .withExposedPorts(8081)
            .withEnv("SCHEMA_REGISTRY_HOST_NAME", "schema-registry")
            .withEnv("SCHEMA_REGISTRY_LISTENERS", "http://0.0.0.0:8081")
            .withEnv("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS", "PLAINTEXT://kafka:19092")
            .withEnv("SCHEMA_REGISTRY_KAFKASTORE_TOPIC_REPLICATION_FACTOR", "1")
            .dependsOn(kafka)
            .waitingFor(Wait.forHttp("/subjects").forStatusCode(200).withStartupTimeout(Duration.ofMinutes(3)));

    /** The broker's address as seen from the test JVM. */
    public String bootstrapServers() {
        return kafka.getBootstrapServers();
    }

    /** The registry's URL as seen from the test JVM. */
    public String registryUrl() {
        return "http://" + registry.getHost() + ":" + registry.getMappedPort(8081);
    }

    @Override
    public void start() {
        kafka.start();
        registry.start();
    }

    @Override
    public void stop() {
        registry.stop();
        kafka.stop();
        network.close();
    }
}
