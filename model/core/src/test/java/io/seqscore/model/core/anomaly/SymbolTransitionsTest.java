package io.seqscore.model.core.anomaly;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SymbolTransitionsTest {
    @Test
    void shouldEncodeEachPairAsPreviousTimesVPlusNextWithTheStartAsV() {
        SymbolTransitions t = new SymbolTransitions.Builder(4).addSession(new int[] {2, 3, 3}).add(1, 0).build();
        assertThat(t.codes()).containsExactly(1 * 4 + 0, 2 * 4 + 3, 3 * 4 + 3, 4 * 4 + 2);
        assertThat(t.seen(SymbolTransitions.START, 2)).isTrue();
        assertThat(t.seen(SymbolTransitions.START, 3)).isFalse();
        assertThat(t.seen(2, 3)).isTrue();
        assertThat(t.seen(3, 2)).isFalse();
        assertThat(t.seen(3, 3)).isTrue();
        assertThat(t.seen(1, 0)).isTrue();
        assertThat(t.seen(0, 1)).isFalse();
        assertThat(t.seen(2, 4)).as("next outside V").isFalse();
        assertThat(t.seen(4, 1)).as("previous outside V").isFalse();
        assertThat(SymbolTransitions.of(4, t.codes())).isEqualTo(t);
    }

    @Test
    void shouldSearchTheCodesOfAVocabularyTooLargeForABitSet() {
        int v = 5000;
        SymbolTransitions t = SymbolTransitions.of(v, new int[] {7, (v - 1) * v + 4999, (v + 1) * v - 1});
        assertThat(t.seen(0, 7)).isTrue();
        assertThat(t.seen(0, 8)).isFalse();
        assertThat(t.seen(v - 1, 4999)).isTrue();
        assertThat(t.seen(SymbolTransitions.START, v - 1)).isTrue();
    }

    @Test
    void shouldHaveNoTableForNoCodes() {
        assertThat(SymbolTransitions.of(9, new int[0])).isSameAs(SymbolTransitions.NONE);
        assertThat(SymbolTransitions.NONE.isEmpty()).isTrue();
        assertThat(SymbolTransitions.NONE.seen(SymbolTransitions.START, 0)).isFalse();
    }

    @Test
    void shouldRejectCodesOutOfRangeOrOrder() {
        assertThatThrownBy(() -> SymbolTransitions.of(3, new int[] {1, 12}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("code 12 at position 1 outside [0, 12)");
        assertThatThrownBy(() -> SymbolTransitions.of(3, new int[] {-1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("code -1 at position 0");
        assertThatThrownBy(() -> SymbolTransitions.of(3, new int[] {4, 4}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sorted ascending and distinct");
        assertThatThrownBy(() -> SymbolTransitions.of(3, new int[] {5, 2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not above the one before (5)");
        assertThatThrownBy(() -> SymbolTransitions.of(SymbolTransitions.MAX_SYMBOLS + 1, new int[] {1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 to 46340");
        assertThatThrownBy(() -> new SymbolTransitions.Builder(3).add(1, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 -> 3");
    }
}
