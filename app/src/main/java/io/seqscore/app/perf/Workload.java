package io.seqscore.app.perf;

import io.seqscore.avro.Event;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The synthetic events: event number {@code s} (0, 1, 2, …) belongs to key {@code s mod K} and has event
 * time {@link #BASE_TIME} + s ms, so a score's event time names the event it scores and every key's
 * events are in time order. Value j of event s is a noisy sine, sin(2π·t/48 + φ_k + j) + 0.1·N(0, 1)
 * with t the key's step and φ_k its phase; a pure function of (seed, s). A categorical workload
 * ({@code symbols} > 0) has no values: event s carries one of {@link #symbol s0 … s(symbols−1)}, drawn
 * uniformly, also a pure function of (seed, s).
 */
final class Workload {
    static final long BASE_TIME = 1_700_000_000_000L;
    private static final double PERIOD = 48;

    private final int keys;
    private final int dimension;
    private final long seed;
    private final String[] keyNames;
    private final String[] symbols;

    Workload(int keys, int dimension, long seed) {
        this(keys, dimension, seed, 0);
    }

    private Workload(int keys, int dimension, long seed, int symbols) {
        if (keys < 1 || dimension < 1 || symbols < 0) {
            throw new IllegalArgumentException("keys and dimension must be >= 1, symbols >= 0");
        }
        this.keys = keys;
        this.dimension = dimension;
        this.seed = seed;
        this.keyNames = new String[keys];
        for (int k = 0; k < keys; k++) {
            keyNames[k] = keyName(k);
        }
        this.symbols = new String[symbols];
        for (int s = 0; s < symbols; s++) {
            this.symbols[s] = symbol(s);
        }
    }

    /** Events that carry a symbol of {@code symbols} and no values. */
    static Workload categorical(int keys, int symbols, long seed) {
        if (symbols < 1) {
            throw new IllegalArgumentException("symbols must be >= 1");
        }
        return new Workload(keys, 1, seed, symbols);
    }

    /** The name of symbol {@code s}: "s0", "s1", … */
    static String symbol(int s) {
        return "s" + s;
    }

    static String keyName(int k) {
        return "key-" + k;
    }

    int keys() {
        return keys;
    }

    int dimension() {
        return dimension;
    }

    String key(long seq) {
        return keyNames[(int) (seq % keys)];
    }

    static long eventTime(long seq) {
        return BASE_TIME + seq;
    }

    /** The event number of an event time, as {@link #eventTime} assigns them. */
    static long seq(long eventTime) {
        return eventTime - BASE_TIME;
    }

    Event event(long seq) {
        int k = (int) (seq % keys);
        long step = seq / keys;
        SplittableRandom noise = new SplittableRandom(seed ^ (seq * 0x9E3779B97F4A7C15L));
        if (symbols.length > 0) {
            return Event.newBuilder().setEventTime(Instant.ofEpochMilli(eventTime(seq))).setValues(new ArrayList<>())
                    .setSymbol(symbols[noise.nextInt(symbols.length)]).setAttributes(null).build();
        }
        double phase = 2 * Math.PI * k / keys;
        List<Double> values = new ArrayList<>(dimension);
        for (int j = 0; j < dimension; j++) {
            values.add(Math.sin(2 * Math.PI * step / PERIOD + phase + j) + 0.1 * noise.nextGaussian());
        }
        return Event.newBuilder().setEventTime(Instant.ofEpochMilli(eventTime(seq))).setValues(values)
                .setAttributes(null).build();
    }
}
