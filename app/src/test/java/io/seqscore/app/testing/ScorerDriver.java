package io.seqscore.app.testing;

import io.seqscore.app.config.SeqscoreConfig;
import io.seqscore.app.model.ModelRegistry;
import io.seqscore.app.model.ReleaseVerifier;
import io.seqscore.app.scoring.ScoringCounters;
import io.seqscore.app.topology.ScorerTopology;
import io.seqscore.avro.Event;
import io.seqscore.avro.ModelRelease;
import io.seqscore.avro.Score;
import io.seqscore.avro.ShadowScore;
import io.seqscore.serde.AvroDeserializer;
import io.seqscore.serde.AvroSerializer;
import io.seqscore.serde.MockSchemaRegistry;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The scorer topology in a {@link TopologyTestDriver}, with typed topics and a mock registry of its own. */
public final class ScorerDriver implements AutoCloseable {
    public static final Instant WALL_START = Instant.parse("2030-01-01T00:00:00Z");
    private static final AtomicInteger SCOPES = new AtomicInteger();

    private final String scope = "scorer-driver-" + SCOPES.incrementAndGet();
    private final SeqscoreConfig config;
    private final ModelRegistry registry = new ModelRegistry();
    private final ScoringCounters counters = new ScoringCounters();
    private final TopologyTestDriver driver;
    private final AvroSerializer<Event> eventSerializer = new AvroSerializer<>();
    private final TestInputTopic<String, Event> events;
    private final TestInputTopic<byte[], byte[]> rawEvents;
    private final TestInputTopic<String, ModelRelease> models;
    private final TestInputTopic<String, byte[]> rawModels;
    private final TestOutputTopic<String, Score> scores;
    private final TestOutputTopic<String, byte[]> rawScores;
    private final TestOutputTopic<String, Score> anomalies;
    private final TestOutputTopic<String, ShadowScore> shadowScores;
    private final TestOutputTopic<byte[], byte[]> dlq;
    private final TestOutputTopic<String, byte[]> changelog;
    private boolean closed;

