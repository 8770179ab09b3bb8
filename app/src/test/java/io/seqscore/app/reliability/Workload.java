package io.seqscore.app.reliability;

import io.seqscore.app.testing.Releases;
import io.seqscore.app.testing.Rollouts;
import io.seqscore.avro.Event;
import io.seqscore.avro.ModelRelease;
import io.seqscore.model.core.CellType;
import io.seqscore.model.core.NetworkSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;

/**
 * A deterministic stream: {@code keys} series of {@code steps} events each, one event per key per second of
 * event time, interleaved in time order; each value a daily-like wave per key plus seeded noise, with a spike
 * every 97th step. Two releases of one LSTM model: version 1 serves from the start, version 2 (other weights)
 * from the middle event time on ({@code activateAt}), so which version scores an event depends on the event
 * alone, never on when a scorer read the release.
 */
record Workload(int keys, int steps) {
    static final String MODEL = "default";
    static final NetworkSpec SPEC = NetworkSpec.uniform(CellType.LSTM, 1, 8, 1);
    static final long T0 = 1_800_000_000_000L;
    private static final float[] MEAN = {10f};
    private static final float[] STD = {2f};

    int events() {
        return keys * steps;
    }

    static String key(int k) {
        return String.format("series-%05d", k);
    }

    long eventTime(int step) {
        return T0 + 1000L * step;
    }

    /** The event time from which version 2 serves. */
    long activateAt() {
        return eventTime(steps / 2);
    }

    static double value(int k, int step) {
        double wave = 10 + 2 * Math.sin(2 * Math.PI * step / 24.0 + k);
        double noise = new SplittableRandom(k * 1_000_003L + step).nextGaussian() * 0.3;
        return wave + noise + (step % 97 == 96 ? 8 : 0);
    }

    Event event(int k, int step) {
        List<Double> values = new ArrayList<>(1);
        values.add(value(k, step));
        return Event.newBuilder().setEventTime(java.time.Instant.ofEpochMilli(eventTime(step))).setValues(values).build();
    }

    /** Every event, in time order (all keys of second 0, then of second 1, …). */
    void forEach(BiConsumer<String, Event> sink) {
        forEach(0, steps, sink);
    }

    /** The events of steps [from, to), in time order. */
    void forEach(int from, int to, BiConsumer<String, Event> sink) {
        for (int s = from; s < to; s++) {
            for (int k = 0; k < keys; k++) {
                sink.accept(key(k), event(k, s));
            }
        }
    }

    static ModelRelease release(long version, long seed) {
        return Releases.release(MODEL, version, SPEC, Releases.randomParams(SPEC, seed, 0.5f),
                Releases.global(MEAN, STD), Releases.gaussian(SPEC, 0.5, 0.99, 5));
    }

    /** Version 1, serving from the start. */
    ModelRelease first() {
        return Rollouts.full(release(1, 7), null);
    }

    /** Version 2, serving from {@link #activateAt()} on. */
    ModelRelease second() {
        return Rollouts.full(release(2, 8), activateAt());
    }
}
