package io.seqscore.app.demo;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SequenceRaceNoteTest {
    private static final String RACE = "Invalid sequence number for producer 0 at offset 2 in partition"
            + " seqscore-demo-scores-1: 5 (incoming seq. number). Expected sequence 0 for transactions v2 idempotent"
            + " producer with no existing state.";

    @Test
    void shouldReplaceTheBrokersTransactionsV2SequenceErrorWithOneExplanation() {
        LoggerContext context = new LoggerContext();
        SequenceRaceNote note = new SequenceRaceNote(context.getLogger("seqscore.demo"));
        note.start();
        context.addTurboFilter(note);
        ListAppender<ILoggingEvent> broker = appender(context, "kafka.server.ReplicaManager");
        ListAppender<ILoggingEvent> demo = appender(context, "seqscore.demo");
        Logger replicaManager = context.getLogger("kafka.server.ReplicaManager");

        replicaManager.error("[ReplicaManager broker=0] Error processing append operation on partition x:seqscore-demo-scores-1",
                new OutOfOrderSequenceException(RACE));
        replicaManager.error("[ReplicaManager broker=0] Error processing append operation on partition x:seqscore-demo-scores-0",
                new OutOfOrderSequenceException(RACE.replace("-1:", "-0:")));
        replicaManager.error("Error processing append operation", new OutOfOrderSequenceException(
                "Out of order sequence number for producer 7 at offset 9 in partition t-0: 12 (incoming seq. number),"
                        + " 10 (current end sequence number)"));
        replicaManager.error("something else", new IllegalStateException(RACE));

        Logger sender = context.getLogger("org.apache.kafka.clients.producer.internals.Sender");
        ListAppender<ILoggingEvent> producer = appender(context, sender.getName());
        String retry = "[Producer clientId=seqscore-demo-1-StreamThread-1-producer] Got error produce response with"
                + " correlation id {} on topic-partition {}, retrying ({} attempts left). Error: {}";
        sender.warn(retry, 18L, new TopicPartition("seqscore-demo-scores-0", 0), 2147483646, "CONCURRENT_TRANSACTIONS");
        sender.warn(retry, 40L, new TopicPartition("seqscore-demo-scores-1", 0), 2147483646,
                "OUT_OF_ORDER_SEQUENCE_NUMBER");
        sender.warn(retry, 41L, new TopicPartition("seqscore-demo-scores-1", 0), 2147483646, "NOT_LEADER_OR_FOLLOWER");
        sender.warn(retry, 42L, new TopicPartition("events", 0), 2147483646, "OUT_OF_ORDER_SEQUENCE_NUMBER");
        // as Kafka's LogContext logs it: formatted, with its prefix
        sender.warn("[Producer clientId=seqscore-demo-1-StreamThread-1-producer] Got error produce response with"
                + " correlation id 43 on topic-partition seqscore-demo-scores-0, retrying (2147483646 attempts left)."
                + " Error: CONCURRENT_TRANSACTIONS");
        sender.warn("[Producer clientId=seqscore-demo-1-StreamThread-1-producer] Got error produce response with"
                + " correlation id 44 on topic-partition seqscore-demo-scores-0, retrying (2147483646 attempts left)."
                + " Error: NOT_ENOUGH_REPLICAS");

        assertThat(broker.list).extracting(ILoggingEvent::getMessage)
                .containsExactly("Error processing append operation", "something else");
        assertThat(producer.list).extracting(ILoggingEvent::getFormattedMessage).hasSize(3)
                .anyMatch(m -> m.contains("correlation id 41 ")).anyMatch(m -> m.contains("correlation id 42 "))
                .anyMatch(m -> m.contains("correlation id 44 "));
        assertThat(demo.list).hasSize(1);
        assertThat(demo.list.get(0).getLevel()).isEqualTo(Level.INFO);
        assertThat(demo.list.get(0).getFormattedMessage()).contains("KAFKA-18202", "Nothing is lost or written twice");
    }

    private static ListAppender<ILoggingEvent> appender(LoggerContext context, String name) {
        ListAppender<ILoggingEvent> a = new ListAppender<>();
        a.setContext(context);
        a.start();
        Logger logger = context.getLogger(name);
        logger.setLevel(Level.INFO);
        logger.addAppender(a);
        return a;
    }
}
