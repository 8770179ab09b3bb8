package io.seqscore.app.perf;

import org.apache.kafka.streams.StreamsConfig;

import java.util.Locale;

/** A Kafka Streams processing guarantee as perf names it on its command line and in its report. */
enum Guarantee {
    AT_LEAST_ONCE("at-least-once", "alos", StreamsConfig.AT_LEAST_ONCE),
    EXACTLY_ONCE("exactly-once", "eos", StreamsConfig.EXACTLY_ONCE_V2);

    private final String label;
    private final String tag;
    private final String streamsValue;

    Guarantee(String label, String tag, String streamsValue) {
        this.label = label;
        this.tag = tag;
        this.streamsValue = streamsValue;
    }

    /** {@code at-least-once}, {@code exactly-once} (also the Kafka Streams names). */
    static Guarantee parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        for (Guarantee g : values()) {
            if (g.label.equals(t) || g.streamsValue.equals(t)) {
                return g;
            }
        }
        throw new IllegalArgumentException("unknown guarantee '" + text + "' (at-least-once, exactly-once)");
    }

    String label() {
        return label;
    }

    /** Short name in application ids. */
    String tag() {
        return tag;
    }

    /** The value of {@code processing.guarantee}. */
    String streamsValue() {
        return streamsValue;
    }
}
