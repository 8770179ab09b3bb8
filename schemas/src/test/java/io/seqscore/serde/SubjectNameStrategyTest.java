package io.seqscore.serde;

import io.seqscore.avro.Event;
import org.apache.avro.Schema;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SubjectNameStrategyTest {
    private static final Schema EVENT = Event.getClassSchema();

    /** A user's own strategy, named by its class in the configuration. */
    public static final class PrefixedStrategy implements SubjectNameStrategy {
        @Override
        public String subjectName(String topic, boolean isKey, Schema schema) {
            return "team-a." + topic + (isKey ? ".k" : ".v");
        }
    }

    private static SubjectNameStrategy valueStrategy(String name) {
        return new AvroSerdeConfig(Map.of("value.subject.name.strategy", name)).subjectNameStrategy(false);
    }

    @Test
    void builtInStrategiesNameSubjectsAsConfluentDoes() {
        assertThat(new TopicNameStrategy().subjectName("events", false, EVENT)).isEqualTo("events-value");
        assertThat(new TopicNameStrategy().subjectName("events", true, EVENT)).isEqualTo("events-key");
        assertThat(new RecordNameStrategy().subjectName("events", false, EVENT)).isEqualTo("io.seqscore.avro.Event");
        assertThat(new TopicRecordNameStrategy().subjectName("events", true, EVENT))
                .isEqualTo("events-io.seqscore.avro.Event");
    }

    @Test
    void confluentsOursAndSimpleNamesSelectTheSameStrategy() {
        for (String name : new String[] {"io.confluent.kafka.serializers.subject.TopicRecordNameStrategy",
                "io.seqscore.serde.TopicRecordNameStrategy", "TopicRecordNameStrategy", " TopicRecordNameStrategy "}) {
            assertThat(valueStrategy(name)).as(name).isInstanceOf(TopicRecordNameStrategy.class);
        }
        assertThat(new AvroSerdeConfig(Map.of()).subjectNameStrategy(true)).isInstanceOf(TopicNameStrategy.class);
    }

    @Test
    void anyClassImplementingTheInterfaceCanBeNamed() {
        assertThat(valueStrategy(PrefixedStrategy.class.getName()).subjectName("events", false, EVENT))
                .isEqualTo("team-a.events.v");
    }

    @Test
    void unusableNamesAreConfigExceptions() {
        assertThatThrownBy(() -> valueStrategy("io.confluent.kafka.serializers.subject.NoSuchStrategy"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("value.subject.name.strategy")
                .hasMessageContaining("no such subject name strategy");
        assertThatThrownBy(() -> valueStrategy(String.class.getName()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("not a io.seqscore.serde.SubjectNameStrategy");
    }
}
