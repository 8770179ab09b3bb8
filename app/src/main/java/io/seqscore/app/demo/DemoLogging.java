package io.seqscore.app.demo;

import org.slf4j.LoggerFactory;

/**
 * Keeps the demo's output to its own progress lines: the broker's and Kafka Streams' INFO chatter off
 * (Kafka at WARN), and off altogether for the few warnings that a demo on its own broker always prints and
 * that mean nothing there (a fresh metadata log, a state directory under the temporary directory, the
 * global thread's processing handler, a partition reassigned during start-up); and the broker's ERROR for
 * a transaction's batch that overtook its first one becomes one line saying why it is harmless
 * ({@link SequenceRaceNote}).
 */
final class DemoLogging {
    static final String[] AT_WARN = {"kafka", "state.change.logger", "org.apache.kafka",
            "org.apache.kafka.streams.KafkaStreams"};
    static final String[] EXPECTED_WARNINGS = {"org.apache.kafka.controller.QuorumController",
            "org.apache.kafka.streams.StreamsConfig", "org.apache.kafka.streams.processor.internals.StateDirectory",
            "org.apache.kafka.clients.consumer.internals.OffsetFetcherUtils", "kafka.server.DefaultAutoTopicCreationManager"};

    static final String LOG4J_STATUS = "log4j2.statusLoggerLevel";

    private DemoLogging() {
    }

    /**
     * Sets the levels above when logging goes to Logback (it does in the runnable jar); returns what puts
     * the levels back as they were.
     */
    static AutoCloseable quietKafka() {
        if (System.getProperty(LOG4J_STATUS) == null) {
            // Kafka's broker brings Log4j 2, whose status logger complains about a bundled YAML configuration
            System.setProperty(LOG4J_STATUS, "OFF");
        }
        if (!(LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext context)) {
            return () -> { };
        }
        java.util.Map<String, ch.qos.logback.classic.Level> before = new java.util.LinkedHashMap<>();
        for (String[] names : new String[][] {AT_WARN, EXPECTED_WARNINGS}) {
            for (String name : names) {
                before.put(name, context.getLogger(name).getLevel());
            }
        }
        set(AT_WARN, "WARN");
        set(EXPECTED_WARNINGS, "ERROR");
        SequenceRaceNote note = new SequenceRaceNote(LoggerFactory.getLogger("seqscore.demo"));
        note.start();
        context.addTurboFilter(note);
        return () -> {
            context.getTurboFilterList().remove(note);
            before.forEach((name, level) -> context.getLogger(name).setLevel(level));
        };
    }

    /** While stopping: a broker closing under its clients makes them warn about every connection. */
    static void quietShutdown() {
        set(new String[] {"kafka", "org.apache.kafka"}, "ERROR");
    }

    private static void set(String[] names, String level) {
        if (!(LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext context)) {
            return;
        }
        for (String name : names) {
            context.getLogger(name).setLevel(ch.qos.logback.classic.Level.toLevel(level));
        }
    }

    /**
     * Runs {@code action} with {@link System#out} discarded: formatting the embedded broker's storage prints
     * its bootstrap metadata there, which tells a newcomer nothing.
     */
    static <T> T withoutStdout(java.util.function.Supplier<T> action) {
        java.io.PrintStream out = System.out;
        System.setOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        try {
            return action.get();
        } finally {
            System.setOut(out);
        }
    }
}
