package io.seqscore.app.scoring;

import io.seqscore.app.config.SeqscoreConfig;
import io.seqscore.app.model.ModelRegistry;
import io.seqscore.avro.Event;
import io.seqscore.input.EventInput;
import io.seqscore.serde.SchemaRegistryException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The processor alone, with a mock context: the choices that a topology test cannot provoke. */
class ScoringProcessorTest {
    private final ScoringCounters counters = new ScoringCounters();
    private MockProcessorContext<Object, Object> context;

    private ScoringProcessor processor(Map<String, String> settings, Deserializer<Event> events) {
        context = new MockProcessorContext<>();
        KeyValueStore<String, byte[]> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("state"),
                Serdes.String(), Serdes.ByteArray()).withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        context.setRecordMetadata("events", 3, 17);
        SeqscoreConfig config = new SeqscoreConfig(settings);
        ScoringProcessor p = new ScoringProcessor(config.scoringSettings(), config.modelRouter(), new ModelRegistry(),
                counters, EventInput.decoderOf(events), "events", new ScorerNodes("state", "shadow-state", "scores", "anomalies",
                "shadow-scores", "dlq"));
        p.init(context);
        return p;
    }

    private static Deserializer<Event> failing(RuntimeException e) {
        return (topic, data) -> {
            throw e;
        };
    }

    private static Record<byte[], byte[]> record() {
        return new Record<>("k".getBytes(StandardCharsets.UTF_8), new byte[] {0, 0, 0, 0, 1}, 5L);
    }

    @Test
    void shouldLeaveARegistryOutageToKafkaStreamsInsteadOfDeadLetteringGoodRecords() {
        SerializationException outage = new SerializationException("Schema Registry unavailable",
                new SchemaRegistryException("connection refused", SchemaRegistryException.NO_RESPONSE, 0));
        ScoringProcessor p = processor(Map.of(), failing(outage));
        assertThatThrownBy(() -> p.process(record())).isSameAs(outage);
        assertThat(context.forwarded()).isEmpty();
    }

    @Test
    void shouldDeadLetterARecordTheRegistryDoesNotKnow() {
        SerializationException unknown = new SerializationException("Unknown schema id 1",
                new SchemaRegistryException("not found", 404, SchemaRegistryException.SCHEMA_NOT_FOUND));
        ScoringProcessor p = processor(Map.of(), failing(unknown));
        p.process(record());
        assertThat(context.forwarded("dlq")).singleElement().satisfies(f -> {
            assertThat(f.record().headers().lastHeader(DeadLetters.PARTITION).value())
                    .isEqualTo("3".getBytes(StandardCharsets.UTF_8));
            assertThat(f.record().headers().lastHeader(DeadLetters.OFFSET).value())
                    .isEqualTo("17".getBytes(StandardCharsets.UTF_8));
            assertThat(f.record().timestamp()).isEqualTo(5L);
        });
        assertThat(counters.deadLetteredCount(DlqReason.MALFORMED)).isEqualTo(1);
    }

    @Test
    void shouldScheduleTheIdleExpiryOnWallClockTimeOnlyWithATimeToLive() {
        processor(Map.of("seqscore.state.ttl.ms", "1000", "seqscore.state.expiry.scan.interval.ms", "250"),
                failing(new IllegalStateException()));
        assertThat(context.scheduledPunctuators()).singleElement().satisfies(p -> {
            assertThat(p.getInterval()).isEqualTo(Duration.ofMillis(250));
            assertThat(p.getType()).isEqualTo(PunctuationType.WALL_CLOCK_TIME);
        });
        processor(Map.of("seqscore.state.ttl.ms", "0"), failing(new IllegalStateException()));
        assertThat(context.scheduledPunctuators()).isEmpty();
    }
}
