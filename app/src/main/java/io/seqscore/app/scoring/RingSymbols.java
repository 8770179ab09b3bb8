package io.seqscore.app.scoring;

import io.seqscore.app.model.ModelRegistry;
import io.seqscore.app.model.RolloutPlan;
import io.seqscore.app.model.ServingModel;
import io.seqscore.app.state.KeyState;
import io.seqscore.model.core.features.Vocabulary;

import java.util.List;

/**
 * The symbols of a key's event ring re-indexed for another release's vocabulary. A ring row of a model that
 * reads symbols starts with the symbol's index in the vocabulary of the release that made the key's state
 * ({@link KeyState#modelName()}, {@link KeyState#modelVersion()}); two releases of a model (serving and canary,
 * serving and shadow, a version and the next) usually index their symbols differently, since a vocabulary is
 * learned from the training data, most frequent first. Before a release of symbols replays a ring made under
 * another release (a re-warm), each row's index is mapped through the symbol it stands for: a symbol the other
 * vocabulary does not hold, and the unknown slot, become the unknown slot (so a symbol unseen by the ring's
 * release and known to the other replays as unseen). When the vocabulary that indexed the ring is not known any
 * more (its release no longer kept by the registry), the ring cannot be read and is not replayed.
 * Runs at re-warms only; keeps its map and scratch ring for the last pair of vocabularies. Not thread-safe: one
 * per {@link ScoringProcessor}.
 */
final class RingSymbols {
    private final ModelRegistry registry;
    private final KeyState scratch = new KeyState();
    private float[] row = new float[0];
    private Vocabulary from;
    private Vocabulary to;
    private int[] map;

    RingSymbols(ModelRegistry registry) {
        this.registry = registry;
    }

    /**
     * Makes the ring of {@code state} (made under the state's release) that of {@code model} before
     * {@code model} re-warms it: re-indexed in place, or emptied when its vocabulary is not known. Nothing for
     * a model of values or a ring already in the model's vocabulary.
     */
    void adopt(KeyState state, ServingModel model) {
        if (model.vocabulary() == null || state.ringCount() == 0) {
            return;
        }
        Vocabulary ring = vocabularyOf(state);
        if (ring == null) {
            state.clearRing();
            return;
        }
        int[] indices = map(ring, model.vocabulary());
        if (indices != null) {
            copy(state, indices, scratch);
            copy(scratch, null, state);
        }
    }

    /**
     * The events a shadow of symbols replays from the key's main state: {@code main} itself when its ring is in
     * the shadow's vocabulary, else a re-indexed copy (empty when the ring's vocabulary is not known), valid
     * until the next call.
     */
    KeyState replayFor(KeyState main, ServingModel shadow) {
        if (shadow.vocabulary() == null || main.ringCount() == 0) {
            return main;
        }
        Vocabulary ring = vocabularyOf(main);
        if (ring == null) {
            scratch.clearRing();
            return scratch;
        }
        int[] indices = map(ring, shadow.vocabulary());
        if (indices == null) {
            return main;
        }
        copy(main, indices, scratch);
        return scratch;
    }

    /** The vocabulary of the release that made the state, or null when it reads no symbols or is not kept. */
    private Vocabulary vocabularyOf(KeyState state) {
        if (!state.hasModel()) {
            return null;
        }
        RolloutPlan plan = registry.plan(state.modelName());
        if (plan == null) {
            return null;
        }
        List<ServingModel> kept = plan.kept();
        for (int i = 0; i < kept.size(); i++) {
            ServingModel m = kept.get(i);
            if (m.version() == state.modelVersion()) {
                return m.vocabulary();
            }
        }
        return null;
    }

    /** Index in {@code a} → index in {@code b} of the same symbol (unknown: 0); null when they are equal. */
    private int[] map(Vocabulary a, Vocabulary b) {
        if (a == from && b == to) {
            return map;
        }
        from = a;
        to = b;
        if (a.equals(b)) {
            map = null;
            return null;
        }
        map = new int[a.size()];
        for (int i = 1; i < a.size(); i++) {
            map[i] = b.index(a.symbol(i));
        }
        return map;
    }

    /** Replaces the ring of {@code into} by that of {@code events}, each row's symbol index mapped (null: as is). */
    private void copy(KeyState events, int[] indices, KeyState into) {
        int n = events.inputSize();
        if (row.length < n) {
            row = new float[n];
        }
        into.clearRing();
        into.inputSize(n);
        into.ringCapacity(events.ringCapacity());
        int count = events.ringCount();
        for (int i = 0; i < count; i++) {
            events.copyRingInput(i, row, 0);
            if (indices != null) {
                int index = (int) row[0];
                row[0] = index >= 0 && index < indices.length ? indices[index] : Vocabulary.UNKNOWN;
            }
            into.pushInput(events.ringTime(i), row);
        }
    }
}
