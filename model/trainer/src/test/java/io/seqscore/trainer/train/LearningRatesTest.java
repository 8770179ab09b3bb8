package io.seqscore.trainer.train;

import io.seqscore.model.core.CellType;
import io.seqscore.model.core.train.LearningRateSchedule;
import io.seqscore.trainer.data.WindowShape;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LearningRatesTest {
    static TrainConfig config(ScheduleKind schedule, int warmup) {
        return new TrainConfig(CellType.LSTM, 1, 8, 1, new WindowShape(10, 2, 8, 1), 4, 5, OptimizerKind.ADAM, 0.1,
                0.9, 0, schedule, 0.01, warmup, 2, 0.5, 1, 0, 0, 1, 1, 1);
    }

    @Test
    void shouldWarmUpLinearlyThenFollowTheSchedule() {
        // 5 epochs of 10 steps = 50 steps; warm-up 10
        LearningRateSchedule constant = LearningRates.of(config(ScheduleKind.CONSTANT, 10), 10);
        assertThat(constant.rate(1)).isCloseTo(0.01, within(1e-15));
        assertThat(constant.rate(10)).isCloseTo(0.1, within(1e-15));
        assertThat(constant.rate(50)).isEqualTo(0.1);
        LearningRateSchedule cosine = LearningRates.of(config(ScheduleKind.COSINE, 10), 10);
        assertThat(cosine.rate(30)).isCloseTo(0.01 + 0.09 * 0.5, within(1e-15));
        assertThat(cosine.rate(50)).isCloseTo(0.01, within(1e-15));
        assertThat(cosine.rate(20)).isCloseTo(0.01 + 0.09 * 0.5 * (1 + Math.cos(Math.PI / 4)), within(1e-15));
    }

    /** 5 epochs of 10 steps: ½·0.1·(1 + cos(π t / 50)) floored at 0.01. */
    @Test
    void shouldDecayCosineToZeroFlooredAtTheMinimum() {
        LearningRateSchedule floor = LearningRates.of(config(ScheduleKind.COSINE_FLOOR, 0), 10);
        assertThat(floor.rate(25)).isCloseTo(0.05, within(1e-15));
        assertThat(floor.rate(5)).isCloseTo(0.05 * (1 + Math.cos(Math.PI / 10)), within(1e-15));
        assertThat(floor.rate(40)).isEqualTo(0.01); // ½·0.1·(1 + cos(0.8π)) = 0.00955 < 0.01
        assertThat(floor.rate(35)).isCloseTo(0.05 * (1 - 0.5877852522924731), within(1e-15)); // cos(0.7π) = −0.5878
        assertThat(floor.rate(50)).isEqualTo(0.01);
        assertThat(floor.rate(60)).isEqualTo(0.01);
    }

    @Test
    void shouldStepDownByGammaEveryStepEpochs() {
        LearningRateSchedule step = LearningRates.of(config(ScheduleKind.STEP, 0), 10);
        assertThat(step.rate(1)).isEqualTo(0.1);
        assertThat(step.rate(20)).isEqualTo(0.1);
        assertThat(step.rate(21)).isEqualTo(0.05);
        assertThat(step.rate(41)).isEqualTo(0.025);
    }
}
