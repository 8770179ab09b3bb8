package io.seqscore.app.perf;

import org.apache.kafka.streams.StreamsConfig;

import java.util.Locale;

/** A Kafka Streams processing guarantee as perf names it on its command line and in its report. */
enum Guarantee {
    AT_LEAST_ONCE("alos", StreamsConfig.AT_LEAST_ONCE),
    EXACTLY_ONCE("eos", StreamsConfig.EXACTLY_ONCE_V2);

    private final String tag;
    private final String streamsValue;

    Guarantee(String tag, String streamsValue) {
        this.tag = tag;
        this.streamsValue = streamsValue;
    }

    /** {@code at-least-once}, {@code exactly-once} (also the Kafka Streams names). */
    static Guarantee parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        for (Guarantee g : values()) {
            if (g.label().equals(t) || g.streamsValue.equals(t)) {
                return g;
            }
        }
        throw new IllegalArgumentException("unknown guarantee '" + text + "' (at-least-once, exactly-once)");
    }

    /** {@code at-least-once}, {@code exactly-once}: the constant's name in lower case with '-'. */
    String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
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
