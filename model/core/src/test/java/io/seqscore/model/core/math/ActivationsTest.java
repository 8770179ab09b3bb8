package io.seqscore.model.core.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ActivationsTest {

    @Test
    void scalarActivationsAreFiniteAndSaturateForHugeInputs() {
        assertThat(Activations.sigmoid(2000f)).isEqualTo(1f);
        assertThat(Activations.sigmoid(-2000f)).isEqualTo(0f);
        assertThat(Activations.sigmoid(Float.MAX_VALUE)).isEqualTo(1f);
        assertThat(Activations.sigmoid(-Float.MAX_VALUE)).isEqualTo(0f);
        assertThat(Activations.tanh(2000f)).isEqualTo(1f);
        assertThat(Activations.tanh(-2000f)).isEqualTo(-1f);
        assertThat(Activations.sigmoid(0f)).isEqualTo(0.5f);
        assertThat(Activations.tanh(0.5f)).isCloseTo((float) Math.tanh(0.5), within(0f));
        assertThat(Activations.relu(-3f)).isZero();
        assertThat(Activations.relu(3f)).isEqualTo(3f);
    }
}
