package io.seqscore.serde;

import io.seqscore.avro.Event;
import io.seqscore.avro.Score;
import io.seqscore.testing.Fixtures;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MockSchemaRegistryTest {

    @AfterEach
    void dropScopes() {
        MockSchemaRegistry.dropScope("shared");
        MockSchemaRegistry.dropScope("elsewhere");
        MockSchemaRegistry.dropScope("registry");
    }

    private static <T extends org.apache.avro.specific.SpecificRecord> AvroDeserializer<T> reader(Class<T> type, String url) {
        AvroDeserializer<T> d = AvroDeserializer.forClass(type);
        d.configure(Map.of("schema.registry.url", url), false);
        return d;
    }

    @Test
    void serdesConfiguredWithTheSameScopeShareOneRegistry() {
        AvroSerializer<Event> producer = new AvroSerializer<>();
        producer.configure(Map.of("schema.registry.url", "mock://shared"), false);
        byte[] bytes = producer.serialize("events", Fixtures.event(1, 2.0));

        assertThat(reader(Event.class, "mock://shared").deserialize("events", bytes)).isEqualTo(Fixtures.event(1, 2.0));
        assertThat(MockSchemaRegistry.scope("shared").subjects()).containsExactly("events-value");
        assertThatThrownBy(() -> reader(Event.class, "mock://elsewhere").deserialize("events", bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageStartingWith("Unknown schema id 1");
    }

    @Test
    void droppingAScopeStartsItAfresh() {
        MockSchemaRegistry before = MockSchemaRegistry.scope("shared");
        before.register("events-value", Event.getClassSchema());

        MockSchemaRegistry.dropScope("shared");
        MockSchemaRegistry after = MockSchemaRegistry.scope("shared");

        assertThat(after).isNotSameAs(before);
        assertThat(after.subjects()).isEmpty();
        assertThat(after.register("scores-value", Score.getClassSchema())).isEqualTo(1);
    }

    @Test
    void idsAreGlobalPerScopeAndVersionsPerSubject() {
        MockSchemaRegistry r = MockSchemaRegistry.scope("registry");

        assertThat(r.register("a-value", AvroSerdeTest.EVENT_V0)).isEqualTo(1);
        assertThat(r.register("a-value", Event.getClassSchema())).isEqualTo(2);
        assertThat(r.register("b-value", AvroSerdeTest.EVENT_V0)).isEqualTo(1);
        assertThat(r.register("a-value", AvroSerdeTest.EVENT_V0)).as("already registered").isEqualTo(1);
        assertThat(r.latest("a-value")).isEqualTo(new RegisteredSchema("a-value", 2, 2, Event.getClassSchema()));
        assertThat(r.idOf("b-value", AvroSerdeTest.EVENT_V0)).isEqualTo(1);
        assertThat(r.schemaById(2)).isEqualTo(Event.getClassSchema());
    }

    @Test
    void registeringASchemaThatCannotReadTheLatestIsRefusedWith409() {
        MockSchemaRegistry r = MockSchemaRegistry.scope("registry");
        r.register("a-value", Event.getClassSchema());

        assertThat(r.testCompatibility("a-value", Score.getClassSchema()).compatible()).isFalse();
        assertThat(r.testCompatibility("a-value", AvroSerdeTest.EVENT_WITH_UNIT))
                .isEqualTo(new CompatibilityResult(true, java.util.List.of()));
        assertThatThrownBy(() -> r.register("a-value", Score.getClassSchema()))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.errorCode()).isEqualTo(409);
                });
    }

    @Test
    void missingThingsHaveConfluentsErrorCodes() {
        MockSchemaRegistry r = MockSchemaRegistry.scope("registry");
        r.register("a-value", Event.getClassSchema());

        assertThatThrownBy(() -> r.latest("nope")).isInstanceOfSatisfying(SchemaRegistryException.class,
                e -> assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.SUBJECT_NOT_FOUND));
        assertThatThrownBy(() -> r.idOf("a-value", Score.getClassSchema())).isInstanceOfSatisfying(
                SchemaRegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.SCHEMA_NOT_FOUND));
        assertThatThrownBy(() -> r.schemaById(7)).isInstanceOfSatisfying(SchemaRegistryException.class,
                e -> assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.SCHEMA_NOT_FOUND));
    }

    @Test
    void aMockUrlMustBeTheOnlyUrl() {
        AvroSerializer<Event> s = new AvroSerializer<>();
        assertThatThrownBy(() -> s.configure(Map.of("schema.registry.url", "mock://a,http://localhost:8081"), false))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("a mock:// URL must be the only one");
    }
}
