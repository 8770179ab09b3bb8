package io.seqscore.app.evaluate.m4;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keeps a run's output to its own progress lines: the in-process broker's and Kafka Streams' INFO chatter off
 * (Kafka at ERROR: a broker in this process retries and warns about transient states that mean nothing here),
 * when logging goes to Logback (it does in the runnable jar).
 */
final class M4Logging {
    private static final String[] QUIET = {"kafka", "state.change.logger", "org.apache.kafka"};
    private static final String LOG4J_STATUS = "log4j2.statusLoggerLevel";

    private M4Logging() {
    }

    /** Puts the levels back as they were. */
    interface Levels extends AutoCloseable {
        @Override
        void close();
    }

    /** Sets the levels; returns what puts them back. */
    static Levels quietKafka() {
        if (System.getProperty(LOG4J_STATUS) == null) {
            System.setProperty(LOG4J_STATUS, "OFF");
        }
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return () -> { };
        }
        Map<String, Level> before = new LinkedHashMap<>();
        for (String name : QUIET) {
            before.put(name, context.getLogger(name).getLevel());
            context.getLogger(name).setLevel(Level.ERROR);
        }
        return () -> before.forEach((name, level) -> context.getLogger(name).setLevel(level));
    }
}
