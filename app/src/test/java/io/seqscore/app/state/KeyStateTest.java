package io.seqscore.app.state;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class KeyStateTest {

    private static List<Float> ring(KeyState s) {
        List<Float> out = new ArrayList<>();
        float[] x = new float[s.inputSize()];
        for (int i = 0; i < s.ringCount(); i++) {
            s.copyRingInput(i, x, 0);
            out.add(x[0]);
        }
        return out;
    }

    @Test
    void shouldKeepTheMostRecentInputsOldestFirst() {
        KeyState s = new KeyState();
        s.ringCapacity(3);
        s.inputSize(1);
        for (int i = 1; i <= 5; i++) {
            s.pushInput(new float[] {i});
        }
        assertThat(ring(s)).containsExactly(3f, 4f, 5f);
        s.ringCapacity(2);
        assertThat(ring(s)).containsExactly(4f, 5f);
        s.pushInput(new float[] {6f});
        assertThat(ring(s)).containsExactly(5f, 6f);
        s.ringCapacity(4);
        s.pushInput(new float[] {7f});
        assertThat(ring(s)).containsExactly(5f, 6f, 7f);
        s.ringCapacity(0);
        s.pushInput(new float[] {8f});
        assertThat(s.ringCount()).isZero();
    }

    @Test
    void shouldForgetBufferedInputsAndTheNormalizerWhenTheInputSizeChanges() {
        KeyState s = new KeyState();
        s.ringCapacity(4);
        s.inputSize(1);
        s.pushInput(new float[] {1f});
        s.addToNormalizer(new float[] {1f});
        s.inputSize(1);
        assertThat(s.ringCount()).isEqualTo(1);
        s.inputSize(2);
        assertThat(s.ringCount()).isZero();
        assertThat(s.normalizerCount()).isZero();
        s.pushInput(new float[] {2f, 3f});
        float[] x = new float[2];
        s.copyRingInput(0, x, 0);
        assertThat(x).containsExactly(2f, 3f);
    }

    @Test
    void shouldFitTheKeysNormalizerWithWelford() {
        KeyState s = new KeyState();
        s.inputSize(1);
        for (float v : new float[] {2f, 4f, 4f, 4f, 5f, 5f, 7f, 9f}) {
            s.addToNormalizer(new float[] {v});
        }
        assertThat(s.normalizerCount()).isEqualTo(8);
        assertThat(s.normalizerMean()[0]).isEqualTo(5f);
        assertThat(s.normalizerM2()[0] / 8).isEqualTo(4f);
    }

    @Test
    void shouldResetTheRecurrentPartButKeepInputsAndEventTime() {
        KeyState s = new KeyState();
        s.ringCapacity(2);
        s.inputSize(1);
        s.pushInput(new float[] {1f});
        s.lastEventTime(99);
        s.resetRecurrent("m", 3, 4, 1);
        s.recurrent()[2] = 5f;
        s.forecastBuffer(1, 1)[0] = 2f;
        s.stepsSeen(7);
        s.residualMean()[0] = 0.5f;
        s.residualCount(3);
        s.resetRecurrent("m", 4, 4, 1);
        assertThat(s.recurrent()).containsOnly(0f);
        assertThat(s.hasForecast()).isFalse();
        assertThat(s.stepsSeen()).isZero();
        assertThat(s.residualCount()).isZero();
        assertThat(s.residualMean()[0]).isZero();
        assertThat(s.residualVar()[0]).isEqualTo(1f);
        assertThat(s.madeBy("m", 4)).isTrue();
        assertThat(s.ringCount()).isEqualTo(1);
        assertThat(s.lastEventTime()).isEqualTo(99);
    }
}
