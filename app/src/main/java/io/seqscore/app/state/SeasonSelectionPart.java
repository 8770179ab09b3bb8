package io.seqscore.app.state;

import io.seqscore.model.core.features.SeasonSelection;

/**
 * Part 9, the key's season selection ({@link SeasonSelection}): the events counted and the running mean absolute
 * errors of its daily, weekly and mean-of-the-two seasonal predictors. Computed from the key's own values only, so it
 * does not start over with a new model; emptied with the key's event ring. Absent while nothing is counted (the
 * selection is off, or the key has not yet seen a week of events). Optional: a reader that does not know it drops
 * it, and the key's selection warms up again.
 *
 * <pre>
 * version 1:
 *   f64  n, e_day, e_week, e_mean          n &gt; 0
 * </pre>
 */
final class SeasonSelectionPart implements StatePart {
    static final SeasonSelectionPart INSTANCE = new SeasonSelectionPart();

    private SeasonSelectionPart() {
    }

    @Override
    public int id() {
        return 9;
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public String name() {
        return "season selection";
    }

    @Override
    public boolean optional() {
        return true;
    }

    @Override
    public boolean presentIn(KeyState s) {
        return s.selection[0] > 0;
    }

    @Override
    public int size(KeyState s) {
        return 8 * SeasonSelection.STATE_SIZE;
    }

    @Override
    public void write(KeyState s, StateWriter out) {
        out.doubles(s.selection, SeasonSelection.STATE_SIZE);
    }

    @Override
    public void read(StateReader in, int version, KeyState into) {
        in.doubles(into.selection, SeasonSelection.STATE_SIZE, "season selection");
        double n = into.selection[0];
        if (!(n >= 1 && n == Math.rint(n))) {
            throw new StateFormatException("season selection with " + n + " events counted");
        }
        for (int i = 1; i < SeasonSelection.STATE_SIZE; i++) {
            double e = into.selection[i];
            if (!(e >= 0) || Double.isInfinite(e)) {
                throw new StateFormatException("season selection error " + e);
            }
        }
    }
}
