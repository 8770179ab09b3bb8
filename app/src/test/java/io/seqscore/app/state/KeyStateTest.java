package io.seqscore.app.state;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    private static List<Long> times(KeyState s) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < s.ringCount(); i++) {
            out.add(s.ringTime(i));
        }
        return out;
    }

    @Test
    void shouldKeepTheMostRecentEventsOldestFirstWithTheirTimes() {
        KeyState s = new KeyState();
        s.ringCapacity(3);
        s.inputSize(1);
        for (int i = 1; i <= 5; i++) {
            s.pushInput(10L * i, new float[] {i});
        }
        assertThat(ring(s)).containsExactly(3f, 4f, 5f);
        assertThat(times(s)).containsExactly(30L, 40L, 50L);
        s.ringCapacity(2);
        assertThat(ring(s)).containsExactly(4f, 5f);
        assertThat(times(s)).containsExactly(40L, 50L);
        s.pushInput(60, new float[] {6f});
        assertThat(ring(s)).containsExactly(5f, 6f);
        s.ringCapacity(4);
        s.pushInput(70, new float[] {7f});
        assertThat(ring(s)).containsExactly(5f, 6f, 7f);
        assertThat(times(s)).containsExactly(50L, 60L, 70L);
        s.ringCapacity(0);
        s.pushInput(80, new float[] {8f});
        assertThat(s.ringCount()).isZero();
    }

    @Test
    void historyViewsTheRingNewestFirstWithoutTheSkippedEventsAndWithinTheLimit() {
        KeyState s = new KeyState();
        s.ringCapacity(4);
        s.inputSize(2);
        for (int i = 1; i <= 6; i++) {
            s.pushInput(100L * i, new float[] {i, -i});
        }
        // the ring holds events 3..6
        KeyState.History all = s.history(0, 10);
        assertThat(all.count()).isEqualTo(4);
        assertThat(all.time(0)).isEqualTo(600L);
        assertThat(all.value(0)).isEqualTo(6f);
        assertThat(all.value(3, 1)).isEqualTo(-3f);
        KeyState.History before = s.history(1, 2);
        assertThat(before.count()).isEqualTo(2);
        assertThat(new long[] {before.time(0), before.time(1)}).containsExactly(500L, 400L);
        assertThat(before.newestAtOrBefore(450, 60)).isEqualTo(1);
        assertThat(before.newestAtOrBefore(350, 1000)).as("event 3 lies beyond the limit").isEqualTo(-1);
        assertThat(s.history(4, 10).count()).isZero();
        assertThatThrownBy(() -> s.history(1, 2).time(2)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void shouldForgetTheDetectorStateWhenTheInputSizeChangesOrTheKeyIsCleared() {
        KeyState s = new KeyState();
        s.inputSize(1);
        s.detectorBuffer(1, 1, 15)[3] = 2.5;
        s.detectorCounters()[0] = 9;
        assertThat(s.hasDetector(1, 1, 15)).isTrue();
        assertThat(s.hasDetector(1, 1, 12)).isFalse();
        s.inputSize(2);
        assertThat(s.hasDetector(1, 1, 15)).isFalse();
        assertThat(s.detectorCounters()).containsOnly(0L);
        s.detectorBuffer(2, 1, 26);
        s.clear();
        assertThat(s.detectorSize()).isZero();
    }

    @Test
    void shouldForgetBufferedInputsAndTheNormalizerWhenTheInputSizeChanges() {
        KeyState s = new KeyState();
        s.ringCapacity(4);
        s.inputSize(1);
        s.pushInput(1, new float[] {1f});
        s.addToNormalizer(new float[] {1f});
        s.inputSize(1);
        assertThat(s.ringCount()).isEqualTo(1);
        s.inputSize(2);
        assertThat(s.ringCount()).isZero();
        assertThat(s.normalizerCount()).isZero();
        s.pushInput(2, new float[] {2f, 3f});
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
        s.pushInput(1, new float[] {1f});
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
