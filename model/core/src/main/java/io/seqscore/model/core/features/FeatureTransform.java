package io.seqscore.model.core.features;

import io.seqscore.model.core.NetworkSpec;

/**
 * The input-feature seam: what the network reads at each of a key's events and what its head forecasts,
 * shared by the trainer (which encodes whole series) and the scorer (one event at a time), so both compute
 * the same floats. One class per kind, registered by name in {@link FeatureKinds}.
 *
 * <p>Every kind forecasts in the scaled space z = (v − μ)/σ of the event's values, as an offset from a
 * base the transform chooses:
 * <pre>
 * x_t           = inputs(event_t, history_t, μ, σ)               what the network reads at event t
 * out_t         = network.step(h, x_t)                           H·D values, row s·D + d
 * ẑ_{t+1+s, d}  = base_{s,d}(t) + out_t[s·D + d]                 the forecast, scaled; base 0 for VALUES
 * f_{t+1+s, d}  = ẑ_{t+1+s, d}·σ_d + μ_d                         the forecast in the events' units
 * target        = z_{t+1+s, d} − base_{s,d}(t)                   what training fits out_t to ({@link #encode})
 * </pre>
 * A transform is immutable and shared by every scoring thread; {@link #inputs} and {@link #forecasts}
 * allocate nothing and only read their arguments (besides the output arrays and the key's state).
 *
 * <p>A kind may keep per-key state of its own ({@link #stateSize()} doubles, e.g. an exponential-smoothing
 * level and seasonal indices): {@link #reset} sets a new key's, {@link #inputs} advances it by the current
 * event (exactly once per event, live or replayed) and {@link #forecasts} reads it. The built-in kinds keep
 * none: they read the key's event history.
 */
public interface FeatureTransform {
    /** The registered kind name, e.g. "VALUES". */
    String kind();

    /** The parameters a release carries for this transform. */
    FeatureParameters parameters();

    /** Values the network reads per event for events of {@code eventSize} values. */
    int networkInputs(int eventSize);

    /** Values the head forecasts per step (D) for events of {@code eventSize} values. */
    int forecastValues(int eventSize);

    /** Values an event must carry under a network of this spec (the normalizer's feature count); 1 by default. */
    default int eventSize(NetworkSpec spec) {
        return 1;
    }

    /** Events of a key the transform reads, the current one included; 0 when it reads the current event only. */
    default int historySize() {
        return 0;
    }

    /** Doubles of per-key state the transform keeps (0: none; the built-in kinds read the history instead). */
    default int stateSize() {
        return 0;
    }

    /**
     * The symbols of a categorical kind, whose events carry a symbol that {@link #row} maps to its slot;
     * empty for kinds that read values only.
     */
    default java.util.Optional<Vocabulary> symbols() {
        return java.util.Optional.empty();
    }

    /**
     * Values of the row of an event that carries {@code values} values: what {@link #inputs} reads and the key's
     * event ring keeps ({@link #eventSize} of them). The values themselves for a kind that reads values (the
     * default); the symbol's index followed by the values for a kind that reads symbols.
     */
    default int rowSize(int values) {
        return values;
    }

    /**
     * Writes the row of an event (its symbol, null when it carries none, and its first {@code n} values) to
     * row[0..{@link #rowSize}(n)): the values for a kind that reads values (the default); for a kind that reads
     * symbols, the symbol's slot in {@link #symbols()} ({@link Vocabulary#UNKNOWN} for a symbol the vocabulary does
     * not hold) followed by the values. Allocates nothing.
     */
    default void row(String symbol, double[] values, int n, double[] row) {
        System.arraycopy(values, 0, row, 0, n);
    }

    /** Whether the event's symbol is one this kind reads as the unknown slot (flagged); false for a kind that reads none. */
    default boolean unseen(String symbol) {
        return false;
    }

    /**
     * Why an event that carries a symbol or not and {@code values} values does not fit this kind, as a phrase
     * after "event" (e.g. "has no symbol, the model reads one symbol per event"); null when it fits. A kind that
     * reads no symbol ignores the event's symbol and leaves the count of values to the caller's check of
     * {@link #rowSize} against {@link #eventSize} (the default, null). Allocates only for a misfit.
     */
    default String misfit(boolean hasSymbol, int values) {
        return null;
    }

    /** Sets the state of a key before its first event ({@link #stateSize()} doubles from 0). */
    default void reset(double[] state) {
    }

    /** @throws IllegalArgumentException when the network does not fit this transform, naming why */
    void check(NetworkSpec spec);

    /**
     * Writes the network's input for the current event to x.
     *
     * @param event   the current event's values, as floats
     * @param history the key's latest events, newest (k = 0) the current one; at least {@link #historySize()}
     *                of them when the key has that many (may be empty when {@link #historySize()} is 0)
     * @param state   the key's state ({@link #stateSize()} doubles), advanced here by the current event
     * @param mu      μ_j of the key's scaling
     * @param sigma   σ_j of the key's scaling
     */
    void inputs(float[] event, EventHistory history, double[] state, float[] mu, float[] sigma, float[] x);

    /**
     * Maps the network's output to the forecasts f (events' units, H·D values, row s·D + d) and writes the
     * scaled step-1 forecast ẑ_{t+1, d} (d &lt; D) to zNext, which a detector compares with the next event.
     *
     * @param event the current event's values, as doubles
     * @param state the key's state after {@link #inputs} of this event
     */
    void forecasts(double[] event, EventHistory history, double[] state, float[] mu, float[] sigma, float[] out,
                   int dims, float[] forecast, float[] zNext);

    /**
     * The training encoding of one run of a key's events (a fresh state at its start): every row's
     * inputs, scaled values and forecast bases, computed as {@link #inputs} and {@link #forecasts} compute
     * them at that event (a kind with state runs it through the rows from {@link #reset}).
     *
     * @param times   the run's event times, in arrival order
     * @param values  the run's raw values, [rows][n]
     * @param mu      μ_j of the key's scaling (n of them)
     * @param sigma   σ_j of the key's scaling
     * @param horizon H, steps the head forecasts
     */
    EncodedSeries encode(long[] times, float[] values, int n, float[] mu, float[] sigma, int horizon);
}
