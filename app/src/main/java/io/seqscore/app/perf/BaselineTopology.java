package io.seqscore.app.perf;

import io.seqscore.avro.Event;
import io.seqscore.avro.Score;
import io.seqscore.serde.AvroDeserializer;
import io.seqscore.serde.AvroSerializer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import java.util.Map;

/**
 * What the scorer is compared with: the scorer topology's frame without the math.
 * <pre>
 *   events ─► source (bytes) ─► baseline ─► sink (String, Score)
 *                                  │
 *                  baseline-key-state (RocksDB, cached, changelogged)
 * </pre>
 * Per event: the Avro Event is deserialized by the same deserializer, the key's value (as many bytes as
 * the scorer's state of the architecture) is read and a new one of the same size written, and a Score
 * with arrays of the scorer's lengths is serialized by the same serializer. No model, no codec, no step.
 */
final class BaselineTopology {
    static final String STATE_STORE = "baseline-key-state";
    static final String SOURCE = "events-source";
    static final String PROCESSOR = "baseline";
    static final String SINK = "scores-sink";

    private BaselineTopology() {
    }

    /**
     * @param stateBytes   bytes of each key's value (the mean size of the states the scorer stored in its run)
     * @param valuesPerStep D, the forecast values per step; {@code outputSize} = H·D; 0: a categorical model's
     *                      scores ({@code outputSize} = the vocabulary's size), see {@link BaselineProcessor}
     * @param nextSymbols   the next symbols a categorical model's score lists (the scorer's seqscore.score.next.symbols)
     */
    static Topology build(String eventsTopic, String scoresTopic, Map<String, Object> serdeProps, int stateBytes,
                          int valuesPerStep, int outputSize, int nextSymbols, String modelName, ProgressCounter counter) {
        AvroDeserializer<Event> events = AvroDeserializer.forClass(Event.class);
        events.configure(serdeProps, false);
        AvroSerializer<Score> scores = new AvroSerializer<>();
        scores.configure(serdeProps, false);
        StoreBuilder<KeyValueStore<String, byte[]>> store = Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(STATE_STORE), Serdes.String(), Serdes.ByteArray())
                .withCachingEnabled()
                .withLoggingEnabled(Map.of());
        Topology topology = new Topology();
        topology.addSource(SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(), eventsTopic);
        topology.addProcessor(PROCESSOR, () -> new BaselineProcessor(events, eventsTopic, STATE_STORE, SINK, stateBytes,
                valuesPerStep, outputSize, nextSymbols, modelName, counter), SOURCE);
        topology.addStateStore(store, PROCESSOR);
        topology.addSink(SINK, scoresTopic, new StringSerializer(), scores, PROCESSOR);
        return topology;
    }
}
