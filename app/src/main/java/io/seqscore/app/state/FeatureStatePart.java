package io.seqscore.app.state;

/**
 * Part 8, the feature kind's per-key state (e.g. ES_HYBRID's event count, level, seasonal indices and recent
 * de-seasonalized values), in the kind's own layout. Made by the model the recurrent part names, and started over
 * with it; absent for the kinds that keep none.
 *
 * <pre>
 * version 1:
 *   var  S, f64[S]                         the kind's S doubles (S &gt; 0)
 * </pre>
 */
final class FeatureStatePart implements StatePart {
    static final FeatureStatePart INSTANCE = new FeatureStatePart();
    /** Most doubles a feature state may hold (ES_HYBRID's largest periods and window fit well within). */
    static final int MAX_DOUBLES = 1 << 20;

    private FeatureStatePart() {
    }

    @Override
    public int id() {
        return 8;
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public String name() {
        return "feature state";
    }

    @Override
    public boolean presentIn(KeyState s) {
        return s.featuresSize > 0;
    }

    @Override
    public int size(KeyState s) {
        return StateWriter.varintSize(s.featuresSize) + 8 * s.featuresSize;
    }

    @Override
    public void write(KeyState s, StateWriter out) {
        out.varint(s.featuresSize);
        out.doubles(s.features, s.featuresSize);
    }

    @Override
    public void read(StateReader in, int version, KeyState into) {
        int size = in.varint("feature state length", MAX_DOUBLES);
        if (size == 0) {
            throw new StateFormatException("feature state part with 0 doubles");
        }
        if (!into.hasModel()) {
            throw new StateFormatException("feature state of " + size + " doubles without the model that made it");
        }
        in.need(8L * size, "feature state");
        into.features = KeyState.exactDoubles(into.features, size);
        into.featuresSize = size;
        in.doubles(into.features, size, "feature state");
    }
}
