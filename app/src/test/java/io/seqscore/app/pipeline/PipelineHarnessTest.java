package io.seqscore.app.pipeline;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import io.seqscore.app.testing.Await;
import io.seqscore.app.testing.SharedCluster;
import io.seqscore.avro.Event;
import io.seqscore.serde.MockSchemaRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The pipeline's parts on a real broker: topics made, replaced and deleted by name; events produced and read back
 * in order; readers that give up after their time; a pipeline that cleans up what it started; and the one log
 * configuration put back as it was.
 */
class PipelineHarnessTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    @RegisterExtension
    static final SharedCluster SHARED = new SharedCluster("pipeline-harness");
    private PipelineCluster cluster;

    @BeforeEach
    void shared() {
        cluster = SHARED.cluster();
    }

    @Test
    void shouldReplaceAnEarlierRunsTopicsAndLeaveOtherTopicsAlone() {
        cluster.ensureTopic("fresh-events", 3, Map.of());
        cluster.ensureTopic("fresh-0badcafe-changelog", 1, Map.of());
        cluster.ensureTopic("unrelated", 1, Map.of());
        ScorerTopics topics = ScorerTopics.prefixed("fresh-");

        cluster.replaceTopics("fresh-", topics.newTopics(2));

        Set<String> six = Set.of("fresh-anomalies", "fresh-dlq", "fresh-events", "fresh-models", "fresh-scores",
                "fresh-shadow-scores");
        Await.until(TIMEOUT, "the six topics listed", () -> cluster.topicsNamed("fresh-").equals(six));
        assertThat(PipelineCluster.await(cluster.admin().describeTopics(List.of("fresh-events")).allTopicNames(),
                "describing").get("fresh-events").partitions()).hasSize(2);
        assertThat(cluster.topicsNamed("unrelated")).containsExactly("unrelated");
        assertThatThrownBy(() -> cluster.createTopics(topics.newTopics(2)))
                .isInstanceOf(IllegalStateException.class).hasCauseInstanceOf(TopicExistsException.class);
        cluster.ensureTopic("fresh-events", 2, Map.of());

        cluster.deleteTopics("fresh-");
        Await.until(TIMEOUT, "the topics deleted", () -> cluster.topicsNamed("fresh-").isEmpty());
    }

    @Test
    void shouldReadBackEachKeysEventsInTheOrderSentAndGiveUpAfterTheTimeout() {
        try (EmbeddedPipeline pipeline = EmbeddedPipeline.builder("order-").cluster(cluster).start()) {
            EventsProducer producer = pipeline.eventsProducer("order-events", Map.of());
            for (int t = 0; t < 50; t++) {
                for (String key : List.of("a", "b", "c")) {
                    producer.send(key, event(t, t * 10.0 + key.charAt(0)));
                }
            }
            producer.flush();
            TopicReader<Event> reader = pipeline.reader(pipeline.topics().events(), Event.class);

            List<ConsumerRecord<String, Event>> read = reader.read(150, TIMEOUT);

            for (String key : List.of("a", "b", "c")) {
                assertThat(read.stream().filter(r -> r.key().equals(key))
                        .map(r -> r.value().getEventTime().toEpochMilli()).toList())
                        .isEqualTo(java.util.stream.LongStream.range(0, 50).map(t -> 1_000L * t).boxed().toList());
            }
            assertThat(reader.poll(Duration.ofMillis(200))).isEmpty();
            List<ConsumerRecord<String, Event>> none = new ArrayList<>();
            assertThat(reader.readUntil(() -> !none.isEmpty(), none::add, Duration.ofMillis(300))).isFalse();
            assertThat(reader.readWhileProgressing(() -> !none.isEmpty(), none::add, Duration.ofMillis(300)))
                    .isFalse();
            assertThatThrownBy(() -> reader.read(1, Duration.ofMillis(300))).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("0 of 1 records on order-events");
        }
    }

    @Test
    void shouldStopItsBrokerAndDeleteItsStateDirectoryButNotWhatItWasGivenAndStartNothingOnceClosed() throws Exception {
        Path broker;
        Path state;
        try (EmbeddedPipeline own = EmbeddedPipeline.builder("own-").setting("commit.interval.ms", "100").start()) {
            broker = own.cluster().dataDirectory();
            state = own.stateDir();
            assertThat(own.cluster().registryUrl()).startsWith(MockSchemaRegistry.URL_PREFIX + "own-");
            assertThat(broker).isDirectory();
            assertThat(state).isDirectory();
            assertThat(own.scorerConfig().getString("seqscore.scores.topic")).isEqualTo("own-scores");
            assertThat(own.scorerSettings()).containsEntry("application.id", "own-scorer")
                    .containsEntry("seqscore.http.address", "127.0.0.1").containsEntry("commit.interval.ms", "100");
        }
        assertThat(broker).doesNotExist();
        assertThat(state).doesNotExist();

        Path given = Files.createTempDirectory("seqscore-given-state-");
        try {
            EmbeddedPipeline borrowed = EmbeddedPipeline.builder("borrowed-").cluster(cluster).stateDir(given).start();
            assertThat(borrowed.stateDir()).isEqualTo(given);
            borrowed.close();
            assertThat(given).isDirectory();
            assertThatThrownBy(() -> borrowed.eventsProducer("too-late", Map.of()))
                    .isInstanceOf(IllegalStateException.class).hasMessage("the pipeline is closed");
            Await.until(TIMEOUT, "the topics on the given cluster kept",
                    () -> cluster.topicsNamed("borrowed-").size() == 6);
        } finally {
            EmbeddedPipeline.deleteTree(given);
        }
    }

    @Test
    void shouldQuietKafkaWhileOpenAndPutTheLevelsBack() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Level kafka = context.getLogger("kafka").getLevel();
        Level clients = context.getLogger("org.apache.kafka").getLevel();
        Level seqscore = context.getLogger("io.seqscore").getLevel();
        try (QuietLogging quiet = QuietLogging.kafka()) {
            assertThat(context.getLogger("kafka").getLevel()).isEqualTo(Level.OFF);
            assertThat(context.getLogger("org.apache.kafka.raft").getLevel()).isEqualTo(Level.OFF);
            assertThat(context.getLogger("org.apache.kafka").getLevel()).isEqualTo(Level.WARN);
            assertThat(context.getLogger("org.apache.kafka.streams.KafkaStreams").getLevel()).isEqualTo(Level.WARN);
            assertThat(context.getLogger("io.seqscore").getLevel()).isEqualTo(seqscore);
            quiet.stopping();
            assertThat(context.getLogger("org.apache.kafka").getLevel()).isEqualTo(Level.ERROR);
        }
        try (QuietLogging quiet = QuietLogging.kafkaAndSeqscore()) {
            assertThat(context.getLogger("io.seqscore").getLevel()).isEqualTo(Level.ERROR);
            assertThat(context.getLogger("org.apache.kafka").getLevel()).isEqualTo(Level.ERROR);
        }
        assertThat(context.getLogger("kafka").getLevel()).isEqualTo(kafka);
        assertThat(context.getLogger("org.apache.kafka").getLevel()).isEqualTo(clients);
        assertThat(context.getLogger("io.seqscore").getLevel()).isEqualTo(seqscore);
    }

    private static Event event(int t, double value) {
        return Event.newBuilder().setEventTime(Instant.ofEpochMilli(1_000L * t)).setValues(List.of(value))
                .setAttributes(null).build();
    }
}
