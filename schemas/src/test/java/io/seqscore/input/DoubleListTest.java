package io.seqscore.input;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DoubleListTest {
    @Test
    void shouldGrowWhenAddingAndStartEmptyAgainAfterReset() {
        DoubleList list = new DoubleList();
        for (int i = 0; i < 20; i++) {
            list.add(i * 0.5);
        }
        assertThat(list).hasSize(20).startsWith(0.0, 0.5).endsWith(9.5);
        list.reset();
        list.add(7);
        assertThat(list).containsExactly(7.0);
    }

    @Test
    void shouldHoldTheValuesPutAfterResettingToALength() {
        DoubleList list = new DoubleList().reset(12);
        list.put(0, 1.5);
        list.put(11, -2);
        assertThat(list).hasSize(12);
        assertThat(list.getDouble(0)).isEqualTo(1.5);
        assertThat(list.get(11)).isEqualTo(-2.0);
        assertThat(list.reset(1)).hasSize(1);
        assertThatThrownBy(() -> list.get(1)).isInstanceOf(IndexOutOfBoundsException.class).hasMessage("index 1 of 1");
    }
}
