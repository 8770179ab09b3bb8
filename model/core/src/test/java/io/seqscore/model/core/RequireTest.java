package io.seqscore.model.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequireTest {
    @Test
    void shouldPassWhenNoValueIsNull() {
        assertThatCode(() -> Require.nonNull("a b", "x", 1)).doesNotThrowAnyException();
    }

    @Test
    void shouldNameTheFirstNullValue() {
        assertThatThrownBy(() -> Require.nonNull("first second third", "x", null, null))
                .isExactlyInstanceOf(NullPointerException.class)
                .hasMessage("second");
    }

    @Test
    void shouldRefuseNamesThatDoNotMatchTheValues() {
        assertThatThrownBy(() -> Require.nonNull("a b", "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("2 names for 1 values: a b");
    }
}
