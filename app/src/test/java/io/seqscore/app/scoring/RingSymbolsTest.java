package io.seqscore.app.scoring;

import io.seqscore.app.model.ModelRegistry;
import io.seqscore.app.model.ServingModel;
import io.seqscore.app.state.KeyState;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A key's buffered symbols move to another release's vocabulary by name, keep their times and values, become the
 * unknown slot where the other vocabulary does not hold them, and are dropped when the vocabulary that indexed them
 * is no longer known.
 */
class RingSymbolsTest {
    private static final List<String> STEPS = List.of("login", "search", "view", "cart", "pay", "logout", "help");

    /** A key state made by {@code model}, its ring holding these symbols (v1 indices) at times 10, 20, ... */
    private static KeyState ring(ServingModel model, List<String> symbols) {
        KeyState s = new KeyState();
        s.inputSize(1);
        s.ringCapacity(8);
        s.resetRecurrent(model.name(), model.version(), model.spec().stateSize(), model.forecastDim());
        for (int i = 0; i < symbols.size(); i++) {
            s.pushInput(10L * (i + 1), new float[] {model.vocabulary().index(symbols.get(i))});
        }
        return s;
    }

    private static List<Float> indices(KeyState s) {
        float[] row = new float[1];
        Float[] out = new Float[s.ringCount()];
        for (int i = 0; i < out.length; i++) {
            s.copyRingInput(i, row, 0);
            out[i] = row[0];
        }
        return List.of(out);
    }

    /**
     * A model whose every training session holds all of {@code steps}, {@code often} twice: its vocabulary is the steps,
     * {@code often} first (whichever sessions the calibration holds out).
     */
    private static ServingModel model(List<String> steps, String often, long version) throws Exception {
        List<List<String>> distinct = new ArrayList<>();
        for (int d = 0; d < 4; d++) {
            List<String> s = new java.util.ArrayList<>(steps);
            s.add(d % s.size(), often);
            Collections.rotate(s, d);
            distinct.add(s);
        }
        return SymbolShadowAllocationTest.trained(distinct, version);
    }

    @Test
    void shouldReindexTheRingBySymbolForAnotherVocabulary() throws Exception {
        ServingModel v1 = model(STEPS.subList(0, 6), "view", 1);
        ServingModel v2 = model(STEPS.subList(1, 7), "logout", 2);
        ModelRegistry registry = new ModelRegistry();
        registry.offer(v1, 0L);
        registry.offer(v2, 0L);
        List<String> buffered = List.of("login", "cart", "refund", "logout");
        List<Float> expected = List.of(0f, (float) v2.vocabulary().index("cart"), 0f,
                (float) v2.vocabulary().index("logout"));
        assertThat(v1.vocabulary().symbols()).hasSize(6).startsWith("view");
        assertThat(v2.vocabulary().symbols()).hasSize(6).startsWith("logout");
        assertThat(v2.vocabulary().index("logout")).isNotEqualTo(v1.vocabulary().index("logout"));

        KeyState main = ring(v1, buffered);
        RingSymbols symbols = new RingSymbols(registry);
        KeyState replay = symbols.replayFor(main, v2);
        assertThat(indices(replay)).as("login is not in v2's vocabulary; refund in neither").isEqualTo(expected);
        assertThat(indices(main)).as("the main ring is left as it was").containsExactly(
                (float) v1.vocabulary().index("login"), (float) v1.vocabulary().index("cart"), 0f,
                (float) v1.vocabulary().index("logout"));
        assertThat(symbols.replayFor(main, v1)).as("its own vocabulary: the ring itself").isSameAs(main);

        symbols.adopt(main, v2);
        assertThat(indices(main)).isEqualTo(expected);
        assertThat(main.ringTime(0)).isEqualTo(10L);
        assertThat(main.ringTime(3)).isEqualTo(40L);
    }

    @Test
    void shouldDropARingWhoseVocabularyIsNoLongerKnown() throws Exception {
        ServingModel v1 = model(STEPS.subList(0, 6), "view", 1);
        ServingModel v2 = model(STEPS.subList(1, 7), "logout", 2);
        ModelRegistry registry = new ModelRegistry();
        registry.offer(v2, 0L);
        KeyState main = ring(v1, List.of("login", "cart"));
        RingSymbols symbols = new RingSymbols(registry);
        assertThat(symbols.replayFor(main, v2).ringCount()).isZero();
        assertThat(main.ringCount()).isEqualTo(2);
        symbols.adopt(main, v2);
        assertThat(main.ringCount()).as("v1 is not kept: its indices cannot be read").isZero();
    }
}