    /**
     * @param overrides seqscore settings of the test, over the defaults; without a detector setting, the
     *                  calibrated detector, whose values the topology tests compare with their reference
     *                  forecaster (the scorer's default, range, where a test names it)
     */
    public ScorerDriver(Path stateDir, Map<String, String> overrides) {
        Map<String, Object> props = new HashMap<>(overrides);
        props.putIfAbsent(SeqscoreConfig.ANOMALY_DETECTOR_CONFIG, "calibrated");
        props.put("schema.registry.url", MockSchemaRegistry.URL_PREFIX + scope);
        props.put("bootstrap.servers", "unused:9092");
        props.put("application.id", "scorer-test");
        props.put("state.dir", stateDir.toString());
        config = new SeqscoreConfig(props);
        Properties streams = config.streamsProperties();
        driver = new TopologyTestDriver(ScorerTopology.buildTopology(config, registry, counters,
                ReleaseVerifier.ACCEPT_UNSIGNED), streams, WALL_START);
        Map<String, Object> serde = config.serdeProperties();
        eventSerializer.configure(serde, false);
        AvroSerializer<ModelRelease> releaseSerializer = new AvroSerializer<>();
        releaseSerializer.configure(serde, false);
        AvroDeserializer<Score> scoreDeserializer = AvroDeserializer.forClass(Score.class);
        scoreDeserializer.configure(serde, false);
        events = driver.createInputTopic(config.eventsTopic(), new StringSerializer(), eventSerializer);
        rawEvents = driver.createInputTopic(config.eventsTopic(), new ByteArraySerializer(), new ByteArraySerializer());
        models = driver.createInputTopic(config.modelsTopic(), new StringSerializer(), releaseSerializer);
        rawModels = driver.createInputTopic(config.modelsTopic(), new StringSerializer(), new ByteArraySerializer());
        scores = driver.createOutputTopic(config.scoresTopic(), new StringDeserializer(), scoreDeserializer);
        rawScores = driver.createOutputTopic(config.scoresTopic(), new StringDeserializer(), new ByteArrayDeserializer());
        anomalies = driver.createOutputTopic(config.anomaliesTopic(), new StringDeserializer(), scoreDeserializer);
        AvroDeserializer<ShadowScore> shadowDeserializer = AvroDeserializer.forClass(ShadowScore.class);
        shadowDeserializer.configure(serde, false);
        shadowScores = driver.createOutputTopic(config.shadowScoresTopic(), new StringDeserializer(), shadowDeserializer);
        dlq = driver.createOutputTopic(config.dlqTopic(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        changelog = driver.createOutputTopic("scorer-test-" + ScorerTopology.STATE_STORE + "-changelog",
                new StringDeserializer(), new ByteArrayDeserializer());
    }

    public static Event event(long time, double... values) {
        List<Double> list = new ArrayList<>(values.length);
        for (double v : values) {
            list.add(v);
        }
        return Event.newBuilder().setEventTime(Instant.ofEpochMilli(time)).setValues(list).build();
    }

    /** An event in the wire format, under this driver's registry. */
    public byte[] eventBytes(Event event) {
        return eventSerializer.serialize(config.eventsTopic(), event);
    }

    /** The value of event t of key k in a test's workload. */
    @FunctionalInterface
    public interface Series {
        double value(int k, int t);
    }

    /** Events t in [from, to) of keys k0..k(keys−1), one a second, interleaved by time. */
    public static List<Map.Entry<String, Event>> events(int keys, int from, int to, Series series) {
        List<Map.Entry<String, Event>> out = new ArrayList<>();
        for (int t = from; t < to; t++) {
            for (int k = 0; k < keys; k++) {
                out.add(Map.entry("k" + k, event(1_000L * t, series.value(k, t))));
            }
        }
        return out;
    }

    /** Sends events t in [from, to) of these keys, one a second, interleaved by time; returns their scores. */
    public List<TestRecord<String, Score>> sendAll(String[] keys, int from, int to, Series series) {
        List<TestRecord<String, Score>> out = new ArrayList<>();
        for (int t = from; t < to; t++) {
            for (int k = 0; k < keys.length; k++) {
                send(keys[k], 1_000L * t, series.value(k, t));
                out.add(nextScore());
            }
        }
        return out;
    }

    public void send(String key, long time, double... values) {
        events.pipeInput(key, event(time, values));
    }

    public void send(String key, Event event) {
        events.pipeInput(key, event);
    }

    public void sendRaw(byte[] key, byte[] value, Headers headers) {
        rawEvents.pipeInput(new TestRecord<>(key, value, headers));
    }

    /** A record of the caller's bytes with a record timestamp. */
    public void sendRaw(byte[] key, byte[] value, long timestamp) {
        rawEvents.pipeInput(new TestRecord<>(key, value, null, Instant.ofEpochMilli(timestamp)));
    }

    /** The serde properties of this driver's registry, for serializers of a test's own records. */
    public Map<String, Object> serdeProperties() {
        return config.serdeProperties();
    }

    public void publish(ModelRelease release) {
        models.pipeInput(release.getName(), release);
    }

    public void publishRaw(String modelName, byte[] value) {
        rawModels.pipeInput(modelName, value);
    }

    public void retire(String modelName) {
        models.pipeInput(modelName, null);
    }

    public void advanceWallClock(Duration d) {
        driver.advanceWallClockTime(d);
    }

    /** The next score, which must exist. */
    public TestRecord<String, Score> nextScore() {
        assertThat(scores.isEmpty()).as("a score is waiting").isFalse();
        return scores.readRecord();
    }

    public List<Score> scores() {
        return scores.readValuesToList();
    }

    /** The scores topic as bytes (for seqscore.output.format=json). */
    public TestOutputTopic<String, byte[]> rawScores() {
        return rawScores;
    }

    public TestOutputTopic<String, Score> anomalies() {
        return anomalies;
    }

    public TestOutputTopic<String, ShadowScore> shadowScores() {
        return shadowScores;
    }

    public TestOutputTopic<byte[], byte[]> dlq() {
        return dlq;
    }

    public TestOutputTopic<String, byte[]> changelog() {
        return changelog;
    }

    public KeyValueStore<String, byte[]> stateStore() {
        return driver.getKeyValueStore(ScorerTopology.STATE_STORE);
    }

    public KeyValueStore<String, byte[]> shadowStateStore() {
        return driver.getKeyValueStore(ScorerTopology.SHADOW_STATE_STORE);
    }

    public ModelRegistry registry() {
        return registry;
    }

    public ScoringCounters counters() {
        return counters;
    }

    /** Ends a test: nothing unexpected may remain in any output topic. */
    public void assertNoMoreOutput() {
        assertThat(scores.readRecordsToList()).as("unexpected scores").isEmpty();
        assertThat(anomalies.readRecordsToList()).as("unexpected anomalies").isEmpty();
        assertThat(dlq.readRecordsToList()).as("unexpected dead letters").isEmpty();
        assertThat(shadowScores.readRecordsToList()).as("unexpected shadow scores").isEmpty();
    }

    /** Closes the driver; closing it again does nothing. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        driver.close();
        MockSchemaRegistry.dropScope(scope);
    }
}
