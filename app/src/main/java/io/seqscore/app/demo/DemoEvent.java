package io.seqscore.app.demo;

import java.util.Objects;

/** One event the demo produces: series key, event time (epoch ms) and values. */
public record DemoEvent(String key, long time, double[] values) {
    public DemoEvent {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(values, "values");
    }
}
