package io.seqscore.app.demo;

import io.seqscore.avro.Event;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** One event the demo produces: series key, event time (epoch ms) and values. */
public record DemoEvent(String key, long time, double[] values) {
    public DemoEvent {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(values, "values");
    }

    /** The event as the events topic carries it. */
    Event toEvent() {
        List<Double> list = new ArrayList<>(values.length);
        for (double v : values) {
            list.add(v);
        }
        return Event.newBuilder().setEventTime(Instant.ofEpochMilli(time)).setValues(list).setAttributes(null).build();
    }
}
