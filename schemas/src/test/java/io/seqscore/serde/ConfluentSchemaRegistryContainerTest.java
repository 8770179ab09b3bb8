package io.seqscore.serde;

import io.seqscore.avro.Event;
import io.seqscore.avro.Score;
import io.seqscore.testing.Fixtures;
import io.seqscore.testing.KafkaRegistryContainers;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The serde and client against Confluent's own Schema Registry and a Kafka broker in containers.
 * Runs where a Docker engine is reachable; skipped (without starting anything) where none is.
 */
@Tag("docker")
@Testcontainers(disabledWithoutDocker = true)
class ConfluentSchemaRegistryContainerTest {
    @Container
    private static final KafkaRegistryContainers STACK = new KafkaRegistryContainers();

    private static String registryUrl() {
        return STACK.registryUrl();
    }

    @Test
    void eventsRoundTripThroughTheBrokerAndConfluentsRegistry() {
        Map<String, Object> producerProps = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, STACK.bootstrapServers(),
                "schema.registry.url", registryUrl());
        List<Event> sent = List.of(Fixtures.event(1000, 1.5), Fixtures.event(2000, 2.5), Fixtures.event(3000, -1.0));
        try (KafkaProducer<String, Event> producer =
                     new KafkaProducer<>(producerProps, new StringSerializer(), configured(new AvroSerializer<>()))) {
            for (Event e : sent) {
                producer.send(new ProducerRecord<>("events", "sensor-1", e));
            }
            producer.flush();
        }
        Map<String, Object> consumerProps = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, STACK.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "container-test",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                "schema.registry.url", registryUrl());
        List<Event> received = new ArrayList<>();
        try (KafkaConsumer<String, Event> consumer = new KafkaConsumer<>(consumerProps, new StringDeserializer(),
                configured(AvroDeserializer.forClass(Event.class)))) {
            consumer.subscribe(List.of("events"));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (received.size() < sent.size() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, Event> r : consumer.poll(Duration.ofMillis(500))) {
                    received.add(r.value());
                }
            }
        }
        assertThat(received).containsExactlyElementsOf(sent);
    }

    @Test
    void bodiesAreTheSameAsWithTheMockRegistryAndIdsComeFromTheRealOne() {
        SchemaRegistryClient real = SchemaRegistryClients.fromConfig(new AvroSerdeConfig(
                Map.of("schema.registry.url", registryUrl())));
        AvroSerializer<Event> toReal = new AvroSerializer<>(real);
        toReal.configure(Map.of("schema.registry.url", registryUrl()), false);
        AvroSerializer<Event> toMock = new AvroSerializer<>(MockSchemaRegistry.scope("container-compare"));
        toMock.configure(Map.of("schema.registry.url", "mock://container-compare"), false);
        try {
            byte[] viaReal = toReal.serialize("compare", Fixtures.event(1000, 1.5, -2.0));
            byte[] viaMock = toMock.serialize("compare", Fixtures.event(1000, 1.5, -2.0));

            int id = WireFormat.schemaId(viaReal, 0, viaReal.length);
            assertThat(real.idOf("compare-value", Event.getClassSchema())).isEqualTo(id);
            assertThat(real.schemaById(id)).isEqualTo(Event.getClassSchema());
            assertThat(Arrays.copyOfRange(viaReal, 5, viaReal.length)).isEqualTo(Arrays.copyOfRange(viaMock, 5, viaMock.length));
        } finally {
            MockSchemaRegistry.dropScope("container-compare");
        }
    }

    @Test
    void confluentsErrorCodesReachOurExceptions() {
        SchemaRegistryClient real = SchemaRegistryClients.fromConfig(new AvroSerdeConfig(
                Map.of("schema.registry.url", registryUrl())));
        real.register("errors-value", Event.getClassSchema());

        SchemaRegistryException noSubject = catchThrowableOfType(SchemaRegistryException.class, () -> real.latest("nope"));
        SchemaRegistryException noSchema = catchThrowableOfType(SchemaRegistryException.class, () -> real.schemaById(99999));
        SchemaRegistryException incompatible = catchThrowableOfType(SchemaRegistryException.class,
                () -> real.register("errors-value", Score.getClassSchema()));

        assertThat(noSubject.errorCode()).isEqualTo(SchemaRegistryException.SUBJECT_NOT_FOUND);
        assertThat(noSchema.errorCode()).isEqualTo(SchemaRegistryException.SCHEMA_NOT_FOUND);
        assertThat(incompatible.status()).isEqualTo(409);
        assertThat(real.testCompatibility("errors-value", Score.getClassSchema()).compatible()).isFalse();
        assertThat(real.testCompatibility("errors-value", AvroSerdeTest.EVENT_WITH_UNIT).compatible()).isTrue();
    }

    private static <S extends org.apache.kafka.common.serialization.Serializer<?>> S configured(S s) {
        s.configure(Map.of("schema.registry.url", registryUrl()), false);
        return s;
    }

    private static <D extends org.apache.kafka.common.serialization.Deserializer<?>> D configured(D d) {
        d.configure(Map.of("schema.registry.url", registryUrl()), false);
        return d;
    }
}
