package io.seqscore.app.pipeline;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one log configuration of the commands that run a pipeline (demo, perf, evaluate): their output is
 * their own progress lines, not Kafka's. While one is open, when logging goes to Logback (it does in the
 * runnable jar): the in-process broker's own logging is off (it retries and warns about transient states
 * that mean nothing here); Kafka's clients and Kafka Streams log at WARN, the warnings a pipeline on its
 * own broker always prints (a state directory under the temporary directory, the global thread's processing
 * handler, a partition reassigned during start-up, a produce request retried while a transaction or a new
 * topic settles) at ERROR. {@link #close()}
 * puts every level back as it was.
 */
public final class QuietLogging implements AutoCloseable {
    static final String[] BROKER = {"kafka", "state.change.logger", "org.apache.kafka.storage",
            "org.apache.kafka.controller", "org.apache.kafka.raft", "org.apache.kafka.server",
            "org.apache.kafka.metadata", "org.apache.kafka.coordinator", "org.apache.kafka.image"};
    static final String[] CLIENTS = {"org.apache.kafka", "org.apache.kafka.streams.KafkaStreams"};
    static final String[] EXPECTED_WARNINGS = {"org.apache.kafka.streams.StreamsConfig",
            "org.apache.kafka.streams.processor.internals.StateDirectory",
            "org.apache.kafka.clients.consumer.internals.OffsetFetcherUtils",
            "org.apache.kafka.clients.producer.internals.Sender"};
    /** seqscore's own loggers, for a run that starts many scorers ({@link #kafkaAndSeqscore()}). */
    static final String SEQSCORE = "io.seqscore";
    private static final String LOG4J_STATUS = "log4j2.statusLoggerLevel";

    private final Map<String, Level> before = new LinkedHashMap<>();

    private QuietLogging() {
    }

    /** Kafka quiet, as the class comment says. */
    public static QuietLogging kafka() {
        QuietLogging q = new QuietLogging();
        q.set(BROKER, Level.OFF);
        q.set(CLIENTS, Level.WARN);
        q.set(EXPECTED_WARNINGS, Level.ERROR);
        return q;
    }

    /** The broker's and the clients' INFO chatter off, their warnings kept: for {@code seqscore broker}. */
    public static QuietLogging warnings() {
        QuietLogging q = new QuietLogging();
        q.set(BROKER, Level.WARN);
        q.set(CLIENTS, Level.WARN);
        return q;
    }

    /**
     * Kafka's clients and Kafka Streams at ERROR, and seqscore's own INFO lines (a scorer started, a release
     * taken up) off too: for a run that starts scorer after scorer and prints a report of its own.
     */
    public static QuietLogging kafkaAndSeqscore() {
        QuietLogging q = kafka();
        q.set(CLIENTS, Level.ERROR);
        q.set(new String[] {SEQSCORE}, Level.ERROR);
        return q;
    }

    /** While stopping: a broker closing under its clients makes them warn about every connection. */
    public void stopping() {
        set(CLIENTS, Level.ERROR);
    }

    private void set(String[] names, Level level) {
        if (System.getProperty(LOG4J_STATUS) == null) {
            // the broker brings Log4j 2, whose status logger complains about a bundled YAML configuration
            System.setProperty(LOG4J_STATUS, "OFF");
        }
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        for (String name : names) {
            before.putIfAbsent(name, context.getLogger(name).getLevel());
            context.getLogger(name).setLevel(level);
        }
    }

    @Override
    public void close() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            before.forEach((name, level) -> context.getLogger(name).setLevel(level));
        }
    }
}
