package io.seqscore.app.evaluate;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keeps a benchmark run's output to its own lines: the embedded broker's, the clients' and Kafka Streams' INFO
 * chatter off (WARN), while logging goes to Logback (it does in the runnable jar). {@link #close()} puts the
 * levels back.
 */
public final class QuietKafka implements AutoCloseable {
    private static final String[] LOGGERS = {"kafka", "state.change.logger", "org.apache.kafka"};
    private static final String LOG4J_STATUS = "log4j2.statusLoggerLevel";

    private final Map<String, Level> before = new LinkedHashMap<>();

    private QuietKafka() {
    }

    public static QuietKafka start() {
        QuietKafka q = new QuietKafka();
        if (System.getProperty(LOG4J_STATUS) == null) {
            // the broker brings Log4j 2, whose status logger complains about a bundled YAML configuration
            System.setProperty(LOG4J_STATUS, "OFF");
        }
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            for (String name : LOGGERS) {
                q.before.put(name, context.getLogger(name).getLevel());
                context.getLogger(name).setLevel(Level.WARN);
            }
        }
        return q;
    }

    @Override
    public void close() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            before.forEach((name, level) -> context.getLogger(name).setLevel(level));
        }
    }
}
