package io.seqscore.app.perf;

import org.slf4j.LoggerFactory;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Keeps a perf run's output to its progress lines and report (when logging goes to Logback, as in the
 * runnable jar): the in-process broker's logging off, the clients', Kafka Streams' and seqscore's at ERROR
 * while it runs; put back after. A failure of the run itself ends the command with its one-line message.
 */
final class PerfLogging {
    static final String[] OFF = {"kafka", "state.change.logger", "org.apache.kafka.storage",
            "org.apache.kafka.controller", "org.apache.kafka.raft", "org.apache.kafka.server"};
    static final String[] QUIET = {"org.apache.kafka", "org.apache.kafka.streams.KafkaStreams", "io.seqscore"};
    static final String LOG4J_STATUS = "log4j2.statusLoggerLevel";

    private PerfLogging() {
    }

    /** Sets the levels above; returns what restores them. */
    static AutoCloseable quiet() {
        if (System.getProperty(LOG4J_STATUS) == null) {
            System.setProperty(LOG4J_STATUS, "OFF");
        }
        if (!(LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext context)) {
            return () -> { };
        }
        Map<String, ch.qos.logback.classic.Level> before = new LinkedHashMap<>();
        for (String name : OFF) {
            before.put(name, context.getLogger(name).getLevel());
            context.getLogger(name).setLevel(ch.qos.logback.classic.Level.OFF);
        }
        for (String name : QUIET) {
            before.put(name, context.getLogger(name).getLevel());
            context.getLogger(name).setLevel(ch.qos.logback.classic.Level.ERROR);
        }
        return () -> before.forEach((name, level) -> context.getLogger(name).setLevel(level));
    }

    /** Runs {@code action} with {@link System#out} discarded (formatting a broker's storage prints there). */
    static <T> T withoutStdout(Supplier<T> action) {
        PrintStream out = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try {
            return action.get();
        } finally {
            System.setOut(out);
        }
    }
}
